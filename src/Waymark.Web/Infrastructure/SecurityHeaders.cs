namespace Waymark.Web.Infrastructure;

/// <summary>Headers every response carries. No inline script or style is allowed anywhere.</summary>
public class SecurityHeaders(RequestDelegate next)
{
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = Csp;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!context.Request.Path.StartsWithSegments("/vendor") && !context.Request.Path.StartsWithSegments("/css") && !context.Request.Path.StartsWithSegments("/js"))
                h.CacheControl = "no-store"; // pages hold personal data: never cache them
            h.Remove("Server");
            h.Remove("X-Powered-By");
            return Task.CompletedTask;
        });
        return next(context);
    }
}

/// <summary>
/// Refuses a request whose path and query string are longer than <see cref="MaxLength"/> characters with 414, through
/// the app's pipeline so the answer carries the security headers and the error page. Kestrel's own request-line limit is
/// set to twice this (Startup); a line longer than that Kestrel refuses itself, before any middleware runs, with an
/// empty 414 that no code can add headers to.
/// </summary>
public sealed class RequestTargetLimit(RequestDelegate next)
{
    /// <summary>
    /// Characters of path (decoded) plus query string (as sent): 8,192, Kestrel's default request-line limit, well above
    /// any address the app makes (a search form with 5,000 typed characters still gets its validation message).
    /// </summary>
    public const int MaxLength = 8192;

    /// <summary>Answers 414 for an over-long target; otherwise passes the request on.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var length = (context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0);
        if (length <= MaxLength) return next(context);
        context.Response.StatusCode = StatusCodes.Status414UriTooLong;
        return Task.CompletedTask;
    }
}
