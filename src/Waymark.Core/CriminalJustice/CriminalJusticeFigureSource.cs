using Microsoft.EntityFrameworkCore;
using Waymark.Figures;
using Waymark.LiaisonReports;
using Waymark.Persistence;

namespace Waymark.CriminalJustice;

/// <summary>
/// Section "Criminal justice decisions and diversion": criminal justice events recorded on the scope's teams' episodes
/// (<see cref="CriminalJusticeEvent"/>, corrections counted once: an event superseded by a later one is left out) by kind,
/// police decisions grouped (charges, cautions, diversion, no further action), remands and bail, court outcomes, and
/// liaison reports sent. By the UK date of each event (<see cref="CriminalJusticeEvent.On"/>); coded values only.
/// </summary>
public sealed class CriminalJusticeFigureSource : IFigureSource
{
    /// <summary>The police decision rows, in order.</summary>
    public static readonly IReadOnlyList<string> PoliceDecisionRows =
    [
        "Charged or summonsed", "Caution", "Diversionary, educational or intervention activity (outcome 22)",
        "Other out-of-court disposal", "No further action", "Action by another body or agency", "Released under investigation or bailed to return", "Other",
    ];

    /// <inheritdoc />
    public string Section => "Criminal justice decisions and diversion";

    /// <inheritdoc />
    public int Order => 60;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Figure>> ComputeAsync(WaymarkDbContext db, FigureScope scope, CancellationToken ct)
    {
        var all = db.Set<CriminalJusticeEvent>().IgnoreQueryFilters().AsNoTracking();
        var events = all.Where(e => scope.TeamIds.Contains(e.TeamId) && !all.Any(x => x.SupersedesId == e.Id));
        var kinds = await MonthBuckets.CountByDayAsync(events, scope, e => e.On, e => e.Kind, ct);
        var decisions = await MonthBuckets.CountByDayAsync(events.Where(e => e.Kind == CriminalJusticeEventKind.PoliceDecision), scope, e => e.On, e => e.PoliceDecision, ct);
        var remands = await MonthBuckets.CountByDayAsync(events.Where(e => e.Kind == CriminalJusticeEventKind.RemandOrBail && e.RemandOrBail != null), scope, e => e.On, e => e.RemandOrBail, ct);
        var courts = await MonthBuckets.CountByDayAsync(events.Where(e => e.Kind == CriminalJusticeEventKind.CourtOutcome && e.CourtOutcome != null), scope, e => e.On, e => e.CourtOutcome, ct);
        var reports = db.Set<LiaisonReport>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => scope.TeamIds.Contains(r.TeamId) && r.SentAt != null)
            .Select(r => new { At = r.SentAt!.Value, First = r.Number == 1 });
        var sent = await MonthBuckets.CountAsync(reports, scope, r => r.At, r => r.First, ct);
        string[] reportRows = ["First version sent", "Correction sent"];

        return
        [
            new CountFigure("cjs.kind", Section, "Criminal justice events recorded",
                "Criminal justice events recorded on the team's episodes (arrests, charges, police decisions, remands, hearings, court outcomes and the rest), by kind and the month they happened; a corrected event is counted once.",
                CountTable.From("Event", CriminalJusticeEventKinds.All.Select(CriminalJusticeEventKinds.Display).ToList(), scope.Months,
                    MonthBuckets.Cells(kinds, scope, CriminalJusticeEventKinds.Display))),
            new CountFigure("cjs.police-decision", Section, "Police decisions, including diversion",
                "Police decisions recorded, grouped by Home Office outcome: charged, cautioned, diverted (outcome 22), other out-of-court disposals, no further action, and interim decisions, by the month of the decision.",
                CountTable.From("Decision", PoliceDecisionRows, scope.Months, MonthBuckets.Cells(decisions, scope, DecisionRow))),
            new CountFigure("cjs.remand", Section, "Remands and bail",
                "Remand and bail decisions recorded, by decision and month.",
                CountTable.From("Decision", RemandsOrBail.All.Select(RemandsOrBail.Display).ToList(), scope.Months,
                    MonthBuckets.Cells(remands, scope, r => RemandsOrBail.Display(r!.Value)))),
            new CountFigure("cjs.court-outcome", Section, "Court outcomes and sentences",
                "Court outcomes recorded (discharges, fines, community and suspended sentence orders, custody, hospital orders), by outcome and month.",
                CountTable.From("Outcome", CourtOutcomes.All.Select(CourtOutcomes.Display).ToList(), scope.Months,
                    MonthBuckets.Cells(courts, scope, o => CourtOutcomes.Display(o!.Value)))),
            new CountFigure("cjs.liaison-reports", Section, "Liaison reports sent",
                "Liaison reports sent to criminal justice agencies in each month: first versions and corrections.",
                CountTable.From("Report", reportRows, scope.Months, MonthBuckets.Cells(sent, scope, first => first ? reportRows[0] : reportRows[1]))),
        ];
    }

    /// <summary>The row of a police decision code (<see cref="PoliceDecisions"/>).</summary>
    public static string DecisionRow(string? code) => code switch
    {
        "1" or "1A" => PoliceDecisionRows[0],
        "2" or "3" => PoliceDecisionRows[1],
        "22" => PoliceDecisionRows[2],
        "4" or "6" or "7" or "8" => PoliceDecisionRows[3],
        "20" => PoliceDecisionRows[5],
        _ when PoliceDecisions.Find(code) is { IsInterim: true } => PoliceDecisionRows[6],
        _ when PoliceDecisions.Find(code) is { Group: PoliceDecisions.NoFurtherAction } => PoliceDecisionRows[4],
        _ => PoliceDecisionRows[7],
    };
}
