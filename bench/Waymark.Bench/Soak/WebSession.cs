using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Waymark.Bench.Soak;

/// <summary>
/// A browser-like client for a Waymark instance started as a real process on 127.0.0.1 (the soak command and
/// tests/Waymark.Operations.Tests): keeps the cookies itself (so they can be carried to another instance, and Secure
/// cookies work over the loopback's plain http), follows no redirect, reads forms with their anti-forgery token, and says
/// <c>X-Forwarded-Proto: https</c> as the TLS proxy in front of a production instance would (loopback is a trusted proxy).
/// Only loopback addresses are accepted.
/// </summary>
public sealed partial class WebSession : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <summary>A session against <paramref name="baseAddress"/> (must be a loopback address); <paramref name="timeout"/> bounds each request.</summary>
    public WebSession(Uri baseAddress, TimeSpan? timeout = null)
    {
        if (!baseAddress.IsLoopback) throw new ArgumentException("Only a loopback address is driven.", nameof(baseAddress));
        BaseAddress = baseAddress;
        _http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = baseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The instance this session talks to.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The cookies held now (name → value).</summary>
    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    /// <summary>A new session against <paramref name="other"/> holding a copy of this one's cookies (the same browser behind a load balancer).</summary>
    public WebSession On(Uri other)
    {
        var copy = new WebSession(other, _http.Timeout);
        foreach (var (k, v) in _cookies) copy._cookies[k] = v;
        return copy;
    }

    /// <summary>Sends a request; records the cookies it sets. Returns the status, the body and the redirect target (path, or null).</summary>
    public async Task<Answer> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Forwarded-Proto", "https");
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        if (form is not null) request.Content = new FormUrlEncodedContent(form);
        using var response = await _http.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var header in setCookies) Remember(header);
        var body = await response.Content.ReadAsStringAsync(ct);
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : null;
        return new Answer((int)response.StatusCode, body, location, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>GET <paramref name="path"/>.</summary>
    public Task<Answer> GetAsync(string path, CancellationToken ct = default) => SendAsync(HttpMethod.Get, path, null, ct);

    /// <summary>POST <paramref name="fields"/> to <paramref name="path"/> as a form.</summary>
    public Task<Answer> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, path, fields, ct);

    private void Remember(string header)
    {
        var parts = header.Split(';');
        var eq = parts[0].IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) return;
        var name = parts[0][..eq].Trim();
        var value = parts[0][(eq + 1)..].Trim();
        var expired = value.Length == 0 || parts.Skip(1).Any(p =>
        {
            var a = p.Trim();
            if (a.StartsWith("expires=", StringComparison.OrdinalIgnoreCase))
                return DateTimeOffset.TryParse(a[8..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at < DateTimeOffset.UtcNow;
            return a.StartsWith("max-age=", StringComparison.OrdinalIgnoreCase)
                   && long.TryParse(a[8..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) && seconds <= 0;
        });
        if (expired) _cookies.Remove(name);
        else _cookies[name] = value;
    }

    /// <summary>
    /// The page's main form (the first form inside <c>main</c>, not the header's sign-out form) as a browser would send it:
    /// hidden fields, the anti-forgery token, typed values, checked boxes and radios. Throws when the page has none.
    /// </summary>
    public static Form MainForm(Answer page, string pagePath)
    {
        var doc = Parser.ParseDocument(page.Body);
        var form = doc.QuerySelectorAll("main form").OfType<IHtmlFormElement>().FirstOrDefault(f => (f.GetAttribute("method") ?? "get").Equals("post", StringComparison.OrdinalIgnoreCase))
                   ?? throw new InvalidOperationException($"No form on {pagePath} (status {page.Status})");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled")) continue;
            switch (element)
            {
                case IHtmlInputElement input:
                    var type = (input.GetAttribute("type") ?? "text").ToLowerInvariant();
                    if (type is "submit" or "button" or "image" or "reset" or "file") continue;
                    if (type is "checkbox" or "radio" && !input.HasAttribute("checked")) continue;
                    fields.Add(new(name, input.GetAttribute("value") ?? (type is "checkbox" or "radio" ? "on" : "")));
                    break;
                case IHtmlTextAreaElement textarea:
                    fields.Add(new(name, textarea.Value));
                    break;
                case IHtmlSelectElement select:
                    var chosen = select.Options.FirstOrDefault(o => o.HasAttribute("selected")) ?? select.Options.FirstOrDefault();
                    if (chosen is not null) fields.Add(new(name, chosen.GetAttribute("value") ?? chosen.TextContent));
                    break;
            }
        }
        var action = form.GetAttribute("action");
        return new Form(string.IsNullOrEmpty(action) ? pagePath : action, fields);
    }

    /// <summary>The header's sign-out form's anti-forgery token, or null when the page has none.</summary>
    public static string? SignOutToken(Answer page) =>
        Parser.ParseDocument(page.Body).QuerySelector("form[action='/account/sign-out'] input[name='__RequestVerificationToken']")?.GetAttribute("value");

    /// <summary>Signs in with <paramref name="email"/> and <paramref name="password"/> (a user of one team, without two-factor: the demo's). Throws unless it lands signed in.</summary>
    public async Task SignInAsync(string email, string password, CancellationToken ct = default)
    {
        var page = await GetAsync("/account/sign-in", ct);
        var form = MainForm(page, "/account/sign-in").Set("Email", email).Set("Password", password);
        var done = await PostAsync(form.Action, form.Fields, ct);
        if (done.Status != 302 || done.Location is null || done.Location.StartsWith("/account/sign-in", StringComparison.OrdinalIgnoreCase) || !_cookies.ContainsKey("waymark"))
            throw new InvalidOperationException($"Sign-in did not succeed: {done.Status} to {done.Location}");
    }

    /// <summary>The first person's id linked from the signed-in user's caseload or a search for names with an "a", or null.</summary>
    public async Task<Guid?> FirstPersonAsync(CancellationToken ct = default)
    {
        foreach (var path in new[] { "/caseload/mine", "/people?Name=a", "/people?Name=e" })
        {
            var m = PersonLink().Match((await GetAsync(path, ct)).Body);
            if (m.Success) return Guid.Parse(m.Groups[1].Value);
        }
        return null;
    }

    [GeneratedRegex(@"href=""/people/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})""")]
    private static partial Regex PersonLink();

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}

