using System.Net;

namespace Waymark.Web.Tests.Support;

public enum Expect
{
    Allowed,
    Forbidden,
    SignInRequired,
    NotFound,
    /// <summary>Opens (200), showing only the user's own team's data (lists; the scoping itself is tested where each list is).</summary>
    OwnTeamData,
    /// <summary>A POST refused for want of an antiforgery token (400), before any handler runs: what a signed-out POST to a public page gets.</summary>
    AntiforgeryRefused,
    /// <summary>Sent to the sign-in page with nothing to come back to (the two-factor step with no sign-in under way).</summary>
    StartOver,
}

/// <summary>What a GET of a page answers, compared with what a user of that kind should get.</summary>
public static class AccessChecks
{
    /// <summary>Null when the answer is as expected, otherwise a line saying what happened.</summary>
    public static async Task<string?> CheckAsync(AppClient client, string url, Expect expected)
    {
        using var response = await client.GetAsync(url);
        var status = (int)response.StatusCode;
        var got = $"{status} {Redirects.Describe(response)}";
        switch (expected)
        {
            case Expect.Allowed or Expect.OwnTeamData:
                return response.StatusCode == HttpStatusCode.OK ? null : $"{url}: expected 200, got {got}";
            case Expect.NotFound:
                return response.StatusCode == HttpStatusCode.NotFound ? null : $"{url}: expected 404, got {got}";
            case Expect.SignInRequired:
                if (response.StatusCode != HttpStatusCode.Redirect || Redirects.Path(response) != "/account/sign-in")
                    return $"{url}: expected a redirect to /account/sign-in, got {got}";
                var returnUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("https://x" + Redirects.Target(response)).Query)["ReturnUrl"].ToString();
                return returnUrl == url ? null : $"{url}: sign-in redirect should come back to {url}, but ReturnUrl is '{returnUrl}'";
            case Expect.StartOver:
                return response.StatusCode == HttpStatusCode.Redirect && Redirects.Target(response) == "/account/sign-in"
                    ? null : $"{url}: expected a redirect to /account/sign-in, got {got}";
            case Expect.Forbidden:
                return await ForbiddenAsync(client, url, response, got);
            default:
                throw new ArgumentOutOfRangeException(nameof(expected));
        }
    }

    /// <summary>
    /// What a POST answers. Forbidden, not found and sign-in are checked as for a GET. An allowed user's POST is sent with a
    /// spoiled antiforgery token, so it must get past authorisation and stop at the antiforgery check (400) without running the handler;
    /// a page that takes no token (<paramref name="unprotected"/>: the error page, shown again for failed posts) must answer 200.
    /// </summary>
    public static async Task<string?> CheckPostAsync(AppClient client, string url, string? token, Expect expected, bool unprotected = false)
    {
        var spoil = expected is Expect.Allowed or Expect.OwnTeamData;
        var fields = token is null ? [] : new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", spoil ? "spoiled" + token : token) };
        using var response = await client.PostAsync(url, fields);
        var got = $"{(int)response.StatusCode} {Redirects.Describe(response)}";
        switch (expected)
        {
            case Expect.Allowed or Expect.OwnTeamData when unprotected:
                return response.StatusCode == HttpStatusCode.OK ? null : $"POST {url}: expected 200, got {got}";
            case Expect.Allowed or Expect.OwnTeamData or Expect.AntiforgeryRefused:
                return response.StatusCode == HttpStatusCode.BadRequest ? null
                    : $"POST {url}: expected to pass authorisation and stop at the antiforgery check (400), got {got}";
            case Expect.NotFound:
                return response.StatusCode == HttpStatusCode.NotFound ? null : $"POST {url}: expected 404, got {got}";
            case Expect.SignInRequired:
                return response.StatusCode == HttpStatusCode.Redirect && Redirects.Path(response) == "/account/sign-in"
                    ? null : $"POST {url}: expected a redirect to /account/sign-in, got {got}";
            case Expect.Forbidden:
                return await ForbiddenAsync(client, "POST " + url, response, got);
            default:
                throw new ArgumentOutOfRangeException(nameof(expected));
        }
    }

    private static async Task<string?> ForbiddenAsync(AppClient client, string url, HttpResponseMessage response, string got)
    {
        // The cookie handler sends a forbidden user to the access-denied page, which answers 403.
        if (response.StatusCode == HttpStatusCode.Forbidden) return null;
        if (response.StatusCode == HttpStatusCode.Redirect && Redirects.Path(response) == "/account/access-denied")
        {
            using var denied = await client.GetAsync(Redirects.Target(response));
            return denied.StatusCode == HttpStatusCode.Forbidden ? null : $"{url}: access-denied page answered {(int)denied.StatusCode}, expected 403";
        }
        return $"{url}: expected 403, got {got}";
    }

    public static async Task AssertAllAsync(AppClient client, IEnumerable<(string Url, Expect Expected)> checks, string who)
    {
        var failures = new List<string>();
        foreach (var (url, expected) in checks)
            if (await CheckAsync(client, url, expected) is { } failure) failures.Add(failure);
        Assert.True(failures.Count == 0, $"{who}:\n" + string.Join('\n', failures));
    }
}
