using Waymark.Appointments;

namespace Waymark.Web.Pages.Diary;

/// <summary>
/// <c>GET /calendar/{token}.ics</c>: a worker's calendar feed for calendar apps, which cannot sign in, so it is the one
/// anonymous address with people's data (initials and times only; <see cref="CalendarFeedService.FeedAsync"/>). An
/// unknown, malformed or revoked token is 404, the same answer for each. Never cached by shared caches.
/// </summary>
public static class CalendarFeedEndpoint
{
    /// <summary>Maps the endpoint (anonymous, no antiforgery: GET only).</summary>
    public static void MapCalendarFeed(this WebApplication app) =>
        app.MapGet("/calendar/{token}.ics", async (string token, HttpContext http, CalendarFeedService feeds, CancellationToken ct) =>
        {
            var text = await feeds.FeedAsync(token, ct);
            if (text is null) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.Text(text, "text/calendar; charset=utf-8");
        }).AllowAnonymous();
}
