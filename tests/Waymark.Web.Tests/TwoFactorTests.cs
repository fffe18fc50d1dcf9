using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// Outside demo mode with two-factor required for team managers: enrolment is forced, enrolling with a
/// code from the shared key turns it on, and later sign-ins ask for a code. Also lockout after 5 wrong passwords.
/// </summary>
public abstract class TwoFactorTests(AppFixture app)
{
    [Collection(TwoFactorSqliteCollection.Name)]
    public sealed class OnSqlite(TwoFactorSqliteApp app) : TwoFactorTests(app);

    [Collection(TwoFactorPostgresCollection.Name)]
    public sealed class OnPostgres(TwoFactorPostgresApp app) : TwoFactorTests(app);

    private const string EnrolUrl = "/account/authenticator?required=true";

    private Task<bool> TwoFactorEnabledAsync(string email) =>
        app.Data.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync());

    /// <summary>A 6-digit code that is not valid in any step the server accepts (±2 steps of 30 s).</summary>
    private static string WrongCode(string key)
    {
        var valid = Enumerable.Range(-3, 7).Select(i => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(0, 20).Select(i => $"{i * 37 % 1_000_000:000000}").First(c => !valid.Contains(c));
    }

    [Fact]
    public async Task A_team_manager_is_sent_to_enrol_then_enrols_with_a_code_and_is_asked_for_a_code_at_the_next_sign_in()
    {
        using var client = await app.SignedInAsync(Users.TeamManager);

        // Until enrolled, every page sends them to enrol.
        foreach (var url in new[] { "/", "/people", "/caseload", "/audit" })
        {
            using var blocked = await client.GetAsync(url);
            Assert.True(blocked.StatusCode == HttpStatusCode.Redirect && string.Equals(Redirects.Target(blocked), EnrolUrl, StringComparison.OrdinalIgnoreCase),
                $"{url}: expected a redirect to {EnrolUrl}, got {(int)blocked.StatusCode} {Redirects.Describe(blocked)}");
        }
        var enrol = await client.GetPageAsync(EnrolUrl);
        PageChecks.AssertWellFormed(enrol);
        Assert.Contains("Your role needs two-factor authentication", enrol.MainText);
        var key = enrol.Document.GetElementById("shared-key")!.TextContent.Trim();
        Assert.Matches("^[a-z2-7]{4}( [a-z2-7]{1,4})+$", key);
        Assert.Contains($"secret={key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()}", enrol.Html);

        // A wrong code is refused and changes nothing.
        var wrong = await HtmlPage.ReadAsync(await enrol.Form().Set("Code", WrongCode(key)).SubmitAsync(client));
        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.Contains(("#Code", "The security code is not right. Check the key you entered and try again"), wrong.ErrorLinks);
        Assert.False(await TwoFactorEnabledAsync(Users.TeamManager));

        // The code an authenticator app shows now turns it on.
        using var enrolled = await wrong.Form().Set("Code", Totp.Code(key, DateTimeOffset.UtcNow)).SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        Assert.Equal("Two-factor authentication is on", (await client.FollowAsync(enrolled)).H1);
        Assert.True(await TwoFactorEnabledAsync(Users.TeamManager));
        var userId = app.Data.UserId(Users.TeamManager);
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == AuditAction.TwoFactorEnrolled && a.RecordId == userId)));
        Assert.Equal("Hello, Pat Hughes", (await client.GetPageAsync("/")).H1);

        // Next sign-in: password first, then a code.
        using var next = app.NewClient();
        using var password = await next.SubmitSignInAsync(Users.TeamManager, AppSettings.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal("/account/two-factor", Redirects.Path(password));
        using (var notYet = await next.GetAsync("/")) Assert.Equal("/account/sign-in", Redirects.Path(notYet));
        var codePage = await next.FollowAsync(password);
        PageChecks.AssertWellFormed(codePage);
        Assert.Equal("Enter your security code", codePage.H1);

        var wrongCode = await HtmlPage.ReadAsync(await codePage.Form().Set("Code", WrongCode(key)).SubmitAsync(next));
        Assert.Contains(("#Code", "The security code is not right. Check your authenticator app and try again"), wrongCode.ErrorLinks);
        using (var stillOut = await next.GetAsync("/")) Assert.Equal("/account/sign-in", Redirects.Path(stillOut));

        // The app's next code (30 s on: within the server's window, and not the code just used to enrol).
        using var signedIn = await wrongCode.Form().Set("Code", Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30))).SubmitAsync(next);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", Redirects.Target(signedIn));
        Assert.Equal("Hello, Pat Hughes", (await next.GetPageAsync("/")).H1);
        await next.GetPageAsync("/audit");
    }

    [Fact]
    public async Task Roles_that_do_not_require_two_factor_are_not_sent_to_enrol()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        await client.GetPageAsync("/");
        await client.GetPageAsync("/people");
        Assert.False(await TwoFactorEnabledAsync(Users.Practitioner));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_then_even_the_right_password_is_refused()
    {
        using var client = app.NewClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var page = await HtmlPage.ReadAsync(await client.SubmitSignInAsync(Users.Commissioner, $"Wrong-password-{attempt}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains(("#Email", "The email address or password is not right"), page.ErrorLinks);
        }
        var fifth = await HtmlPage.ReadAsync(await client.SubmitSignInAsync(Users.Commissioner, "Wrong-password-5"));
        Assert.Equal(HttpStatusCode.OK, fifth.Status);

        var right = await HtmlPage.ReadAsync(await client.SubmitSignInAsync(Users.Commissioner, AppSettings.Password));

        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains(("#Email", "This account is locked after too many attempts. Try again in 15 minutes or ask your administrator."), right.ErrorLinks);
        using (var home = await client.GetAsync("/")) Assert.Equal("/account/sign-in", Redirects.Path(home));
        var (lockoutEnd, lockedEvents) = await app.Data.QueryAsync(async db => (
            await db.Users.Where(u => u.Email == Users.Commissioner).Select(u => u.LockoutEnd).SingleAsync(),
            await db.AuditEvents.CountAsync(a => a.Action == AuditAction.LockedOut && a.RecordId == app.Data.UserId(Users.Commissioner))));
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10), $"LockoutEnd is {lockoutEnd}");
        Assert.True(lockedEvents >= 1);
    }
}
