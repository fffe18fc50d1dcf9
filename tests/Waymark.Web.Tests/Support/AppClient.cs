using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Waymark.Web.Tests.Support;

/// <summary>
/// One person's browser: its own cookies (sign-in, antiforgery, temp data), no automatic redirects,
/// so each test sees exactly what the server answered.
/// </summary>
public sealed class AppClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http => http;

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(url);

    /// <summary>GETs a page and parses it, failing unless the status is <paramref name="expected"/>.</summary>
    public async Task<HtmlPage> GetPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await http.GetAsync(url);
        var page = await HtmlPage.ReadAsync(response);
        if (response.StatusCode != expected)
            Assert.Fail($"GET {url}: expected {(int)expected}, got {(int)response.StatusCode} {Redirects.Describe(response)}\n{page.MainText}");
        return page;
    }

    public Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        http.PostAsync(url, new FormUrlEncodedContent(fields));

    /// <summary>Follows one redirect answer with a GET.</summary>
    public Task<HtmlPage> FollowAsync(HttpResponseMessage redirect, HttpStatusCode expected = HttpStatusCode.OK) =>
        GetPageAsync(Redirects.Target(redirect), expected);

    /// <summary>Signs in through the sign-in form; demo users have one team, so they land signed in to it.</summary>
    public async Task<HttpResponseMessage> SubmitSignInAsync(string email, string password)
    {
        var page = await GetPageAsync("/account/sign-in");
        Assert.NotNull(page.Document.QuerySelector("form input[name=__RequestVerificationToken]"));
        return await page.Form().Set("Email", email).Set("Password", password).SubmitAsync(this);
    }

    public async Task SignInAsync(string email, string password = AppSettings.Password)
    {
        var response = await SubmitSignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect || Redirects.Path(response).StartsWith("/account/sign-in", StringComparison.Ordinal))
        {
            var page = await HtmlPage.ReadAsync(response);
            Assert.Fail($"Signing in as {email} failed: {(int)response.StatusCode} {Redirects.Describe(response)} {page.ErrorSummary}");
        }
    }

    public void Dispose() => http.Dispose();

    internal static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);
}

/// <summary>A parsed HTML answer.</summary>
public sealed class HtmlPage
{
    private HtmlPage(HttpResponseMessage response, string html)
    {
        Response = response;
        Html = html;
        Document = AppClient.Parse(html);
    }

    public HttpResponseMessage Response { get; }
    public string Html { get; }
    public IHtmlDocument Document { get; }
    public HttpStatusCode Status => Response.StatusCode;
    public Uri Url => Response.RequestMessage!.RequestUri!;

    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response) =>
        new(response, await response.Content.ReadAsStringAsync());

    public string Title => Document.Title ?? "";

    public string H1 => Document.QuerySelector("h1")?.TextContent.Trim() ?? "";

    /// <summary>The main content's text, whitespace collapsed (for "the page says …" checks).</summary>
    public string MainText => Collapse((Document.QuerySelector("main") ?? Document.Body)?.TextContent ?? Html);

    public string? ErrorSummary => Document.QuerySelector(".nhsuk-error-summary") is { } s ? Collapse(s.TextContent) : null;

    /// <summary>Error summary links: href → message.</summary>
    public IReadOnlyList<(string Href, string Text)> ErrorLinks =>
        Document.QuerySelectorAll(".nhsuk-error-summary a").Select(a => (a.GetAttribute("href") ?? "", Collapse(a.TextContent))).ToList();

    /// <summary>The messages shown in error summary items, links or not.</summary>
    public IReadOnlyList<string> ErrorMessages =>
        Document.QuerySelectorAll(".nhsuk-error-summary li").Select(li => Collapse(li.TextContent)).ToList();

    /// <summary>The message shown at a field (inside its form group), without the hidden "Error:" prefix.</summary>
    public string? FieldError(string id)
    {
        var field = Document.GetElementById(id) ?? throw new Xunit.Sdk.XunitException($"No element with id '{id}' on {Url}");
        var group = field.Closest(".nhsuk-form-group--error") ?? field.Closest(".nhsuk-form-group");
        // Date inputs sit in their own inner group; the message belongs to the outer one.
        while (group is not null && group.QuerySelector(".nhsuk-error-message") is null && group.ParentElement?.Closest(".nhsuk-form-group") is { } outer)
            group = outer;
        var message = group?.QuerySelector(".nhsuk-error-message");
        return message is null ? null : Collapse(message.TextContent).Replace("Error: ", "", StringComparison.Ordinal).Replace("Error:", "", StringComparison.Ordinal).Trim();
    }

    /// <summary>The value a field shows: an input's value attribute, a textarea's text, a select's chosen option.</summary>
    public string? FieldValue(string id) => Document.GetElementById(id) switch
    {
        IHtmlTextAreaElement t => t.Value,
        IHtmlSelectElement s => s.SelectedOptions.FirstOrDefault()?.Value ?? s.Options.FirstOrDefault()?.Value,
        IHtmlInputElement i => i.GetAttribute("value") ?? "",
        null => throw new Xunit.Sdk.XunitException($"No field with id '{id}' on {Url}"),
        var other => throw new Xunit.Sdk.XunitException($"'{id}' is a {other.LocalName}, not a field"),
    };

    /// <summary>The only form, or the one matching <paramref name="selector"/>.</summary>
    public HtmlForm Form(string? selector = null)
    {
        var forms = Document.QuerySelectorAll(selector ?? "main form").OfType<IHtmlFormElement>().ToList();
        if (forms.Count != 1) throw new Xunit.Sdk.XunitException($"Expected one form '{selector ?? "main form"}' on {Url}, found {forms.Count}");
        return HtmlForm.Read(forms[0], Url);
    }

    /// <summary>Hrefs of links matching a selector.</summary>
    public IReadOnlyList<string> Links(string selector) =>
        Document.QuerySelectorAll(selector).Select(a => a.GetAttribute("href") ?? "").ToList();

    public static string Collapse(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>Reading redirect answers.</summary>
public static class Redirects
{
    /// <summary>The redirect target as path and query (relative or absolute Location).</summary>
    public static string Target(HttpResponseMessage r)
    {
        var location = r.Headers.Location ?? throw new Xunit.Sdk.XunitException($"{(int)r.StatusCode} answer has no Location header");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>The redirect target's path only.</summary>
    public static string Path(HttpResponseMessage r) => Target(r).Split('?')[0];

    public static string Describe(HttpResponseMessage r) => r.Headers.Location is null ? "" : $"→ {r.Headers.Location}";
}
