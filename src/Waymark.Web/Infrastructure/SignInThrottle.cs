using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Waymark.Web.Infrastructure;

/// <summary>Limits on sign-in and two-factor attempts (<c>Security:RateLimits</c>); each a fixed window.</summary>
public class RateLimitOptions
{
    /// <summary>Attempts (sign-in, two-factor and recovery-code POSTs together) one client address may make per window.</summary>
    public int PerAddressPermits { get; set; } = 100;
    /// <summary>The per-address window, in seconds.</summary>
    public int PerAddressWindowSeconds { get; set; } = 300;
    /// <summary>Attempts for one account (the typed email, normalised; or the user in the middle of two-factor) per window.</summary>
    public int PerAccountPermits { get; set; } = 10;
    /// <summary>The per-account window, in seconds.</summary>
    public int PerAccountWindowSeconds { get; set; } = 900;
}

/// <summary>
/// Throttles sign-in attempts with ASP.NET Core's rate limiter, per client address (after forwarded headers) and per
/// account, on POSTs to the sign-in, two-factor, recovery-code and change-password pages. A refused attempt is answered 429, shown as the
/// plain "Too many requests" error page. The account of an attempt is read before the limiter by
/// <see cref="ReadAccountAsync"/>: the typed email (trimmed, upper case), the user id of the two-factor step's cookie, or the signed-in user's id.
/// </summary>
public static class SignInThrottle
{
    private const string AccountKey = "waymark:throttle-account";

    private static readonly string[] Paths = ["/account/sign-in", "/account/two-factor", "/account/recovery-code", "/account/password"];

    /// <summary>Whether the request is an attempt that is counted.</summary>
    public static bool IsAttempt(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && Paths.Any(p => http.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Registers the limiter: a chain of the per-address and per-account limits from <paramref name="limits"/>.</summary>
    public static void AddSignInThrottle(this IServiceCollection services, RateLimitOptions limits)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsAttempt(http)
                    ? RateLimitPartition.GetFixedWindowLimiter("address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => Window(limits.PerAddressPermits, limits.PerAddressWindowSeconds))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsAttempt(http) && http.Items[AccountKey] is string account
                    ? RateLimitPartition.GetFixedWindowLimiter("account:" + account, _ => Window(limits.PerAccountPermits, limits.PerAccountWindowSeconds))
                    : RateLimitPartition.GetNoLimiter("")));
        });
    }

    private static FixedWindowRateLimiterOptions Window(int permits, int seconds) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromSeconds(Math.Max(1, seconds)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>
    /// Middleware before the limiter: for an attempt, notes its account (the form's Email; or the two-factor step's user).
    /// The form is buffered by ASP.NET Core, so the page binds it as usual afterwards.
    /// </summary>
    public static async Task ReadAccountAsync(HttpContext http, Func<Task> next)
    {
        if (IsAttempt(http))
        {
            string? account = null;
            if (http.Request.Path.Equals("/account/sign-in", StringComparison.OrdinalIgnoreCase))
            {
                if (http.Request.HasFormContentType)
                {
                    var form = await http.Request.ReadFormAsync(http.RequestAborted);
                    // The first value, as model binding takes it: joining repeated fields made a new account key each time.
                    var email = (form["Email"].FirstOrDefault() ?? "").Trim();
                    if (email.Length is > 0 and <= 256) account = "email:" + email.ToUpperInvariant();
                }
            }
            else if (http.Request.Path.Equals("/account/password", StringComparison.OrdinalIgnoreCase))
            {
                // Guessing the current password with someone's cookie: counted against that user.
                var signedIn = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
                if (signedIn.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId) account = "user:" + userId;
            }
            else
            {
                var step = await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
                if (step.Principal?.FindFirstValue(ClaimTypes.Name) is { } userId) account = "user:" + userId;
            }
            if (account is not null) http.Items[AccountKey] = account;
        }
        await next();
    }
}
