using System.Net;
using System.Text;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>The test helpers themselves: the page checks must catch what they claim to, and the TOTP must match RFC 6238.</summary>
public class HelperTests
{
    private static async Task<HtmlPage> PageOf(string html, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(html, Encoding.UTF8, "text/html"),
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://localhost/test"),
        };
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return await HtmlPage.ReadAsync(response);
    }

    private static readonly (string, string)[] GoodHeaders =
        [("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"), ("X-Content-Type-Options", "nosniff")];

    [Fact]
    public async Task Page_checks_pass_a_well_formed_page()
    {
        var page = await PageOf("""
            <html><head><title>Fine – Waymark</title><script src="/js/site.js"></script></head><body><main>
            <h1>Fine</h1>
            <form method="post"><input type="hidden" name="__RequestVerificationToken" value="t">
              <label for="Name">Name</label><input id="Name" name="Name">
              <fieldset><legend>Sex</legend><input type="radio" name="Sex" value="F"></fieldset>
              <button>Save</button></form>
            <form method="get"><label for="q">Search</label><input id="q" name="q"></form>
            </main></body></html>
            """, GoodHeaders);
        Assert.Empty(PageChecks.Problems(page));
    }

    [Fact]
    public async Task Page_checks_catch_each_kind_of_problem()
    {
        var page = await PageOf("""
            <html><head><title> </title><style>p{}</style></head><body><main>
            <h1>One</h1><h1>Two</h1><p id="twice"></p><p id="twice"></p>
            <form method="post"><input id="Name" name="Name"><select name="Pick"></select><textarea id="t" name="T"></textarea></form>
            <script>alert(1)</script><p style="color:red" onclick="x()">x</p>
            </main></body></html>
            """, ("Content-Security-Policy", "default-src 'self' 'unsafe-inline'"), ("Server", "Kestrel"));
        var problems = string.Join('\n', PageChecks.Problems(page));
        foreach (var expected in new[]
        {
            "2 h1 elements", "no <title>", "id 'twice' is used 2 times", "name='Name'", "name='Pick'", "name='T'", "no antiforgery token",
            "inline <script>", "<style> element", "style attribute", "onclick", "'unsafe-inline'", "frame-ancestors", "nosniff", "Server header",
        })
            Assert.Contains(expected, problems, StringComparison.Ordinal);
    }

    [Theory]
    // RFC 6238 appendix B (SHA-1 secret "12345678901234567890"), last six of the eight digits.
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1111111111, "050471")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void Totp_matches_the_RFC_6238_test_vectors(long unixSeconds, string expected)
    {
        var key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // base32 of "12345678901234567890"
        Assert.Equal(expected, Totp.Code(key.ToLowerInvariant(), DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }
}
