namespace Waymark.Mentoring;

/// <summary>
/// What is typed to pair a mentor with a person. Field names are the property names (for the page's error summary).
/// </summary>
/// <param name="MentorUserId">The volunteer of the team who will mentor them; required.</param>
/// <param name="AgreedOn">The UK date the person agreed to have a mentor; required, not in the future.</param>
/// <param name="SharesActionPlan">Whether the mentor sees the shared action plan (default yes).</param>
/// <param name="SharesCrisisPlan">Whether the mentor sees the shared crisis plan (default yes).</param>
public sealed record PairingInput(string? MentorUserId, DateOnly? AgreedOn, bool SharesActionPlan = true, bool SharesCrisisPlan = true);

/// <summary>
/// What a mentor types to record a mentoring contact (a meeting or call with their mentee). Field names are the
/// property names.
/// </summary>
/// <param name="OccurredAt">When it happened (the instant read from the typed UK date and time); required.</param>
/// <param name="Reached">True when they met or spoke, false for an attempt that did not reach them; required.</param>
/// <param name="DurationMinutes">How long, 1–720 minutes; optional.</param>
/// <param name="Note">A short note; required when reached, up to <see cref="MentoringRules.MaxContactNote"/> characters.</param>
public sealed record MentoringContactInput(DateTimeOffset? OccurredAt, bool? Reached, int? DurationMinutes, string? Note);

/// <summary>
/// The mentoring rules that need no database. Sources: issue 14 item 6 ("a team manager pairs a mentor with a person
/// who has agreed"; a mentor records mentoring contacts) and the contact rules of <see cref="Contacts.ContactInput"/>
/// (the same duration limits and "no future contacts").
/// </summary>
public static class MentoringRules
{
    /// <summary>How long the reason for ending may be: 500 characters.</summary>
    public const int MaxEndReason = 500;
    /// <summary>How long a mentoring contact's note may be: 1,000 characters (a short note, not a case note).</summary>
    public const int MaxContactNote = 1000;
    /// <summary>What a meeting a mentor books is for, as the appointment stores it (and the person's timeline shows it).</summary>
    public const string AppointmentPurpose = "Mentoring meeting";

    /// <summary>Every problem of <paramref name="input"/> on its own: a mentor chosen, and the date the person agreed (not after <paramref name="today"/>).</summary>
    public static IEnumerable<(string Field, string Message)> Problems(PairingInput input, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(input.MentorUserId)) yield return (nameof(PairingInput.MentorUserId), "Select the volunteer who will mentor them");
        if (input.AgreedOn is not { } agreed) yield return (nameof(PairingInput.AgreedOn), "Enter the date they agreed to have a mentor");
        else if (agreed > today) yield return (nameof(PairingInput.AgreedOn), "The date they agreed cannot be in the future");
    }

    /// <summary>
    /// Every problem of <paramref name="input"/>: when (not in the future beyond <see cref="Episodes.EpisodeDates.ClockSkew"/>,
    /// not before the UK day <paramref name="since"/> the pairing began), reached, duration (1–720) and the note.
    /// </summary>
    public static IEnumerable<(string Field, string Message)> Problems(MentoringContactInput input, DateOnly since, DateTimeOffset now)
    {
        if (input.OccurredAt is not { } at) yield return (nameof(MentoringContactInput.OccurredAt), "Enter the date and time you met or spoke");
        else if (at > now + Episodes.EpisodeDates.ClockSkew) yield return (nameof(MentoringContactInput.OccurredAt), "The date and time cannot be in the future");
        else if (UkTime.DateOf(at) < since)
            yield return (nameof(MentoringContactInput.OccurredAt),
                $"The date cannot be before {since.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}, when you started mentoring them");
        if (input.Reached is null) yield return (nameof(MentoringContactInput.Reached), "Select yes if you met or spoke, or no if you tried but did not");
        if (input.DurationMinutes is { } d && (d < Contacts.ContactInput.MinDuration || d > Contacts.ContactInput.MaxDuration))
            yield return (nameof(MentoringContactInput.DurationMinutes), $"How long must be between {Contacts.ContactInput.MinDuration} and {Contacts.ContactInput.MaxDuration} minutes");
        if (input.Reached == true && string.IsNullOrWhiteSpace(input.Note)) yield return (nameof(MentoringContactInput.Note), "Enter a short note of how it went");
        else if (input.Note is { } n && n.Trim().Length > MaxContactNote) yield return (nameof(MentoringContactInput.Note), "The note must be 1,000 characters or fewer");
    }

    /// <summary>The problem with a reason for ending, or null: required, up to <see cref="MaxEndReason"/> characters.</summary>
    public static string? EndReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "Enter why the mentoring is ending"
        : reason.Trim().Length > MaxEndReason ? "The reason must be 500 characters or fewer"
        : null;
}
