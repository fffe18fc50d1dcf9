using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Browser.Tests;

/// <summary>One app and one browser for the whole run. Each test gets its own context (its own cookies).</summary>
public class BrowserFixture : IAsyncLifetime
{
    public WaymarkApp App { get; private set; } = default!;
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl => App.BaseUrl;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("WAYMARK_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}. Install Debian's chromium (apt-get install chromium) or set WAYMARK_CHROMIUM.");
        App = CreateApp();
        App.Start();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>The app under test; the system clock unless a subclass says otherwise.</summary>
    protected virtual WaymarkApp CreateApp() => new();

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }

    /// <summary>Reads the app's database as the system (all teams), to pick test data the seeder made.</summary>
    public async Task<T> QueryAsync<T>(Func<WaymarkDbContext, Task<T>> query)
    {
        using var scope = App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
        return await query(scope.ServiceProvider.GetRequiredService<WaymarkDbContext>());
    }

    /// <summary>
    /// A new user of <paramref name="role"/> in the demo team, with the demo password; returns their email. For tests that
    /// must not depend on what other tests did to the demo users (two-factor turned on, for one).
    /// </summary>
    public async Task<string> AddUserAsync(string role, string displayName)
    {
        var team = await TeamIdAsync(Waymark.Demo.DemoSeeder.DemoTeamName);
        using var scope = App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Waymark.Teams.WaymarkUser>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@browser-test.invalid";
        var user = new Waymark.Teams.WaymarkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, LockoutEnabled = true };
        var created = await users.CreateAsync(user, WaymarkApp.DemoPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        db.TeamMemberships.Add(new Waymark.Teams.TeamMembership { TeamId = team, UserId = user.Id });
        await db.SaveChangesAsync();
        return email;
    }

    public Task<Guid> TeamIdAsync(string name) =>
        QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Teams.Where(t => t.Name == name).Select(t => t.Id)));

    public async Task<IPage> SignedInPageAsync(string email, bool javaScript = true)
    {
        var page = await NewPageAsync(javaScript);
        await page.SignInAsync(email);
        return page;
    }

    /// <summary>
    /// A JavaScript-enabled page with the cookies of <paramref name="page"/>, where the app's own scripts are
    /// blocked: it renders as a browser without JavaScript would, but lets the test run axe in it.
    /// </summary>
    public async Task<IPage> ScriptlessTwinAsync(IPage page)
    {
        var twin = await NewPageAsync();
        await twin.Context.AddCookiesAsync((await page.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires,
            HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        await twin.Context.RouteAsync(u => new Uri(u).AbsolutePath.EndsWith(".js", StringComparison.OrdinalIgnoreCase), r => r.AbortAsync());
        return twin;
    }

    public async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            JavaScriptEnabled = javaScript,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // Long enough for a POST on a loaded 2-core machine (a click waits for the navigation it starts); a timeout
        // here failed a full run once when other builds shared the machine, never on a quiet one.
        context.SetDefaultTimeout((float)Ui.Patience.TotalMilliseconds);
        return await context.NewPageAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
