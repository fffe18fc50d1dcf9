using Waymark.Liaison;
using Waymark.LiaisonReports;
using Waymark.Referrals;

namespace Waymark.Core.Tests.Unit.LiaisonReports;

/// <summary>The liaison report's rules: frozen once sent, corrections keep the old, cover for every addressee, information left out, treatment requirement eligibility.</summary>
public class LiaisonReportRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 2, 40, 0, TimeSpan.Zero);
    private static readonly Guid Custody = Guid.NewGuid(), Court = Guid.NewGuid();

    private static LiaisonReport Draft(params Guid[] agencies)
    {
        var r = new LiaisonReport { Number = 1, CreatedByUserId = "amira", UpdatedByUserId = "amira" };
        r.ReportId = r.Id;
        r.Apply(new LiaisonReportInput(agencies.Length == 0 ? [Custody] : agencies, "Learning disability; reads very little.", "Screened: needs found.", null,
            "1. Housing: “a room of my own”", "Needs questions one at a time.", [new RecommendationInput("appropriate-adult", "His sister")], "Carries an easy-read card."), "amira", At.AddMinutes(-20));
        return r;
    }

    private static SharingCover ConsentTo(string information, params Guid[] agencies)
    {
        var c = new CriminalJusticeConsent { Information = information, Purposes = "detention-and-interview", Form = ConsentForm.Verbal, CapacityNote = "Has capacity", GivenAt = At.AddMinutes(-30), RecordedByUserId = "amira" };
        c.Agencies.AddRange(agencies.Select(a => new CriminalJusticeConsentAgency { ConsentId = c.Id, AgencyId = a }));
        return SharingCover.For(agencies[0], At, [c], [])!;
    }

    private const string All = "vulnerabilities screening assessment priorities effect-on-process recommendations";

    private static IReadOnlyList<string> Send(LiaisonReport r, Dictionary<Guid, SharingCover?> covers, int? age = 40) =>
        r.Send(covers, id => id == Custody ? "Northshire Central custody suite" : "Northshire Magistrates' Court", age, SendingMethod.SecureEmail, null, "amira", At);

    [Fact]
    public void Sending_records_who_when_how_and_then_the_version_refuses_every_change()
    {
        var r = Draft();
        var left = Send(r, new() { [Custody] = ConsentTo(All, Custody) });

        Assert.Empty(left);
        Assert.Equal((At, "amira", SendingMethod.SecureEmail), (r.SentAt!.Value, r.SentByUserId, r.SentHow!.Value));
        var edit = Assert.Throws<LiaisonReportRuleException>(() => r.Apply(new LiaisonReportInput([Custody], "Changed", null, null, null, null, [], null), "sam", At.AddMinutes(1)));
        Assert.Contains("has been sent, so it cannot be changed", edit.Message);
        Assert.Throws<LiaisonReportRuleException>(() => Send(r, new() { [Custody] = ConsentTo(All, Custody) }));
        Assert.Equal("Learning disability; reads very little.", r.Vulnerabilities);
    }

    [Fact]
    public void A_correction_is_the_next_version_starting_from_the_sent_content_and_the_sent_one_is_unchanged()
    {
        var r = Draft();
        Send(r, new() { [Custody] = ConsentTo(All, Custody) });

        var next = r.Correction("sam", At.AddHours(1));
        next.Apply(new LiaisonReportInput([Custody], "Learning disability; reads at a basic level.", next.Screening, null, next.Priorities, next.EffectOnProcess,
            [new RecommendationInput("appropriate-adult", "His sister")], next.FurtherInformation, "Overstated his reading difficulty"), "sam", At.AddHours(1));

        Assert.Equal((r.ReportId, 2, false), (next.ReportId, next.Number, next.IsSent));
        Assert.NotEqual(r.Id, next.Id);
        Assert.Equal(["appropriate-adult"], next.Recommendations.Select(x => x.Code));
        Assert.Equal([Custody], next.Addressees.Select(a => a.AgencyId));
        Assert.Equal("Learning disability; reads very little.", r.Vulnerabilities); // version 1 as sent
        Assert.Equal("Overstated his reading difficulty", next.CorrectionNote);
        Assert.Throws<LiaisonReportRuleException>(() => next.Correction("sam", At)); // a draft is edited, not corrected
    }

    [Fact]
    public void Sending_is_refused_naming_every_addressee_that_no_consent_or_lawful_basis_covers()
    {
        var r = Draft(Custody, Court);

        var e = Assert.Throws<LiaisonReportNotCoveredException>(() => Send(r, new() { [Custody] = ConsentTo(All, Custody), [Court] = null }));

        Assert.Equal([Court], e.AgencyIds);
        Assert.Contains("Northshire Magistrates' Court", e.Message);
        Assert.DoesNotContain("custody suite", e.Message);
        Assert.Null(r.SentAt);
    }

    [Fact]
    public void A_withdrawn_consent_does_not_cover_but_a_lawful_basis_does()
    {
        var consent = new CriminalJusticeConsent { Information = All, Purposes = "charging", CapacityNote = "Has capacity", GivenAt = At.AddHours(-2), WithdrawnAt = At.AddMinutes(-5), RecordedByUserId = "amira" };
        consent.Agencies.Add(new CriminalJusticeConsentAgency { ConsentId = consent.Id, AgencyId = Custody });
        Assert.Null(SharingCover.For(Custody, At, [consent], []));

        var basis = new SharingWithoutConsent { Basis = LawfulBasis.SeriousRiskToPerson, Reason = "Ligature risk", SecondPersonName = "Sam Clinician", Information = "vulnerabilities", DecidedAt = At.AddMinutes(-1), RecordedByUserId = "amira" };
        basis.Agencies.Add(new SharingWithoutConsentAgency { SharingId = basis.Id, AgencyId = Custody });
        var r = Draft();
        var left = Send(r, new() { [Custody] = SharingCover.For(Custody, At, [consent], [basis]) });

        Assert.Equal(["vulnerabilities"], r.SentInformationCodes);
        Assert.Equal(["Screening outcome", "What matters to them, in their words", "How this affects the process", "Recommendations"], left); // "Anything else" is about needs: covered
    }

    [Fact]
    public void Sections_whose_information_is_not_covered_for_every_addressee_are_left_out_of_what_is_sent()
    {
        var r = Draft(Custody, Court);
        var left = Send(r, new()
        {
            [Custody] = ConsentTo("vulnerabilities screening recommendations effect-on-process", Custody),
            [Court] = ConsentTo("vulnerabilities recommendations priorities", Court),
        });

        Assert.Equal(["vulnerabilities", "recommendations"], r.SentInformationCodes);
        Assert.Equal(["Screening outcome", "What matters to them, in their words", "How this affects the process"], left);
        Assert.True(r.Includes("recommendations"));
        Assert.False(r.Includes("screening"));
        Assert.NotNull(r.Screening); // kept on the record, just not sent
    }

    [Fact]
    public void Nothing_is_sent_when_no_written_section_is_covered()
    {
        var r = Draft();
        var e = Assert.Throws<LiaisonReportRuleException>(() => Send(r, new() { [Custody] = ConsentTo("assessment", Custody) }));
        Assert.Contains("Nothing written in this report is covered", e.Message);
        Assert.Null(r.SentAt);
    }

    [Theory]
    [InlineData(40, true, true, new string[0])]
    [InlineData(17, true, true, new[] { "they are 17, under 18" })]
    [InlineData(18, false, true, new[] { "they do not consent to the requirement" })]
    [InlineData(30, true, false, new[] { "no provider has agreed to treat them" })]
    [InlineData(null, null, null, new[] { "their date of birth is not recorded, so being 18 or over cannot be checked", "their consent to the requirement is not recorded", "whether a provider agrees is not recorded" })]
    public void A_treatment_requirement_needs_18_or_over_consent_and_a_provider(int? age, bool? consents, bool? provider, string[] problems) =>
        Assert.Equal(problems, TreatmentEligibility.Problems(age, consents, provider));

    [Fact]
    public void Sending_refuses_a_treatment_requirement_the_person_is_not_eligible_for_and_allows_it_when_eligible()
    {
        var r = Draft();
        r.Apply(new LiaisonReportInput([Custody], "Depression", null, null, null, null, [new RecommendationInput("mhtr-primary", null, true, true, "Talking Therapies")], null), "amira", At);

        var under18 = Assert.Throws<LiaisonReportRuleException>(() => Send(r, new() { [Custody] = ConsentTo(All, Custody) }, age: 17));
        Assert.Contains("mental health treatment requirement (primary care)", under18.Message);
        Assert.Contains("they are 17, under 18", under18.Message);
        Assert.Null(r.SentAt);

        Send(r, new() { [Custody] = ConsentTo(All, Custody) }, age: 18);
        Assert.NotNull(r.SentAt);
    }

    [Fact]
    public void A_draft_may_hold_a_treatment_requirement_whose_consent_and_provider_are_not_known_yet()
    {
        var input = new LiaisonReportInput([Guid.NewGuid()], "Low mood", null, null, null, null,
            [new RecommendationInput("mhtr-secondary", null), new RecommendationInput("alcohol-treatment", null, PersonConsents: true)], null);

        Assert.Empty(input.Validate());
    }

    [Fact]
    public void The_form_reports_every_problem_by_field()
    {
        var input = new LiaisonReportInput([], " ", null, null, null, new string('x', 4001),
            [new RecommendationInput("drug-rehabilitation", new string('d', 1001)), new RecommendationInput("made-up", null)], null);

        var problems = input.Validate().ToList();

        Assert.Equal(["AgencyIds", "Vulnerabilities", "EffectOnProcess", "Detail[drug-rehabilitation]", "Recommendations"],
            problems.Select(p => p.Field));
    }

    [Fact]
    public void Every_recommendation_has_a_unique_code_words_and_a_source_and_the_four_treatment_requirements_are_marked()
    {
        Assert.Equal(LiaisonRecommendations.All.Count, LiaisonRecommendations.All.Select(r => r.Code).Distinct().Count());
        Assert.All(LiaisonRecommendations.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Source) || string.IsNullOrWhiteSpace(r.Name)));
        Assert.Equal(["mhtr-primary", "mhtr-secondary", "drug-rehabilitation", "alcohol-treatment"], LiaisonRecommendations.All.Where(r => r.IsTreatmentRequirement).Select(r => r.Code));
        Assert.Contains("not a legal decision", LiaisonRecommendations.Display("fitness-for-interview"));
    }

    [Theory]
    [InlineData(40, "40 minutes")]
    [InlineData(60, "1 hour")]
    [InlineData(161, "2 hours 41 minutes")]
    [InlineData(1441, "1 day")]
    [InlineData(3000, "2 days 2 hours")]
    public void Time_from_identification_to_sent_reads_in_words(int minutes, string words) =>
        Assert.Equal(words, ReportTimes.Display(ReportTimes.IdentificationToSent(At, At.AddMinutes(minutes))!.Value));
}
