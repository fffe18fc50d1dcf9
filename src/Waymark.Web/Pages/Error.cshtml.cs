using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages;

/// <summary>
/// The error page, shown again by the status-code pages and the exception handler, or opened at /error/{code}. Its
/// status comes only from the original response (<see cref="IStatusCodeReExecuteFeature"/>, or 500 after an exception)
/// or from the route, never from a posted or query field (nothing is bound: a form field named "code" is ignored), and
/// only a code in <see cref="Known"/> is ever answered.
/// </summary>
[IgnoreAntiforgeryToken]
[ShowsNoPersonData("An error message.")]
public class ErrorModel : PageModel
{
    /// <summary>The status codes this page answers with; any other code gives 500 when re-executed, and the page's own 200 when opened directly.</summary>
    public static readonly IReadOnlySet<int> Known = new HashSet<int> { 400, 403, 404, 405, 413, 414, 415, 429, 500, 503 };

    public string Heading { get; private set; } = "Sorry, there is a problem with the service";
    public string Explanation { get; private set; } = "Try again later. Anything you saved before the problem is safe.";

    public void OnGet() => Describe();
    public void OnPost() => Describe();

    private void Describe()
    {
        int? code;
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is not null) code = 500;
        else if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } reExecuted) code = Known.Contains(reExecuted.OriginalStatusCode) ? reExecuted.OriginalStatusCode : 500;
        else code = RouteData.Values.TryGetValue("code", out var routed) && int.TryParse(routed as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) && Known.Contains(c) ? c : null;
        switch (code)
        {
            case 404:
                Heading = "Page not found";
                Explanation = "If you typed the web address, check it is correct. The record may not exist, or your team may not have access to it.";
                break;
            case 403:
                Heading = "You do not have access to this page";
                Explanation = "Your role does not include this part of Waymark.";
                break;
            case 400 or 413 or 415:
                Heading = "Sorry, we could not process that request";
                Explanation = "The form may have expired, or held something that cannot be saved. Go back, refresh the page and try again.";
                break;
            case 405:
                Heading = "Sorry, we could not process that request";
                Explanation = "Go back, refresh the page and try again.";
                break;
            case 414:
                Heading = "The web address is too long";
                Explanation = "Go back and try again from a link or button in Waymark.";
                break;
            case 429:
                Heading = "Too many attempts";
                Explanation = HttpContext.Items[SignInThrottle.RetryAfterKey] is TimeSpan wait
                    ? $"For your security, signing in is paused for now. Try again in {Waiting(wait)} or less."
                    : "Wait a moment and try again.";
                break;
        }
        if (code is { } known) Response.StatusCode = known;
    }

    /// <summary>
    /// "1 minute", "15 minutes", or seconds under a minute; rounded up, so it is never too short. The fixed window's
    /// retry-after is its whole length (an upper bound, not the time left), hence "or less" on the page.
    /// </summary>
    private static string Waiting(TimeSpan wait) =>
        wait.TotalSeconds < 60 ? $"{Math.Ceiling(wait.TotalSeconds):0} seconds"
        : Math.Ceiling(wait.TotalMinutes) is var m && m == 1 ? "1 minute" : $"{m:0} minutes";
}
