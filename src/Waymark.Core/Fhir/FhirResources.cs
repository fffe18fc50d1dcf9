using System.Globalization;

namespace Waymark.Fhir;

/// <summary>The resource types the FHIR API serves, their status codes Waymark filters on, and the shape of their ids.</summary>
public static class FhirResources
{
    /// <summary>Every type served, in the CapabilityStatement's order.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["Patient", "EpisodeOfCare", "QuestionnaireResponse", "ServiceRequest", "Appointment", "Encounter", "CarePlan", "Consent", "AuditEvent"];

    /// <summary>Whether <paramref name="type"/> is served (case-sensitive, as FHIR type names are).</summary>
    public static bool IsSupported(string type) => All.Contains(type, StringComparer.Ordinal);

    /// <summary>The status codes a search on <paramref name="type"/> can filter on (empty: no status parameter).</summary>
    public static IReadOnlyList<string> StatusCodes(string type) => type switch
    {
        "EpisodeOfCare" => ["active", "finished"],
        "QuestionnaireResponse" => ["completed"],
        "ServiceRequest" => ["draft", "active", "revoked", "completed"],
        "Appointment" => ["booked", "fulfilled", "noshow", "cancelled"],
        "Encounter" => ["finished", "cancelled", "entered-in-error"],
        "CarePlan" => ["active"],
        "Consent" => ["active", "inactive"],
        _ => [],
    };

    /// <summary>Whether <paramref name="id"/> has the shape of an id this server gives <paramref name="type"/>: a GUID, or for AuditEvent a positive whole number.</summary>
    public static bool IsWellFormedId(string type, string? id) => id is { Length: > 0 and <= 64 } && (type == "AuditEvent"
        ? long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
        : Guid.TryParseExact(id, "D", out _));
}
