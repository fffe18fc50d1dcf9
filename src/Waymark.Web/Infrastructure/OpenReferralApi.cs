using System.Text.Json;
using Waymark.Audit;
using Waymark.ServiceDirectory;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// The read API for partner agencies, in the Open Referral UK profile's shape: <c>GET /api/openreferral/services</c>
/// (paged) and <c>GET /api/openreferral/services/{id}</c>. Partners are not Waymark users: a team's API key in
/// <c>X-Api-Key</c> says which team's directory they read, and only that one. Relationship notes are never in it.
/// </summary>
public static class OpenReferralApi
{
    public const string KeyHeader = "X-Api-Key";
    public const int DefaultPerPage = 20;
    public const int MaxPerPage = 100;

    public static void MapOpenReferralApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/openreferral").AllowAnonymous().DisableAntiforgery();
        api.MapGet("/services", ListAsync);
        api.MapGet("/services/{id}", FindAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, OpenReferralExporter exporter, Auditor audit, CancellationToken ct)
    {
        if (await AuthenticateAsync(http, ct) is { } refused) return refused;
        var page = Number(http.Request.Query["page"], 1);
        var perPage = Number(http.Request.Query["per_page"], DefaultPerPage);
        if (page is null or < 1 or > 1_000_000) return Problem(StatusCodes.Status400BadRequest, "page must be a whole number from 1");
        if (perPage is null or < 1 or > MaxPerPage) return Problem(StatusCodes.Status400BadRequest, $"per_page must be a whole number from 1 to {MaxPerPage}");
        var result = await exporter.ListAsync(page.Value, perPage.Value, ct);
        await audit.RecordNowAsync(AuditAction.Searched, "DirectoryApi", null, detail: $"services page={page} per_page={perPage} results={result.Size}", ct: ct);
        return Json(result);
    }

    private static async Task<IResult> FindAsync(HttpContext http, string id, OpenReferralExporter exporter, Auditor audit, CancellationToken ct)
    {
        if (await AuthenticateAsync(http, ct) is { } refused) return refused;
        // Another team's service, a missing one and a malformed id all look the same: not found.
        var service = Guid.TryParse(id, out var g) ? await exporter.FindAsync(g, ct) : null;
        if (service is null) return Problem(StatusCodes.Status404NotFound, "No such service");
        await audit.RecordNowAsync(AuditAction.Viewed, "DirectoryApi", service.Id, detail: "service", ct: ct);
        return Json(service);
    }

    /// <summary>Null when the key is live (and the request now acts for its team); otherwise the 401 to send.</summary>
    private static async Task<IResult?> AuthenticateAsync(HttpContext http, CancellationToken ct)
    {
        var presented = http.Request.Headers[KeyHeader].ToString();
        var keys = http.RequestServices.GetRequiredService<DirectoryApiKeys>();
        var key = await keys.FindLiveAsync(presented, ApiKeyScope.Directory, ct);
        if (key is null)
        {
            http.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
            return Problem(StatusCodes.Status401Unauthorized, string.IsNullOrWhiteSpace(presented) ? "Send your API key in the X-Api-Key header" : "The API key is not valid or has been revoked");
        }
        http.RequestServices.GetRequiredService<HttpCurrentUser>().ActForPartner(key.TeamId, key.Id);
        return null;
    }

    private static int? Number(Microsoft.Extensions.Primitives.StringValues value, int fallback) =>
        value.Count == 0 || string.IsNullOrEmpty(value[0]) ? fallback
        : int.TryParse(value[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    private static IResult Json<T>(T body) => Results.Text(JsonSerializer.Serialize(body, Oruk.Json), "application/json; charset=utf-8");

    private static IResult Problem(int status, string detail) => Results.Json(new { status, detail }, statusCode: status);
}
