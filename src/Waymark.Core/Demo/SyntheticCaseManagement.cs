using Waymark.Episodes;

namespace Waymark.Demo;

/// <summary>
/// Time-limited case management for the demo team, so "Endings due" and the planned-end page have something to show on
/// first run: one episode in support whose planned end passed 4 days ago (the default from the start of support), one
/// ending in 9 days after one extension with a reason, and one ending in 20 days set by hand. Synthetic data only; the
/// reasons are generic.
/// </summary>
public static class SyntheticCaseManagement
{
    /// <summary>
    /// Sets the planned ends of up to three of <paramref name="episodes"/> (changing the tracked entities) and returns the
    /// <see cref="PlannedEndChange"/> rows to add.
    /// </summary>
    /// <param name="episodes">Open episodes of the demo team in support, in a stable order.</param>
    /// <param name="userId">Who changed them (the demo practitioner).</param>
    /// <param name="now">The seeding instant.</param>
    public static IEnumerable<PlannedEndChange> Demo(IReadOnlyList<Episode> episodes, string userId, DateTimeOffset now)
    {
        var today = UkTime.DateOf(now);
        PlannedEndChange Change(Episode e, DateOnly? from, DateOnly to, string reason, DateTimeOffset at) => new()
        {
            TeamId = e.TeamId, PersonId = e.PersonId, EpisodeId = e.Id, From = from, To = to, Reason = reason, ChangedAt = at, ChangedByUserId = userId,
        };
        var changes = new List<PlannedEndChange>();
        if (episodes.Count > 0)
        {
            // Overdue: the end set when support started ran out four days ago. (Set by hand, not the team's default: the
            // demo's support started more recently than six months ago, and a "Default" reason must match the rule.)
            var e = episodes[0];
            e.PlannedEndDate = today.AddDays(-4);
            changes.Add(Change(e, null, e.PlannedEndDate.Value, PlannedEnds.FirstSetReason, e.SupportStartedAt ?? now.AddDays(-180)));
        }
        if (episodes.Count > 1)
        {
            // Extended once, now due in nine days.
            var e = episodes[1];
            var first = today.AddDays(-21);
            e.PlannedEndDate = today.AddDays(9);
            changes.Add(Change(e, null, first, PlannedEnds.FirstSetReason, e.SupportStartedAt ?? now.AddDays(-200)));
            changes.Add(Change(e, first, e.PlannedEndDate.Value, "Extended while the housing referral is completed", now.AddDays(-25)));
        }
        if (episodes.Count > 2)
        {
            var e = episodes[2];
            e.PlannedEndDate = today.AddDays(20);
            changes.Add(Change(e, null, e.PlannedEndDate.Value, PlannedEnds.FirstSetReason, now.AddDays(-30)));
        }
        return changes;
    }
}