/// <summary>An answer: status code, body, redirect target (path and query) and media type.</summary>
public sealed record Answer(int Status, string Body, string? Location, string? MediaType)
{
    /// <summary>Whether the app acknowledged the request: 2xx or a redirect.</summary>
    public bool Acknowledged => Status is >= 200 and < 400;

    /// <inheritdoc />
    public override string ToString() => $"{Status} {Location} {(Body.Length > 200 ? Body[..200] : Body)}";
}

/// <summary>A form's target and fields, to be changed and posted.</summary>
public sealed class Form(string action, List<KeyValuePair<string, string>> fields)
{
    /// <summary>Where it posts.</summary>
    public string Action { get; } = action;

    /// <summary>The fields as they will be sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => fields;

    /// <summary>Sets one field (replacing every value it had); null removes it.</summary>
    public Form Set(string name, string? value)
    {
        fields.RemoveAll(f => f.Key == name);
        if (value is not null) fields.Add(new(name, value));
        return this;
    }

    /// <summary>Sets a field to several values (ticked boxes).</summary>
    public Form SetAll(string name, params string[] values)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        return this;
    }

    /// <summary>Sets the day, month and year boxes of a date field.</summary>
    public Form SetDate(string name, DateOnly date) =>
        Set($"{name}.Day", date.Day.ToString(CultureInfo.InvariantCulture))
            .Set($"{name}.Month", date.Month.ToString(CultureInfo.InvariantCulture))
            .Set($"{name}.Year", date.Year.ToString(CultureInfo.InvariantCulture));
}
