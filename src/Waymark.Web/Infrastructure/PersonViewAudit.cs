using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// A page model that shows person data says what it showed; <see cref="PersonViewAuditFilter"/> writes the
/// view event once the GET handler has produced the page, so a page cannot forget to audit a view.
/// </summary>
public interface IShowsPersonData
{
    /// <summary>What this request's page showed, read after the GET handler; empty when it showed nobody (e.g. an empty form).</summary>
    IEnumerable<AuditEntry> PersonDataShown { get; }
}

/// <summary>The audit events for what a page showed (<see cref="AuditEntry"/>): a person's record, a list, or a search.</summary>
public static class PersonView
{
    /// <summary>One person's record, or part of it.</summary>
    public static AuditEntry Record(string recordType, string? recordId, Guid personId, string? detail = null, string? purpose = null) =>
        new(AuditAction.Viewed, recordType, recordId, personId, detail, purpose);

    /// <summary>
    /// A list of people: one event, no single person, with the count and the ids shown in the detail
    /// ("key=value" like the search events; very long lists are cut at the audit detail's limit).
    /// </summary>
    public static AuditEntry List(string recordType, IEnumerable<Guid> personIds, string? detail = null)
    {
        var ids = personIds.Distinct().ToList();
        return new(AuditAction.Viewed, recordType, null, null,
            $"{(detail is null ? "" : detail + " ")}results={ids.Count}{(ids.Count == 0 ? "" : " people=" + string.Join(',', ids))}");
    }

    /// <summary>A search and what it found (the search's own record type and criteria).</summary>
    public static AuditEntry Search(string recordType, string? recordId, string detail) =>
        new(AuditAction.Searched, recordType, recordId, null, detail);
}

/// <summary>The page shows no person data at all; the reason is for the reader (and the convention test).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ShowsNoPersonDataAttribute(string reason) : Attribute
{
    /// <summary>Why nothing about a person is shown.</summary>
    public string Reason => reason;
}

/// <summary>
/// The page's views are audited where the record is read, not by the filter, because the event has to be
/// written before the page loads (e.g. an audit trail that shows its own viewing) or by a service that audits every read.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class AuditsPersonViewsItselfAttribute(string reason) : Attribute
{
    /// <summary>Where and why the page audits its own views.</summary>
    public string Reason => reason;
}

/// <summary>
/// Writes the view events of <see cref="IShowsPersonData"/> pages after a GET handler that produced the page
/// (200 only: redirects, 404s and refusals show nobody's data, so they are not views).
/// </summary>
public sealed class PersonViewAuditFilter : IAsyncPageFilter
{
    /// <inheritdoc />
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) || executed.Exception is not null) return;
        if (executed.HandlerInstance is not IShowsPersonData page) return;
        // A void handler leaves no result: Razor Pages then renders the page.
        if (executed.Result is not (null or PageResult { StatusCode: null or StatusCodes.Status200OK })) return;
        if (http.Response.StatusCode != StatusCodes.Status200OK) return;
        var shown = page.PersonDataShown.ToList();
        if (shown.Count == 0) return;
        // Resolved only when there is something to write, so pages that show nobody rent no database context.
        await http.RequestServices.GetRequiredService<Auditor>().RecordNowAsync(shown, http.RequestAborted);
    }
}
