using System.Text.RegularExpressions;

namespace Waymark.ThroughTheGate;

/// <summary>
/// What is typed to make or change a release plan. Field names are the property names (for the page's error summary).
/// </summary>
/// <param name="Prison">The prison (required, up to 200 characters).</param>
/// <param name="PrisonNumber">The prison number as typed ("a1234bc", "A 1234 BC"); optional.</param>
/// <param name="ExpectedReleaseOn">The expected UK release date; null when none was given (or the form could not read it).</param>
/// <param name="ReleaseType">How they are released; null when none was chosen.</param>
/// <param name="Notes">Anything else (up to 1000 characters).</param>
/// <param name="MeetBy">Who meets them at the gate; null when not chosen.</param>
/// <param name="MeetWorkerUserId">The team member who meets them (when <see cref="GateMeeter.Worker"/>).</param>
/// <param name="MeetOtherName">Who else meets them (when <see cref="GateMeeter.SomeoneElse"/>; up to 200 characters).</param>
/// <param name="MeetTime">The time of day as typed ("08:00", "8am"); optional.</param>
/// <param name="MeetPlace">Where they are met (required when someone meets them; up to 200 characters).</param>
/// <param name="Transport">How they travel on (up to 200 characters).</param>
/// <param name="WhatToBring">What to bring (up to 500 characters).</param>
public sealed record ReleasePlanInput(
    string? Prison,
    string? PrisonNumber,
    DateOnly? ExpectedReleaseOn,
    ReleaseType? ReleaseType,
    string? Notes = null,
    GateMeeter? MeetBy = GateMeeter.Nobody,
    string? MeetWorkerUserId = null,
    string? MeetOtherName = null,
    string? MeetTime = null,
    string? MeetPlace = null,
    string? Transport = null,
    string? WhatToBring = null);

/// <summary>A release-plan step the rules refuse (a second open plan, recording a release twice), with a message to act on.</summary>
public class ReleasePlanRuleException(string message) : DomainRuleException(message);

/// <summary>
/// The release-plan rules that need no database. Sources: issue 14 item 4 (the follow-up a month after release, the
/// 14-day list), HM Prison and Probation Service prison numbers (one letter, four digits, two letters, e.g. A1234BC).
/// </summary>
public static partial class ReleaseRules
{
    /// <summary>Longest prison, meet-by name, place and transport (200), what to bring and cancel reason (500), notes and follow-up note (1,000), in characters.</summary>
    public const int MaxPrison = 200, MaxName = 200, MaxPlace = 200, MaxTransport = 200, MaxBring = 500, MaxReason = 500, MaxNotes = 1000;
    /// <summary>The releases list shows expected release dates from today to this many days ahead (14).</summary>
    public const int UpcomingDays = 14;
    /// <summary>An expected release date may be up to 5 years ahead.</summary>
    public const int YearsAhead = 5;
    /// <summary>An expected release date, or a recorded release or follow-up, may be up to 92 days in the past (recorded late).</summary>
    public const int DaysBehind = 92;

    /// <summary>
    /// When the follow-up after release is due: one calendar month after the release date, or after the expected date
    /// until the release is recorded. A month after a day the next month lacks is that month's last day
    /// (31 January → 28 or 29 February; <see cref="DateOnly.AddMonths"/>).
    /// </summary>
    public static DateOnly FollowUpDue(ReleasePlan plan) => (plan.ReleasedOn ?? plan.ExpectedReleaseOn).AddMonths(1);

    /// <summary>Whether the follow-up is due on <paramref name="today"/> (UK date): on or after its due date, not done, plan not cancelled.</summary>
    public static bool FollowUpIsDue(ReleasePlan plan, DateOnly today) =>
        plan.CancelledAt is null && plan.FollowUpDoneOn is null && today >= FollowUpDue(plan);

    /// <summary>A prison number normalised (upper case, spaces removed), or null when blank.</summary>
    public static string? NormalisePrisonNumber(string? typed) =>
        string.IsNullOrWhiteSpace(typed) ? null : Regex.Replace(typed, @"\s+", "").ToUpperInvariant();

    /// <summary>What is wrong with a typed prison number, or null when it is blank or like "A1234BC" (any case, spaces allowed).</summary>
    public static string? PrisonNumberProblem(string? typed) =>
        NormalisePrisonNumber(typed) is not { } n || PrisonNumberPattern().IsMatch(n) ? null
            : "Enter the prison number like A1234BC: a letter, 4 numbers and 2 letters";

