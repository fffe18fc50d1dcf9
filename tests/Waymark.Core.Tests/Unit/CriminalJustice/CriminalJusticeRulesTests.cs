using Waymark.CriminalJustice;

namespace Waymark.Core.Tests.Unit.CriminalJustice;

/// <summary>Code lists and the rules of one event: what each kind needs, legal status codes, which events start and stop clocks.</summary>
public class CriminalJusticeRulesTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    [Fact]
    public void Police_decisions_carry_the_Home_Office_outcome_numbers_with_no_further_action_grouped()
    {
        Assert.Equal(["1", "1A", "2", "3", "4", "6", "7", "8", "22", "9", "10", "11", "12", "13", "14", "15", "16", "17", "21", "20", "RUI", "BAIL-POLICE"],
            PoliceDecisions.All.Select(d => d.Code));
        Assert.All(PoliceDecisions.All.Where(d => d.Code is "9" or "10" or "11" or "12" or "13" or "14" or "15" or "16" or "17" or "21"),
            d => Assert.Equal(PoliceDecisions.NoFurtherAction, d.Group));
        Assert.Equal("Outcome 17: No further action – prosecution time limit expired", PoliceDecisions.Find("17")!.Display);
        Assert.Equal("Released under investigation", PoliceDecisions.Find("RUI")!.Display);
        Assert.Equal(PoliceDecisions.All.Count, PoliceDecisions.All.Select(d => d.Code).Distinct().Count());
    }

    [Theory]
    [InlineData(CourtOutcome.RemandToHospitalS35, "07")]
    [InlineData(CourtOutcome.RemandToHospitalS36, "08")]
    [InlineData(CourtOutcome.RestrictedHospitalOrderS37S41, "09")]
    [InlineData(CourtOutcome.HospitalOrderS37, "10")]
    [InlineData(CourtOutcome.InterimHospitalOrderS38, "12")]
    [InlineData(CourtOutcome.HospitalAndLimitationDirectionS45A, "37")]
    [InlineData(CourtOutcome.CommunityOrder, null)]
    public void Hospital_orders_and_remands_give_their_Mental_Health_Act_legal_status_code(CourtOutcome outcome, string? code)
    {
        Assert.Equal(code, CourtOutcomes.LegalStatus(outcome));
        if (code is not null) Assert.True(LegalStatuses.IsKnown(code));
    }

    [Fact]
    public void Every_code_list_has_words_for_every_value()
    {
        Assert.All(OffenceCategories.All, c => Assert.False(string.IsNullOrEmpty(OffenceCategories.Display(c))));
        Assert.Equal(12, OffenceCategories.All.Count);
        Assert.All(CourtOutcomes.All, c => Assert.False(string.IsNullOrEmpty(CourtOutcomes.Display(c))));
        Assert.All(HearingTypes.All, c => Assert.False(string.IsNullOrEmpty(HearingTypes.Display(c))));
        Assert.All(RemandsOrBail.All, c => Assert.False(string.IsNullOrEmpty(RemandsOrBail.Display(c))));
        Assert.Equal(14, OrderRequirements.All.Count);
        Assert.All(CriminalJusticeEventKinds.All, k => Assert.Equal(k, CriminalJusticeEventKinds.FromSlug(CriminalJusticeEventKinds.Slug(k))));
    }

    [Fact]
    public void A_community_order_needs_its_requirements_and_only_orders_have_them()
    {
        Assert.Equal(["Requirements"], new EventInput(CriminalJusticeEventKind.CourtOutcome, Day, CourtOutcome: CourtOutcome.CommunityOrder).Validate().Select(p => p.Field));
        Assert.Equal(["Requirements"], new EventInput(CriminalJusticeEventKind.CourtOutcome, Day, CourtOutcome: CourtOutcome.Fine, Requirements: ["curfew"]).Validate().Select(p => p.Field));
        Assert.Equal(["Requirements"], new EventInput(CriminalJusticeEventKind.CourtOutcome, Day, CourtOutcome: CourtOutcome.CommunityOrder, Requirements: ["made-up"]).Validate().Select(p => p.Field));
        Assert.Empty(new EventInput(CriminalJusticeEventKind.CourtOutcome, Day, CourtOutcome: CourtOutcome.CommunityOrder, Requirements: [OrderRequirements.MentalHealthTreatment]).Validate());
        Assert.Equal(["PaymentPlanHelp"], new EventInput(CriminalJusticeEventKind.CourtOutcome, Day, CourtOutcome: CourtOutcome.ConditionalDischarge, PaymentPlanHelp: true).Validate().Select(p => p.Field));
    }

    [Fact]
    public void Each_kind_asks_for_its_own_fields_and_reports_all_problems_at_once()
    {
        Assert.Equal(["On", "Offence"], new EventInput(CriminalJusticeEventKind.Arrest).Validate().Select(p => p.Field));
        Assert.Equal(["PoliceDecision"], new EventInput(CriminalJusticeEventKind.PoliceDecision, Day, PoliceDecision: "5").Validate().Select(p => p.Field));
        Assert.Equal(["BailConditions"], new EventInput(CriminalJusticeEventKind.RemandOrBail, Day, RemandOrBail: RemandOrBail.ConditionalBail).Validate().Select(p => p.Field));
        Assert.Equal(["BailConditions"], new EventInput(CriminalJusticeEventKind.RemandOrBail, Day, RemandOrBail: RemandOrBail.BailToCourt, BailConditions: "Curfew").Validate().Select(p => p.Field));
        Assert.Equal(["BailConditions"], new EventInput(CriminalJusticeEventKind.RemandOrBail, Day, RemandOrBail: RemandOrBail.RemandedInCustody, BailConditions: "Curfew").Validate().Select(p => p.Field));
        Assert.Empty(new EventInput(CriminalJusticeEventKind.RemandOrBail, Day, RemandOrBail: RemandOrBail.BailToCourt, BailConditions: " ").Validate());
        Assert.Equal(["HearingAt", "AgencyId", "HearingType"], new EventInput(CriminalJusticeEventKind.Hearing).Validate().Select(p => p.Field));
        Assert.Equal(["HearingId"], new EventInput(CriminalJusticeEventKind.HearingAdjourned, Day).Validate().Select(p => p.Field));
        Assert.Equal(["TransferSection"], new EventInput(CriminalJusticeEventKind.TransferReferral, Day).Validate().Select(p => p.Field));
        Assert.Equal(["LegalStatus"], new EventInput(CriminalJusticeEventKind.TransferAdmission, Day, LegalStatus: "10").Validate().Select(p => p.Field));
        Assert.Empty(new EventInput(CriminalJusticeEventKind.TransferAdmission, Day, LegalStatus: "16").Validate());
        Assert.Empty(new EventInput(CriminalJusticeEventKind.PreSentenceReport, Day).Validate());
    }

    private static CriminalJusticeEvent Ev(CriminalJusticeEventKind kind, int day, Guid? supersedes = null, string? requirements = null) => new()
    {
        Kind = kind, On = Day.AddDays(day), RecordedByUserId = "u", SupersedesId = supersedes, RecordedAt = DateTimeOffset.UnixEpoch.AddDays(day),
        CourtOutcome = kind == CriminalJusticeEventKind.CourtOutcome ? CourtOutcome.CommunityOrder : null, Requirements = requirements,
    };

    [Fact]
    public void The_transfer_clock_runs_from_the_referral_and_stops_at_the_first_admission_on_or_after_it()
    {
        var referral = Ev(CriminalJusticeEventKind.TransferReferral, 0);
        Assert.Null(ClockMaintenance.Compute(ClockKind.PrisonToHospitalTransfer, [Ev(CriminalJusticeEventKind.TransferAdmission, 3)]));
        var running = ClockMaintenance.Compute(ClockKind.PrisonToHospitalTransfer, [referral])!.Value;
        Assert.Equal((referral, (CriminalJusticeEvent?)null), running);
        var admitted = Ev(CriminalJusticeEventKind.TransferAdmission, 30);
        var earlierAdmission = Ev(CriminalJusticeEventKind.TransferAdmission, -5); // an earlier stay: not this transfer
        Assert.Same(admitted, ClockMaintenance.Compute(ClockKind.PrisonToHospitalTransfer, [referral, earlierAdmission, admitted])!.Value.Stop);
    }

    [Fact]
    public void A_correction_moves_the_clock_and_a_superseded_stop_no_longer_stops_it()
    {
        var order = Ev(CriminalJusticeEventKind.CourtOutcome, 0, requirements: OrderRequirements.MentalHealthTreatment);
        var corrected = Ev(CriminalJusticeEventKind.CourtOutcome, 2, order.Id, OrderRequirements.MentalHealthTreatment);
        var appointment = Ev(CriminalJusticeEventKind.MhtrFirstAppointment, 10);
        Assert.Same(corrected, ClockMaintenance.Compute(ClockKind.MhtrWait, [order, corrected])!.Value.Start);
        var wrongAppointment = Ev(CriminalJusticeEventKind.MhtrFirstAppointment, 12, appointment.Id);
        // The correction of the appointment stands; the appointment it corrects does not.
        Assert.Same(wrongAppointment, ClockMaintenance.Compute(ClockKind.MhtrWait, [order, appointment, wrongAppointment])!.Value.Stop);
        // An order without an MHTR starts nothing; correcting the MHTR away stops the clock existing.
        var withoutMhtr = Ev(CriminalJusticeEventKind.CourtOutcome, 0, order.Id, "curfew");
        Assert.Null(ClockMaintenance.Compute(ClockKind.MhtrWait, [order, withoutMhtr]));
    }
}
