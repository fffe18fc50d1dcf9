using Microsoft.AspNetCore.Http.Extensions;

namespace Waymark.Web.Forms;

/// <summary>Previous/next links that keep the current query string (filters) and change only the page.</summary>
public record PagerModel(int Page, bool HasPrevious, bool HasNext, string Path, IQueryCollection Query)
{
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
