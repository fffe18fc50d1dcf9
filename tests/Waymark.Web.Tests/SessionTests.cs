using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Audit;
using Waymark.Teams;
using Waymark.Web.Infrastructure;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// Server-side sessions: a copy of the sign-in cookie stops working once its session ends (signing out, "sign out
/// everywhere" by the user or their team manager, withdrawal from the team, a two-factor reset, a password reset) or
/// passes the absolute lifetime. The team members pages of team managers and administrators.
/// </summary>
public abstract class SessionTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : SessionTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : SessionTests(app);

    /// <summary>A new user of <paramref name="role"/> in Northshire; returns their id and email.</summary>
    private async Task<(string Id, string Email)> NewUserAsync(string role = Roles.Practitioner)
    {
        var id = await app.Data.AddUserAsync(app.Data.Northshire, TestData.UniqueName("Member "), role);
        var email = await app.Data.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Email!).SingleAsync());
        return (id, email);
    }

    /// <summary>Signs in with a fresh browser; returns it and a copy of its sign-in and antiforgery cookies, as someone who took them would have.</summary>
    private async Task<(AppClient Client, string Cookies)> SignInCopyingCookiesAsync(string email)
    {
        var client = app.NewClient();
        using var form = await client.GetAsync("/account/sign-in");
        var page = await HtmlPage.ReadAsync(form);
        using var signedIn = await page.Form().Set("Email", email).Set("Password", AppSettings.Password).SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (client, $"{SetCookie(form, "waymark-af")}; {SetCookie(signedIn, "waymark")}");
    }

    /// <summary>"name=value" of the last Set-Cookie for <paramref name="name"/> in a response (the one a browser keeps).</summary>
    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Last(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Split(';')[0];

    /// <summary>A browser with no cookie jar that sends exactly <paramref name="cookies"/> with every request.</summary>
    private AppClient WithCookies(string cookies)
    {
        var http = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        http.DefaultRequestHeaders.Add("Cookie", cookies);
        return new AppClient(http);
    }

    private Task<List<UserSession>> SessionsOfAsync(string userId) =>
        app.Data.QueryAsync(db => db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).ToListAsync());

    private Task<bool> AuditedAsync(AuditAction action, string userId) =>
        app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == action && a.RecordId == userId));

    private static async Task AssertRefusedAsync(AppClient client, string because)
    {
        using var response = await client.GetAsync("/people");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && Redirects.Path(response) == "/account/sign-in",
            $"{because}: expected a redirect to sign in, got {(int)response.StatusCode} {Redirects.Describe(response)}");
    }

    [Fact]
    public async Task A_copy_of_the_cookie_taken_before_signing_out_is_refused_after_it_for_pages_and_forms()
    {
        var (id, email) = await NewUserAsync();
        var person = await app.Data.AddPersonAsync(app.Data.Northshire);
        var (client, cookies) = await SignInCopyingCookiesAsync(email);
        using var copy = WithCookies(cookies);
        var edit = await copy.GetPageAsync($"/people/{person.Id}/edit"); // the copy works while the session is live
        var token = edit.Form("main form")["__RequestVerificationToken"]!;

        var signOut = (await client.GetPageAsync("/")).Form("header form[action='/account/sign-out']");
        using (var signedOut = await signOut.SubmitAsync(client))
        {
            Assert.Equal("/account/sign-in", Redirects.Path(signedOut));
            Assert.Equal("You have signed out of Waymark.", (await client.FollowAsync(signedOut)).Document.QuerySelector("main [role=status]")?.TextContent.Replace("Information: ", "").Trim());
        }
        Assert.Null((await client.GetPageAsync("/account/sign-in")).Document.QuerySelector("main [role=status]")); // said once

        using (var view = await copy.GetAsync($"/people/{person.Id}")) Assert.Equal("/account/sign-in", Redirects.Path(view));
        using var post = await copy.PostAsync($"/people/{person.Id}/edit",
            [new("__RequestVerificationToken", token), new("Input.Version", person.Version.ToString()), new("Input.GivenName", "Changed"), new("Input.FamilyName", "Afterwards")]);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/account/sign-in", Redirects.Path(post));
        Assert.Equal(person.GivenName, await app.Data.QueryAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.GivenName).SingleAsync()));
        var session = Assert.Single(await SessionsOfAsync(id));
        Assert.Equal((SessionEndReason?)SessionEndReason.SignedOut, session.EndReason);
        Assert.Equal(id, session.EndedBy);
        Assert.True(await AuditedAsync(AuditAction.SignedOut, id));
    }

    [Fact]
    public async Task Signing_in_sends_one_sign_in_cookie_and_it_names_a_live_session()
    {
        var (id, email) = await NewUserAsync();
        using var client = app.NewClient();
        using var signedIn = await client.SubmitSignInAsync(email, AppSettings.Password);
        Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("waymark=", StringComparison.Ordinal));
        var session = Assert.Single(await SessionsOfAsync(id));
        Assert.Null(session.EndedAt);
        Assert.Equal((Guid?)app.Data.Northshire, session.TeamId);
    }

    [Fact]
    public async Task A_session_ends_at_the_absolute_lifetime_however_active_it_is()
    {
        var (id, email) = await NewUserAsync();
        using var client = await app.SignedInAsync(email);
        await client.GetPageAsync("/people");
        // Started 12 hours and a minute ago (Security:AbsoluteSessionHours is 12 by default): refused on the next request.
        await app.Data.ChangeAsync(db => db.UserSessions.Where(s => s.UserId == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.StartedAt, DateTimeOffset.UtcNow.AddHours(-12).AddMinutes(-1))));

        await AssertRefusedAsync(client, "after 12 hours");
        var session = Assert.Single(await SessionsOfAsync(id));
        Assert.Equal((SessionEndReason?)SessionEndReason.Expired, session.EndReason);
    }

    [Fact]
    public async Task A_session_shortly_before_the_absolute_lifetime_still_works()
    {
        var (id, email) = await NewUserAsync();
        using var client = await app.SignedInAsync(email);
        await app.Data.ChangeAsync(db => db.UserSessions.Where(s => s.UserId == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.StartedAt, DateTimeOffset.UtcNow.AddHours(-11).AddMinutes(-50))));
        await client.GetPageAsync("/people");
    }

    [Fact]
    public async Task Sign_out_everywhere_on_the_account_page_ends_every_session_of_the_user()
    {
        var (id, email) = await NewUserAsync();
        using var laptop = await app.SignedInAsync(email);
        using var phone = await app.SignedInAsync(email);
        using var colleague = await app.SignedInAsync(Users.Practitioner2);

        var account = await laptop.GetPageAsync("/account");
        PageChecks.AssertWellFormed(account);
        Assert.Equal("Your account", account.H1);
        using var done = await account.Form("main form").SubmitAsync(laptop);

        Assert.Equal("/account/sign-in", Redirects.Path(done));
        await AssertRefusedAsync(laptop, "this browser");
        await AssertRefusedAsync(phone, "the user's other browser");
        await colleague.GetPageAsync("/people"); // nobody else's
        Assert.All(await SessionsOfAsync(id), s => Assert.Equal((SessionEndReason?)SessionEndReason.SignedOutEverywhere, s.EndReason));
        Assert.True(await AuditedAsync(AuditAction.SessionsEnded, id));
    }

    [Fact]
    public async Task Changing_team_keeps_the_session_and_its_start()
    {
        var (id, email) = await NewUserAsync();
        using var client = await app.SignedInAsync(email);
        var before = Assert.Single(await SessionsOfAsync(id));
        var choose = await client.GetPageAsync("/account/choose-team");
        using (var chosen = await choose.Form("main form").Set("TeamId", app.Data.Northshire.ToString()).SubmitAsync(client))
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        await client.GetPageAsync("/people");
        var after = Assert.Single(await SessionsOfAsync(id));
        Assert.Equal((before.Id, before.StartedAt, (DateTimeOffset?)null), (after.Id, after.StartedAt, after.EndedAt));
    }

    [Fact]
    public async Task Team_members_lists_the_team_with_roles_and_last_sign_in_and_not_other_teams()
    {
        var (_, email) = await NewUserAsync(Roles.SupportWorker);
        using (await app.SignedInAsync(email)) { }
        using var manager = await app.SignedInAsync(await app.Data.AddManagerAsync(app.Data.Northshire));

        var page = await manager.GetPageAsync("/team/members");
        PageChecks.AssertWellFormed(page);
        Assert.Equal("Team members", page.H1);
        var rows = page.Document.QuerySelectorAll("main table tbody tr").Select(r => HtmlPage.Collapse(r.TextContent)).ToList();
        var row = Assert.Single(rows, r => r.Contains(email, StringComparison.Ordinal));
        Assert.Contains("Support worker", row);
        Assert.DoesNotContain("Never", row);
        Assert.DoesNotContain(rows, r => r.Contains(Users.SouthshirePractitioner, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_team_manager_signs_a_member_out_everywhere_after_confirming()
    {
        var (id, email) = await NewUserAsync();
        using var member = await app.SignedInAsync(email);
        using var manager = await app.SignedInAsync(await app.Data.AddManagerAsync(app.Data.Northshire));

        // A session never signed out but older than the absolute lifetime is dead, and not counted as signed in.
        await app.Data.ChangeAsync(db => { db.UserSessions.Add(new UserSession { UserId = id, StartedAt = DateTimeOffset.UtcNow.AddHours(-13) }); return Task.CompletedTask; });
        var page = await manager.GetPageAsync($"/team/members/{id}");
        PageChecks.AssertWellFormed(page);
        Assert.Equal("Possibly: 1 session not signed out, started in the last 12 hours", page.Document.GetElementById("live-sessions")!.TextContent.Trim());
        var confirm = await HtmlPage.ReadAsync(await page.Form("main form[action$='handler=SignOutEverywhere']").SubmitAsync(manager));
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.EndsWith("out everywhere?", confirm.H1);
        await member.GetPageAsync("/people"); // nothing happens before confirming

        using var done = await confirm.Form("main form").SubmitAsync(manager);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Contains("has been signed out everywhere", (await manager.FollowAsync(done)).MainText);
        await AssertRefusedAsync(member, "the member");
        var ended = (await SessionsOfAsync(id)).Single(s => s.StartedAt > DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal(((SessionEndReason?)SessionEndReason.SignedOutEverywhere, (string?)app.Data.UserId(await ManagerEmailAsync(manager))), (ended.EndReason, ended.EndedBy));
        Assert.True(await AuditedAsync(AuditAction.SessionsEnded, id));
    }

    private async Task<string> ManagerEmailAsync(AppClient manager) =>
        (await manager.GetPageAsync("/account")).Document.QuerySelectorAll(".nhsuk-summary-list__value")[1].TextContent.Trim();

    [Fact]
    public async Task A_team_manager_unlocks_a_locked_member_who_can_then_sign_in_with_their_password()
    {
        var (id, email) = await NewUserAsync();
        using (var wrong = app.NewClient())
            for (var i = 0; i < 5; i++) // Security:MaxFailedSignIns
                using (await (await wrong.GetPageAsync("/account/sign-in")).Form().Set("Email", email).Set("Password", "Not-the-password-1").SubmitAsync(wrong)) { }
        using var manager = await app.SignedInAsync(await app.Data.AddManagerAsync(app.Data.Northshire));
        using (var locked = app.NewClient())
        {
            using var refused = await (await locked.GetPageAsync("/account/sign-in")).Form().Set("Email", email).Set("Password", AppSettings.Password).SubmitAsync(locked);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the right password is refused while locked
        }

        var page = await manager.GetPageAsync($"/team/members/{id}");
        Assert.StartsWith("Yes, after too many failed sign-ins, until", page.Document.GetElementById("locked")!.TextContent.Trim());
        using var done = await page.Form("main form[action$='handler=Unlock']").SubmitAsync(manager);
        var after = await manager.FollowAsync(done);

        Assert.Contains("account has been unlocked. They can sign in now.", after.MainText);
        Assert.Equal("No", after.Document.GetElementById("locked")!.TextContent.Trim());
        Assert.Empty(after.Document.QuerySelectorAll("main form[action$='handler=Unlock']"));
        Assert.True(await AuditedAsync(AuditAction.Unlocked, id));
        using var member = app.NewClient();
        using var signedIn = await (await member.GetPageAsync("/account/sign-in")).Form().Set("Email", email).Set("Password", AppSettings.Password).SubmitAsync(member);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task A_team_manager_withdraws_a_member_who_is_then_refused_and_no_longer_listed()
    {
        var (id, email) = await NewUserAsync();
        using var member = await app.SignedInAsync(email);
        using var manager = await app.SignedInAsync(await app.Data.AddManagerAsync(app.Data.Northshire));
        await member.GetPageAsync("/people"); // membership remembered by the cache

        var page = await manager.GetPageAsync($"/team/members/{id}");
        var confirm = await HtmlPage.ReadAsync(await page.Form("main form[action$='handler=Withdraw']").SubmitAsync(manager));
        Assert.EndsWith("from this team?", confirm.H1);
        using var done = await confirm.Form("main form").SubmitAsync(manager);

        Assert.Equal("/team/members", Redirects.Path(done));
        Assert.Contains("has been withdrawn from this team", (await manager.FollowAsync(done)).MainText);
        await AssertRefusedAsync(member, "the withdrawn member");
        Assert.False(await app.Data.QueryAsync(db => db.TeamMemberships.AnyAsync(m => m.UserId == id)));
        Assert.Equal((SessionEndReason?)SessionEndReason.MembershipWithdrawn, Assert.Single(await SessionsOfAsync(id)).EndReason);
        Assert.True(await AuditedAsync(AuditAction.MembershipWithdrawn, id));
        await manager.GetPageAsync($"/team/members/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_team_manager_cannot_withdraw_themselves_nor_reset_two_factor_and_another_teams_manager_finds_no_member()
    {
        var managerEmail = await app.Data.AddManagerAsync(app.Data.Northshire);
        using var manager = await app.SignedInAsync(managerEmail);
        var self = app.Data.UserId(managerEmail);
        var page = await manager.GetPageAsync($"/team/members/{self}");
        Assert.Empty(page.Document.QuerySelectorAll("main form[action$='handler=Withdraw']"));
        Assert.Empty(page.Document.QuerySelectorAll("main form[action$='handler=ResetTwoFactor']"));
        var token = page.Form("main form[action$='handler=SignOutEverywhere']")["__RequestVerificationToken"]!;
        var refused = await HtmlPage.ReadAsync(await manager.PostAsync($"/team/members/{self}?handler=Withdraw", [new("__RequestVerificationToken", token), new("Confirmed", "true")]));
        Assert.Contains("You cannot withdraw yourself from the team. Ask another team manager or an administrator", refused.ErrorMessages);
        Assert.True(await app.Data.QueryAsync(db => db.TeamMemberships.AnyAsync(m => m.UserId == self)));

        var (id, _) = await NewUserAsync();
        using var reset = await manager.PostAsync($"/team/members/{id}?handler=ResetTwoFactor", [new("__RequestVerificationToken", token), new("Confirmed", "true")]);
        Assert.Equal("/account/access-denied", Redirects.Path(reset));

        using var southshire = await app.SignedInAsync(await app.Data.AddManagerAsync(app.Data.Southshire));
        var southToken = (await southshire.GetPageAsync("/account")).Form("main form")["__RequestVerificationToken"]!;
        using var withdraw = await southshire.PostAsync($"/team/members/{id}?handler=Withdraw", [new("__RequestVerificationToken", southToken), new("Confirmed", "true")]);
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        Assert.True(await app.Data.QueryAsync(db => db.TeamMemberships.AnyAsync(m => m.UserId == id)));
    }

    [Fact]
    public async Task An_administrator_resets_a_members_two_factor_which_ends_their_sessions()
    {
        var (id, email) = await NewUserAsync();
        using var member = await app.SignedInAsync(email);
        using (var scope = app.Factory.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<WaymarkUser>>();
            var user = (await users.FindByIdAsync(id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        }
        using var admin = await app.SignedInAsync(Users.Administrator);

        var page = await admin.GetPageAsync($"/team/members/{id}");
        var confirm = await HtmlPage.ReadAsync(await page.Form("main form[action$='handler=ResetTwoFactor']").SubmitAsync(admin));
        Assert.EndsWith("two-factor authentication?", confirm.H1);
        using var done = await confirm.Form("main form").SubmitAsync(admin);
        Assert.Contains("two-factor authentication has been reset", (await admin.FollowAsync(done)).MainText);

        await AssertRefusedAsync(member, "the member whose two-factor was reset");
        var (enabled, codes) = await app.Data.QueryAsync(async db => (
            await db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync(),
            await db.UserTokens.CountAsync(t => t.UserId == id && t.Name == TeamMembers.RecoveryCodesTokenName)));
        Assert.False(enabled);
        Assert.Equal(0, codes);
        Assert.Equal((SessionEndReason?)SessionEndReason.TwoFactorReset, Assert.Single(await SessionsOfAsync(id)).EndReason);
        Assert.True(await AuditedAsync(AuditAction.TwoFactorReset, id));
        // Two-factor is off now: nothing to reset, so it is not offered.
        var after = await admin.GetPageAsync($"/team/members/{id}");
        Assert.Empty(after.Document.QuerySelectorAll("main form[action$='handler=ResetTwoFactor']"));
        Assert.Equal("No", after.Document.GetElementById("live-sessions")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_password_reset_ends_every_session_of_the_user()
    {
        var (id, email) = await NewUserAsync();
        using var client = await app.SignedInAsync(email);
        using (var scope = app.Factory.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
            // What 'waymark users password' does after setting the new password.
            await scope.ServiceProvider.GetRequiredService<TeamMembers>().PasswordChangedAsync(id);
        }
        await AssertRefusedAsync(client, "after a password reset");
        Assert.Equal((SessionEndReason?)SessionEndReason.PasswordChanged, Assert.Single(await SessionsOfAsync(id)).EndReason);
    }

    [Fact]
    public async Task Changing_ones_password_ends_every_other_session_and_keeps_this_browser_signed_in()
    {
        var (id, email) = await NewUserAsync();
        using var here = await app.SignedInAsync(email);
        var (elsewhere, cookies) = await SignInCopyingCookiesAsync(email);
        using var copy = WithCookies(cookies);
        const string newPassword = "A-new-Pa55word-for-2026!";

        var form = await here.GetPageAsync("/account/password");
        PageChecks.AssertWellFormed(form);
        var wrong = await HtmlPage.ReadAsync(await form.Form("main form").Set("CurrentPassword", "Not-my-password-1!").Set("NewPassword", newPassword).Set("ConfirmPassword", newPassword).SubmitAsync(here));
        Assert.Contains(("#CurrentPassword", "Your current password is not right"), wrong.ErrorLinks);
        var mismatch = await HtmlPage.ReadAsync(await wrong.Form("main form").Set("CurrentPassword", AppSettings.Password).Set("NewPassword", newPassword).Set("ConfirmPassword", newPassword + "x").SubmitAsync(here));
        Assert.Contains(("#ConfirmPassword", "Enter the same new password again"), mismatch.ErrorLinks);
        Assert.DoesNotContain(newPassword, mismatch.Html, StringComparison.Ordinal);

        using var changed = await mismatch.Form("main form").Set("CurrentPassword", AppSettings.Password).Set("NewPassword", newPassword).Set("ConfirmPassword", newPassword).SubmitAsync(here);
        Assert.Equal("/account", Redirects.Path(changed));
        Assert.Contains("Your password has been changed", (await here.FollowAsync(changed)).MainText);
        await here.GetPageAsync("/people");
        await AssertRefusedAsync(elsewhere, "the other browser");
        await AssertRefusedAsync(copy, "a copy of the other browser's cookie");
        elsewhere.Dispose();
        Assert.True(await AuditedAsync(AuditAction.PasswordChanged, id));
        using var fresh = app.NewClient();
        using (var old = await fresh.SubmitSignInAsync(email, AppSettings.Password)) Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        await fresh.SignInAsync(email, newPassword);
    }
}
