using Waymark.Episodes;
using Waymark.ThroughTheGate;

namespace Waymark.Demo;

/// <summary>
/// Release plans for the demo (issue 14 item 4), so "Releases from prison" and "My tasks" have something to show on first
/// run: one person due out in 3 days with a meet at the gate by the demo practitioner and a release-day plan, one due out
/// in 10 days with nobody to meet them yet, and one released 5 weeks ago whose follow-up is due (on their key worker's
/// tasks: the demo support worker's). Synthetic data only.
/// </summary>
public static class SyntheticReleases
{
    /// <summary>The plans to add on <paramref name="episodes"/> (open episodes of the demo team whose key worker is the demo support worker; up to three are used).</summary>
    /// <param name="episodes">Open episodes, in a stable order.</param>
    /// <param name="userId">The demo practitioner: who made the plans and meets the first person at the gate.</param>
    /// <param name="now">The seeding instant.</param>
    public static IEnumerable<ReleasePlan> Demo(IReadOnlyList<Episode> episodes, string userId, DateTimeOffset now)
    {
        var today = UkTime.DateOf(now);
        for (var i = 0; i < episodes.Count && i < 3; i++)
        {
            var e = episodes[i];
            var plan = new ReleasePlan
            {
                TeamId = e.TeamId, PersonId = e.PersonId, EpisodeId = e.Id, CreatedAt = now.AddDays(-50 + i), CreatedByUserId = userId,
                Prison = i == 1 ? "HMP Eastshire (fictional)" : "HMP Northshire (fictional)", PrisonNumber = $"A{4821 + i}BC",
            };
            switch (i)
            {
                case 0:
                    (plan.ExpectedReleaseOn, plan.ReleaseType) = (today.AddDays(3), ReleaseType.Licence);
                    (plan.MeetBy, plan.MeetWorkerUserId, plan.MeetTime, plan.MeetPlace) = (GateMeeter.Worker, userId, new TimeOnly(8, 30), "Visitors' centre car park");
                    (plan.Transport, plan.WhatToBring) = ("Team car to the approved premises", "Coat, phone and charger, bus pass form");
                    plan.Notes = "Licence: live at Newtown approved premises; report to probation on the day.";
                    break;
                case 1:
                    (plan.ExpectedReleaseOn, plan.ReleaseType) = (today.AddDays(10), ReleaseType.EndOfSentence);
                    break;
                default:
                    (plan.ExpectedReleaseOn, plan.ReleaseType) = (today.AddDays(-36), ReleaseType.HomeDetentionCurfew);
                    (plan.ReleasedOn, plan.ReleaseRecordedAt, plan.ReleaseRecordedByUserId) = (today.AddDays(-35), now.AddDays(-35), userId);
                    (plan.MeetBy, plan.MeetOtherName, plan.MeetPlace) = (GateMeeter.SomeoneElse, "Brother (Sam)", "Main gate");
                    break;
            }
            plan.Refresh();
            yield return plan;
        }
    }
}
