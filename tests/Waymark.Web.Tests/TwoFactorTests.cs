using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        Assert.Contains(("#Code", "The security code is not right, or it has already been used. Enter the code your authenticator app shows now"), wrongCode.ErrorLinks);
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
            Assert.Contains(("#Email", "The email address or password is not right, or the account is locked. After 5 wrong attempts an account is locked for 15 minutes: wait, or ask your team manager or administrator to unlock it."), page.ErrorLinks);
        }
        var fifth = await HtmlPage.ReadAsync(await client.SubmitSignInAsync(Users.Commissioner, "Wrong-password-5"));
        Assert.Equal(HttpStatusCode.OK, fifth.Status);

        var right = await HtmlPage.ReadAsync(await client.SubmitSignInAsync(Users.Commissioner, AppSettings.Password));

        Assert.Equal(HttpStatusCode.OK, right.Status);
        // The same message as a wrong password or an unknown email: the page does not say the account exists.
        Assert.Contains(("#Email", "The email address or password is not right, or the account is locked. After 5 wrong attempts an account is locked for 15 minutes: wait, or ask your team manager or administrator to unlock it."), right.ErrorLinks);
        using (var home = await client.GetAsync("/")) Assert.Equal("/account/sign-in", Redirects.Path(home));
        var (lockoutEnd, lockedEvents) = await app.Data.QueryAsync(async db => (
            await db.Users.Where(u => u.Email == Users.Commissioner).Select(u => u.LockoutEnd).SingleAsync(),
            await db.AuditEvents.CountAsync(a => a.Action == AuditAction.LockedOut && a.RecordId == app.Data.UserId(Users.Commissioner))));
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10), $"LockoutEnd is {lockoutEnd}");
        Assert.True(lockedEvents >= 1);
    }

    /// <summary>A new team manager (two-factor required) who has enrolled with the code of now; their client, key and the page after enrolling.</summary>
    private async Task<(AppClient Client, string Email, string Key, HtmlPage Enrolled)> EnrolledManagerAsync()
    {
        var email = await app.Data.AddManagerAsync(app.Data.Northshire);
        var client = await app.SignedInAsync(email);
        var enrol = await client.GetPageAsync(EnrolUrl);
        var key = enrol.Document.GetElementById("shared-key")!.TextContent.Trim();
        using var enrolled = await enrol.Form().Set("Code", Totp.Code(key, DateTimeOffset.UtcNow)).SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        return (client, email, key, await client.FollowAsync(enrolled));
    }

    /// <summary>Password first, in a new browser; returns it and the two-factor page.</summary>
    private async Task<(AppClient Client, HtmlPage CodePage)> PasswordStepAsync(string email)
    {
        var client = app.NewClient();
        using var password = await client.SubmitSignInAsync(email, AppSettings.Password);
        Assert.Equal("/account/two-factor", Redirects.Path(password));
        return (client, await client.FollowAsync(password));
    }

    [Fact]
    public async Task An_authenticator_code_is_accepted_once_and_never_an_earlier_one()
    {
        var (enrolClient, email, key, _) = await EnrolledManagerAsync();
        enrolClient.Dispose();
        var next = Totp.Code(key, DateTimeOffset.UtcNow, stepOffset: 1);

        var (first, codePage) = await PasswordStepAsync(email);
        using (first)
        using (var signedIn = await codePage.Form().Set("Code", next).SubmitAsync(first))
            Assert.Equal("/", Redirects.Target(signedIn));

        // The same code again half a second later, from another browser (someone who saw it): refused.
        await Task.Delay(500);
        var (second, again) = await PasswordStepAsync(email);
        using (second)
        {
            var replay = await HtmlPage.ReadAsync(await again.Form().Set("Code", next).SubmitAsync(second));
            Assert.Equal(HttpStatusCode.OK, replay.Status);
            Assert.Contains(("#Code", "The security code is not right, or it has already been used. Enter the code your authenticator app shows now"), replay.ErrorLinks);
            // The code of the step used to enrol, still within the drift window, is earlier: refused too.
            var earlier = await HtmlPage.ReadAsync(await replay.Form().Set("Code", Totp.Code(key, DateTimeOffset.UtcNow)).SubmitAsync(second));
            Assert.Contains(("#Code", "The security code is not right, or it has already been used. Enter the code your authenticator app shows now"), earlier.ErrorLinks);
            using var notIn = await second.GetAsync("/");
            Assert.Equal("/account/sign-in", Redirects.Path(notIn));
        }
    }

    /// <summary>
    /// A sign-in that has passed the password step and waits for its code is an earlier sign-in too: signing out
    /// everywhere (or a password or two-factor reset) ends it (a walk-through completed one after a password change).
    /// </summary>
    [Fact]
    public async Task A_sign_in_waiting_for_its_code_is_ended_by_signing_out_everywhere()
    {
        var (enrolClient, email, key, _) = await EnrolledManagerAsync();
        enrolClient.Dispose();
        var (pending, codePage) = await PasswordStepAsync(email);

        var userId = await app.Data.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        using (var scope = app.Factory.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Waymark.Web.Infrastructure.HttpCurrentUser>().ActAsSystem();
            await scope.ServiceProvider.GetRequiredService<Waymark.Teams.TeamMembers>().SignOutEverywhereAsync(userId);
        }

        using (pending)
        {
            using var refused = await codePage.Form().Set("Code", Totp.Code(key, DateTimeOffset.UtcNow, stepOffset: 1)).SubmitAsync(pending);
            Assert.Equal("/account/sign-in", Redirects.Path(refused));
            using var notIn = await pending.GetAsync("/");
            Assert.Equal("/account/sign-in", Redirects.Path(notIn));
        }

        // A sign-in begun afterwards completes (the pending sign-in's time is kept in whole seconds, so not within the same second).
        await Task.Delay(1100);
        var (fresh, freshCode) = await PasswordStepAsync(email);
        using (fresh)
        using (var signedIn = await freshCode.Form().Set("Code", Totp.Code(key, DateTimeOffset.UtcNow, stepOffset: 2)).SubmitAsync(fresh))
            Assert.Equal("/", Redirects.Target(signedIn));
    }

    [Fact]
    public async Task Recovery_codes_are_shown_once_stored_hashed_and_each_signs_in_once()
    {
        var (client, email, _, enrolled) = await EnrolledManagerAsync();
        var codes = enrolled.Document.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        var again = await client.GetPageAsync("/account/authenticator");
        Assert.Empty(again.Document.QuerySelectorAll("#recovery-codes li"));
        Assert.Contains("You have 10 unused recovery codes", again.MainText);
        var stored = await app.Data.QueryAsync(db => db.UserTokens.Where(t => t.UserId == app.Data.UserId(email) && t.Name == "RecoveryCodes").Select(t => t.Value!).SingleAsync());
        Assert.All(codes, c => Assert.DoesNotContain(c.Replace("-", "", StringComparison.Ordinal), stored.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

        // Signing in with one (typed in lower case, without the hyphen).
        var (browser, codePage) = await PasswordStepAsync(email);
        var link = Assert.Single(codePage.Links("main a[href^='/account/recovery-code']"));
        var recoveryPage = await browser.GetPageAsync(link);
        PageChecks.AssertWellFormed(recoveryPage);
        Assert.Equal("Enter a recovery code", recoveryPage.Document.QuerySelector("h1")?.TextContent.Trim());
        using (var signedIn = await recoveryPage.Form().Set("Code", codes[0].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()).SubmitAsync(browser))
            Assert.Equal("/", Redirects.Target(signedIn));
        Assert.Contains("You have 9 unused recovery codes", (await browser.GetPageAsync("/account/authenticator")).MainText);

        // The same code again: refused.
        var (other, otherCodePage) = await PasswordStepAsync(email);
        var reused = await HtmlPage.ReadAsync(await (await other.GetPageAsync(Assert.Single(otherCodePage.Links("main a[href^='/account/recovery-code']")))).Form().Set("Code", codes[0]).SubmitAsync(other));
        Assert.Contains(("#Code", "The recovery code is not right, or it has been used. Check it and try again"), reused.ErrorLinks);

        // New codes replace the old: an unused old one stops working, a new one works.
        using var regenerated = await (await client.GetPageAsync("/account/authenticator")).Form("main form[action$='handler=RecoveryCodes']").SubmitAsync(client);
        var fresh = (await client.FollowAsync(regenerated)).Document.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, fresh.Count);
        var oldUnused = await HtmlPage.ReadAsync(await reused.Form().Set("Code", codes[1]).SubmitAsync(other));
        Assert.Contains(("#Code", "The recovery code is not right, or it has been used. Check it and try again"), oldUnused.ErrorLinks);
        using (var withNew = await oldUnused.Form().Set("Code", fresh[0]).SubmitAsync(other)) Assert.Equal("/", Redirects.Target(withNew));
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == AuditAction.RecoveryCodesGenerated && a.RecordId == app.Data.UserId(email))));
        client.Dispose();
        browser.Dispose();
        other.Dispose();
    }
}
