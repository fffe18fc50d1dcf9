using Waymark.Episodes;
using Waymark.Referrals;

namespace Waymark.Liaison;

/// <summary>
/// Consent could not be recorded because the practitioner recorded that the person lacks capacity to give it
/// (Mental Capacity Act 2005 s2–3). Information may then be shared only without consent, on the best interests basis
/// (<see cref="LawfulBasis.BestInterests"/>, s4) or another lawful basis.
/// </summary>
public class LacksCapacityException() : DomainRuleException(Refusal)
{
    /// <summary>What the person recording is told.</summary>
    public const string Refusal =
        "Consent cannot be recorded: you recorded that the person does not have capacity to consent to sharing. " +
        "If sharing is in their best interests, record it as sharing without consent on the best interests basis, with a second person's agreement.";
}

/// <summary>A consent or disclosure could not be recorded or changed as asked (already withdrawn, another team's).</summary>
public class SharingRuleException(string message) : DomainRuleException(message);

/// <summary>Consent to share with criminal justice agencies as typed. Field keys of <see cref="Validate"/> are the property names.</summary>
/// <param name="Information"><see cref="SharedInformation"/> codes; at least one.</param>
/// <param name="AgencyIds">The team's agencies in use that it covers; at least one (checked against the team by the service).</param>
/// <param name="Purposes"><see cref="SharingPurposes"/> codes; at least one.</param>
/// <param name="Form">Verbal or written.</param>
/// <param name="HasCapacity">The practitioner's judgement: true has capacity, false lacks it (refused), null not answered.</param>
/// <param name="CapacityNote">How capacity was judged; required, up to 1000 characters.</param>
/// <param name="GivenAt">When the person gave it (an instant read from UK time as typed).</param>
public sealed record ConsentInput(IReadOnlyList<string> Information, IReadOnlyList<Guid> AgencyIds, IReadOnlyList<string> Purposes,
    ConsentForm? Form, bool? HasCapacity, string? CapacityNote, DateTimeOffset? GivenAt)
{
    /// <summary>Every problem (bar the agencies being the team's), as (field, message).</summary>
    /// <param name="dates">The episode's date rule: given not before identification, not in the future.</param>
    public IEnumerable<(string Field, string Message)> Validate(EpisodeDates dates)
    {
        if (Information.Count == 0) yield return (nameof(Information), "Select what the person agreed can be shared");
        else if (Information.Any(i => !SharedInformation.IsKnown(i))) yield return (nameof(Information), "Select what can be shared from the list");
        if (AgencyIds.Count == 0) yield return (nameof(AgencyIds), "Select at least one agency it can be shared with");
        if (Purposes.Count == 0) yield return (nameof(Purposes), "Select what it can be shared for");
        else if (Purposes.Any(p => !SharingPurposes.IsKnown(p))) yield return (nameof(Purposes), "Select the purposes from the list");
        if (Form is not { } f || !Enum.IsDefined(f)) yield return (nameof(Form), "Select how consent was given");
        if (HasCapacity is null) yield return (nameof(HasCapacity), "Select whether the person has capacity to consent to this");
        if (string.IsNullOrWhiteSpace(CapacityNote)) yield return (nameof(CapacityNote), "Enter how you judged their capacity to consent");
        else if (CapacityNote.Trim().Length > 1000) yield return (nameof(CapacityNote), "Capacity note must be 1,000 characters or fewer");
        if (GivenAt is not { } at) yield return (nameof(GivenAt), "Enter when consent was given");
        else if (dates.Past(at, "The time consent was given") is { } why) yield return (nameof(GivenAt), why);
    }
}

