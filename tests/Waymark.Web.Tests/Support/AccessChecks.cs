using System.Net;

namespace Waymark.Web.Tests.Support;

public enum Expect { Allowed, Forbidden, SignInRequired, NotFound }

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
            case Expect.Allowed:
                return response.StatusCode == HttpStatusCode.OK ? null : $"{url}: expected 200, got {got}";
            case Expect.NotFound:
                return response.StatusCode == HttpStatusCode.NotFound ? null : $"{url}: expected 404, got {got}";
            case Expect.SignInRequired:
                if (response.StatusCode != HttpStatusCode.Redirect || Redirects.Path(response) != "/account/sign-in")
                    return $"{url}: expected a redirect to /account/sign-in, got {got}";
                var returnUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("https://x" + Redirects.Target(response)).Query)["ReturnUrl"].ToString();
                return returnUrl == url ? null : $"{url}: sign-in redirect should come back to {url}, but ReturnUrl is '{returnUrl}'";
            case Expect.Forbidden:
                // The cookie handler sends a forbidden user to the access-denied page, which answers 403.
                if (response.StatusCode == HttpStatusCode.Forbidden) return null;
                if (response.StatusCode == HttpStatusCode.Redirect && Redirects.Path(response) == "/account/access-denied")
                {
                    using var denied = await client.GetAsync(Redirects.Target(response));
                    return denied.StatusCode == HttpStatusCode.Forbidden ? null : $"{url}: access-denied page answered {(int)denied.StatusCode}, expected 403";
                }
                return $"{url}: expected 403, got {got}";
            default:
                throw new ArgumentOutOfRangeException(nameof(expected));
        }
    }

    public static async Task AssertAllAsync(AppClient client, IEnumerable<(string Url, Expect Expected)> checks, string who)
    {
        var failures = new List<string>();
        foreach (var (url, expected) in checks)
            if (await CheckAsync(client, url, expected) is { } failure) failures.Add(failure);
        Assert.True(failures.Count == 0, $"{who}:\n" + string.Join('\n', failures));
    }
}
