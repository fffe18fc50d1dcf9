using Waymark.CriminalJustice;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.Referrals;

namespace Waymark.Demo;

/// <summary>
/// Criminal justice liaison for a few of the demo team's open, screened episodes, so the episode page, "My tasks", the
/// caseload flag and the team managers' clocks list have something to show on first run: consent to share with the
/// custody suite and the court, a charge with bail to a hearing tomorrow the person should be supported at, a community
/// order with a mental health treatment requirement waiting for its first appointment (near breach), one whose first
/// appointment has happened (met), and a prison to hospital transfer past its 28 days (breached). Clock rows are
/// computed by the same rule the service uses (<see cref="ClockMaintenance"/>). Synthetic, coded data only.
/// </summary>
public static class SyntheticCriminalJustice
{
    /// <summary>The rows to add for <paramref name="episodes"/> (the first four are used; fewer give fewer scenarios).</summary>
    /// <param name="episodes">Open, screened episodes of the demo team, in a stable order.</param>
    /// <param name="agencies">The demo team's agencies (<see cref="SyntheticAgencies.Demo"/>).</param>
    /// <param name="userId">Who recorded it all.</param>
    /// <param name="now">The seeding instant.</param>
    public static IEnumerable<object> Demo(IReadOnlyList<Episode> episodes, IReadOnlyList<CriminalJusticeAgency> agencies, string userId, DateTimeOffset now)
    {
        var today = UkTime.DateOf(now);
        var custody = agencies.First(a => a.Kind == AgencyKind.CustodySuite);
        var court = agencies.First(a => a.Kind == AgencyKind.MagistratesCourt);
        var prison = agencies.First(a => a.Kind == AgencyKind.Prison);
        var settings = new CriminalJusticeClockSettings();

        CriminalJusticeEvent Event(Episode e, CriminalJusticeEventKind kind, DateOnly on) => new()
        {
            TeamId = e.TeamId, EpisodeId = e.Id, PersonId = e.PersonId, Kind = kind, On = on,
            RecordedAt = now, RecordedByUserId = userId,
        };

        IEnumerable<object> WithClocks(Episode e, List<CriminalJusticeEvent> events)
        {
            foreach (var x in events) yield return x;
            foreach (var kind in ClockMaintenance.EventClocks)
            {
                if (ClockMaintenance.Compute(kind, events) is not { } c) continue;
                var target = settings.DaysFor(kind);
                yield return new CriminalJusticeClock
                {
                    TeamId = e.TeamId, EpisodeId = e.Id, PersonId = e.PersonId, Kind = kind, StartedOn = c.Start.On, TargetDays = target,
                    DueOn = ClockRule.DueOn(c.Start.On, target), NearOn = ClockRule.NearOn(c.Start.On, target),
                    StartEventId = c.Start.Id, StopEventId = c.Stop?.Id, StoppedOn = c.Stop?.On,
                };
            }
        }

        if (episodes.Count > 0)
        {
            // Charged last night, bailed to court tomorrow morning; the key worker should go with them.
            var e = episodes[0];
            var consent = new CriminalJusticeConsent
            {
                TeamId = e.TeamId, EpisodeId = e.Id, PersonId = e.PersonId, Information = string.Join(' ', SharedInformation.All.Select(x => x.Code)),
                Purposes = "detention-and-interview charging bail-and-remand court-and-sentencing", Form = ConsentForm.Verbal,
                CapacityNote = "Understood what would be shared and why, weighed it up and said yes.", GivenAt = e.IdentifiedAt.AddMinutes(30),
                RecordedAt = e.IdentifiedAt.AddMinutes(32), RecordedByUserId = userId,
            };
            consent.Agencies.Add(new CriminalJusticeConsentAgency { ConsentId = consent.Id, AgencyId = custody.Id });
            consent.Agencies.Add(new CriminalJusticeConsentAgency { ConsentId = consent.Id, AgencyId = court.Id });
            yield return consent;
            var day = UkTime.DateOf(e.IdentifiedAt);
            var charge = Event(e, CriminalJusticeEventKind.Charge, day);
            charge.Offence = OffenceCategory.PublicOrder;
            var decision = Event(e, CriminalJusticeEventKind.PoliceDecision, day);
            decision.PoliceDecision = "1";
            var bail = Event(e, CriminalJusticeEventKind.RemandOrBail, day);
            bail.RemandOrBail = RemandOrBail.BailToCourt;
            var hearing = Event(e, CriminalJusticeEventKind.Hearing, today.AddDays(1));
            (hearing.HearingAt, hearing.AgencyId, hearing.HearingType, hearing.SupportAtCourt) =
                (UkTime.FromLocal(today.AddDays(1), new TimeOnly(10, 0)), court.Id, HearingType.FirstAppearance, true);
            foreach (var x in WithClocks(e, [charge, decision, bail, hearing])) yield return x;
        }
        if (episodes.Count > 1)
        {
            // A community order with an MHTR 16 days ago: no treatment yet, so the 21-day clock is near its breach.
            var e = episodes[1];
            var order = Event(e, CriminalJusticeEventKind.CourtOutcome, today.AddDays(-16));
            (order.CourtOutcome, order.Requirements) = (CourtOutcome.CommunityOrder, $"{OrderRequirements.MentalHealthTreatment} rehabilitation-activity");
            foreach (var x in WithClocks(e, [order])) yield return x;
        }
        if (episodes.Count > 2)
        {
            // Referred for transfer from prison to hospital 30 days ago, not yet admitted: past the 28 days.
            var e = episodes[2];
            var referral = Event(e, CriminalJusticeEventKind.TransferReferral, today.AddDays(-30));
            (referral.TransferSection, referral.AgencyId) = (TransferSection.S48, prison.Id);
            foreach (var x in WithClocks(e, [referral])) yield return x;
        }
        if (episodes.Count > 3)
        {
            // An MHTR whose first appointment came within the target: met.
            var e = episodes[3];
            var order = Event(e, CriminalJusticeEventKind.CourtOutcome, today.AddDays(-25));
            (order.CourtOutcome, order.Requirements) = (CourtOutcome.CommunityOrder, OrderRequirements.MentalHealthTreatment);
            var first = Event(e, CriminalJusticeEventKind.MhtrFirstAppointment, today.AddDays(-10));
            foreach (var x in WithClocks(e, [order, first])) yield return x;
        }
    }
}
