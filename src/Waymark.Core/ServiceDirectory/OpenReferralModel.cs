using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Waymark.ServiceDirectory;

// Open Referral UK (HSDS 3.0 UK profile) JSON, as Waymark writes and reads it. Property names are the
// profile's (snake_case through the serializer options). A few fields are not in the UK profile: HSDS 3.0
// core's eligibility_description, application_process and phones, and Waymark's referral_requirements and
// drop_in_details. The profile's schemas allow additional properties, so the output still validates;
// ADR 0014 and docs/directory.md say why and what each one holds.

public sealed class OrukPage
{
    public int TotalItems { get; set; }
    public int TotalPages { get; set; }
    public int PageNumber { get; set; }
    public int Size { get; set; }
    public bool FirstPage { get; set; }
    public bool LastPage { get; set; }
    public bool Empty { get; set; }
    public List<OrukService> Contents { get; set; } = [];
}

public sealed class OrukService
{
    public string? Id { get; set; }
    public string? OrganizationId { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Url { get; set; }
    public string? Email { get; set; }
    public string? Status { get; set; }
    public decimal? MinimumAge { get; set; }
    public decimal? MaximumAge { get; set; }
    public string? AssuredDate { get; set; }
    public string? AssurerEmail { get; set; }
    public string? LastModified { get; set; }
    public string? EligibilityDescription { get; set; }
    public string? ApplicationProcess { get; set; }
    public string? ReferralRequirements { get; set; }
    public string? DropInDetails { get; set; }
    public List<OrukPhone>? Phones { get; set; }
    public List<OrukSchedule>? Schedules { get; set; }
    public List<OrukServiceArea>? ServiceAreas { get; set; }
    public List<OrukServiceAtLocation>? ServiceAtLocations { get; set; }
    public OrukOrganization? Organization { get; set; }
    public List<OrukContact>? Contacts { get; set; }
    public List<OrukAttribute>? Attributes { get; set; }
}

public sealed class OrukOrganization
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public List<OrukPhone>? Phones { get; set; }
}

public sealed class OrukPhone
{
    public string? Id { get; set; }
    public string? ContactId { get; set; }
    public string? Number { get; set; }
}

public sealed class OrukSchedule
{
    public string? Id { get; set; }
    public string? ServiceId { get; set; }
    public string? Freq { get; set; }
    public decimal? Interval { get; set; }
    public string? Byday { get; set; }
    public string? OpensAt { get; set; }
    public string? ClosesAt { get; set; }
    public string? AttendingType { get; set; }
    public string? Description { get; set; }
}

public sealed class OrukServiceArea
{
    public string? Id { get; set; }
    public string? ServiceId { get; set; }
    public string? Name { get; set; }
    public string? ServiceArea { get; set; }
}

public sealed class OrukServiceAtLocation
{
    public string? Id { get; set; }
    public string? ServiceId { get; set; }
    public string? LocationId { get; set; }
    public OrukLocation? Location { get; set; }
}

public sealed class OrukLocation
{
    public string? Id { get; set; }
    public string? LocationType { get; set; }
    public string? Name { get; set; }
    public decimal? Latitude { get; set; }
    public decimal? Longitude { get; set; }
    public List<OrukAddress>? Addresses { get; set; }
}

public sealed class OrukAddress
{
    public string? Id { get; set; }
    public string? LocationId { get; set; }
    [JsonPropertyName("address_1")] public string? Address1 { get; set; }
    public string? City { get; set; }
    public string? StateProvince { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }
    public string? AddressType { get; set; }
}

public sealed class OrukContact
{
    public string? Id { get; set; }
    public string? ServiceId { get; set; }
    public string? Name { get; set; }
    public string? Title { get; set; }
    public string? Email { get; set; }
    public List<OrukPhone>? Phones { get; set; }
}

public sealed class OrukAttribute
{
    public string? Id { get; set; }
    public string? LinkId { get; set; }
    public string? LinkType { get; set; }
    public string? TaxonomyTermId { get; set; }
    public OrukTaxonomyTerm? TaxonomyTerm { get; set; }
}

public sealed class OrukTaxonomyTerm
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Taxonomy { get; set; }
    public string? TermUri { get; set; }
    public string? Term { get; set; }
}

public static class Oruk
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Taxonomies Waymark publishes its terms in. Needs are the assessment domains (NeedTaxonomy).
    public const string EligibilityTaxonomy = "waymark-eligibility";
    public const string AccessTaxonomy = "waymark-access";
    public const string OffendingAccepted = "offending-history-accepted";
    public const string OffendingNotAccepted = "offending-history-not-accepted";
    public const string SubstanceAccepted = "substance-use-accepted";
    public const string SubstanceNotAccepted = "substance-use-not-accepted";
    public const string DropInTerm = "drop-in";
    public const string DropInAttending = "drop-in";

    public static string Status(ServiceStatus s) => s switch
    {
        ServiceStatus.Inactive => "inactive",
        ServiceStatus.Defunct => "defunct",
        ServiceStatus.TemporarilyClosed => "temporarily closed",
        _ => "active",
    };

    public static ServiceStatus? ParseStatus(string? s) => s switch
    {
        "active" => ServiceStatus.Active,
        "inactive" => ServiceStatus.Inactive,
        "defunct" => ServiceStatus.Defunct,
        "temporarily closed" => ServiceStatus.TemporarilyClosed,
        _ => null,
    };

    public static string Day(DayOfWeek d) => d switch
    {
        DayOfWeek.Monday => "MO", DayOfWeek.Tuesday => "TU", DayOfWeek.Wednesday => "WE", DayOfWeek.Thursday => "TH",
        DayOfWeek.Friday => "FR", DayOfWeek.Saturday => "SA", _ => "SU",
    };

    public static DayOfWeek? ParseDay(string s) => s.Trim().ToUpperInvariant() switch
    {
        "MO" => DayOfWeek.Monday, "TU" => DayOfWeek.Tuesday, "WE" => DayOfWeek.Wednesday, "TH" => DayOfWeek.Thursday,
        "FR" => DayOfWeek.Friday, "SA" => DayOfWeek.Saturday, "SU" => DayOfWeek.Sunday, _ => null,
    };

    /// <summary>
    /// A stable UUID for something Waymark keeps without an id of its own (an area covered, a need, a phone),
    /// so the same entry always exports the same ids. RFC 9562 version 8 (name-based, SHA-256).
    /// </summary>
    public static Guid StableId(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public static string Id(Guid g) => g.ToString("D");
}
