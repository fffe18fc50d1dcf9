using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;

namespace Waymark.Referrals;

public sealed record ServiceFigureRow(
    Guid ServiceId, string ServiceName, int Sent, int Accepted, int Declined,
    IReadOnlyDictionary<DeclineReason, int> DeclineReasons, double? MedianDaysToFirstAppointment,
    int Attended, int DidNotAttend)
{
    /// <summary>Accepted out of those decided (accepted or declined); null before any decision.</summary>
    public double? AcceptanceRate => Accepted + Declined == 0 ? null : (double)Accepted / (Accepted + Declined);
    /// <summary>Attended out of appointments with a known result.</summary>
    public double? AttendanceRate => Attended + DidNotAttend == 0 ? null : (double)Attended / (Attended + DidNotAttend);
}

public sealed record UnmetNeedRow(string Need, int Declined, IReadOnlyDictionary<DeclineReason, int> Reasons);

public sealed record TeamReferralFigures(DateOnly From, DateOnly To, IReadOnlyList<ServiceFigureRow> Services, IReadOnlyList<UnmetNeedRow> DeclinesByNeed);

/// <summary>
/// Per-service figures for a team over a period (referrals sent in it): how often each service accepts, why it
/// declines, how long to a first appointment and whether people attend; and declines by need, the evidence of
/// where local services turn people away. One query for the period's events, aggregated here.
/// </summary>
public class ServiceFigures(WaymarkDbContext db)
{
    public async Task<TeamReferralFigures> ForTeamAsync(Guid teamId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var start = UkTime.FromLocal(from, TimeOnly.MinValue);
        var end = UkTime.FromLocal(to.AddDays(1), TimeOnly.MinValue);
        var rows = await (
            from r in db.Referrals.AsNoTracking()
            where r.TeamId == teamId && r.Events.Any(s => s.Step == ReferralStep.Sent && s.At >= start && s.At < end)
            from e in r.Events
            select new { e.ReferralId, e.Step, e.At, e.DeclineReason, e.AppointmentAt, Referral = new { r.ServiceId, r.ServiceName, r.Need } })
            .ToListAsync(ct);
        var byReferral = rows.GroupBy(r => r.ReferralId).Select(g => new
        {
            g.First().Referral.ServiceId, g.First().Referral.ServiceName, g.First().Referral.Need,
            SentAt = g.Where(e => e.Step == ReferralStep.Sent).Min(e => e.At),
            Accepted = g.Any(e => e.Step == ReferralStep.Accepted),
            Decline = g.Where(e => e.Step == ReferralStep.Declined).Select(e => e.DeclineReason).FirstOrDefault(),
            Declined = g.Any(e => e.Step == ReferralStep.Declined),
            FirstAppointment = g.Where(e => e.Step == ReferralStep.AppointmentBooked && e.AppointmentAt != null).Select(e => e.AppointmentAt).Min(),
            Attended = g.Count(e => e.Step == ReferralStep.Attended),
            DidNotAttend = g.Count(e => e.Step == ReferralStep.DidNotAttend),
        }).ToList();

        var services = byReferral.GroupBy(r => r.ServiceId).Select(g =>
        {
            var days = g.Where(r => r.FirstAppointment is not null).Select(r => (r.FirstAppointment!.Value - r.SentAt).TotalDays).Order().ToList();
            return new ServiceFigureRow(g.Key, g.OrderByDescending(r => r.SentAt).First().ServiceName, g.Count(), g.Count(r => r.Accepted), g.Count(r => r.Declined),
                g.Where(r => r.Declined).GroupBy(r => r.Decline ?? DeclineReason.Other).ToDictionary(x => x.Key, x => x.Count()),
                days.Count == 0 ? null : Median(days), g.Sum(r => r.Attended), g.Sum(r => r.DidNotAttend));
        }).OrderByDescending(s => s.Sent).ThenBy(s => s.ServiceName, StringComparer.Ordinal).ToList();

        var unmet = byReferral.Where(r => r.Declined).GroupBy(r => r.Need)
            .Select(g => new UnmetNeedRow(g.Key, g.Count(), g.GroupBy(r => r.Decline ?? DeclineReason.Other).ToDictionary(x => x.Key, x => x.Count())))
            .OrderBy(u => Waymark.Assessment.AssessmentDomains.OrderOf(u.Need)).ToList();
        return new TeamReferralFigures(from, to, services, unmet);
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
