using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.Referrals;

namespace Waymark.Core.Tests.Liaison;

/// <summary>The rules of consent to share with the criminal justice system and of sharing without it (issue 12 item 2).</summary>
public class SharingRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid Custody = Guid.NewGuid(), Court = Guid.NewGuid();

    private static CriminalJusticeConsent Consent(DateTimeOffset given, DateTimeOffset? withdrawn, params Guid[] agencies)
    {
        var c = new CriminalJusticeConsent { CapacityNote = "ok", RecordedByUserId = "u", GivenAt = given, WithdrawnAt = withdrawn, Form = ConsentForm.Verbal };
        c.Agencies.AddRange(agencies.Select(a => new CriminalJusticeConsentAgency { ConsentId = c.Id, AgencyId = a }));
        return c;
    }

    private static SharingWithoutConsent Without(DateTimeOffset decided, params Guid[] agencies)
    {
        var s = new SharingWithoutConsent { Reason = "r", SecondPersonName = "Sam Rivers", RecordedByUserId = "u", DecidedAt = decided, Basis = LawfulBasis.SeriousRiskToPerson };
        s.Agencies.AddRange(agencies.Select(a => new SharingWithoutConsentAgency { SharingId = s.Id, AgencyId = a }));
        return s;
    }

    [Fact]
    public void A_standing_consent_naming_the_agency_covers_it_and_is_preferred_over_a_lawful_basis()
    {
        var consent = Consent(T0, null, Custody);
        var basis = Without(T0.AddMinutes(5), Custody);
        var cover = SharingCover.For(Custody, T0.AddMinutes(10), [consent], [basis]);
        Assert.Same(consent, cover!.Consent);
        Assert.Null(cover.WithoutConsent);
    }

    [Fact]
    public void Nothing_covers_an_agency_the_consent_does_not_name_or_a_moment_before_it_was_given()
    {
        var consent = Consent(T0, null, Custody);
        Assert.Null(SharingCover.For(Court, T0.AddMinutes(10), [consent], []));
        Assert.Null(SharingCover.For(Custody, T0.AddMinutes(-1), [consent], []));
    }

    [Fact]
    public void A_withdrawn_consent_covers_until_the_moment_of_withdrawal_and_then_only_a_lawful_basis_does()
    {
        var consent = Consent(T0, T0.AddHours(1), Custody);
        Assert.NotNull(SharingCover.For(Custody, T0.AddMinutes(59), [consent], []));
        Assert.Null(SharingCover.For(Custody, T0.AddHours(1), [consent], []));
        var basis = Without(T0.AddHours(2), Custody);
        Assert.Same(basis, SharingCover.For(Custody, T0.AddHours(3), [consent], [basis])!.WithoutConsent);
        Assert.Null(SharingCover.For(Custody, T0.AddMinutes(90), [consent], [basis]));
    }

    private static ConsentInput GoodConsent(DateTimeOffset? at = null) =>
        new(["vulnerabilities"], [Custody], ["charging"], ConsentForm.Written, true, "Understood and weighed it", at ?? T0.AddHours(1));

    private static EpisodeDates Dates => new(T0, T0.AddHours(2));

    [Fact]
    public void Consent_needs_what_with_whom_why_how_capacity_and_a_true_time()
    {
        Assert.Empty(GoodConsent().Validate(Dates));
        var problems = new ConsentInput([], [], [], null, null, " ", null).Validate(Dates).Select(p => p.Field).ToList();
        Assert.Equal(["Information", "AgencyIds", "Purposes", "Form", "HasCapacity", "CapacityNote", "GivenAt"], problems);
        Assert.Contains(GoodConsent(T0.AddMinutes(-1)).Validate(Dates), p => p.Message.Contains("before the person was identified", StringComparison.Ordinal));
        Assert.Contains(GoodConsent(T0.AddHours(3)).Validate(Dates), p => p.Message.Contains("cannot be in the future", StringComparison.Ordinal));
        Assert.Contains((GoodConsent() with { Information = ["the whole record"] }).Validate(Dates), p => p.Field == "Information");
        Assert.Contains((GoodConsent() with { CapacityNote = new string('x', 1001) }).Validate(Dates), p => p.Field == "CapacityNote");
    }

    [Fact]
    public void Withdrawal_cannot_be_before_the_consent_was_given_nor_in_the_future()
    {
        var consent = Consent(T0, null, Custody);
        Assert.Empty(new WithdrawalInput(T0.AddMinutes(30), "Changed his mind").Validate(consent, T0.AddHours(1)));
        Assert.Contains(new WithdrawalInput(T0.AddMinutes(-30), null).Validate(consent, T0.AddHours(1)), p => p.Message == "Consent cannot be withdrawn before it was given");
        Assert.Contains(new WithdrawalInput(T0.AddHours(2), null).Validate(consent, T0.AddHours(1)), p => p.Field == "At");
        Assert.Contains(new WithdrawalInput(null, null).Validate(consent, T0.AddHours(1)), p => p.Field == "At");
    }

    [Theory]
    [InlineData("Alex Morgan", true)]
    [InlineData("  alex   MORGAN ", true)]
    [InlineData("Alex Morgan, practitioner", true)]
    [InlineData("Alex Mörgan (practitioner)", true)]
    [InlineData("alex.morgan@northshire.invalid", true)]
    [InlineData("Alexandra Morgan", false)]
    [InlineData("Sam Rivers, team manager", false)]
    public void The_second_person_is_not_the_recorder_by_any_spelling(string typed, bool isRecorder) =>
        Assert.Equal(isRecorder, WithoutConsentInput.IsRecorder(typed, ["Alex Morgan", "alex.morgan@northshire.invalid"]));

    [Fact]
    public void Sharing_without_consent_needs_a_basis_a_reason_a_second_person_what_and_with_whom()
    {
        var good = new WithoutConsentInput(LawfulBasis.Safeguarding, "Child at risk at home", "Sam Rivers, team manager", ["vulnerabilities"], [Custody], T0.AddHours(1));
        Assert.Empty(good.Validate(Dates, ["Alex Morgan"]));
        var fields = new WithoutConsentInput(null, "", "", [], [], null).Validate(Dates, ["Alex Morgan"]).Select(p => p.Field).ToList();
        Assert.Equal(["Basis", "Reason", "SecondPersonName", "Information", "AgencyIds", "DecidedAt"], fields);
        Assert.Contains((good with { SecondPersonName = "Alex Morgan" }).Validate(Dates, ["Alex Morgan"]), p => p.Message.StartsWith("The second person must be someone other than you", StringComparison.Ordinal));
        Assert.Contains((good with { Basis = (LawfulBasis)99 }).Validate(Dates, []), p => p.Field == "Basis");
    }

    [Fact]
    public void A_disclosure_reads_in_words_on_the_audit_trail()
    {
        Assert.Equal("Disclosed without consent", Waymark.Audit.AuditActions.Display(Waymark.Audit.AuditAction.DisclosedWithoutConsent));
        Assert.Equal("Viewed", Waymark.Audit.AuditActions.Display(Waymark.Audit.AuditAction.Viewed));
        Assert.Equal("Signed in", Waymark.Audit.AuditActions.Display(Waymark.Audit.AuditAction.SignedIn));
    }

    [Fact]
    public void Every_lawful_basis_has_words() =>
        Assert.All(LawfulBases.All, b => Assert.False(string.IsNullOrWhiteSpace(LawfulBases.Display(b))));
}
