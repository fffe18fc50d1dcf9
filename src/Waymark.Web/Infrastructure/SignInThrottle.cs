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
    /// <summary>
    /// FAILED attempts for one account (the typed email, normalised; or the user in the middle of two-factor) per window;
    /// the next attempt is refused until the window ends. Successful steps do not count, so signing in with a password and
    /// a security code never uses up the allowance.
    /// </summary>
    public int PerAccountPermits { get; set; } = 10;
    /// <summary>The per-account window, in seconds.</summary>
    public int PerAccountWindowSeconds { get; set; } = 900;
}

/// <summary>
/// Throttles sign-in attempts with ASP.NET Core's rate limiters (System.Threading.RateLimiting fixed windows) on POSTs to
/// the sign-in, two-factor, recovery-code and change-password pages: every attempt per client address (after forwarded
/// headers), and FAILED attempts per account (<see cref="AccountFailures"/>). A refused attempt is answered 429 with a
/// Retry-After header, shown as the "Too many attempts" error page saying how long to wait. The account of an attempt is
/// read by <see cref="ReadAccountAsync"/>: the typed email (trimmed, upper case), the user id of the two-factor step's
/// cookie, or the signed-in user's id. A page that refuses an attempt says so with <see cref="AttemptFailed"/>.
/// </summary>
public static class SignInThrottle
{
    private const string AccountKey = "waymark:throttle-account";
    private const string FailedKey = "waymark:attempt-failed";

    /// <summary>The <see cref="HttpContext.Items"/> key of how long a refused attempt must wait (a <see cref="TimeSpan"/>), for the error page.</summary>
    public const string RetryAfterKey = "waymark:retry-after";

    /// <summary>Marks this request's attempt as failed (wrong password, unknown email, wrong code), so it counts against the account.</summary>
    public static void AttemptFailed(HttpContext http) => http.Items[FailedKey] = true;

    private static readonly string[] Paths = ["/account/sign-in", "/account/two-factor", "/account/recovery-code", "/account/password", "/feedback/unlock"];

    /// <summary>Whether the request is an attempt that is counted.</summary>
    public static bool IsAttempt(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && Paths.Any(p => http.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Registers the limiter: a chain of the per-address and per-account limits from <paramref name="limits"/>.</summary>
    public static void AddSignInThrottle(this IServiceCollection services, RateLimitOptions limits)
    {
        services.AddSingleton(new AccountFailures(limits));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsAttempt(http)
                ? RateLimitPartition.GetFixedWindowLimiter("address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => Window(limits.PerAddressPermits, limits.PerAddressWindowSeconds))
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (context, _) =>
            {
                Refuse(context.HttpContext, context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(limits.PerAddressWindowSeconds));
                return ValueTask.CompletedTask;
            };
        });
    }

    private static void Refuse(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Items[RetryAfterKey] = TimeSpan.FromSeconds(seconds);
    }

    internal static FixedWindowRateLimiterOptions Window(int permits, int seconds) => new()
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
            if (account is not null)
            {
                http.Items[AccountKey] = account;
                var failures = http.RequestServices.GetRequiredService<AccountFailures>();
                if (failures.WaitBeforeNextAttempt(account) is { } wait)
                {
                    Refuse(http, wait);
                    return;
                }
                await next();
                if (http.Items.ContainsKey(FailedKey)) failures.Record(account);
                return;
            }
        }
        await next();
    }
}

/// <summary>
/// Failed sign-in attempts per account, counted in a fixed window per account by the framework's rate limiter: each
/// failure takes one permit; while none is left, attempts are refused until the window ends. In memory, per instance
/// (like the per-address limit): several instances each allow the limit, and Identity's lockout (stored in the
/// database) still stops guessing of a real account's password.
/// </summary>
public sealed class AccountFailures(RateLimitOptions limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => SignInThrottle.Window(limits.PerAccountPermits, limits.PerAccountWindowSeconds)));

    /// <summary>How long until <paramref name="account"/> may try again, or null when it may try now.</summary>
    public TimeSpan? WaitBeforeNextAttempt(string account)
    {
        // Asking for no permits succeeds while any are left and otherwise says when the window renews.
        using var probe = _failures.AttemptAcquire(account, 0);
        if (probe.IsAcquired) return null;
        return probe.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(limits.PerAccountWindowSeconds);
    }

    /// <summary>Counts one failed attempt against <paramref name="account"/>.</summary>
    public void Record(string account) => _failures.AttemptAcquire(account).Dispose();

    /// <inheritdoc />
    public void Dispose() => _failures.Dispose();
}
