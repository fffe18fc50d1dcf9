using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Teams;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// Administration of users in the browser (issue 16 item 4): an administrator adds a user (a one-time password they must
/// change at first sign-in), deactivates and reactivates, sets the role, adds and removes memberships, forces a password
/// change and resets a forgotten password; a team manager resets their own team's members' passwords only. Every change
/// is audited and ends the sessions it must.
/// </summary>
public abstract class AdministrationTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : AdministrationTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : AdministrationTests(app);

    private const string NewPassword = "A-new-Pa55word-for-2026!";

    /// <summary>A new user of <paramref name="role"/> in Northshire (password <see cref="AppSettings.Password"/>); returns their id and email.</summary>
    private async Task<(string Id, string Email)> NewUserAsync(string role = Roles.Practitioner)
    {
        var id = await app.Data.AddUserAsync(app.Data.Northshire, TestData.UniqueName("Member "), role);
        var email = await app.Data.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Email!).SingleAsync());
        return (id, email);
    }

    private Task<bool> AuditedAsync(AuditAction action, string userId) =>
        app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == action && a.RecordId == userId));

    private Task<WaymarkUser> UserAsync(string id) => app.Data.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));

    private static async Task AssertSignedOutAsync(AppClient client, string because)
    {
        using var response = await client.GetAsync("/people");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && Redirects.Path(response) == "/account/sign-in",
            $"{because}: expected a redirect to sign in, got {(int)response.StatusCode} {Redirects.Describe(response)}");
    }

    /// <summary>Confirms the action <paramref name="handler"/> on the administrator's page of <paramref name="userId"/>.</summary>
    private static async Task<HtmlPage> ConfirmAsync(AppClient admin, string userId, string handler, string confirmHeadingEnd)
    {
        var page = await admin.GetPageAsync($"/administration/users/{userId}");
        var confirm = await HtmlPage.ReadAsync(await page.Form($"main form[action$='handler={handler}']").SubmitAsync(admin));
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.EndsWith(confirmHeadingEnd, confirm.H1);
        return confirm;
    }

    [Fact]
    public async Task A_team_manager_cannot_open_administration_nor_any_of_its_pages()
    {
        var (id, _) = await NewUserAsync();
        using var manager = await app.SignedInAsync(Users.TeamManager);
        foreach (var url in new[] { "/administration", "/administration/users/new", $"/administration/users/{id}" })
        {
            using var response = await manager.GetAsync(url);
            Assert.Equal("/account/access-denied", Redirects.Path(response));
        }
        var token = (await manager.GetPageAsync("/account")).Form("main form")["__RequestVerificationToken"]!;
        using var post = await manager.PostAsync($"/administration/users/{id}?handler=Deactivate", [new("__RequestVerificationToken", token), new("Confirmed", "true")]);
        Assert.Equal("/account/access-denied", Redirects.Path(post));
        Assert.Null((await UserAsync(id)).DeactivatedAt);
        Assert.DoesNotContain("href=\"/administration\"", (await manager.GetPageAsync("/")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_adds_a_user_who_signs_in_with_the_one_time_password_and_must_change_it()
    {
        using var admin = await app.SignedInAsync(Users.Administrator);
        Assert.Contains("href=\"/administration\"", (await admin.GetPageAsync("/")).Html, StringComparison.Ordinal);
        var form = await admin.GetPageAsync("/administration/users/new");
        PageChecks.AssertWellFormed(form);

        var empty = await HtmlPage.ReadAsync(await form.Form("main form").SubmitAsync(admin));
        Assert.Equal(["Enter their name", "Enter their email address", "Select their role", "Select their first team"], empty.ErrorMessages);
        var bad = await HtmlPage.ReadAsync(await empty.Form("main form").Set("Name", "Robin Ashdown").Set("Email", "not an email")
            .Set("Role", "Overlord").Set("TeamId", Guid.NewGuid().ToString()).SubmitAsync(admin));
        Assert.Equal(["Enter an email address in the correct format, like name@example.nhs.uk", "Select their role", "Select a team from the list"], bad.ErrorMessages);
        Assert.Equal("Robin Ashdown", bad.Form("main form")["Name"]);
        var taken = await HtmlPage.ReadAsync(await bad.Form("main form").Set("Email", Users.Practitioner).Set("Role", Roles.Practitioner)
            .Set("TeamId", app.Data.Northshire.ToString()).SubmitAsync(admin));
        Assert.Equal(["An account with this email address already exists"], taken.ErrorMessages);

        var email = $"{TestData.UniqueName("robin")}@northshire.invalid";
        var created = await HtmlPage.ReadAsync(await taken.Form("main form").Set("Email", email).SubmitAsync(admin));
        Assert.Equal("User added: their one-time password", created.H1);
        var oneTime = created.Document.GetElementById("one-time-password")!.TextContent.Trim();
        Assert.Matches("^Wm-[a-z]{8}-[A-Z][a-z]{7}-[0-9]{2}$", oneTime);

        var user = await app.Data.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal("Robin Ashdown", user.DisplayName);
        Assert.NotNull(user.PasswordChangeRequiredAt);
        Assert.Equal(app.Data.UserId(Users.Administrator), user.PasswordChangeRequiredBy);
        Assert.True(await app.Data.QueryAsync(db => db.TeamMemberships.AnyAsync(m => m.UserId == user.Id && m.TeamId == app.Data.Northshire)));
        var audit = await app.Data.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == AuditAction.UserCreated && a.RecordId == user.Id));
        Assert.Equal(app.Data.UserId(Users.Administrator), audit.UserId);
        Assert.DoesNotContain(oneTime, audit.Detail ?? "", StringComparison.Ordinal);

        // The new user signs in with the one-time password and is sent to change it from every page but their account's.
        using var robin = app.NewClient();
        await robin.SignInAsync(email, oneTime);
        foreach (var url in new[] { "/", "/people", "/caseload/mine" })
        {
            using var sent = await robin.GetAsync(url);
            Assert.Equal("/account/password", Redirects.Path(sent));
        }
        var change = await robin.GetPageAsync("/account/password?required=true");
        Assert.NotNull(change.Document.GetElementById("must-change"));
        var same = await HtmlPage.ReadAsync(await change.Form("main form").Set("CurrentPassword", oneTime).Set("NewPassword", oneTime).Set("ConfirmPassword", oneTime).SubmitAsync(robin));
        Assert.Contains(("#NewPassword", "Your new password must be different from your current one"), same.ErrorLinks);
        using var changed = await same.Form("main form").Set("CurrentPassword", oneTime).Set("NewPassword", NewPassword).Set("ConfirmPassword", NewPassword).SubmitAsync(robin);
        Assert.Equal("/account", Redirects.Path(changed));
        await robin.GetPageAsync("/people");
        Assert.Null((await UserAsync(user.Id)).PasswordChangeRequiredAt);
        Assert.True(await AuditedAsync(AuditAction.PasswordChanged, user.Id));

        // The user is listed, and found by part of the email address.
        var list = await admin.GetPageAsync($"/administration?Search={Uri.EscapeDataString(email[..10].ToUpperInvariant())}");
        PageChecks.AssertWellFormed(list);
        var row = Assert.Single(list.Document.QuerySelectorAll("#users tbody tr"));
        Assert.Contains("Robin Ashdown", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Northshire", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_user_is_signed_out_and_cannot_sign_in_until_reactivated()
    {
        var (id, email) = await NewUserAsync();
        using var member = await app.SignedInAsync(email);
        using var admin = await app.SignedInAsync(Users.Administrator);

        var confirm = await ConfirmAsync(admin, id, "Deactivate", "account?");
        Assert.Null((await UserAsync(id)).DeactivatedAt); // nothing happens before confirming
        using var done = await confirm.Form("main form").SubmitAsync(admin);
        var after = await admin.FollowAsync(done);
        Assert.Contains("has been deactivated", after.MainText);
        Assert.StartsWith("Deactivated by ", after.Document.GetElementById("status")!.TextContent.Trim());

        var user = await UserAsync(id);
        Assert.Equal(app.Data.UserId(Users.Administrator), user.DeactivatedBy);
        Assert.True(await AuditedAsync(AuditAction.UserDeactivated, id));
        await AssertSignedOutAsync(member, "the deactivated user's session");
        using (var again = app.NewClient())
        {
            var refused = await HtmlPage.ReadAsync(await again.SubmitSignInAsync(email, AppSettings.Password));
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Contains("The email address or password is not right", refused.ErrorSummary);
        }
        var deactivated = await admin.GetPageAsync("/administration?Status=Deactivated&Search=" + Uri.EscapeDataString(email));
        Assert.Contains("Deactivated", Assert.Single(deactivated.Document.QuerySelectorAll("#users tbody tr")).TextContent, StringComparison.Ordinal);
        Assert.NotNull((await admin.GetPageAsync("/administration?Status=Active&Search=" + Uri.EscapeDataString(email))).Document.GetElementById("no-users"));

        using var reactivated = await after.Form("main form[action$='handler=Reactivate']").SubmitAsync(admin);
        Assert.Contains("has been reactivated", (await admin.FollowAsync(reactivated)).MainText);
        Assert.True(await AuditedAsync(AuditAction.UserReactivated, id));
        using var back = app.NewClient();
        await back.SignInAsync(email);
    }

    [Fact]
    public async Task An_administrator_cannot_deactivate_themselves_nor_change_their_own_role()
    {
        var (self, adminEmail) = await NewUserAsync(Roles.Administrator);
        using var admin = await app.SignedInAsync(adminEmail);
        var page = await admin.GetPageAsync($"/administration/users/{self}");
        Assert.Empty(page.Document.QuerySelectorAll("main form[action$='handler=Deactivate']"));
        Assert.Empty(page.Document.QuerySelectorAll("main form[action$='handler=SetRole']"));
        var form = page.Form("main form[action$='handler=AddToTeam']");
        var (token, version) = (form["__RequestVerificationToken"]!, form["Version"]!);

        var refused = await HtmlPage.ReadAsync(await admin.PostAsync($"/administration/users/{self}?handler=Deactivate",
            [new("__RequestVerificationToken", token), new("Version", version), new("Confirmed", "true")]));
        Assert.Contains("You cannot deactivate your own account. Ask another administrator", refused.ErrorMessages);
        var role = await HtmlPage.ReadAsync(await admin.PostAsync($"/administration/users/{self}?handler=SetRole",
            [new("__RequestVerificationToken", token), new("Version", version), new("Role", Roles.Practitioner)]));
        Assert.Contains("You cannot change your own role. Ask another administrator", role.ErrorMessages);
        var user = await UserAsync(self);
        Assert.Null(user.DeactivatedAt);
        Assert.Equal(Roles.Administrator, await app.Data.QueryAsync(db => db.UserRoles.Where(r => r.UserId == self).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).SingleAsync()));
    }

    [Fact]
    public async Task Setting_the_role_ends_the_users_sessions_so_the_new_permissions_apply()
    {
        var (id, email) = await NewUserAsync(Roles.SupportWorker);
        using var member = await app.SignedInAsync(email);
        using var admin = await app.SignedInAsync(Users.Administrator);

        var page = await admin.GetPageAsync($"/administration/users/{id}");
        PageChecks.AssertWellFormed(page);
        Assert.Equal("Support worker", page.Document.GetElementById("role")!.TextContent.Trim());
        var invalid = await HtmlPage.ReadAsync(await page.Form("main form[action$='handler=SetRole']").Set("Role", "Overlord").SubmitAsync(admin));
        Assert.Contains("Select a role", invalid.ErrorMessages);
        using var done = await page.Form("main form[action$='handler=SetRole']").Set("Role", Roles.Practitioner).SubmitAsync(admin);
        var after = await admin.FollowAsync(done);
        Assert.Contains("is now a practitioner", after.MainText);
        Assert.Equal("Practitioner", after.Document.GetElementById("role")!.TextContent.Trim());

        await AssertSignedOutAsync(member, "the user whose role changed");
        var audit = await app.Data.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == AuditAction.RoleChanged && a.RecordId == id));
        Assert.Equal("From Support worker to Practitioner", audit.Detail);
        Assert.Equal((SessionEndReason?)SessionEndReason.RoleChanged,
            (await app.Data.QueryAsync(db => db.UserSessions.AsNoTracking().SingleAsync(s => s.UserId == id))).EndReason);
    }

    [Fact]
    public async Task Memberships_are_added_and_removed_in_any_team_after_confirming_the_removal()
    {
        var (id, email) = await NewUserAsync();
        using var member = await app.SignedInAsync(email);
        using var admin = await app.SignedInAsync(Users.Administrator);
        var page = await admin.GetPageAsync($"/administration/users/{id}");

        var none = await HtmlPage.ReadAsync(await page.Form("main form[action$='handler=AddToTeam']").SubmitAsync(admin));
        Assert.Contains(("#TeamId", "Select a team"), none.ErrorLinks);
        using var added = await page.Form("main form[action$='handler=AddToTeam']").Set("TeamId", app.Data.Southshire.ToString()).SubmitAsync(admin);
        var after = await admin.FollowAsync(added);
        Assert.Contains("has been added to", after.MainText);
        Assert.True(await app.Data.QueryAsync(db => db.TeamMemberships.AnyAsync(m => m.UserId == id && m.TeamId == app.Data.Southshire)));
        Assert.True(await AuditedAsync(AuditAction.MembershipAdded, id));

        var remove = after.Form($"main form[action$='handler=RemoveFromTeam']:has(input[name=TeamId][value='{app.Data.Northshire}'])");
        var confirm = await HtmlPage.ReadAsync(await remove.SubmitAsync(admin));
        Assert.StartsWith("Remove ", confirm.H1);
        Assert.True(await app.Data.QueryAsync(db => db.TeamMemberships.AnyAsync(m => m.UserId == id && m.TeamId == app.Data.Northshire)));
        using var removed = await confirm.Form("main form").SubmitAsync(admin);
        Assert.Contains("has been removed from", (await admin.FollowAsync(removed)).MainText);
        Assert.False(await app.Data.QueryAsync(db => db.TeamMemberships.AnyAsync(m => m.UserId == id && m.TeamId == app.Data.Northshire)));
        Assert.True(await AuditedAsync(AuditAction.MembershipWithdrawn, id));
        await AssertSignedOutAsync(member, "the user removed from the team they were working in");
    }

    [Fact]
    public async Task Two_administrators_changing_one_account_the_second_is_told_and_nothing_of_theirs_is_saved()
    {
        var (id, _) = await NewUserAsync();
        using var first = await app.SignedInAsync(Users.Administrator);
        using var second = await app.SignedInAsync((await NewUserAsync(Roles.Administrator)).Email);
        var firstPage = await first.GetPageAsync($"/administration/users/{id}");
        var secondPage = await second.GetPageAsync($"/administration/users/{id}");

        using (var done = await firstPage.Form("main form[action$='handler=SetRole']").Set("Role", Roles.SupportWorker).SubmitAsync(first))
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var confirm = await HtmlPage.ReadAsync(await secondPage.Form("main form[action$='handler=Deactivate']").SubmitAsync(second));
        var conflict = await HtmlPage.ReadAsync(await confirm.Form("main form").SubmitAsync(second));

        Assert.Equal(HttpStatusCode.OK, conflict.Status);
        Assert.Contains(UserAccounts.ConflictMessage.TrimEnd('.'), conflict.ErrorMessages);
        Assert.Equal("Support worker", conflict.Document.GetElementById("role")!.TextContent.Trim()); // what it is now
        Assert.Null((await UserAsync(id)).DeactivatedAt);
        Assert.False(await AuditedAsync(AuditAction.UserDeactivated, id));
        // The page now carries the new version: trying again works.
        var retry = await HtmlPage.ReadAsync(await conflict.Form("main form[action$='handler=Deactivate']").SubmitAsync(second));
        using (var deactivated = await retry.Form("main form").SubmitAsync(second)) Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.NotNull((await UserAsync(id)).DeactivatedAt);
    }

    [Fact]
    public async Task A_forced_password_change_ends_sessions_and_the_next_sign_in_must_set_a_new_one()
    {
        var (id, email) = await NewUserAsync();
        using var member = await app.SignedInAsync(email);
        using var admin = await app.SignedInAsync(Users.Administrator);

        var confirm = await ConfirmAsync(admin, id, "RequirePasswordChange", "set a new password?");
        using (var done = await confirm.Form("main form").SubmitAsync(admin))
            Assert.Contains("must set a new password", (await admin.FollowAsync(done)).MainText);
        await AssertSignedOutAsync(member, "the user made to change their password");
        Assert.True(await AuditedAsync(AuditAction.PasswordChangeRequired, id));

        using var next = app.NewClient();
        await next.SignInAsync(email); // their current password still opens the door
        using (var sent = await next.GetAsync("/people")) Assert.Equal("/account/password", Redirects.Path(sent));
        var change = await next.GetPageAsync("/account/password");
        using (var changed = await change.Form("main form").Set("CurrentPassword", AppSettings.Password).Set("NewPassword", NewPassword).Set("ConfirmPassword", NewPassword).SubmitAsync(next))
            Assert.Equal("/account", Redirects.Path(changed));
        await next.GetPageAsync("/people");
    }

    [Fact]
    public async Task An_administrator_resets_a_forgotten_password_shown_once_and_the_old_one_stops_working()
    {
        var (id, email) = await NewUserAsync();
        using var member = await app.SignedInAsync(email);
        using var admin = await app.SignedInAsync(Users.Administrator);

        var confirm = await ConfirmAsync(admin, id, "ResetPassword", "password?");
        var shown = await HtmlPage.ReadAsync(await confirm.Form("main form").SubmitAsync(admin));
        var oneTime = shown.Document.GetElementById("one-time-password")!.TextContent.Trim();
        Assert.Matches("^Wm-", oneTime);
        await AssertSignedOutAsync(member, "the user whose password was reset");
        Assert.DoesNotContain(oneTime, (await admin.GetPageAsync($"/administration/users/{id}")).Html, StringComparison.Ordinal);
        var audits = await app.Data.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.RecordId == id).ToListAsync());
        Assert.Contains(audits, a => a.Action == AuditAction.PasswordReset && a.UserId == app.Data.UserId(Users.Administrator));
        Assert.DoesNotContain(audits, a => (a.Detail ?? "").Contains(oneTime, StringComparison.Ordinal));

        using (var old = app.NewClient())
        using (var refused = await old.SubmitSignInAsync(email, AppSettings.Password))
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // refused: the form again
        using var fresh = app.NewClient();
        await fresh.SignInAsync(email, oneTime);
        using var sent = await fresh.GetAsync("/");
        Assert.Equal("/account/password", Redirects.Path(sent));
    }

    [Fact]
    public async Task A_team_manager_resets_their_members_password_but_not_an_administrators_nor_another_teams_member()
    {
        var (id, email) = await NewUserAsync();
        using var manager = await app.SignedInAsync(await app.Data.AddManagerAsync(app.Data.Northshire));
        var page = await manager.GetPageAsync($"/team/members/{id}");
        var confirm = await HtmlPage.ReadAsync(await page.Form("main form[action$='handler=ResetPassword']").SubmitAsync(manager));
        Assert.EndsWith("password?", confirm.H1);
        var shown = await HtmlPage.ReadAsync(await confirm.Form("main form").SubmitAsync(manager));
        PageChecks.AssertWellFormed(shown);
        var oneTime = shown.Document.GetElementById("one-time-password")!.TextContent.Trim();
        using (var fresh = app.NewClient())
        {
            await fresh.SignInAsync(email, oneTime);
            using var sent = await fresh.GetAsync("/people");
            Assert.Equal("/account/password", Redirects.Path(sent));
        }
        Assert.True(await AuditedAsync(AuditAction.PasswordReset, id));

        // An administrator in the manager's own team: no button, and a forged post is refused, the password unchanged.
        var (adminId, adminEmail) = await NewUserAsync(Roles.Administrator);
        var adminPage = await manager.GetPageAsync($"/team/members/{adminId}");
        Assert.Empty(adminPage.Document.QuerySelectorAll("main form[action$='handler=ResetPassword']"));
        var token = adminPage.Form("main form[action$='handler=SignOutEverywhere']")["__RequestVerificationToken"]!;
        var refused = await HtmlPage.ReadAsync(await manager.PostAsync($"/team/members/{adminId}?handler=ResetPassword", [new("__RequestVerificationToken", token), new("Confirmed", "true")]));
        Assert.Contains("An administrator's password can only be reset by another administrator", refused.ErrorMessages);
        Assert.Null(refused.Document.GetElementById("one-time-password"));
        using (var stillWorks = app.NewClient()) await stillWorks.SignInAsync(adminEmail);

        // Another team's manager: the member is not found, and nothing changes.
        using var southshire = await app.SignedInAsync(await app.Data.AddManagerAsync(app.Data.Southshire));
        var southToken = (await southshire.GetPageAsync("/account")).Form("main form")["__RequestVerificationToken"]!;
        var before = (await UserAsync(id)).PasswordHash;
        using var other = await southshire.PostAsync($"/team/members/{id}?handler=ResetPassword", [new("__RequestVerificationToken", southToken), new("Confirmed", "true")]);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(before, (await UserAsync(id)).PasswordHash);
    }

    [Fact]
    public async Task The_sign_in_page_links_to_what_to_do_about_a_forgotten_password_open_to_anyone()
    {
        using var visitor = app.NewClient();
        var signIn = await visitor.GetPageAsync("/account/sign-in");
        Assert.NotNull(signIn.Document.QuerySelector("main a[href='/account/forgotten-password']"));
        var page = await visitor.GetPageAsync("/account/forgotten-password");
        PageChecks.AssertWellFormed(page);
        Assert.Equal("Forgotten your password", page.H1);
        Assert.Contains("Contact your team manager", page.MainText);
    }

    [Fact]
    public async Task Changing_ones_own_password_applies_the_password_rules_and_keeps_the_old_one_until_it_succeeds()
    {
        var (id, email) = await NewUserAsync();
        using var client = await app.SignedInAsync(email);
        var form = await client.GetPageAsync("/account/password");
        var weak = await HtmlPage.ReadAsync(await form.Form("main form").Set("CurrentPassword", AppSettings.Password).Set("NewPassword", "short").Set("ConfirmPassword", "short").SubmitAsync(client));
        Assert.Equal(HttpStatusCode.OK, weak.Status);
        Assert.Contains(weak.ErrorLinks, e => e.Href == "#NewPassword" && e.Text.Contains("at least 12 characters", StringComparison.Ordinal));
        Assert.DoesNotContain(weak.ErrorLinks, e => e.Href != "#NewPassword");
        var empty = await HtmlPage.ReadAsync(await form.Form("main form").SubmitAsync(client));
        Assert.Equal(["Enter your current password", "Enter a new password"], empty.ErrorMessages);
        Assert.False(await AuditedAsync(AuditAction.PasswordChanged, id));
        using var again = app.NewClient();
        await again.SignInAsync(email); // the old password still works
    }

    [Theory]
    [InlineData("Password123!")]
    [InlineData("Welcome-2026!!")]
    [InlineData("!Waymark2026!")]
    [InlineData("September2026!")]
    [InlineData("Custody-2026!")]
    public async Task A_common_password_or_one_of_the_services_words_with_digits_added_is_refused(string common)
    {
        var (id, email) = await NewUserAsync();
        using var client = await app.SignedInAsync(email);
        var form = await client.GetPageAsync("/account/password");
        var refused = await HtmlPage.ReadAsync(await form.Form("main form").Set("CurrentPassword", AppSettings.Password).Set("NewPassword", common).Set("ConfirmPassword", common).SubmitAsync(client));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(("#NewPassword", CommonPasswordValidator.Message), refused.ErrorLinks);
        Assert.False(await AuditedAsync(AuditAction.PasswordChanged, id));
    }

    [Fact]
    public async Task Ones_own_email_or_name_as_a_password_is_refused_but_a_longer_phrase_containing_a_common_word_is_not()
    {
        var (id, email) = await NewUserAsync();
        var name = (await UserAsync(id)).DisplayName;
        using var client = await app.SignedInAsync(email);
        foreach (var own in new[] { char.ToUpperInvariant(email[0]) + email.Split('@')[0][1..] + "-2026!", name.Replace(" ", "", StringComparison.Ordinal) + "2026!!" })
        {
            var form = await client.GetPageAsync("/account/password");
            var refused = await HtmlPage.ReadAsync(await form.Form("main form").Set("CurrentPassword", AppSettings.Password).Set("NewPassword", own).Set("ConfirmPassword", own).SubmitAsync(client));
            Assert.Contains(("#NewPassword", CommonPasswordValidator.Message), refused.ErrorLinks);
        }
        // The whole remaining word is compared, not substrings: a phrase with "password" in it is fine.
        const string phrase = "Walk-Demo-Password-77!";
        var ok = await client.GetPageAsync("/account/password");
        using var changed = await ok.Form("main form").Set("CurrentPassword", AppSettings.Password).Set("NewPassword", phrase).Set("ConfirmPassword", phrase).SubmitAsync(client);
        Assert.Equal("/account", Redirects.Path(changed));
    }
}
