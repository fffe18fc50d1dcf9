using System.Globalization;
using System.Threading.RateLimiting;
using Waymark.Appointments;

namespace Waymark.Web.Pages.Diary;

/// <summary>
/// <c>GET /calendar/{token}.ics</c>: a worker's calendar feed for calendar apps, which cannot sign in, so it is the one
/// anonymous address with people's data (initials and times only; <see cref="CalendarFeedService.FeedAsync"/>). An
/// unknown, malformed or revoked token is 404, the same answer for each. Never cached by shared caches. Each client
/// address may ask <see cref="PermitsPerMinute"/> times a minute (a fixed window, in memory per instance); more is 429
/// with Retry-After, so guessing addresses is slow as well as hopeless (the secret is 256 bits).
/// </summary>
public static class CalendarFeedEndpoint
{
    /// <summary>Requests one client address may make per minute: 120 (calendar apps poll every 15 minutes or more, so this leaves room for a whole office behind one address).</summary>
    public const int PermitsPerMinute = 120;

    /// <summary>Maps the endpoint (anonymous, GET only) with its own limiter for this app.</summary>
    public static void MapCalendarFeed(this WebApplication app)
    {
        var limiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = PermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true }));
        app.Lifetime.ApplicationStopped.Register(limiter.Dispose);
        app.MapGet("/calendar/{token}.ics", async (string token, HttpContext http, CalendarFeedService feeds, CancellationToken ct) =>
        {
            using var lease = limiter.AttemptAcquire(http);
            if (!lease.IsAcquired)
            {
                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var w) ? w : TimeSpan.FromMinutes(1);
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }
            var text = await feeds.FeedAsync(token, ct);
            if (text is null) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.Text(text, "text/calendar; charset=utf-8");
        }).AllowAnonymous();
    }
}
