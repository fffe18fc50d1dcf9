namespace Waymark.DropIns;

/// <summary>
/// What is typed to record a drop-in. Field names are the property names, so a page can put each problem beside its field.
/// </summary>
/// <param name="ArrivedAt">When they arrived (the instant read from the typed UK date and time); required, not in the future.</param>
/// <param name="Reasons">Why they came; at least one.</param>
/// <param name="ReasonWords">More about why; optional, but required when <see cref="DropInReasons.Other"/> is chosen; up to <see cref="MaxReasonWords"/> characters.</param>
/// <param name="WhatHelped">What helped, or what was done; required, up to <see cref="MaxWhatHelped"/> characters.</param>
/// <param name="SeenBy">The user ids of the team members who saw them; at least one, each a case worker of the team (the service checks).</param>
public sealed record DropInInput(
    DateTimeOffset? ArrivedAt,
    DropInReasons Reasons,
    string? ReasonWords,
    string? WhatHelped,
    IReadOnlyList<string> SeenBy)
{
    /// <summary>How long the words about why may be: 500 characters.</summary>
    public const int MaxReasonWords = 500;
    /// <summary>How long "what helped" may be: 3,000 characters (with the reasons it makes the contact's note, at most 4,000).</summary>
    public const int MaxWhatHelped = 3000;
    /// <summary>How many people may be recorded as having seen them: 10.</summary>
    public const int MaxSeenBy = 10;

    /// <summary>Every problem with the input on its own (field, message); the service adds those that need the database.</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (ArrivedAt is null) yield return (nameof(ArrivedAt), "Enter the date and time they arrived");
        if (Reasons == DropInReasons.None) yield return (nameof(Reasons), "Select why they came");
        else if ((Reasons & ~DropInReasonList.Known) != 0) yield return (nameof(Reasons), "Select why they came from the list");
        if (ReasonWords is { Length: > MaxReasonWords }) yield return (nameof(ReasonWords), $"More about why must be {MaxReasonWords} characters or fewer");
        else if (Reasons.HasFlag(DropInReasons.Other) && string.IsNullOrWhiteSpace(ReasonWords))
            yield return (nameof(ReasonWords), "Enter why they came, as you chose something else");
        if (string.IsNullOrWhiteSpace(WhatHelped)) yield return (nameof(WhatHelped), "Enter what helped, or what you did");
        else if (WhatHelped.Length > MaxWhatHelped) yield return (nameof(WhatHelped), $"What helped must be {MaxWhatHelped:N0} characters or fewer");
        var seen = SeenBy.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().ToList();
        if (seen.Count == 0) yield return (nameof(SeenBy), "Select who saw them");
        else if (seen.Count > MaxSeenBy) yield return (nameof(SeenBy), $"Select up to {MaxSeenBy} people who saw them");
    }

    /// <summary>
    /// Why they cannot have arrived at <see cref="ArrivedAt"/>, or nothing: not in the future (beyond
    /// <see cref="Episodes.EpisodeDates.ClockSkew"/>), and not before the UK day the person became known to the service.
    /// </summary>
    public IEnumerable<(string Field, string Message)> DateProblems(DateTimeOffset knownSince, DateTimeOffset now)
    {
        if (ArrivedAt is not { } at) yield break;
        if (at > now + Episodes.EpisodeDates.ClockSkew) yield return (nameof(ArrivedAt), "The time they arrived cannot be in the future");
        else if (UkTime.DateOf(at) < UkTime.DateOf(knownSince))
            yield return (nameof(ArrivedAt),
                $"The date they arrived cannot be before {UkTime.DateOf(knownSince).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}, when the person became known to the service");
    }

    /// <summary>The team members who saw them, trimmed, without blanks or repeats, in the order given.</summary>
    public IReadOnlyList<string> SeenByToStore => SeenBy.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList();

    /// <summary>The contact's note: the reasons, the words about why and what helped (at most 4,000 characters).</summary>
    public string ContactNote()
    {
        var why = DropInReasonList.Describe(Reasons);
        var words = string.IsNullOrWhiteSpace(ReasonWords) ? "" : $" ({ReasonWords.Trim()})";
        return $"Dropped in: {why}{words}. What helped: {WhatHelped?.Trim()}";
    }
}

/// <summary>A drop-in step the rules refuse (reopening when an episode is open, reopening twice), in words for the page.</summary>
public sealed class DropInRuleException(string message, Guid? openEpisodeId = null) : DomainRuleException(message)
{
    /// <summary>The open episode that stood in the way, for a link, when that was why.</summary>
    public Guid? OpenEpisodeId => openEpisodeId;
}