/// <summary>The withdrawal of a consent as typed.</summary>
/// <param name="At">When the person withdrew it (an instant read from UK time as typed).</param>
/// <param name="Note">What the person said, or why; optional, up to 1000 characters.</param>
public sealed record WithdrawalInput(DateTimeOffset? At, string? Note)
{
    /// <summary>Every problem, as (field, message): when is required, not before the consent was given, not in the future.</summary>
    public IEnumerable<(string Field, string Message)> Validate(CriminalJusticeConsent consent, DateTimeOffset now)
    {
        if (At is not { } at) yield return (nameof(At), "Enter when consent was withdrawn");
        else if (at < consent.GivenAt) yield return (nameof(At), "Consent cannot be withdrawn before it was given");
        else if (at > now + EpisodeDates.ClockSkew) yield return (nameof(At), "The time consent was withdrawn cannot be in the future");
        if (Note is { } n && n.Trim().Length > 1000) yield return (nameof(Note), "Note must be 1,000 characters or fewer");
    }
}

/// <summary>A decision to share without consent as typed. Field keys of <see cref="Validate"/> are the property names.</summary>
/// <param name="Basis">The lawful basis.</param>
/// <param name="Reason">Why it is justified and proportionate; required, up to 2000 characters.</param>
/// <param name="SecondPersonName">Who agreed (name and role); required, up to 200 characters, not the recorder.</param>
/// <param name="Information"><see cref="SharedInformation"/> codes; at least one.</param>
/// <param name="AgencyIds">The team's agencies in use; at least one.</param>
/// <param name="DecidedAt">When the decision was made (an instant read from UK time as typed).</param>
public sealed record WithoutConsentInput(LawfulBasis? Basis, string? Reason, string? SecondPersonName, IReadOnlyList<string> Information,
    IReadOnlyList<Guid> AgencyIds, DateTimeOffset? DecidedAt)
{
    /// <summary>Every problem (bar the agencies being the team's), as (field, message).</summary>
    /// <param name="dates">The episode's date rule: decided not before identification, not in the future.</param>
    /// <param name="recorderNames">The recording user's display name and user name: the second person must be someone else.</param>
    public IEnumerable<(string Field, string Message)> Validate(EpisodeDates dates, IEnumerable<string?> recorderNames)
    {
        if (Basis is not { } b || !Enum.IsDefined(b)) yield return (nameof(Basis), "Select the lawful basis for sharing without consent");
        if (string.IsNullOrWhiteSpace(Reason)) yield return (nameof(Reason), "Enter why sharing without consent is justified");
        else if (Reason.Trim().Length > 2000) yield return (nameof(Reason), "Reason must be 2,000 characters or fewer");
        if (string.IsNullOrWhiteSpace(SecondPersonName)) yield return (nameof(SecondPersonName), "Enter the name of the second person who agreed");
        else if (SecondPersonName.Trim().Length > 200) yield return (nameof(SecondPersonName), "Second person's name must be 200 characters or fewer");
        else if (IsRecorder(SecondPersonName, recorderNames))
            yield return (nameof(SecondPersonName), "The second person must be someone other than you: enter the name of the colleague who agreed");
        if (Information.Count == 0) yield return (nameof(Information), "Select what will be shared");
        else if (Information.Any(i => !SharedInformation.IsKnown(i))) yield return (nameof(Information), "Select what will be shared from the list");
        if (AgencyIds.Count == 0) yield return (nameof(AgencyIds), "Select at least one agency it will be shared with");
        if (DecidedAt is not { } at) yield return (nameof(DecidedAt), "Enter when the decision was made");
        else if (dates.Past(at, "The time of the decision") is { } why) yield return (nameof(DecidedAt), why);
    }

    /// <summary>
    /// Whether the typed second person is the recorder: the typed text, folded (case, accents, punctuation, spaces),
    /// equals or begins with one of the recorder's names ("Alex Morgan, practitioner" is Alex Morgan).
    /// </summary>
    public static bool IsRecorder(string typed, IEnumerable<string?> recorderNames)
    {
        var t = Fold(typed);
        return recorderNames.Select(Fold).Where(n => n.Length > 0)
            .Any(n => t == n || t.StartsWith(n + " ", StringComparison.Ordinal));
    }

    private static string Fold(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return "";
        var d = s.Normalize(System.Text.NormalizationForm.FormD);
        var chars = d.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        return string.Join(' ', new string(chars.ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
