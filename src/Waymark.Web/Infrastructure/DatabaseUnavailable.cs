using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// Answers a request that failed because the database could not be reached (PostgreSQL stopped, restarting, refusing
/// connections, or SQLite's file busy past its timeout) with <c>503 Service Unavailable</c> and <c>Retry-After</c>,
/// instead of the exception handler's 500: an NHS-styled "Sorry, the service is unavailable" page for pages, a JSON
/// problem (<c>application/problem+json</c>) for the APIs under <c>/api</c>, and a FHIR OperationOutcome under <c>/fhir</c>. The answer is written here,
/// without the database, the session or Razor (the error page's layout reads the signed-in user's team), and never
/// quotes the exception. Nothing is retried: a failed save was not acknowledged, so the user (or client) tries again
/// (docs/adr/0025-database-outages-answer-503.md). Sits just inside the exception handler, so any other exception
/// still reaches it.
/// </summary>
public sealed class DatabaseUnavailable(RequestDelegate next, ILogger<DatabaseUnavailable> log)
{
    /// <summary>Seconds a client is told to wait before trying again (the <c>Retry-After</c> header).</summary>
    public const int RetryAfterSeconds = 30;

    /// <summary>The heading (and title) of the page, as the NHS service manual's "service unavailable" pattern words it.</summary>
    public const string Heading = "Sorry, the service is unavailable";

    /// <summary>Runs the rest of the pipeline; a database-unavailable failure before the response started becomes a 503.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsUnavailable(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // The type only: a message can quote a statement or a connection string.
            log.LogWarning("Database unavailable; answered 503: {Error}", Innermost(e).GetType().Name);
            await WriteAsync(context);
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/> (or an exception inside it) means the database could not be reached or is shutting
    /// down, as opposed to a fault in the request or the code: a socket or I/O failure under Npgsql, an
    /// <see cref="NpgsqlException"/> Npgsql marks transient, PostgreSQL's connection-exception class (08), admin or crash
    /// shutdown, "cannot connect now" and too many connections (57P01–57P03, 53300), and SQLite's busy or locked (5, 6).
    /// </summary>
    public static bool IsUnavailable(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal)
                                              || p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                                                  or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections:
                    return true;
                case PostgresException:
                    return false; // a refusal by a running server (constraint, syntax…): a real fault
                case NpgsqlException n when n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException:
                    return true;
                case SqliteException s when s.SqliteErrorCode is 5 or 6: // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
                case SocketException:
                    return true;
            }
        }
        return false;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.Clear(); // keeps the security headers (they are added on starting), drops anything half-set
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        var (contentType, body) = AnswerFor(context.Request.Path);
        response.ContentType = contentType;
        await response.WriteAsync(body, Encoding.UTF8);
    }

    /// <summary>
    /// The content type and body of the 503 for a request to <paramref name="path"/>: a FHIR
    /// <c>OperationOutcome</c> (<c>application/fhir+json</c>, issue code <c>transient</c>) under <c>/fhir</c>, so a FHIR
    /// client reads it as it reads every other refusal; a problem document under <c>/api</c>; otherwise the page.
    /// </summary>
    public static (string ContentType, string Body) AnswerFor(PathString path) =>
        path.StartsWithSegments("/fhir") ? ("application/fhir+json; charset=utf-8", FhirOutcomeJson)
        : path.StartsWithSegments("/api") ? ("application/problem+json", ProblemJson)
        : ("text/html; charset=utf-8", Page);

    // FHIR R4 OperationOutcome (http://hl7.org/fhir/R4/operationoutcome.html); "transient" is the issue-type code for
    // "the processing issues are not expected to persist" (http://hl7.org/fhir/R4/valueset-issue-type.html).
    private const string FhirOutcomeJson =
        """{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"transient","diagnostics":"The database cannot be reached. Try again later."}]}""";

    // RFC 9457 problem details.
    private const string ProblemJson =
        """{"type":"https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4","title":"Service unavailable","status":503,"detail":"The database cannot be reached. Try again later."}""";

    // The layout's head and header, without anything that needs the database or the signed-in user.
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
            <meta charset="utf-8">
            <title>Sorry, the service is unavailable – Waymark</title>
            <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
            <meta name="theme-color" content="#005eb8">
            <link rel="icon" href="/vendor/nhsuk-frontend/assets/images/favicon.ico" sizes="48x48">
            <link rel="stylesheet" href="/vendor/nhsuk-frontend/nhsuk-frontend.min.css">
            <link rel="stylesheet" href="/css/site.css">
        </head>
        <body>
        <a class="nhsuk-skip-link" href="#maincontent">Skip to main content</a>
        <header class="nhsuk-header" role="banner">
          <div class="nhsuk-header__container nhsuk-width-container">
            <div class="nhsuk-header__service">
              <a class="nhsuk-header__service-logo" href="/" aria-label="NHS Waymark homepage">
                <span class="nhsuk-header__service-name">Waymark</span>
              </a>
            </div>
          </div>
        </header>
        <div class="nhsuk-width-container">
          <main class="nhsuk-main-wrapper" id="maincontent">
            <div class="nhsuk-grid-row">
              <div class="nhsuk-grid-column-two-thirds">
                <h1>Sorry, the service is unavailable</h1>
                <p>Waymark cannot reach its database at the moment. Try again in a few minutes.</p>
                <p>Anything you saved before this page appeared is safe. If you were saving something when it appeared, it was not saved: check, and enter it again when the service is back.</p>
              </div>
            </div>
          </main>
        </div>
        </body>
        </html>
        """;
}
