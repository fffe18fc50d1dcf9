using Waymark.Episodes;
using Waymark.Referrals;

namespace Waymark.Demo;

/// <summary>
/// Unmet needs for the demo team (issue 15 item 2), so the unmet-need page has evidence to show: over the past months,
/// needs no service could meet (an autism assessment nobody offers locally, housing only in another borough, an ADHD
/// service with its waiting list closed), on the team's open episodes. Synthetic, invented words only.
/// </summary>
public static class SyntheticUnmetNeeds
{
    private static readonly (string Need, UnmetNeedReason Reason, string? Detail)[] Needs =
    [
        ("autism", UnmetNeedReason.NoServiceExists, "Adult autism assessment: none commissioned in the area."),
        ("housing", UnmetNeedReason.NotInArea, null),
        ("adhd", UnmetNeedReason.WaitingListClosed, "Adult ADHD clinic closed to new referrals."),
        ("brain-injury", UnmetNeedReason.NoneInDirectory, null),
        ("autism", UnmetNeedReason.NoServiceExists, null),
    ];

    /// <summary>One unmet need on each of up to five of <paramref name="episodes"/> (open ones), recorded between their identification and now.</summary>
    /// <param name="episodes">The demo team's episodes.</param>
    /// <param name="practitionerId">The demo practitioner, who recorded them.</param>
    /// <param name="now">The seeding instant.</param>
    public static IEnumerable<UnmetNeed> Demo(IReadOnlyList<Episode> episodes, string practitionerId, DateTimeOffset now)
    {
        var open = episodes.Where(e => e.IsOpen).OrderBy(e => e.IdentifiedAt).Take(Needs.Length).ToList();
        for (var i = 0; i < open.Count; i++)
        {
            var e = open[i];
            var (need, reason, detail) = Needs[i];
            // Spread over the time the episode has been open, the latest a day ago.
            var at = e.IdentifiedAt + (now.AddDays(-1) - e.IdentifiedAt) * ((i + 1) / (double)(Needs.Length + 1));
            if (at <= e.IdentifiedAt) at = e.IdentifiedAt.AddHours(1);
            yield return new UnmetNeed
            {
                TeamId = e.TeamId, PersonId = e.PersonId, EpisodeId = e.Id, Need = need, Reason = reason, Detail = detail,
                RecordedAt = at, RecordedByUserId = practitionerId,
            };
        }
    }
}