    [GeneratedRegex("^[A-Z][0-9]{4}[A-Z]{2}$")]
    private static partial Regex PrisonNumberPattern();

    /// <summary>The release type as the pages show it, e.g. "On licence".</summary>
    public static string Display(ReleaseType type) => type switch
    {
        ReleaseType.EndOfSentence => "End of sentence",
        ReleaseType.Licence => "On licence",
        ReleaseType.HomeDetentionCurfew => "Home detention curfew (tag)",
        ReleaseType.RemandEnded => "Remand ended or acquitted",
        _ => "Other",
    };

    /// <summary>
    /// The time and every problem (field, message) of <paramref name="input"/> that needs no database: prison, number,
    /// expected date (within <see cref="DaysBehind"/> days before and <see cref="YearsAhead"/> years after
    /// <paramref name="today"/>), type, and the meet-at-the-gate details.
    /// </summary>
    public static (TimeOnly? MeetTime, List<(string Field, string Message)> Problems) Read(ReleasePlanInput input, DateOnly today)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(input.Prison)) problems.Add((nameof(input.Prison), "Enter the prison"));
        else if (input.Prison.Trim().Length > MaxPrison) problems.Add((nameof(input.Prison), "The prison must be 200 characters or fewer"));
        if (PrisonNumberProblem(input.PrisonNumber) is { } number) problems.Add((nameof(input.PrisonNumber), number));
        if (input.ExpectedReleaseOn is not { } on) problems.Add((nameof(input.ExpectedReleaseOn), "Enter the expected release date"));
        else if (on < today.AddDays(-DaysBehind)) problems.Add((nameof(input.ExpectedReleaseOn), $"The expected release date must be within the last {DaysBehind} days or in the future"));
        else if (on > today.AddYears(YearsAhead)) problems.Add((nameof(input.ExpectedReleaseOn), $"The expected release date must be within {YearsAhead} years from today"));
        if (input.ReleaseType is not { } type || !Enum.IsDefined(type)) problems.Add((nameof(input.ReleaseType), "Select how they are being released"));
        if (input.Notes?.Trim().Length > MaxNotes) problems.Add((nameof(input.Notes), "The notes must be 1,000 characters or fewer"));
        TimeOnly? time = null;
        if (input.MeetBy is not { } by || !Enum.IsDefined(by)) problems.Add((nameof(input.MeetBy), "Select who meets them at the gate"));
        else if (by != GateMeeter.Nobody)
        {
            if (by == GateMeeter.Worker && string.IsNullOrWhiteSpace(input.MeetWorkerUserId))
                problems.Add((nameof(input.MeetWorkerUserId), "Select the member of your team who meets them"));
            if (by == GateMeeter.SomeoneElse)
            {
                if (string.IsNullOrWhiteSpace(input.MeetOtherName)) problems.Add((nameof(input.MeetOtherName), "Enter who meets them"));
                else if (input.MeetOtherName.Trim().Length > MaxName) problems.Add((nameof(input.MeetOtherName), "Who meets them must be 200 characters or fewer"));
            }
            if (!string.IsNullOrWhiteSpace(input.MeetTime))
            {
                time = TimeOfDay.Parse(input.MeetTime);
                if (time is null) problems.Add((nameof(input.MeetTime), "Enter the time like 08:30 or 8.30am"));
            }
            if (string.IsNullOrWhiteSpace(input.MeetPlace)) problems.Add((nameof(input.MeetPlace), "Enter where they are met"));
            else if (input.MeetPlace.Trim().Length > MaxPlace) problems.Add((nameof(input.MeetPlace), "Where they are met must be 200 characters or fewer"));
            if (input.Transport?.Trim().Length > MaxTransport) problems.Add((nameof(input.Transport), "Transport must be 200 characters or fewer"));
            if (input.WhatToBring?.Trim().Length > MaxBring) problems.Add((nameof(input.WhatToBring), "What to bring must be 500 characters or fewer"));
        }
        return (time, problems);
    }

    /// <summary>The problem with a typed release or follow-up date: none given, in the future, or more than <see cref="DaysBehind"/> days ago.</summary>
    public static string? PastDateProblem(DateOnly? date, DateOnly today, string what) =>
        date is not { } d ? $"Enter the date {what}"
        : d > today ? $"The date {what} must be today or in the past"
        : d < today.AddDays(-DaysBehind) ? $"The date {what} must be within the last {DaysBehind} days"
        : null;
}
