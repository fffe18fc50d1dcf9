using Waymark.Fhir;

namespace Waymark.Core.Tests.Fhir;

/// <summary>FHIR search parameters: dates with prefixes as UK-local ranges, paging bounds, and refusals.</summary>
public class FhirSearchRequestTests
{
    private static FhirSearchRequest Parse(string type, params (string, string)[] q) =>
        FhirSearchRequest.Parse(type, q.Select(x => new KeyValuePair<string, string?>(x.Item1, x.Item2)));

    [Fact]
    public void A_day_is_the_whole_UK_local_day_and_prefixes_take_its_start_or_end()
    {
        // 1 July 2026 is in BST: the day starts at 23:00 UTC the day before.
        var (from, before) = FhirDates.Range("2026-07-01");
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 23, 0, 0, TimeSpan.Zero), before);
        Assert.Equal((from, (DateTimeOffset?)null), FhirDates.Range("ge2026-07-01"));
        Assert.Equal((before, (DateTimeOffset?)null), FhirDates.Range("gt2026-07-01"));
        Assert.Equal(((DateTimeOffset?)null, before), FhirDates.Range("le2026-07-01"));
        Assert.Equal(((DateTimeOffset?)null, from), FhirDates.Range("lt2026-07-01"));
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero), FhirDates.Range("2026-12").Before!.Value.AddDays(-1));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero), FhirDates.Range("2026-11-20T14:30Z").From);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-29")]
    [InlineData("ne2026")]
    [InlineData("sa2026")]
    [InlineData("2026-01-01T10:00")]
    [InlineData("20260101")]
    [InlineData("1066")]
    [InlineData("")]
    [InlineData("2026-01-01T25:00Z")]
    public void Malformed_or_unsupported_dates_are_refused(string value)
    {
        var e = Assert.Throws<FhirRequestException>(() => FhirDates.Range(value));
        Assert.Equal(400, e.Status);
    }

    [Fact]
    public void Repeated_dates_narrow_the_range_and_paging_has_defaults_and_bounds()
    {
        var s = Parse("Encounter", ("date", "ge2026-01-01"), ("date", "lt2026-02-01"), ("date", "ge2026-01-10"));
        Assert.Equal(FhirDates.Range("2026-01-10").From, s.From);
        Assert.Equal(FhirDates.Range("2026-02-01").From, s.Before);
        Assert.Equal((20, 0), (s.Count, s.Offset));
        Assert.Equal(100, Parse("Encounter", ("_count", "100")).Count);
        foreach (var bad in new[] { "0", "101", "-1", "1e2", "99999999999" })
            Assert.Equal(400, Assert.Throws<FhirRequestException>(() => Parse("Encounter", ("_count", bad))).Status);
    }

    [Fact]
    public void Parameters_a_type_does_not_take_are_refused_not_ignored()
    {
        Assert.Throws<FhirRequestException>(() => Parse("Patient", ("date", "2026")));
        Assert.Throws<FhirRequestException>(() => Parse("AuditEvent", ("status", "active")));
        Assert.Throws<FhirRequestException>(() => Parse("Encounter", ("patient:missing", "true")));
        Assert.Throws<FhirRequestException>(() => Parse("Encounter", ("status", "finished,planned")));
        Assert.Throws<FhirRequestException>(() => Parse("Encounter", ("_id", "42")));
        Assert.Equal("42", Parse("AuditEvent", ("_id", "42")).Id);
        var patient = Guid.NewGuid();
        Assert.Equal(patient, Parse("Consent", ("patient", $"Patient/{patient}")).Patient);
        var nhs = Parse("Patient", ("identifier", "https://fhir.nhs.uk/Id/nhs-number|943 476 5919"));
        Assert.Equal(("https://fhir.nhs.uk/Id/nhs-number", "9434765919"), (nhs.IdentifierSystem, nhs.IdentifierValue));
    }

    [Theory]
    [InlineData("https://fhir.nhs.uk/Id/nhs-number|123")]
    [InlineData("https://fhir.nhs.uk/Id/nhs-number|9434765918")]
    [InlineData("https://fhir.nhs.uk/Id/nhs-number|94347659190")]
    [InlineData("943476591X")]
    [InlineData("http://waymark.invalid/fhir/pnc-id|26/123456A")]
    [InlineData("26/123456A")]
    public void An_identifier_that_is_not_a_valid_NHS_number_is_a_400_not_an_empty_search(string value)
    {
        var e = Assert.Throws<FhirRequestException>(() => Parse("Patient", ("identifier", value)));
        Assert.Equal(400, e.Status);
        Assert.Contains("NHS number", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("today")]
    [InlineData("x")]
    [InlineData("ge")]
    public void A_word_for_a_date_is_refused_as_not_a_date_not_as_a_wrong_prefix(string value)
    {
        var e = Assert.Throws<FhirRequestException>(() => FhirDates.Range(value));
        Assert.Contains("not a date", e.Message, StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", e.Message, StringComparison.Ordinal);
        Assert.Contains("prefixes", Assert.Throws<FhirRequestException>(() => FhirDates.Range("ne2026-01-01")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_format_other_than_JSON_is_a_406_and_the_AuditEvent_cutoff_is_read()
    {
        foreach (var format in new[] { "xml", "application/fhir+xml", "text/xml", "turtle" })
            Assert.Equal(406, Assert.Throws<FhirRequestException>(() => Parse("Patient", ("_format", format))).Status);
        Assert.Null(Parse("Patient", ("_format", "json")).Cutoff);
        Assert.Equal(42L, Parse("AuditEvent", ("_cutoff", "42")).Cutoff);
        foreach (var bad in new[] { "0", "-1", "abc", "99999999999999999999" })
            Assert.Equal(400, Assert.Throws<FhirRequestException>(() => Parse("AuditEvent", ("_cutoff", bad))).Status);
        Assert.Equal(400, Assert.Throws<FhirRequestException>(() => Parse("Encounter", ("_cutoff", "42"))).Status);
    }
}
