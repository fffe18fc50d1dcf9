using System.Globalization;
using System.Text.RegularExpressions;

namespace Waymark.Fhir;

/// <summary>A request the FHIR API refuses: the HTTP status (400, 404, 406) and what to say in the OperationOutcome.</summary>
public sealed class FhirRequestException(int status, string message) : Exception(message)
{
    /// <summary>400 for a malformed or unsupported request, 404 for an unknown type or record, 406 for a format other than JSON.</summary>
    public int Status { get; } = status;
}

/// <summary>
/// A parsed FHIR search (docs/fhir.md): the resource type, <c>_id</c>, <c>patient</c>, <c>identifier</c>
/// (Patient only), the <c>date</c> range on the resource's main date as [<see cref="From"/>, <see cref="Before"/>),
/// <c>status</c> codes, and the page (<c>_count</c> 1–100, default 20; <c>_offset</c> 0–100000).
/// </summary>
public sealed record FhirSearchRequest(
    string Type, string? Id, Guid? Patient, string? IdentifierSystem, string? IdentifierValue,
    DateTimeOffset? From, DateTimeOffset? Before, IReadOnlyList<string> Status, int Count, int Offset)
{
    /// <summary>
    /// AuditEvent only: the largest audit event id the search considers (<c>_cutoff</c>). The first page fixes it at the
    /// newest matching event and every <c>next</c> link carries it, so events recorded while a partner pages (its own
    /// reads among them) do not shift the newest-first pages: no entry repeats or is missed. Null: no bound.
    /// </summary>
    public long? Cutoff { get; init; }

    /// <summary>The search parameter that carries <see cref="Cutoff"/> in AuditEvent's <c>next</c> links.</summary>
    public const string CutoffParameter = "_cutoff";

    /// <summary>Resources per page when <c>_count</c> is not given.</summary>
    public const int DefaultCount = 20;
    /// <summary>The most resources a page holds.</summary>
    public const int MaxCount = 100;
    /// <summary>The furthest a search pages (offset paging over an index; a partner narrows with <c>date</c> beyond it).</summary>
    public const int MaxOffset = 100_000;

    private static readonly HashSet<string> Everywhere = ["_count", "_offset", "_format"];

    /// <summary>
    /// The search parameters <paramref name="type"/> takes (beyond <c>_count</c>, <c>_offset</c>, <c>_format</c>), and
    /// for each the status codes it filters on. Patient: <c>_id</c>, <c>identifier</c>; the rest: <c>_id</c>,
    /// <c>patient</c>, <c>date</c> and, where the resource has one Waymark can filter on, <c>status</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters(string type) => type switch
    {
        "Patient" => new Dictionary<string, IReadOnlyList<string>> { ["_id"] = [], ["identifier"] = [] },
        "AuditEvent" => Common(),
        _ => Common(FhirResources.StatusCodes(type)),
    };

    private static Dictionary<string, IReadOnlyList<string>> Common(IReadOnlyList<string>? statuses = null)
    {
        var d = new Dictionary<string, IReadOnlyList<string>> { ["_id"] = [], ["patient"] = [], ["date"] = [] };
        if (statuses is { Count: > 0 }) d["status"] = statuses;
        return d;
    }

    /// <summary>Reads the query of a search on <paramref name="type"/> (a type <see cref="FhirResources.IsSupported"/>).</summary>
    /// <exception cref="FhirRequestException">400: an unknown parameter or modifier, a repeated one, or a malformed value
    /// (an identifier that is not a valid NHS number among them); 406: a <c>_format</c> other than JSON.</exception>
    public static FhirSearchRequest Parse(string type, IEnumerable<KeyValuePair<string, string?>> query)
    {
        var allowed = Parameters(type);
        string? id = null;
        Guid? patient = null;
        string? system = null, value = null;
        DateTimeOffset? from = null, before = null;
        List<string> status = [];
        int count = DefaultCount, offset = 0;
        long? cutoff = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, raw) in query)
        {
            var v = raw ?? "";
            if (name == CutoffParameter && type == "AuditEvent")
            {
                if (!seen.Add(name)) throw Bad($"'{name}' is given more than once.");
                cutoff = long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0 && v.Length <= 19
                    ? c : throw Bad($"{CutoffParameter} must be a positive whole number (copy the next link as given).");
                continue;
            }
            if (!allowed.ContainsKey(name) && !Everywhere.Contains(name))
                throw Bad($"Unknown search parameter '{Cut(name)}' for {type}. Supported: {string.Join(", ", allowed.Keys.Concat(Everywhere))}.");
            if (name != "date" && !seen.Add(name)) throw Bad($"'{name}' is given more than once.");
            switch (name)
            {
                case "_count":
                    count = Number(v, 1, MaxCount) ?? throw Bad($"_count must be a whole number from 1 to {MaxCount}.");
                    break;
                case "_offset":
                    offset = Number(v, 0, MaxOffset) ?? throw Bad($"_offset must be a whole number from 0 to {MaxOffset}.");
                    break;
                case "_format":
                    if (!IsJsonFormat(v)) throw new FhirRequestException(406, JsonOnly);
                    break;
                case "_id":
                    id = FhirResources.IsWellFormedId(type, v) ? v : throw Bad("_id is not an id this server issues.");
                    break;
                case "patient":
                    var p = v.StartsWith("Patient/", StringComparison.Ordinal) ? v["Patient/".Length..] : v;
                    patient = Guid.TryParse(p, out var pg) ? pg : throw Bad("patient must be Patient/<id> or <id> with an id this server issues.");
                    break;
                case "identifier":
                    (system, value) = Identifier(v);
                    break;
                case "date":
                    var (f, b) = FhirDates.Range(v);
                    if (f is { } ff && (from is null || ff > from)) from = ff;
                    if (b is { } bb && (before is null || bb < before)) before = bb;
                    break;
                case "status":
                    foreach (var code in v.Split(','))
                    {
                        if (!allowed["status"].Contains(code)) throw Bad($"status '{Cut(code)}' is not one of {string.Join(", ", allowed["status"])}.");
                        status.Add(code);
                    }
                    break;
            }
        }
        return new FhirSearchRequest(type, id, patient, system, value, from, before, status, count, offset) { Cutoff = cutoff };
    }

    /// <summary>What a 406 says: only FHIR JSON is served (the CapabilityStatement's format).</summary>
    public const string JsonOnly = "Only JSON is served (application/fhir+json): ask for it with _format=json or an Accept header that allows JSON.";

    /// <summary>Whether a <c>_format</c> value asks for JSON: <c>json</c>, <c>application/json</c>, <c>application/fhir+json</c> (case-insensitive).</summary>
    public static bool IsJsonFormat(string? value) => value?.Trim().ToLowerInvariant() is "json" or "application/json" or "application/fhir+json" or "application/json+fhir";

    private static (string? System, string Value) Identifier(string v)
    {
        var bar = v.IndexOf('|', StringComparison.Ordinal);
        var (system, value) = bar < 0 ? (null, v) : (v[..bar], v[(bar + 1)..]);
        if (string.IsNullOrWhiteSpace(value) || value.Length > 100) throw Bad("identifier must be system|value or value, with a value of 100 characters or fewer.");
        system = string.IsNullOrEmpty(system) ? null : system;
        // Only the NHS number is served (and searched): the PNC ID is a police identifier a partner is not given (docs/fhir.md).
        if (system is not (null or Identifiers.NhsNumber.FhirSystem))
            throw Bad($"identifier searches the NHS number only: {Identifiers.NhsNumber.FhirSystem}|<ten digits>, or the ten digits alone.");
        // NHS Data Dictionary "NHS Number": ten digits, the last a Modulus 11 check digit (spaces and dashes ignored).
        if (!Identifiers.NhsNumber.IsValid(value))
            throw Bad("identifier is not a valid NHS number: ten digits whose last is the Modulus 11 check digit.");
        return (system, Identifiers.NhsNumber.Normalise(value)!);
    }

    private static int? Number(string v, int min, int max) =>
        v.Length is > 0 and <= 9 && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;

    private static string Cut(string s) => s.Length > 50 ? s[..50] + "…" : s;

    internal static FhirRequestException Bad(string message) => new(400, message);
}

