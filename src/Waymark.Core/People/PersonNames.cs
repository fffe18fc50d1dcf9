using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;

namespace Waymark.People;

/// <summary>
/// How a person's name is written for people to read. A person known by one name only has it as their
/// family name and an empty given name: the convention of the NHS Personal Demographics Service, whose
/// FHIR API requires <c>Patient.name.family</c> and leaves <c>given</c> optional
/// (https://digital.nhs.uk/developer/api-catalogue/personal-demographics-service-fhir; the same schema is
/// reused by NHS England's Validated Relationships Service API, where a name's required parts are
/// <c>use</c> and <c>family</c>). So nothing here ever prints a stray space, comma or "null".
/// </summary>
public static class PersonNames
{
    /// <summary>"Aoife Ní Bhriain"; "Madonna" for a person known by one name; "" when neither is recorded.</summary>
    public static string Full(string? given, string? family) => Join(" ", given, family);

    /// <summary>"Ní Bhriain, Aoife" for sorted lists; "Madonna" alone for a person known by one name.</summary>
    public static string SortName(string? given, string? family) => Join(", ", family, given);

    /// <summary>How to refer to them in a sentence: the given name, or the one name of a person known by one name.</summary>
    public static string Short(string? given, string? family) =>
        string.IsNullOrWhiteSpace(given) ? family?.Trim() ?? "" : given.Trim();

    /// <summary>True when only one name is recorded (the given name is empty).</summary>
    public static bool IsSingleName(string? given, string? family) =>
        string.IsNullOrWhiteSpace(given) != string.IsNullOrWhiteSpace(family);

    /// <summary>
    /// The person's <see cref="Full"/> name, or null when there is no such person or the context's team cannot see them
    /// (team scoping applies). One query, reading the two name columns only.
    /// </summary>
    public static async Task<string?> FullAsync(WaymarkDbContext db, Guid personId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var p = await db.People.AsNoTracking().Where(x => x.Id == personId).Select(x => new { x.GivenName, x.FamilyName }).FirstOrDefaultAsync(ct);
        return p is null ? null : Full(p.GivenName, p.FamilyName);
    }

    private static string Join(string separator, string? first, string? second)
    {
        var a = first?.Trim() ?? "";
        var b = second?.Trim() ?? "";
        return a.Length == 0 ? b : b.Length == 0 ? a : a + separator + b;
    }
}
