using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.Figures;
using Waymark.Persistence;

namespace Waymark.Referrals;

/// <summary>
/// Section "Referrals": onward referrals sent in the period by need and by service; what the services decided; why they
/// declined; attendance and engagement; days from sending to the first appointment (docs/figures.md). Counts are
/// GROUP BY queries over the scope's teams' referrals and their events; the median reads one small tuple per referral
/// sent in the period with an appointment (bounded by a team's year).
/// </summary>
public sealed class ReferralFigureSource : IFigureSource
{
    /// <summary>How many services are named in "by service"; the rest are counted together in <see cref="AllOtherServices"/>.</summary>
    public const int TopServices = 15;

    /// <summary>The row of "by service" that counts every service after the top <see cref="TopServices"/>.</summary>
    public const string AllOtherServices = "All other services";

    /// <summary>The decision rows, in order.</summary>
    public static readonly IReadOnlyList<string> Decisions = ["Accepted", "Declined", "Ended before a decision", "Awaiting a decision"];

    /// <inheritdoc />
    public string Section => "Referrals";

    /// <inheritdoc />
    public int Order => 40;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Figure>> ComputeAsync(WaymarkDbContext db, FigureScope scope, CancellationToken ct)
    {
        var (start, end) = (scope.Start, scope.End);
        var referrals = TeamReferrals(db, scope);
        var sent = from r in referrals
                   from e in r.Events
                   where e.Step == ReferralStep.Sent
                   select new
                   {
                       e.At, r.Need, r.ServiceName,
                       // 0 declined, 1 accepted (or an appointment, attendance or engagement shows the service took them), 2 ended, 3 awaiting.
                       Decision = r.Events.Any(x => x.Step == ReferralStep.Declined) ? 1
                           : r.Events.Any(x => x.Step == ReferralStep.Accepted || x.Step == ReferralStep.AppointmentBooked || x.Step == ReferralStep.Attended
                               || x.Step == ReferralStep.DidNotAttend || x.Step == ReferralStep.Engaged) ? 0
                           : r.Events.Any(x => x.Step == ReferralStep.Ended) ? 2 : 3,
                   };

        var byNeed = await MonthBuckets.CountAsync(sent, scope, x => x.At, x => x.Need, ct);
        var needRows = NeedRows(byNeed.Select(c => c.Key));
        var byService = await MonthBuckets.CountAsync(sent, scope, x => x.At, x => x.ServiceName, ct);
        var top = byService.GroupBy(c => c.Key).Select(g => (Name: g.Key, Total: g.Sum(c => c.Count)))
            .OrderByDescending(x => x.Total).ThenBy(x => x.Name, StringComparer.Ordinal).Take(TopServices).Select(x => x.Name).ToList();
        var topSet = top.ToHashSet(StringComparer.Ordinal);
        List<string> serviceRows = byService.Any(c => !topSet.Contains(c.Key)) ? [.. top, AllOtherServices] : top;
        var decisions = await MonthBuckets.CountAsync(sent, scope, x => x.At, x => x.Decision, ct);

        var declines = from r in referrals from e in r.Events where e.Step == ReferralStep.Declined select new { e.At, e.DeclineReason };
        var reasons = await MonthBuckets.CountAsync(declines, scope, x => x.At, x => x.DeclineReason, ct);
        var declineRows = Enum.GetValues<DeclineReason>().Select(ReferralLifecycle.Display).ToList();

        var attendanceSteps = new[] { ReferralStep.Attended, ReferralStep.DidNotAttend, ReferralStep.Engaged };
        var attendance = from r in referrals from e in r.Events where attendanceSteps.Contains(e.Step) select new { e.At, e.Step };
        var attended = await MonthBuckets.CountAsync(attendance, scope, x => x.At, x => x.Step, ct);
        var attendanceRows = attendanceSteps.Select(AttendanceRow).ToList();

        // Days to a first appointment: the earliest appointment booked on each referral sent in the period.
        var appointments = await (
            from r in referrals
            from s in r.Events
            where s.Step == ReferralStep.Sent && s.At >= start && s.At < end
            from b in r.Events
            where b.Step == ReferralStep.AppointmentBooked && b.AppointmentAt != null
            select new { r.Id, SentAt = s.At, AppointmentAt = b.AppointmentAt!.Value }).ToListAsync(ct);
        var waits = appointments.GroupBy(a => a.Id)
            .Select(g => (Month: scope.MonthOf(g.First().SentAt)!.Value, Days: (g.Min(a => a.AppointmentAt) - g.First().SentAt).TotalDays)).ToList();
        var wait = new MeasureTable("Interval", "days", ["Referral sent to first appointment"], scope.Months);
        for (var m = 0; m < scope.Months.Count; m++)
        {
            var days = waits.Where(w => w.Month == scope.Months[m]).Select(w => w.Days).ToList();
            wait[0, m] = new Measure(FigureMath.Median(days), days.Count);
        }
        wait.Totals[0] = new Measure(FigureMath.Median(waits.Select(w => w.Days)), waits.Count);

        return
        [
            new CountFigure("referrals.need", Section, "Referrals sent, by need",
                "Onward referrals sent in each month (the referral's \"sent\" step), by the need each was made for.",
                CountTable.From("Need", needRows, scope.Months, MonthBuckets.Cells(byNeed, scope, NeedRow))),
            new CountFigure("referrals.service", Section, "Referrals sent, by service",
                $"Onward referrals sent in each month, by the directory service referred to (the {TopServices} services sent most, then all others together).",
                CountTable.From("Service", serviceRows, scope.Months, MonthBuckets.Cells(byService, scope, s => topSet.Contains(s) ? s : AllOtherServices))),
            new CountFigure("referrals.decision", Section, "What services decided",
                "Referrals sent in each month by what the service has decided since: accepted (or an appointment was booked), declined, ended before a decision, or still awaiting one.",
                CountTable.From("Decision", Decisions, scope.Months, MonthBuckets.Cells(decisions, scope, d => Decisions[d]))),
            new CountFigure("referrals.decline-reason", Section, "Why services declined",
                "Referrals declined in each month (the \"declined\" step), by the reason the service gave.",
                CountTable.From("Reason", declineRows, scope.Months, MonthBuckets.Cells(reasons, scope, r => ReferralLifecycle.Display(r ?? DeclineReason.Other)))),
            new CountFigure("referrals.attendance", Section, "Attendance and engagement",
                "Referral steps recorded in each month: the person attended the service's appointment, did not attend, or engaged with the service.",
                CountTable.From("Step", attendanceRows, scope.Months, MonthBuckets.Cells(attended, scope, AttendanceRow)), FigureChart.Bars),
            new MeasureFigure("referrals.days-to-appointment", Section, "Days from referral to first appointment",
                "For referrals sent in each month with an appointment booked: the median number of days from sending to the earliest appointment.",
                wait),
        ];
    }

