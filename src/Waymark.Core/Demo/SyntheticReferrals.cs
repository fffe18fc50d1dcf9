using Waymark.Assessment;
using Waymark.Episodes;
using Waymark.Referrals;
using Waymark.ServiceDirectory;

namespace Waymark.Demo;

/// <summary>
/// Referrals for the demo's assessed episodes, to the demo directory's services for the person's top need,
/// at every stage of their life (some declined, some with missed appointments, some overdue for follow-up),
/// so My tasks, the caseload flags and the referral figures have something to show.
/// </summary>
public sealed class SyntheticReferrals(int seed)
{
    private readonly Random _rng = new(seed);

    public IEnumerable<object> For(Episode e, PsychosocialAssessment a, IReadOnlyList<LocalService> services, string userId, DateTimeOffset now)
    {
        var need = a.PersonsPriorities.Select(n => n.Domain).Concat(a.NeedsFound.Select(n => n.Domain)).FirstOrDefault();
        if (need is null || a.CompletedAt is not { } assessedAt) yield break;
        var candidates = services.Where(s => s.Needs.Any(n => n.Domain == need)).ToList();
        if (candidates.Count == 0) yield break;
        var service = candidates[_rng.Next(candidates.Count)];
        var sentAt = assessedAt.AddHours(_rng.Next(1, 30));
        if (sentAt > now) sentAt = now.AddMinutes(-30);
        var r = new Referral
        {
            TeamId = e.TeamId, EpisodeId = e.Id, PersonId = e.PersonId, ServiceId = service.Id, ServiceName = service.Name, Need = need,
            Method = (ReferralMethod)_rng.Next(1, 7), Supported = _rng.Next(3) > 0, CreatedAt = sentAt.AddMinutes(-20), CreatedByUserId = userId,
        };
        if (r.Supported) r.SupportPlan = "Key worker goes with them to the first appointment.";
        // Through the referral's own steps, so demo histories obey the same rules as real ones.
        void Add(ReferralStep step, DateTimeOffset at, DeclineReason? reason = null, DateTimeOffset? appointment = null) =>
            r.Record(step, userId, at, at, reason, appointment);
        r.Draft(userId, r.CreatedAt);
        Add(ReferralStep.Sent, sentAt);
        var t = sentAt;
        var path = _rng.Next(10);
        DateTimeOffset Later(int maxDays) { var next = t.AddDays(_rng.Next(1, maxDays + 1)); return t = next < now ? next : t; }
        if (path <= 2)
            Add(ReferralStep.Declined, Later(5), (DeclineReason)new[] { 1, 1, 2, 3, 4, 7 }[_rng.Next(6)]);
        else if (path <= 7)
        {
            Add(ReferralStep.Accepted, Later(4));
            var appointment = t.AddDays(_rng.Next(2, 15));
            Add(ReferralStep.AppointmentBooked, t, appointment: appointment);
            if (appointment < now)
            {
                t = appointment;
                if (path == 7) Add(ReferralStep.DidNotAttend, appointment);
                else
                {
                    Add(ReferralStep.Attended, appointment);
                    if (path <= 5 && Later(10) < now) Add(ReferralStep.Engaged, t);
                }
            }
        }
        yield return r;

        // Follow-ups: due at 7 and 28 days; done ones before today, the rest open (so some are overdue).
        var known = ReferralLifecycle.IsOutcomeKnown(r.Status);
        var number = 0;
        foreach (var days in new[] { 7, 28 })
        {
            var due = sentAt.AddDays(days);
            var task = new FollowUpTask
            {
                TeamId = e.TeamId, ReferralId = r.Id, EpisodeId = e.Id, PersonId = e.PersonId, Number = ++number, DueAt = due,
                AssignedToUserId = e.KeyWorkerId ?? userId, CreatedAt = sentAt,
            };
            if (known) (task.ClosedAt, task.ClosedReason) = (t, $"Outcome known: {ReferralLifecycle.Display(r.Status).ToLowerInvariant()}");
            else if (due < now && _rng.Next(3) > 0) (task.DoneAt, task.DoneByUserId, task.DoneNote) = (due.AddHours(3), userId, "Rang the service: waiting to hear.");
            yield return task;
        }
        if (r.Status == ReferralStep.Engaged)
            yield return new Outcome
            {
                TeamId = e.TeamId, EpisodeId = e.Id, PersonId = e.PersonId, ReferralId = r.Id, Code = need switch
                {
                    "housing" => OutcomeCode.HousingSecured,
                    "money" => OutcomeCode.BenefitClaimMade,
                    "food" => OutcomeCode.FoodProvided,
                    "mental-health" or "self-harm" => OutcomeCode.EngagedWithMentalHealthService,
                    "substance-use" => OutcomeCode.EngagedWithDrugOrAlcoholService,
                    "gp-registration" or "physical-health" => OutcomeCode.RegisteredWithGp,
                    _ => OutcomeCode.Other,
                },
                On = UkTime.DateOf(t), RecordedAt = t, RecordedByUserId = userId,
            };
    }
}
