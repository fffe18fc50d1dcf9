using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Teams;
using Waymark.Web.Tests.Support;
using Xunit.Abstractions;

namespace Waymark.Web.Tests;

/// <summary>
/// Every form and every page of <see cref="AuthorisationTests.Matrix"/> (so a new page is walked as soon as it has its
/// row there) takes a fixed corpus of hostile values without a 500 and without saving anything: NUL, lone surrogates
/// (as the bytes a client can send), 1 MB values, ids that are empty, unknown, malformed or repeated, rows at indexes
/// the form never had, extreme dates, and every field posted twice. Each form is read from its page as a user who may
/// use it (fields and antiforgery token), then posted with each value in all its fields at once, and with each id and
/// date field changed alone; each page is asked for with bad query values.
/// </summary>
public abstract partial class HostileInputTests(AppFixture app, ITestOutputHelper output)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app, ITestOutputHelper output) : HostileInputTests(app, output);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app, ITestOutputHelper output) : HostileInputTests(app, output);

    private const string Token = "__RequestVerificationToken";

    /// <summary>A value as it goes on the wire, already form-encoded (a lone surrogate cannot be written any other way).</summary>
    private sealed record Bad(string Name, string Encoded);

    private static readonly string UnknownId = Guid.NewGuid().ToString();

    /// <summary>Each goes into every field of a form at once.</summary>
    private static readonly Bad[] EveryField =
    [
        new("NUL", "a%00b"),
        new("lone high surrogate", "a%ED%A0%80b"),
        new("lone low surrogate", "%ED%B0%80"),
        new("not an id", "not-an-id"),
        new("unknown id", UnknownId),
        new("huge number", "99999999999999999999999"),
        new("negative number", "-2147483649"),
        new("script", Uri.EscapeDataString("<script>alert(1)</script>")),
    ];

    /// <summary>Each goes into one id field at a time (the rest of the form as shown).</summary>
    private static readonly Bad[] Ids = [new("empty id", ""), new("malformed id", "not-an-id"), new("unknown id", UnknownId)];

    /// <summary>Each goes into one date (day, month, year) at a time.</summary>
    private static readonly (string Name, string Day, string Month, string Year)[] Dates =
    [
        ("31/12/9999", "31", "12", "9999"),
        ("1/1/0001", "1", "1", "0001"),
        ("0/0/0", "0", "0", "0"),
        ("huge year", "1", "1", "99999999999"),
        ("1/1/2100", "1", "1", "2100"),
    ];

    private static readonly string Megabyte = new('x', 1_000_000);

    /// <summary>Query values every page is asked with (the page number, and each field of its search form).</summary>
    private static readonly Bad[] Query =
    [
        new("NUL", "a%00b"),
        new("lone surrogate", "%ED%A0%80"),
        new("long", new string('x', 5000)),
        new("huge number", "999999999999"),
        new("negative", "-1"),
        new("year 9999", "9999"),
    ];

    [Fact]
    public async Task Every_form_takes_the_hostile_corpus_without_a_500_and_saves_nothing()
    {
        var world = await AuthorisationTests.WorldAsync(app, Users.Practitioner);
        using var practitioner = await app.SignedInAsync(Users.Practitioner);
        using var manager = await app.SignedInAsync(Users.TeamManager);
        using var signedOut = app.NewClient();
        var failures = new List<string>();
        var walked = 0;
        var requests = 0;
        // The feedback form puts the browser in hand-over mode (every other page then goes to the unlock page): last.
        foreach (var row in AuthorisationTests.Matrix.Where(r => r.IsPost && !r.Unprotected).OrderBy(r => r.Handler is "POST /Feedback/Give" or "POST /Feedback/Unlock"))
        {
            var client = row.Access.SignedOut == Expect.AntiforgeryRefused ? signedOut
                : Allowed(row.Access.Practitioner) ? practitioner
                : Allowed(row.Access.TeamManager) ? manager
                : null;
            if (client is null) { output.WriteLine($"{row.Handler}: no role to walk it as"); continue; }
            var url = row.Url(world);
            var form = await FormForAsync(client, url);
            if (form is null) { output.WriteLine($"{row.Handler}: no form for {url} on its page"); continue; }
            var fields = form.Fields.Where(f => f.Key != Token).ToList();
            if (fields.Count == 0) { output.WriteLine($"{row.Handler}: a button only, nothing to put bad values in"); continue; }
            walked++;
            var token = form[Token];
            var before = await ChecksumAsync();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var posts = requests;
            foreach (var (name, body) in Variants(fields))
            {
                requests++;
                using var response = await client.Http.PostAsync(url, new StringContent(
                    (token is null ? "" : $"{Token}={Uri.EscapeDataString(token)}&") + body, Encoding.ASCII, "application/x-www-form-urlencoded"));
                if ((int)response.StatusCode >= 500) failures.Add($"{row.Handler} {url} with {name}: {(int)response.StatusCode}");
                if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther)
                    failures.Add($"{row.Handler} {url} with {name}: accepted ({(int)response.StatusCode} {Redirects.Describe(response)})");
            }
            output.WriteLine($"{row.Handler}: {requests - posts} posts, {clock.ElapsedMilliseconds} ms");
            // Once per form (the acceptance check above names the post that saved).
            var after = await ChecksumAsync();
            if (after != before) failures.Add($"{row.Handler} {url}: a change was saved ({before} → {after})");
        }
        output.WriteLine($"{walked} forms, {requests} posts");
        Assert.True(walked >= 25, $"Only {walked} forms were walked: the pages' forms were not found");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_page_takes_bad_query_values_without_a_500()
    {
        var world = await AuthorisationTests.WorldAsync(app, Users.Practitioner);
        using var practitioner = await app.SignedInAsync(Users.Practitioner);
        using var manager = await app.SignedInAsync(Users.TeamManager);
        var failures = new List<string>();
        var before = await ChecksumAsync();
        foreach (var row in AuthorisationTests.Matrix.Where(r => !r.IsPost).OrderBy(r => r.Handler == "GET /Feedback/Give"))
        {
            var client = Allowed(row.Access.Practitioner) ? practitioner : Allowed(row.Access.TeamManager) ? manager : null;
            if (client is null) continue;
            var url = row.Url(world);
            using var shown = await client.GetAsync(url);
            var names = new List<string> { "page", "handler" };
            if (shown.StatusCode == HttpStatusCode.OK && shown.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var page = await HtmlPage.ReadAsync(shown);
                names.AddRange(page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>()
                    .Where(f => (f.GetAttribute("method") ?? "get").Equals("get", StringComparison.OrdinalIgnoreCase))
                    .SelectMany(f => HtmlForm.Read(f, page.Url).Fields.Select(x => x.Key)));
            }
            var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            var asked = new List<string>();
            foreach (var bad in Query)
                asked.Add(url + separator + string.Join('&', names.Distinct().Select(n => $"{Uri.EscapeDataString(n)}={bad.Encoded}")));
            // and each date of the page's search form alone, at the far ends
            foreach (var prefix in names.Where(n => n.EndsWith(".Day", StringComparison.Ordinal)).Select(n => n[..^4]).Distinct())
                foreach (var (_, d, m, y) in Dates)
                    asked.Add(url + separator + $"{prefix}.Day={d}&{prefix}.Month={m}&{prefix}.Year={y}");
            // the same field twice, with a page number that cannot be
            asked.Add(url + separator + string.Join('&', names.Distinct().SelectMany(n => new[] { $"{n}=1", $"{n}=2" })));
            foreach (var u in asked)
            {
                using var response = await client.GetAsync(u);
                if ((int)response.StatusCode >= 500) failures.Add($"{row.Handler} GET {Shorten(u)}: {(int)response.StatusCode}");
            }
        }
        Assert.Equal(before, await ChecksumAsync());
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static string Shorten(string url) => url.Length > 200 ? url[..200] + "…" : url;

    private static bool Allowed(Expect e) => e is Expect.Allowed or Expect.OwnTeamData;

    /// <summary>The form on <paramref name="postUrl"/>'s page that posts to it (the page is opened without the handler).</summary>
    private static async Task<HtmlForm?> FormForAsync(AppClient client, string postUrl)
    {
        var pageUrl = HandlerParameter().Replace(postUrl, "").TrimEnd('?', '&');
        using var response = await client.GetAsync(pageUrl);
        if (response.StatusCode != HttpStatusCode.OK) return null;
        var page = await HtmlPage.ReadAsync(response);
        var wanted = Normalise(postUrl);
        foreach (var element in page.Document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
        {
            if (!(element.GetAttribute("method") ?? "get").Equals("post", StringComparison.OrdinalIgnoreCase)) continue;
            var form = HtmlForm.Read(element, page.Url);
            if (Normalise(form.Action) == wanted) return form;
        }
        return null;
    }

    private static string Normalise(string url)
    {
        var handler = HandlerParameter().Match(url) is { Success: true } m ? m.Groups["h"].Value : "";
        var path = url.Split('?')[0].TrimEnd('/');
        return (path.Length == 0 ? "/" : path).ToLowerInvariant() + "|" + handler.ToLowerInvariant();
    }

    [GeneratedRegex(@"[?&]handler=(?<h>[^&]*)", RegexOptions.IgnoreCase)]
    private static partial Regex HandlerParameter();

    [GeneratedRegex(@"^(?<row>.*)\[(?<i>\d+)\](?<rest>.*)$")]
    private static partial Regex Indexed();

    [GeneratedRegex(@"^(?<name>[^\[]+)\[(?<key>[^\]\d][^\]]*)\](?<rest>.*)$")]
    private static partial Regex Keyed();

    private static string Encode(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={f.Value}"));

    private static List<KeyValuePair<string, string>> Raw(IEnumerable<KeyValuePair<string, string>> fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Key, Uri.EscapeDataString(f.Value))).ToList();

    private static bool IsId(KeyValuePair<string, string> f) =>
        Guid.TryParse(f.Value, out _)
        || Regex.IsMatch(f.Key, @"((?<!Pnc)Id|Version|VersionA|VersionB|Loaded|Domain|Choice|Referral|Code)$", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>A key the form always fills, so that empty is never a valid answer (unlike an optional id or a new row's).</summary>
    private static bool IsRequiredKey(string name) =>
        Regex.IsMatch(name, @"(Version|VersionA|VersionB|Loaded|Domain|UserId)$", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static bool InFirstRowOrNone(string name) => Indexed().Match(name) is not { Success: true } m || m.Groups["i"].Value == "0";

    /// <summary>The bodies to post (without the token), each with what it tries.</summary>
    private static IEnumerable<(string Name, string Body)> Variants(List<KeyValuePair<string, string>> fields)
    {
        var shown = Raw(fields);
        foreach (var bad in EveryField)
            yield return ($"{bad.Name} in every field", Encode(shown.Select(f => new KeyValuePair<string, string>(f.Key, bad.Encoded))));
        // 1 MB in sixteen fields at a time, the rest as shown
        const int PerPost = 16;
        for (var i = 0; i < shown.Count; i += PerPost)
        {
            var chunk = i;
            yield return ($"1 MB in fields {i + 1}-{Math.Min(i + PerPost, shown.Count)}",
                Encode(shown.Select((f, j) => j >= chunk && j < chunk + PerPost ? new KeyValuePair<string, string>(f.Key, Megabyte) : f)));
        }
        // every field twice: a bad value first (what a scalar binds), then the value shown
        yield return ("every field twice", Encode(shown.SelectMany(f => new[] { new KeyValuePair<string, string>(f.Key, "not-an-id"), f })));
        // each id alone; of rows, only the first row's (the rows are bound alike, and repeated keys are tried below)
        foreach (var id in shown.Where(f => IsId(new(f.Key, Uri.UnescapeDataString(f.Value))) && InFirstRowOrNone(f.Key)).Select(f => f.Key).Distinct())
            foreach (var bad in Ids.Where(b => (b.Encoded.Length > 0 || IsRequiredKey(id)) && b.Encoded != shown.First(f => f.Key == id).Value))
                yield return ($"{bad.Name} in {id}", Encode(shown.Select(f => f.Key == id ? new KeyValuePair<string, string>(f.Key, bad.Encoded) : f)));
        foreach (var prefix in shown.Where(f => f.Key.EndsWith(".Day", StringComparison.Ordinal)).Select(f => f.Key[..^4]).Distinct())
            foreach (var (name, d, m, y) in Dates)
                yield return ($"{name} in {prefix}", Encode(shown.Select(f =>
                    f.Key == prefix + ".Day" ? new KeyValuePair<string, string>(f.Key, d)
                    : f.Key == prefix + ".Month" ? new KeyValuePair<string, string>(f.Key, m)
                    : f.Key == prefix + ".Year" ? new KeyValuePair<string, string>(f.Key, y) : f)));
        if (shown.Any(f => Indexed().IsMatch(f.Key)))
        {
            foreach (var index in new[] { "999999", "-1", "" })
                yield return ($"rows at index [{index}]", Encode(shown.Select(f => Indexed().Match(f.Key) is { Success: true } m
                    ? new KeyValuePair<string, string>($"{m.Groups["row"].Value}[{index}]{m.Groups["rest"].Value}", f.Value) : f)));
            // the first row's key repeated in the second row
            var keys = shown.Where(f => Indexed().Match(f.Key) is { Success: true } m && m.Groups["i"].Value == "0" && IsId(new(f.Key, f.Value))).ToList();
            foreach (var key in keys)
            {
                var second = Indexed().Replace(key.Key, "${row}[1]${rest}");
                if (shown.Any(f => f.Key == second))
                    yield return ($"{key.Key}'s value repeated in {second}", Encode(shown.Select(f => f.Key == second ? new KeyValuePair<string, string>(f.Key, key.Value) : f)));
            }
        }
        if (shown.Any(f => Keyed().IsMatch(f.Key)))
        {
            foreach (var key in new[] { "", "%00", "no-such-item", new string('k', 3000) })
                yield return ($"dictionary key [{(key.Length > 20 ? "3000 characters" : key)}]", Encode(shown.Select(f => Keyed().Match(f.Key) is { Success: true } m
                    ? new KeyValuePair<string, string>($"{m.Groups["name"].Value}[{key}]{m.Groups["rest"].Value}", f.Value) : f)));
        }
    }

    private static readonly AuditAction[] Changes =
    [
        AuditAction.Created, AuditAction.Updated, AuditAction.Allocated, AuditAction.Closed, AuditAction.Merged,
        AuditAction.Unmerged, AuditAction.Scanned, AuditAction.TwoFactorEnrolled,
    ];

    /// <summary>What any saved change would alter: the change events of the audit trail, row counts, the users' drafts.</summary>
    private Task<string> ChecksumAsync() => app.Data.QueryAsync(async db =>
    {
        var changes = await db.AuditEvents.CountAsync(a => Changes.Contains(a.Action));
        var rows = string.Join(',',
            await db.People.CountAsync(), await db.Episodes.CountAsync(), await db.Referrals.CountAsync(), await db.ReferralEvents.CountAsync(),
            await db.Outcomes.CountAsync(), await db.Consents.CountAsync(), await db.FollowUpTasks.CountAsync(), await db.Services.CountAsync(),
            await db.IdentificationDrafts.CountAsync());
        var drafts = (await db.IdentificationDrafts.AsNoTracking().ToListAsync()).OrderBy(d => d.Id)
            .Select(d => string.Join('|', d.Id, d.Setting, d.SettingReference, d.IdentifiedAt, d.IdentifiedBySource, d.IdentificationReason,
                d.GivenName, d.FamilyName, d.DateOfBirth, d.NhsNumber, d.PncId, d.Postcode, d.ExistingPersonId, d.IsNewPerson, d.Sex, d.VulnerabilityPrompts));
        return $"{changes} changes; rows {rows}; drafts {string.Join(';', drafts).GetHashCode(StringComparison.Ordinal):x}";
    });
}
