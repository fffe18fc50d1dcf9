namespace Waymark.Episodes;

/// <summary>
/// The one rule for which dates an episode's events can have, used by every entity and service that records one
/// (milestones, closure, planned end, outcomes, referral steps and appointments, consent). A past event cannot be
/// before the person was identified (the episode's <see cref="IdentifiedAt"/>) nor later than now plus
/// <see cref="ClockSkew"/>; a planned or future event cannot be before identification nor more than
/// <see cref="YearsAhead"/> years after now. Dates are compared as instants, or as UK dates for date-only fields
/// (<see cref="UkTime"/>). Source: the issue "dates that cannot be true are refused" (an outcome dated 1900 on a
/// 2026 episode, a planned end in 9999).
/// </summary>
/// <param name="IdentifiedAt">When the person was identified: the episode's start.</param>
/// <param name="Now">The current instant (from the injected clock).</param>
public readonly record struct EpisodeDates(DateTimeOffset IdentifiedAt, DateTimeOffset Now)
{
    /// <summary>How far ahead of the server's clock a past event may be dated (a device's clock a little fast).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How many years ahead a planned date (planned end, appointment) may be.</summary>
    public const int YearsAhead = 2;

    /// <summary>The UK date the person was identified.</summary>
    public DateOnly IdentifiedOn => UkTime.DateOf(IdentifiedAt);

    /// <summary>Today's UK date.</summary>
    public DateOnly Today => UkTime.DateOf(Now);

    /// <summary>The latest planned UK date: <see cref="YearsAhead"/> years after today.</summary>
    public DateOnly LatestPlanned => Today.AddYears(YearsAhead);

    /// <summary>Why an event that has happened cannot be at <paramref name="at"/>, or null when it can.</summary>
    /// <param name="at">When it happened.</param>
    /// <param name="what">The start of the message, e.g. "The date".</param>
    public string? Past(DateTimeOffset at, string what = "The date") =>
        at < IdentifiedAt ? BeforeIdentification(what)
        : at > Now + ClockSkew ? $"{what} cannot be in the future"
        : null;

    /// <summary>Why an event that has happened cannot be on the UK date <paramref name="on"/>, or null when it can.</summary>
    public string? PastDay(DateOnly on, string what = "The date") =>
        on < IdentifiedOn ? BeforeIdentification(what)
        : on > Today ? $"{what} cannot be in the future"
        : null;

    /// <summary>Why a planned event (an appointment) cannot be at <paramref name="at"/>, or null when it can.</summary>
    public string? Planned(DateTimeOffset at, string what = "The date") =>
        at < IdentifiedAt ? BeforeIdentification(what)
        : UkTime.DateOf(at) > LatestPlanned ? TooFarAhead(what)
        : null;

    /// <summary>Why a planned UK date (a planned end) cannot be <paramref name="on"/>, or null when it can.</summary>
    public string? PlannedDay(DateOnly on, string what = "The date") =>
        on < IdentifiedOn ? BeforeIdentification(what)
        : on > LatestPlanned ? TooFarAhead(what)
        : null;

    /// <summary>How many years back the identification itself (the start of an episode) may be recorded.</summary>
    public const int IdentificationYearsBack = 1;

    /// <summary>
    /// Why a person cannot have been identified at <paramref name="at"/> (the date every other event of the episode is
    /// checked against), or null when they can: not later than now plus <see cref="ClockSkew"/>, not more than
    /// <see cref="IdentificationYearsBack"/> year(s) ago.
    /// </summary>
    public static string? Identification(DateTimeOffset at, DateTimeOffset now) =>
        at > now + ClockSkew ? "Date and time identified must be in the past"
        : at < now.AddYears(-IdentificationYearsBack) ? "Date identified must be within the last year"
        : null;

    private static string BeforeIdentification(string what) => $"{what} cannot be before the person was identified.";

    private string TooFarAhead(string what) => $"{what} must be no more than {YearsAhead} years from today";
}
