using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>The app in the Production environment, reached as waymark.test (its AllowedHosts) or localhost.</summary>
public sealed class ProductionApp() : AppFixture(DatabaseProvider.Sqlite, new AppSettings
{
    Environment = "Production",
    Settings = new Dictionary<string, string> { ["AllowedHosts"] = "waymark.test;localhost" },
});

/// <summary>
/// Cookies and headers outside Development (docs/security.md, "Cookies and headers"): every cookie Secure even on a
/// request that arrived over plain http, SameSite=Strict, HttpOnly; HSTS for a year with sub-domains; a Host that is
/// not in AllowedHosts refused with 400; an over-long address refused with 414 — both with the security headers.
/// </summary>
public sealed class CookiesAndHeadersTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private HttpClient Client(string baseAddress) => app.Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(baseAddress),
        AllowAutoRedirect = false,
        HandleCookies = false,
    });

    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) && values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie.ToLowerInvariant()
            : throw new Xunit.Sdk.XunitException($"No {name} cookie set; Set-Cookie: {string.Join(" | ", response.Headers.TryGetValues("Set-Cookie", out var all) ? all : [])}");

    [Fact]
    public async Task The_antiforgery_cookie_is_Secure_Strict_and_HttpOnly()
    {
        using var https = Client("https://localhost");
        using var signIn = await https.GetAsync("/account/sign-in");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookie = SetCookie(signIn, "waymark-af");
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);

        // Secure is not only "because this request was https": it is Always.
        var overHttp = new DefaultHttpContext();
        overHttp.Request.Scheme = "http";
        Assert.True(app.Factory.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Build(overHttp).Secure);
    }

    [Fact]
    public async Task A_page_asked_for_over_plain_http_is_sent_to_https_with_the_security_headers_and_health_still_answers()
    {
        using var http = Client("http://localhost");
        using var page = await http.GetAsync("/account/sign-in?x=1");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, page.StatusCode);
        Assert.Equal("https://localhost/account/sign-in?x=1", page.Headers.Location?.ToString());
        Assert.Empty(PageChecks.HeaderProblems(page));
        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task The_temp_data_cookie_of_a_save_is_Secure_Strict_and_HttpOnly_and_its_message_still_shows_after_the_redirect()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var edit = await client.GetPageAsync($"/people/{person.Id}/edit");
        using var saved = await edit.Form().Set("Input.Phone", "07700 900123").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var cookie = SetCookie(saved, "waymark-tempdata");
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        // The flow Strict could break: the message is read on the page the same-site redirect leads to.
        Assert.Contains("Details saved", (await client.FollowAsync(saved)).MainText);
    }

    [Fact]
    public void Identity_two_factor_remember_me_and_external_cookies_are_Secure_Strict_and_HttpOnly_on_a_plain_http_request()
    {
        var monitor = app.Factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        var overHttp = new DefaultHttpContext();
        overHttp.Request.Scheme = "http";
        foreach (var scheme in new[] { IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme, IdentityConstants.ApplicationScheme })
        {
            var cookie = monitor.Get(scheme).Cookie.Build(overHttp);
            Assert.True(cookie.Secure, $"{scheme} is not Secure");
            Assert.True(cookie.HttpOnly, $"{scheme} is not HttpOnly");
            Assert.True(cookie.SameSite == SameSiteMode.Strict, $"{scheme} is SameSite={cookie.SameSite}");
        }
        var tempData = app.Factory.Services.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Build(overHttp);
        Assert.True(tempData.Secure && tempData.HttpOnly && tempData.SameSite == SameSiteMode.Strict);
    }

    [Fact]
    public async Task Over_https_the_answer_carries_HSTS_for_a_year_with_sub_domains_but_not_for_localhost()
    {
        using var https = Client("https://waymark.test");
        using var signIn = await https.GetAsync("/account/sign-in");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.True(signIn.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "No Strict-Transport-Security header");
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(hsts));

        // Loopback names are excluded on purpose: a year-long pin on localhost would follow a browser to every local app.
        using var local = Client("https://localhost");
        using var localAnswer = await local.GetAsync("/account/sign-in");
        Assert.False(localAnswer.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_Host_outside_AllowedHosts_is_refused_with_400_carrying_the_security_headers_so_it_cannot_steer_the_sign_in_redirect()
    {
        using var foreign = Client("https://evil.example");
        using var refused = await foreign.GetAsync("/people");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        Assert.Empty(PageChecks.HeaderProblems(refused));

        using var allowed = Client("https://waymark.test");
        using var redirect = await allowed.GetAsync("/people");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.True(!redirect.Headers.Location!.IsAbsoluteUri || redirect.Headers.Location.Host == "waymark.test", $"Redirected to {redirect.Headers.Location}");
    }

    [Fact]
    public async Task An_over_long_address_is_refused_with_414_carrying_the_security_headers()
    {
        using var https = Client("https://localhost");
        using var tooLong = await https.GetAsync("/people?Name=" + new string('a', RequestTargetLimit.MaxLength));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong.StatusCode);
        Assert.Empty(PageChecks.HeaderProblems(tooLong));
        Assert.Equal("no-store", tooLong.Headers.CacheControl?.ToString());
    }
}
