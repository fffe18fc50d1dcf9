using System.Text.RegularExpressions;
using Waymark.TestSupport;

namespace Waymark.Web.Tests;

/// <summary>
/// A message a post leaves in TempData["Success"] is shown by the page it redirects to. A walk-through found a retention
/// run, saved clock targets, a saved release plan and a discarded custody list each saying nothing afterwards: the
/// message was set and the page it went to never showed it. Read from the source: every handler that sets the message and
/// redirects to a literal path (or to its own page) must land on a page that renders it (the <c>_Success</c> partial, or
/// its own reading of TempData).
/// </summary>
public partial class SuccessMessageTests
{
    private static readonly string Pages = Repository.PathOf("src/Waymark.Web/Pages");

    private sealed record RoutedPage(string File, Regex Route, bool ShowsSuccess);

    [Fact]
    public void Every_page_a_success_message_is_sent_to_shows_it()
    {
        var pages = RoutedPages();
        var checkedRedirects = 0;
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Pages, "*.cs", SearchOption.AllDirectories))
        {
            var source = File.ReadAllText(file);
            foreach (Match set in SetsSuccess().Matches(source))
            {
                var redirect = RedirectAfter().Match(source, set.Index + set.Length);
                Assert.True(redirect.Success && redirect.Index - set.Index < 600, $"{Relative(file)} sets a success message without redirecting soon after");
                var targets = redirect.Groups["path"].Success
                    ? pages.Where(p => p.Route.IsMatch(PathOf(redirect.Groups["path"].Value))).ToList()
                    : redirect.Value.StartsWith("RedirectToPage()", StringComparison.Ordinal) ? pages.Where(p => p.File + ".cs" == file).ToList()
                    : null; // Redirect(expression): the expression's targets are checked by their own page tests
                if (targets is null) continue;
                Assert.True(targets.Count > 0, $"{Relative(file)} redirects to {redirect.Value}, which no page serves");
                checkedRedirects++;
                missing.AddRange(targets.Where(t => !t.ShowsSuccess).Select(t => $"{Relative(file)} → {Relative(t.File)}"));
            }
        }
        Assert.Empty(missing);
        Assert.True(checkedRedirects > 40, $"only {checkedRedirects} redirects were checked: has the pattern changed?");
    }

    [Fact]
    public void The_check_sees_a_page_that_does_not_show_the_message()
    {
        var pages = RoutedPages();
        Assert.Contains(pages, p => p.File.EndsWith("Retention" + Path.DirectorySeparatorChar + "Index.cshtml", StringComparison.Ordinal) && p.ShowsSuccess);
        Assert.Contains(pages, p => p.File.EndsWith("Retention" + Path.DirectorySeparatorChar + "Index.cshtml", StringComparison.Ordinal) && p.Route.IsMatch("/retention"));
        Assert.Contains(pages, p => !p.ShowsSuccess); // most pages never receive a message, and are seen not to show one
    }

    private static List<RoutedPage> RoutedPages() =>
        Directory.EnumerateFiles(Pages, "*.cshtml", SearchOption.AllDirectories)
            .Select(f => (File: f, Text: File.ReadAllText(f)))
            .Select(f => (f.File, f.Text, Route: PageDirective().Match(f.Text)))
            .Where(f => f.Route.Success)
            .Select(f => new RoutedPage(f.File, RouteRegex(f.Route.Groups[1].Value),
                f.Text.Contains("<partial name=\"_Success\"", StringComparison.Ordinal) || f.Text.Contains("TempData[\"Success\"]", StringComparison.Ordinal)
                || (File.Exists(f.File + ".cs") && ReadsSuccess().IsMatch(File.ReadAllText(f.File + ".cs")))))
            .ToList();

    /// <summary>"/people/{id:guid}/release" as a regex matching "/people/X/release".</summary>
    private static Regex RouteRegex(string route) =>
        new("^" + string.Join("/", route.TrimEnd('/').Split('/').Select(s => s.StartsWith('{') ? "[^/]+" : Regex.Escape(s))) + "$", RegexOptions.IgnoreCase);

    /// <summary>A redirect's literal or interpolated path with holes filled, and no query or fragment.</summary>
    private static string PathOf(string literal)
    {
        var path = Hole().Replace(literal, "X").Split('?', '#')[0];
        return path.Length == 0 ? "/" : path;
    }

    private static string Relative(string file) => Path.GetRelativePath(Repository.Root, file);

    [GeneratedRegex(@"@page\s+""([^""]+)""")] private static partial Regex PageDirective();
    [GeneratedRegex(@"TempData\[""Success""\]\s*=")] private static partial Regex SetsSuccess();
    [GeneratedRegex(@"TempData\[""Success""\]\s+(is|as)\b")] private static partial Regex ReadsSuccess();
    [GeneratedRegex(@"RedirectToPage\(\)|(Local)?Redirect\(\$?""(?<path>[^""]*)""\)|(Local)?Redirect\(")] private static partial Regex RedirectAfter();
    [GeneratedRegex(@"\{[^}]+\}")] private static partial Regex Hole();
}
