using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.Primitives;
using Waymark.Audit;
using Waymark.Fhir;
using Waymark.ServiceDirectory;
using Waymark.Web.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Waymark.Web.Fhir;

/// <summary>
/// The FHIR R4 read-and-search API for partner systems (docs/adr/0023-fhir-api.md, docs/fhir.md):
/// <c>GET /fhir/metadata</c> (no key), <c>GET /fhir/{type}/{id}</c> and <c>GET /fhir/{type}?…</c> for the types in
/// <see cref="FhirResources.All"/>, as UK Core resources in <c>application/fhir+json</c>. A partner key of scope
/// <see cref="ApiKeyScope.Fhir"/> (<c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key</c>) says which team's
/// records are read, and only that one's. Every read and search is audited. Every refusal is an OperationOutcome:
/// 401 no or bad key, 400 a malformed search, 404 an unknown type or a record not the team's, 405 anything but GET,
/// 406 a request for a format other than JSON (<c>_format</c> or <c>Accept</c>; the OperationOutcome itself is JSON).
/// </summary>
public static class FhirApi
{
    /// <summary>The FHIR JSON media type every answer carries.</summary>
    public const string MediaType = "application/fhir+json";

    /// <summary>Maps <c>/fhir</c>.</summary>
    public static void MapFhirApi(this WebApplication app)
    {
        var api = app.MapGroup("/fhir").AllowAnonymous().DisableAntiforgery();
        // Only JSON is served (the CapabilityStatement's one format): XML asked for is a 406, not JSON sent anyway.
        api.AddEndpointFilter(async (context, next) => AcceptsJson(context.HttpContext.Request)
            ? await next(context)
            : Outcome(StatusCodes.Status406NotAcceptable, OperationOutcome.IssueType.NotSupported, FhirSearchRequest.JsonOnly));
        api.MapGet("/metadata", (HttpContext http) => Fhir(FhirCapability.Statement(BaseUrl(http)), StatusCodes.Status200OK));
        api.MapGet("/{type}", SearchAsync);
        api.MapGet("/{type}/{id}", ReadAsync);
        api.MapGet("/{type}/{id}/{**rest}", (string type) => Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported, "Only read and search are supported (no history or operations)."));
        // Everything else under /fhir answers in FHIR, never with the web app's sign-in redirect: the bare base is a 404,
        // and every method but GET (writes, HEAD, OPTIONS, …) a 405.
        api.MapGet("/", () => Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported,
            "Name a resource type (for example /fhir/Patient?identifier=…) or read /fhir/metadata."));
        api.MapMethods("/{**rest}", ["POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"], () =>
            Outcome(StatusCodes.Status405MethodNotAllowed, OperationOutcome.IssueType.NotSupported, "This FHIR API is read-only: GET only."));
    }

    private static async Task<IResult> ReadAsync(HttpContext http, string type, string id, FhirStore store, Auditor audit, CancellationToken ct)
    {
        if (!FhirResources.IsSupported(type)) return UnknownType(type);
        if (await AuthenticateAsync(http, ct) is { } refused) return refused;
        var found = await store.ReadAsync(type, id, ct);
        // Another team's record, a missing one and a malformed id all look the same: not found.
        if (found is null) return Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"No {type} with that id.");
        await audit.RecordNowAsync(AuditAction.Viewed, "FhirApi", $"{type}/{found.Resource.Id}", found.PersonId, detail: $"FHIR read {type}", ct: ct);
        return Fhir(found.Resource, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SearchAsync(HttpContext http, string type, FhirStore store, Auditor audit, CancellationToken ct)
    {
        if (!FhirResources.IsSupported(type)) return UnknownType(type);
        if (await AuthenticateAsync(http, ct) is { } refused) return refused;
        FhirSearchRequest search;
        FhirPage page;
        try
        {
            search = FhirSearchRequest.Parse(type, http.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
            page = await store.SearchAsync(search, ct);
        }
        catch (FhirRequestException e)
        {
            return Outcome(e.Status, e.Status switch
            {
                404 => OperationOutcome.IssueType.NotFound,
                406 => OperationOutcome.IssueType.NotSupported,
                _ => OperationOutcome.IssueType.Invalid,
            }, e.Message);
        }
        // One event for the search (with its counts), and one per person the page shows so it is in their trail.
        var query = http.Request.QueryString.Value ?? "";
        var entries = new List<AuditEntry>
        {
            new(AuditAction.Searched, "FhirApi", type, search.Patient,
                $"FHIR search {type}{Cut(query)}: {page.Found.Count} of {page.Total} from {search.Offset}"),
        };
        if (search.Patient is null)
            entries.AddRange(page.Found.Where(f => f.PersonId is not null).GroupBy(f => f.PersonId!.Value)
                .Select(g => new AuditEntry(AuditAction.Viewed, "FhirApi", type, g.Key, $"FHIR search {type}: {g.Count()} shown")));
        await audit.RecordNowAsync(entries, ct);
        return Fhir(Bundle(http, search, page), StatusCodes.Status200OK);
    }

    private static Bundle Bundle(HttpContext http, FhirSearchRequest search, FhirPage page)
    {
        var baseUrl = BaseUrl(http);
        var bundle = new Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Searchset, Total = page.Total, Id = Guid.NewGuid().ToString() };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = PageUrl(http, baseUrl, search.Type, search.Offset, search.Count, page.Cutoff) });
        if (search.Offset + search.Count < page.Total && search.Offset + search.Count <= FhirSearchRequest.MaxOffset)
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageUrl(http, baseUrl, search.Type, search.Offset + search.Count, search.Count, page.Cutoff) });
        foreach (var f in page.Found)
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/{search.Type}/{f.Resource.Id}",
                Resource = f.Resource,
                Search = new Bundle.SearchComponent { Mode = Hl7.Fhir.Model.Bundle.SearchEntryMode.Match },
            });
        return bundle;
    }

    // The search's own parameters, then the page, then (AuditEvent) the cut-off that keeps the pages stable.
    private static string PageUrl(HttpContext http, string baseUrl, string type, int offset, int count, long? cutoff)
    {
        var kept = http.Request.Query.Where(q => q.Key is not ("_offset" or "_count" or FhirSearchRequest.CutoffParameter))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"));
        var page = kept.Append($"_count={count}").Append($"_offset={offset}");
        if (cutoff is { } c) page = page.Append(FormattableString.Invariant($"{FhirSearchRequest.CutoffParameter}={c}"));
        return $"{baseUrl}/{type}?" + string.Join('&', page);
    }

    /// <summary>
    /// Whether the request may be answered in JSON: every <c>_format</c> given is JSON
    /// (<see cref="FhirSearchRequest.IsJsonFormat"/>), and the Accept header is absent, unreadable, or allows a JSON
    /// type (<c>*/*</c>, <c>application/*</c>, or a subtype with <c>json</c> in it) with a quality above 0.
    /// </summary>
    internal static bool AcceptsJson(HttpRequest request)
    {
        if (request.Query.TryGetValue("_format", out var formats) && !formats.All(FhirSearchRequest.IsJsonFormat)) return false;
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParseList(accept, out var types) || types.Count == 0) return true;
        return types.Any(t => (t.Quality ?? 1) > 0
            && (t.MediaType.Value is "*/*" or "application/*" || (t.SubType.Value?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false)));
    }

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/fhir";

    /// <summary>Null when a live FHIR key was sent (and the request now acts for its team); otherwise the 401 to send.</summary>
    private static async Task<IResult?> AuthenticateAsync(HttpContext http, CancellationToken ct)
    {
        var presented = Presented(http.Request.Headers);
        var key = await http.RequestServices.GetRequiredService<DirectoryApiKeys>().FindLiveAsync(presented, ApiKeyScope.Fhir, ct);
        if (key is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"waymark-fhir\"";
            return Outcome(StatusCodes.Status401Unauthorized, OperationOutcome.IssueType.Login, string.IsNullOrWhiteSpace(presented)
                ? "Send your FHIR API key as 'Authorization: Bearer <key>' or in the X-Api-Key header."
                : "The API key is not valid for the FHIR API, or has been revoked.");
        }
        http.RequestServices.GetRequiredService<HttpCurrentUser>().ActForPartner(key.TeamId, key.Id);
        return null;
    }

    /// <summary>The key from <c>Authorization: Bearer</c>, else from <c>X-Api-Key</c>; null when neither was sent.</summary>
    private static string? Presented(IHeaderDictionary headers)
    {
        var auth = headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth["Bearer ".Length..].Trim();
        StringValues apiKey = headers[OpenReferralApi.KeyHeader];
        return apiKey.Count == 1 ? apiKey[0] : null;
    }

    private static string Cut(string s) => s.Length > 300 ? s[..300] + "…" : s;

    private static IResult UnknownType(string type) => Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported,
        $"'{(type.Length > 50 ? type[..50] + "…" : type)}' is not a resource type this server serves. See /fhir/metadata.");

    /// <summary>An OperationOutcome with one error issue, as the answer of <paramref name="status"/>.</summary>
    public static IResult Outcome(int status, OperationOutcome.IssueType code, string message) => Fhir(new OperationOutcome
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = code, Diagnostics = message }],
    }, status);

    private static IResult Fhir(Resource resource, int status) =>
        Results.Text(resource.ToJson(), MediaType + "; charset=utf-8", System.Text.Encoding.UTF8, status);
}