/// <summary>FHIR search dates (https://hl7.org/fhir/R4/search.html#date) as instant ranges, UK local where no zone is given.</summary>
public static partial class FhirDates
{
    [GeneratedRegex(@"^(?<y>\d{4})(-(?<m>\d{2})(-(?<d>\d{2})(T(?<h>\d{2}):(?<mi>\d{2})(:(?<s>\d{2})(\.\d{1,9})?)?(?<z>Z|[+-]\d{2}:\d{2}))?)?)?$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Shape();

    /// <summary>
    /// The range [from, before) a date search value with its prefix (<c>eq</c> default, <c>ge</c>, <c>gt</c>, <c>le</c>,
    /// <c>lt</c>) selects. A year, month or day is the whole of it in UK local time; a time of day needs its zone.
    /// </summary>
    /// <exception cref="FhirRequestException">400: an unsupported prefix or a malformed or impossible date.</exception>
    public static (DateTimeOffset? From, DateTimeOffset? Before) Range(string value)
    {
        // A prefix is two lower-case letters before the date's first digit; other words ("yesterday") are not dates.
        var hasPrefix = value.Length >= 3 && char.IsAsciiLetterLower(value[0]) && char.IsAsciiLetterLower(value[1]) && char.IsAsciiDigit(value[2]);
        if (!hasPrefix && value.Length > 0 && !char.IsAsciiDigit(value[0])) throw NotADate();
        var prefix = hasPrefix ? value[..2] : "eq";
        var text = hasPrefix ? value[2..] : value;
        if (prefix is not ("eq" or "ge" or "gt" or "le" or "lt"))
            throw FhirSearchRequest.Bad("date takes the prefixes eq, ge, gt, le and lt only.");
        var (start, end) = Span(text);
        return prefix switch
        {
            "ge" => (start, null),
            "gt" => (end, null),
            "le" => (null, end),
            "lt" => (null, start),
            _ => (start, end),
        };
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Span(string text)
    {
        var m = text.Length <= 40 ? Shape().Match(text) : Match.Empty;
        if (!m.Success) throw NotADate();
        try
        {
            var y = Int(m.Groups["y"].Value);
            if (y < 1900 || y > 9000) throw FhirSearchRequest.Bad("date's year must be from 1900 to 9000.");
            if (!m.Groups["m"].Success) return (Local(new DateOnly(y, 1, 1)), Local(new DateOnly(y + 1, 1, 1)));
            var month = new DateOnly(y, Int(m.Groups["m"].Value), 1);
            if (!m.Groups["d"].Success) return (Local(month), Local(month.AddMonths(1)));
            var day = new DateOnly(y, month.Month, Int(m.Groups["d"].Value));
            if (!m.Groups["h"].Success) return (Local(day), Local(day.AddDays(1)));
            var z = m.Groups["z"].Value;
            var offset = z == "Z" ? TimeSpan.Zero : TimeSpan.ParseExact(z[1..], @"hh\:mm", CultureInfo.InvariantCulture) * (z[0] == '-' ? -1 : 1);
            var seconds = m.Groups["s"].Success ? Int(m.Groups["s"].Value) : 0;
            var at = new DateTimeOffset(day.Year, day.Month, day.Day, Int(m.Groups["h"].Value), Int(m.Groups["mi"].Value), seconds, offset);
            return (at, at.AddSeconds(m.Groups["s"].Success ? 1 : 60));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            throw FhirSearchRequest.Bad("date is not a real date or time.");
        }
    }

    private static FhirRequestException NotADate() => FhirSearchRequest.Bad(
        "date is not a date: give YYYY-MM-DD (or YYYY, YYYY-MM, or YYYY-MM-DDThh:mm[:ss] with a zone), after an optional prefix eq, ge, gt, le or lt.");

    private static DateTimeOffset Local(DateOnly d) => UkTime.FromLocal(d, TimeOnly.MinValue);

    private static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
}
