using Microsoft.AspNetCore.DataProtection;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Feedback;

/// <summary>
/// The feedback hand-over lock (issue 15; docs/security.md "Users' experience"). Opening the device form
/// ("/feedback/give") puts this browser in hand-over mode: an HttpOnly, SameSite=Strict cookie holding the signed-in
/// session's id, protected with Data Protection (so it cannot be made or altered by hand, and a cookie of another
/// session means nothing). While the cookie names the current session, every request except the feedback form, its
/// thank-you page, the unlock page, signing out and the error pages is sent to "/feedback/unlock", where the worker's
/// password leaves hand-over mode. Static files are served before this check.
/// </summary>
public static class HandOver
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "waymark-handover";

    /// <summary>The unlock page's path.</summary>
    public const string UnlockPath = "/feedback/unlock";

    private const string Purpose = "Waymark.Feedback.HandOver";

    private static readonly string[] Allowed = ["/feedback/give", "/feedback/thanks", UnlockPath, "/account/sign-out"];

    /// <summary>Puts this browser in hand-over mode for the signed-in session (nothing when there is no session).</summary>
    public static void Start(HttpContext http)
    {
        if (SessionClaims.Of(http.User) is not { } session) return;
        var value = Protector(http).Protect(session.ToString());
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            IsEssential = true,
            Path = "/",
        });
    }

    /// <summary>Leaves hand-over mode (deletes the cookie).</summary>
    public static void End(HttpContext http) =>
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps });

    /// <summary>Whether this request comes from a browser in hand-over mode for its own signed-in session.</summary>
    public static bool IsOn(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value)) return false;
        if (SessionClaims.Of(http.User) is not { } session) return false;
        try
        {
            return Protector(http).Unprotect(value) == session.ToString();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// The middleware (after authentication): in hand-over mode, any request to a path not allowed is redirected to the
    /// unlock page (303, so a form post becomes a GET). A hand-over cookie of another (ended) session is deleted.
    /// </summary>
    public static async Task LockAsync(HttpContext http, Func<Task> next)
    {
        if (http.Request.Cookies.ContainsKey(CookieName))
        {
            if (!IsOn(http))
            {
                if (http.User.Identity?.IsAuthenticated == true) End(http);
            }
            else if (!Allowed.Any(p => http.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase))
                     && !http.Request.Path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.StatusCode = StatusCodes.Status303SeeOther;
                http.Response.Headers.Location = UnlockPath;
                return;
            }
        }
        await next();
    }

    private static IDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
