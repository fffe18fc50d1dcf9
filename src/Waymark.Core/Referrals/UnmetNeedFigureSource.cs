using Microsoft.EntityFrameworkCore;
using Waymark.Figures;
using Waymark.Persistence;

namespace Waymark.Referrals;

/// <summary>
/// Section "Unmet need" (issue 15 item 2): by need and month, the referrals services declined as below their threshold,
/// as not eligible, and for any other reason, and the needs for which a worker recorded that no suitable service exists
/// (<see cref="UnmetNeed"/>, withdrawn ones left out), with those records by reason. GROUP BY queries; coded values only
/// (an unmet need's detail text is never read).
/// </summary>
public sealed class UnmetNeedFigureSource : IFigureSource
{
    /// <summary>The figures' keys, in order; <see cref="TotalsByNeed"/> uses the first four as its columns.</summary>
    public static readonly IReadOnlyList<string> Keys =
        ["unmet.below-threshold", "unmet.not-eligible", "unmet.other-declines", "unmet.no-service", "unmet.reason"];

    /// <inheritdoc />
    public string Section => "Unmet need";

    /// <inheritdoc />
    public int Order => 45;

    /// <summary>
    /// Decline reasons that are not "other declines" here: below threshold and not eligible have figures of their own, and
    /// a referral declined by the person or closed because the service could not reach them says nothing about a gap in
    /// local services, so it is not evidence of one (it stays in the Referrals section's decline reasons).
    /// </summary>
    public static readonly IReadOnlyList<DeclineReason> NotAServiceGap =
        [DeclineReason.BelowThreshold, DeclineReason.NotEligible, DeclineReason.DeclinedByPerson, DeclineReason.CouldNotContactPerson];

    /// <inheritdoc />
    public async Task<IReadOnlyList<Figure>> ComputeAsync(WaymarkDbContext db, FigureScope scope, CancellationToken ct)
    {
        var declines = from r in ReferralFigureSource.TeamReferrals(db, scope)
                       from e in r.Events
                       where e.Step == ReferralStep.Declined
                       select new { e.At, r.Need, e.DeclineReason };
        var below = await MonthBuckets.CountAsync(declines.Where(d => d.DeclineReason == DeclineReason.BelowThreshold), scope, x => x.At, x => x.Need, ct);
        var notEligible = await MonthBuckets.CountAsync(declines.Where(d => d.DeclineReason == DeclineReason.NotEligible), scope, x => x.At, x => x.Need, ct);
        var other = await MonthBuckets.CountAsync(
            declines.Where(d => d.DeclineReason == null || !NotAServiceGap.Contains(d.DeclineReason.Value)),
            scope, x => x.At, x => x.Need, ct);
        var recorded = db.Set<UnmetNeed>().IgnoreQueryFilters().AsNoTracking().Where(u => scope.TeamIds.Contains(u.TeamId) && u.WithdrawnAt == null);
        var noService = await MonthBuckets.CountAsync(recorded, scope, u => u.RecordedAt, u => u.Need, ct);
        var byReason = await MonthBuckets.CountAsync(recorded, scope, u => u.RecordedAt, u => u.Reason, ct);

        var needRows = ReferralFigureSource.NeedRows(below.Concat(notEligible).Concat(other).Concat(noService).Select(c => c.Key));
        CountTable ByNeed(IReadOnlyList<MonthCount<string>> counts) =>
            CountTable.From("Need", needRows, scope.Months, MonthBuckets.Cells(counts, scope, ReferralFigureSource.NeedRow));
        return
        [
            new CountFigure(Keys[0], Section, "Declined as below the service's threshold",
                "Referrals a service declined in each month giving the reason \"below threshold\", by the need the referral was for.", ByNeed(below)),
            new CountFigure(Keys[1], Section, "Declined as not eligible",
                "Referrals a service declined in each month giving the reason \"not eligible\", by the need the referral was for.", ByNeed(notEligible)),
            new CountFigure(Keys[2], Section, "Declined for other reasons",
                "Referrals a service declined in each month for any other reason of the service's (no capacity, out of area, offending history and the rest; not the person declining or not being reached), by need.", ByNeed(other)),
            new CountFigure(Keys[3], Section, "No suitable service for the need",
                "Needs for which a worker recorded in the month that no suitable service could be found (records withdrawn as made in error are not counted), by need.", ByNeed(noService)),
            new CountFigure(Keys[4], Section, "Why no suitable service was found",
                "The same records of needs with no suitable service, by the reason the worker chose.",
                CountTable.From("Reason", UnmetNeedReasons.All.Select(UnmetNeedReasons.Display).ToList(), scope.Months, MonthBuckets.Cells(byReason, scope, UnmetNeedReasons.Display))),
        ];
    }

    /// <summary>The column headings of <see cref="TotalsByNeed"/>.</summary>
    public static readonly IReadOnlyList<string> TotalColumns = ["Below threshold", "Not eligible", "Other declines", "No suitable service", "Total"];

    /// <summary>
    /// The period's totals by need: one row per need with any count, columns <see cref="TotalColumns"/> (the first four
    /// figures' row totals and their sum), then a "Total" row. Plain counts, for the team manager's page.
    /// </summary>
    /// <param name="figures">This source's figures, as <see cref="ComputeAsync"/> returned them.</param>
    /// <exception cref="ArgumentException">A figure this source makes is missing.</exception>
    public static DisplayedTable TotalsByNeed(IReadOnlyList<Figure> figures)
    {
        var tables = Keys.Take(4).Select(k => (figures.FirstOrDefault(f => f.Key == k) as CountFigure
            ?? throw new ArgumentException($"No figure {k}.", nameof(figures))).Table).ToList();
        var needs = tables[0].Rows;
        var keep = Enumerable.Range(0, needs.Count).Where(r => tables.Any(t => t.RowTotal(r) > 0)).ToList();
        var rows = keep.Select(r => needs[r]).Append("Total").ToList();
        var text = new string[rows.Count, TotalColumns.Count];
        var values = new double?[rows.Count, TotalColumns.Count];
        var culture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        for (var i = 0; i < rows.Count; i++)
        {
            long sum = 0;
            for (var c = 0; c < 4; c++)
            {
                var v = i < keep.Count ? tables[c].RowTotal(keep[i]) : tables[c].Total;
                sum += v;
                (text[i, c], values[i, c]) = (v.ToString("N0", culture), v);
            }
            (text[i, 4], values[i, 4]) = (sum.ToString("N0", culture), sum);
        }
        return new DisplayedTable("Need", rows, TotalColumns, text, values, "Total", null, []);
    }
}