    /// <summary>The scope's teams' referrals made before the period ends (every step of a referral is at or after it was made).</summary>
    internal static IQueryable<Referral> TeamReferrals(WaymarkDbContext db, FigureScope scope)
    {
        var end = scope.End;
        return db.Referrals.IgnoreQueryFilters().AsNoTracking().Where(r => scope.TeamIds.Contains(r.TeamId) && r.CreatedAt < end);
    }

    /// <summary>The row of an attendance step.</summary>
    private static string AttendanceRow(ReferralStep s) => s switch
    {
        ReferralStep.Attended => "Attended",
        ReferralStep.DidNotAttend => "Did not attend",
        _ => "Engaged with the service",
    };

    /// <summary>The row label for a need code: the domain's name, or "Other need" for a code no longer declared.</summary>
    public static string NeedRow(string code) => AssessmentDomains.IsKnown(code) ? AssessmentDomains.NameOf(code) : OtherNeed;

    /// <summary>The row for need codes that are not (or no longer) assessment domains.</summary>
    public const string OtherNeed = "Other need";

    /// <summary>Every assessment domain's name in listing order, and "Other need" when <paramref name="codes"/> hold an undeclared one.</summary>
    public static IReadOnlyList<string> NeedRows(IEnumerable<string> codes)
    {
        var rows = AssessmentDomains.All.Select(d => d.Name).ToList();
        if (codes.Any(c => !AssessmentDomains.IsKnown(c))) rows.Add(OtherNeed);
        return rows;
    }
}
