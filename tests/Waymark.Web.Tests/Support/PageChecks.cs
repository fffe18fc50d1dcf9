using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Waymark.Web.Tests.Support;

/// <summary>What every HTML page must do: structure, labels, antiforgery tokens, nothing the CSP would block, security headers.</summary>
public static class PageChecks
{
    /// <summary>Problems with the page, one line each; empty when it is well formed.</summary>
    public static List<string> Problems(HtmlPage page)
    {
        var problems = new List<string>();
        var doc = page.Document;

        var h1s = doc.QuerySelectorAll("h1").Length;
        if (h1s != 1) problems.Add($"has {h1s} h1 elements, expected exactly one");
        if (string.IsNullOrWhiteSpace(doc.QuerySelector("head > title")?.TextContent)) problems.Add("has no <title> text");

        foreach (var id in doc.All.Where(e => !string.IsNullOrEmpty(e.Id)).GroupBy(e => e.Id).Where(g => g.Count() > 1))
            problems.Add($"id '{id.Key}' is used {id.Count()} times");

        foreach (var field in doc.QuerySelectorAll("input, select, textarea"))
        {
            var type = (field.GetAttribute("type") ?? "text").ToLowerInvariant();
            if (field is IHtmlInputElement && type is "hidden" or "submit" or "button" or "image" or "reset") continue;
            if (!IsLabelled(doc, field))
                problems.Add($"{field.LocalName} name='{field.GetAttribute("name")}' id='{field.Id}' has no label[for] and is not in a fieldset with a legend");
        }

        foreach (var form in doc.QuerySelectorAll("form").OfType<IHtmlFormElement>())
        {
            if (!string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)) continue;
            var token = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
            if (string.IsNullOrEmpty(token)) problems.Add($"POST form to '{form.GetAttribute("action") ?? "(this page)"}' has no antiforgery token");
        }

        // The CSP allows no inline script or style, so any would silently not work.
        foreach (var script in doc.QuerySelectorAll("script"))
            if (!script.HasAttribute("src") || !string.IsNullOrWhiteSpace(script.TextContent)) problems.Add("has an inline <script>");
        if (doc.QuerySelector("style") is not null) problems.Add("has a <style> element");
        foreach (var element in doc.All)
        {
            if (element.HasAttribute("style")) problems.Add($"<{element.LocalName}> has a style attribute");
            foreach (var attribute in element.Attributes)
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) problems.Add($"<{element.LocalName}> has an inline {attribute.Name} handler");
        }

        problems.AddRange(HeaderProblems(page.Response));
        return problems;
    }

    public static IEnumerable<string> HeaderProblems(HttpResponseMessage response)
    {
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(';', values) : null;
        if (csp is null) yield return "no Content-Security-Policy header";
        else
        {
            if (csp.Contains("'unsafe-inline'", StringComparison.Ordinal)) yield return "CSP allows 'unsafe-inline'";
            if (!csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal)) yield return "CSP lacks frame-ancestors 'none'";
        }
        if (!response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) || !nosniff.Contains("nosniff"))
            yield return "no X-Content-Type-Options: nosniff";
        if (response.Headers.Contains("Server")) yield return "has a Server header";
    }

    public static void AssertWellFormed(HtmlPage page)
    {
        var problems = Problems(page);
        Assert.True(problems.Count == 0, $"{page.Url.PathAndQuery}:\n  " + string.Join("\n  ", problems));
    }

    private static bool IsLabelled(IDocument doc, IElement field)
    {
        if (!string.IsNullOrEmpty(field.Id) && doc.QuerySelectorAll("label").Any(l => l.GetAttribute("for") == field.Id)) return true;
        if (field.Closest("label") is not null) return true;
        var fieldset = field.Closest("fieldset");
        return fieldset?.QuerySelector("legend") is { } legend && !string.IsNullOrWhiteSpace(legend.TextContent);
    }
}
