using Waymark.People;

namespace Waymark.Matching;

/// <summary>
/// What is known about one person, from a database row, a file or what was typed at intake. Every field
/// may be missing: a missing field is simply not compared.
/// </summary>
public sealed record MatchRecord
{
    public required string Id { get; init; }
    public string? GivenNames { get; init; }
    public string? FamilyName { get; init; }
    /// <summary>Other names the person has used (aliases, previous or married names).</summary>
    public IReadOnlyList<PersonName> OtherNames { get; init; } = [];
    public DateOnly? DateOfBirth { get; init; }
    /// <summary>Other dates of birth the person has given on other occasions.</summary>
    public IReadOnlyList<DateOnly> OtherDatesOfBirth { get; init; } = [];
    public Sex Sex { get; init; }
    public string? Postcode { get; init; }
    /// <summary>Town, suburb or locality.</summary>
    public string? Town { get; init; }
    /// <summary>House number and street ("12 High Street"); a leading number is compared on its own.</summary>
    public string? AddressLine { get; init; }
    public string? NhsNumber { get; init; }
    public string? PncId { get; init; }
    /// <summary>Other identifiers by kind ("Custody record" → "NS-123456"). Compared only within a kind the model knows.</summary>
    public IReadOnlyDictionary<string, string> OtherIdentifiers { get; init; } = new Dictionary<string, string>();
}

public sealed record PersonName(string? GivenNames, string? FamilyName);
