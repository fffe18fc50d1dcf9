namespace Waymark.Contacts;

/// <summary>The plain words for each <see cref="ContactKind"/>, as the forms and the timeline show them.</summary>
public static class ContactKinds
{
    /// <summary>Every kind, in the order the timeline's filter lists them.</summary>
    public static IReadOnlyList<ContactKind> All { get; } = Enum.GetValues<ContactKind>();

    /// <summary>
    /// The kinds a case worker records on the contact form: not <see cref="ContactKind.DropIn"/> (a drop-in record writes it,
    /// with its own details) nor <see cref="ContactKind.Mentoring"/> (a mentor's own page writes it).
    /// </summary>
    public static IReadOnlyList<ContactKind> Recordable { get; } =
        All.Where(k => k is not (ContactKind.DropIn or ContactKind.Mentoring)).ToList();

    /// <summary>The kind in plain words ("Phone call"); source: the issue 13 brief's labels.</summary>
    public static string Display(ContactKind kind) => kind switch
    {
        ContactKind.FaceToFace => "Face to face",
        ContactKind.Telephone => "Phone call",
        ContactKind.Video => "Video call",
        ContactKind.TextMessage => "Text message",
        ContactKind.Letter => "Letter",
        ContactKind.Email => "Email",
        ContactKind.InCustody => "In custody",
        ContactKind.InCourt => "At court",
        ContactKind.HomeVisit => "Home visit",
        ContactKind.AccompaniedToAppointment => "Went with them to an appointment",
        ContactKind.WithFamily => "With family or friends",
        ContactKind.DropIn => "Drop-in",
        ContactKind.Mentoring => "Mentoring",
        ContactKind.InPrison => "In prison",
        _ => "Contact",
    };
}

/// <summary>
/// What is typed to record (or correct) a contact. Field names are the property names, so a page can put each
/// problem beside its field.
/// </summary>
/// <param name="Kind">How it happened; required.</param>
/// <param name="Reached">True when it happened, false when it was attempted but the person was not reached; required.</param>
/// <param name="OccurredAt">When it happened (the instant read from the typed UK date and time); required.</param>
/// <param name="DurationMinutes">How long, in whole minutes, <see cref="MinDuration"/>–<see cref="MaxDuration"/>; optional.</param>
/// <param name="WorkerUserId">The team member who had the contact; required (the page defaults it to the user).</param>
/// <param name="WithWhom">Who else was there or was spoken to; optional, up to <see cref="MaxWithWhom"/> characters.</param>
/// <param name="Note">What happened; required for a reached contact, up to <see cref="MaxNote"/> characters.</param>
/// <param name="EpisodeId">
/// The person's open episode of the team it was part of; may be left null when the person has at most one (it is then
/// chosen automatically). Ignored on a correction, which keeps the corrected contact's episode.
/// </param>
/// <param name="SupportNetworkMemberId">
/// The member of the person's support network it was with, for a contact <see cref="ContactKind.WithFamily"/> only;
/// optional. The service refuses another person's member, a removed one, and one marked "do not contact" (issue 14 item 5).
/// </param>
public sealed record ContactInput(
    ContactKind? Kind,
    bool? Reached,
    DateTimeOffset? OccurredAt,
    int? DurationMinutes,
    string? WorkerUserId,
    string? WithWhom,
    string? Note,
    Guid? EpisodeId = null,
    Guid? SupportNetworkMemberId = null)
{
    /// <summary>The shortest duration: 1 minute.</summary>
    public const int MinDuration = 1;
    /// <summary>The longest duration: 720 minutes (12 hours, a long day at court).</summary>
    public const int MaxDuration = 720;
    /// <summary>How long "with whom" may be: 200 characters.</summary>
    public const int MaxWithWhom = 200;
    /// <summary>How long a note may be: 4,000 characters.</summary>
    public const int MaxNote = 4000;

    /// <summary>Why a kind the contact form does not offer is refused (drop-ins and mentoring have their own pages).</summary>
    public const string NotRecordableKind = "Select how the contact happened. Drop-ins and mentoring are recorded on their own pages";

    /// <summary>
    /// Every problem with the input on its own (field, message); the service adds those that need the database (the
    /// date against the person's history, the worker, the episode, the support-network member). A kind that is not
    /// <see cref="ContactKinds.Recordable"/> is refused (<see cref="NotRecordableKind"/>) unless it is
    /// <paramref name="keptKind"/>: the kind of the contact being corrected, which a correction may keep.
    /// </summary>
    public IEnumerable<(string Field, string Message)> Validate(ContactKind? keptKind = null)
    {
        if (Kind is not { } k || !Enum.IsDefined(k)) yield return (nameof(Kind), "Select how the contact happened");
        else if (!ContactKinds.Recordable.Contains(k) && k != keptKind) yield return (nameof(Kind), NotRecordableKind);
        if (SupportNetworkMemberId is not null && Kind is { } kind && kind != ContactKind.WithFamily && Enum.IsDefined(kind))
            yield return (nameof(SupportNetworkMemberId), "Choose nobody from the support network, or choose 'With family or friends' for a contact with them");
        if (Reached is null) yield return (nameof(Reached), "Select yes if you reached them, or no if you tried but did not");
        if (OccurredAt is null) yield return (nameof(OccurredAt), "Enter the date and time of the contact");
        if (DurationMinutes is { } d && (d < MinDuration || d > MaxDuration))
            yield return (nameof(DurationMinutes), $"How long must be between {MinDuration} and {MaxDuration} minutes");
        if (string.IsNullOrWhiteSpace(WorkerUserId)) yield return (nameof(WorkerUserId), "Select who had the contact");
        if (WithWhom is { Length: > MaxWithWhom }) yield return (nameof(WithWhom), "Who else was there must be 200 characters or fewer");
        if (Reached == true && string.IsNullOrWhiteSpace(Note)) yield return (nameof(Note), "Enter a note of what happened");
        else if (Note is { Length: > MaxNote }) yield return (nameof(Note), "The note must be 4,000 characters or fewer");
    }

    /// <summary>
    /// Why the contact cannot have happened at <see cref="OccurredAt"/>, or nothing: not before the UK day the person
    /// became known to the service (<paramref name="knownSince"/>: the earlier of their record's creation and their
    /// first identification), and not later than <paramref name="now"/> plus <see cref="Episodes.EpisodeDates.ClockSkew"/>
    /// (a contact is recorded after it happens). The same wording as <see cref="Episodes.EpisodeDates"/>.
    /// </summary>
    public IEnumerable<(string Field, string Message)> DateProblems(DateTimeOffset knownSince, DateTimeOffset now)
    {
        if (OccurredAt is not { } at) yield break;
        if (at > now + Episodes.EpisodeDates.ClockSkew) yield return (nameof(OccurredAt), "The date and time of the contact cannot be in the future");
        else if (UkTime.DateOf(at) < UkTime.DateOf(knownSince))
            yield return (nameof(OccurredAt),
                $"The date of the contact cannot be before {UkTime.DateOf(knownSince).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}, when the person became known to the service");
    }

    /// <summary>The note as stored: trimmed; empty when none was written.</summary>
    public string NoteToStore => Note?.Trim() ?? "";

    /// <summary>"With whom" as stored: trimmed, or null when blank.</summary>
    public string? WithWhomToStore => string.IsNullOrWhiteSpace(WithWhom) ? null : WithWhom.Trim();
}

/// <summary>A change to a contact that only its recorder or a team manager may make, or a contact that cannot change.</summary>
public sealed class ContactRuleException(string message) : DomainRuleException(message);
