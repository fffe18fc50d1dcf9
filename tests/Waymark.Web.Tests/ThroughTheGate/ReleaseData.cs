using Waymark.Episodes;
using Waymark.ThroughTheGate;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.ThroughTheGate;

/// <summary>Release plans added straight to the database for page tests.</summary>
internal static class ReleaseData
{
    /// <summary>An open plan on <paramref name="episode"/>: HMP Northshire, expected <paramref name="expectedInDays"/> days from today (UK), made by the practitioner.</summary>
    public static async Task<ReleasePlan> AddReleasePlanAsync(this TestData data, Episode episode, int expectedInDays = 7, Action<ReleasePlan>? with = null)
    {
        var me = data.UserId(Users.Practitioner);
        var plan = new ReleasePlan
        {
            TeamId = episode.TeamId, PersonId = episode.PersonId, EpisodeId = episode.Id, Prison = "HMP Northshire", PrisonNumber = "A1234BC",
            ExpectedReleaseOn = UkTime.Today(TimeProvider.System).AddDays(expectedInDays), ReleaseType = ReleaseType.Licence,
            CreatedAt = DateTimeOffset.UtcNow.AddDays(-20), CreatedByUserId = me,
        };
        with?.Invoke(plan);
        plan.Refresh();
        await data.ChangeAsync(db => { db.Add(plan); return Task.CompletedTask; });
        return plan;
    }

    /// <summary>Marks <paramref name="plan"/> as released on <paramref name="on"/> (recorded by the practitioner).</summary>
    public static void Released(this ReleasePlan plan, DateOnly on, string by)
    {
        plan.ReleasedOn = on;
        plan.ReleaseRecordedAt = DateTimeOffset.UtcNow;
        plan.ReleaseRecordedByUserId = by;
    }
}
