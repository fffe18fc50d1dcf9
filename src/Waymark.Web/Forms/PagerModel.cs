using Microsoft.AspNetCore.Http.Extensions;

namespace Waymark.Web.Forms;

/// <summary>
/// Previous/next links that keep the current query string (filters) and change only the page. <paramref name="PageCount"/>
/// is the number of pages when the list knows it (the caseload, the duplicate queue), so a page past the end can say
/// "Showing page 50, but there are only 2 pages"; null when the list only knows whether there is a next page.
/// </summary>
public record PagerModel(int Page, bool HasPrevious, bool HasNext, string Path, IQueryCollection Query, int? PageCount = null)
{
    /// <summary>What a page past the end says under "There are no more results" (see _PastTheEnd).</summary>
    public string PastTheEndText => PageCount switch
    {
        null => $"Showing page {Page:N0}, but the list ends before it.",
        0 => $"Showing page {Page:N0}, but there are no results to show.",
        1 => $"Showing page {Page:N0}, but there is only 1 page.",
        { } n => $"Showing page {Page:N0}, but there are only {n:N0} pages.",
    };

    public string PreviousUrl => UrlFor(Page - 1);
    /// <summary>This list's first page, with the same filters.</summary>
    public string FirstUrl => UrlFor(1);
    public string NextUrl => UrlFor(Page + 1);

    private string UrlFor(int page)
    {
        var qb = new QueryBuilder(Query.Where(q => !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))));
        qb.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Path + qb.ToQueryString();
    }
}
