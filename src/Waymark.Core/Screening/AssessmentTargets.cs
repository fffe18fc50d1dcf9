namespace Waymark.Screening;

/// <summary>
/// A team's targets for how soon a full assessment follows screening, by urgency. Services set their
/// own (they are commissioned locally); the defaults follow common L&amp;D practice.
/// </summary>
public sealed record AssessmentTargets(int ImmediateMinutes, int TodayMinutes, int RoutineMinutes)
{
    public static readonly AssessmentTargets Default = new(60, 8 * 60, 5 * 24 * 60);

    /// <summary>Longest target a team may set: 28 days.</summary>
    public const int MaximumMinutes = 28 * 24 * 60;

    public TimeSpan For(Urgency u) => TimeSpan.FromMinutes(u switch
    {
        Urgency.Immediate => ImmediateMinutes,
        Urgency.Today => TodayMinutes,
        _ => RoutineMinutes,
    });

    /// <summary>When the assessment is due, or null when no assessment is planned.</summary>
    public DateTimeOffset? DueAt(ScreeningDecision decision, Urgency urgency, DateTimeOffset screenedAt) =>
        decision == ScreeningDecision.FullAssessment ? screenedAt + For(urgency) : null;

    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (ImmediateMinutes is < 1 or > MaximumMinutes) yield return ("Immediate", "Immediate target must be between 1 minute and 28 days");
        if (TodayMinutes is < 1 or > MaximumMinutes) yield return ("Today", "Today target must be between 1 minute and 28 days");
        if (RoutineMinutes is < 1 or > MaximumMinutes) yield return ("Routine", "Routine target must be between 1 minute and 28 days");
        if (ImmediateMinutes > TodayMinutes || TodayMinutes > RoutineMinutes)
            yield return ("Immediate", "Targets must get longer as urgency falls: immediate, then today, then routine");
    }
}
