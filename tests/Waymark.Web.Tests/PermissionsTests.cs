using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// Least privilege for support workers (docs/security.md, "Who may do what"): they read the record and keep contact
/// details and referrals up to date, but do not identify, screen, assess, write formulations, change identity details
/// or close episodes. Which pages answer 403 is in <see cref="AuthorisationTests"/>; these check what the pages offer
/// and that a crafted post changes nothing.
/// </summary>
public abstract class PermissionsTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : PermissionsTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : PermissionsTests(app);

    [Fact]
    public async Task A_support_worker_changes_contact_details_but_the_form_has_no_identity_fields()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Imogen", "Contactable");
        using var client = await app.SignedInAsync(Users.SupportWorker);
        var page = await client.GetPageAsync($"/people/{person.Id}/edit");

        foreach (var identity in new[] { "Input.GivenName", "Input.FamilyName", "Input.Dob.Day", "Input.Sex", "Input.NhsNumber", "Input.PncId", "Input.Aliases" })
            Assert.Null(page.Document.QuerySelector($"[name='{identity}']"));
        Assert.Contains("Imogen Contactable", page.MainText);
        Assert.Contains("Your role cannot change names, dates of birth, sex or identifiers", page.MainText);

        using var saved = await page.Form("main form").Set("Input.Phone", "07700 900 982").Set("Input.Postcode", "NS1 4AB").SubmitAsync(client);

        Assert.Equal($"/people/{person.Id}", Redirects.Path(saved));
        var stored = await app.Data.QueryAsync(db => db.People.SingleAsync(p => p.Id == person.Id));
        Assert.Equal("07700 900 982", stored.Phone);
        Assert.Equal(("Imogen", "Contactable", person.DateOfBirth, person.NhsNumber), (stored.GivenName, stored.FamilyName, stored.DateOfBirth, stored.NhsNumber));
    }

    [Theory]
    [InlineData("Input.GivenName", "Changed")]
    [InlineData("Input.NhsNumber", "943 476 5919")]
    [InlineData("Input.Dob.Year", "1950")]
    [InlineData("input.familyname", "Lowercase")]
    public async Task A_support_worker_posting_an_identity_field_is_refused_and_nothing_is_saved(string field, string value)
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Imogen", "Unchanged");
        using var client = await app.SignedInAsync(Users.SupportWorker);
        var form = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form("main form")
            .Set("Input.Phone", "07700 900 123").Set(field, value);

        using var refused = await form.SubmitAsync(client);

        Assert.Equal("/account/access-denied", Redirects.Path(refused));
        var stored = await app.Data.QueryAsync(db => db.People.SingleAsync(p => p.Id == person.Id));
        Assert.Equal(("Imogen", "Unchanged", person.DateOfBirth, person.NhsNumber, person.Phone), (stored.GivenName, stored.FamilyName, stored.DateOfBirth, stored.NhsNumber, stored.Phone));
    }

    [Fact]
    public async Task A_practitioner_still_changes_identity_details()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Imogen", "Before");
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form("main form").Set("Input.FamilyName", "After");

        using var saved = await form.SubmitAsync(client);

        Assert.Equal($"/people/{person.Id}", Redirects.Path(saved));
        Assert.Equal("After", await app.Data.QueryAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.FamilyName).SingleAsync()));
    }

    [Fact]
    public async Task A_support_worker_reads_the_assessment_and_formulation_but_is_offered_no_clinical_action()
    {
        var (person, episode, _) = await app.Data.AddAssessedEpisodeWithHousingServiceAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SupportWorker);

        var episodePage = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.Null(episodePage.Document.QuerySelector("form[action$='handler=Close']"));
        Assert.Null((await client.GetPageAsync($"/episodes/{episode.Id}/planned-end")).Document.QuerySelector("main form"));
        Assert.DoesNotContain(episodePage.Document.QuerySelectorAll("a.nhsuk-button"), a => a.TextContent.Trim() is "Screen" or "Screening" or "Assess" or "Assessment");
        Assert.Contains(episodePage.Document.QuerySelectorAll("a"), a => a.TextContent.Trim() == "Make a referral");

        var assessment = await client.GetPageAsync($"/episodes/{episode.Id}/assessment");
        Assert.Null(assessment.Document.QuerySelector("main form"));
        Assert.Contains("A room of my own", assessment.MainText);

        var formulation = await client.GetPageAsync($"/people/{person.Id}/formulation");
        Assert.Null(formulation.Document.QuerySelector("main form"));

        var screening = await client.GetPageAsync($"/episodes/{episode.Id}/screening");
        Assert.Empty(screening.Document.QuerySelectorAll($"main a[href^='/episodes/{episode.Id}/screening/']"));
        Assert.Contains("Your role can read this but not change it", screening.MainText);
        Assert.DoesNotContain("closed or belongs to another team", screening.MainText);

        var home = await client.GetPageAsync("/");
        Assert.DoesNotContain(home.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/identification");
    }

    [Fact]
    public async Task A_practitioner_is_offered_the_clinical_actions()
    {
        var (person, episode, _) = await app.Data.AddAssessedEpisodeWithHousingServiceAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);

        var episodePage = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.NotNull(episodePage.Document.QuerySelector("form[action$='handler=Close']"));
        Assert.Contains(episodePage.Document.QuerySelectorAll("a.nhsuk-button"), a => a.TextContent.Trim() == "Screening");
        Assert.NotNull((await client.GetPageAsync($"/episodes/{episode.Id}/assessment")).Document.QuerySelector("main form"));
        Assert.NotNull((await client.GetPageAsync($"/people/{person.Id}/formulation")).Document.QuerySelector("main form"));
        Assert.Contains((await client.GetPageAsync("/")).Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/identification");
    }

    [Fact]
    public async Task A_team_manager_finds_the_screening_queue_rules_figures_and_clocks_and_a_practitioner_the_queue_only()
    {
        using var manager = await app.SignedInAsync(Users.TeamManager);
        var links = (await manager.GetPageAsync("/")).Links("a").ToList();
        Assert.All(new[] { "/proactive", "/proactive/rules", "/proactive/figures", "/criminal-justice/clocks" }, href => Assert.Contains(href, links));
        // The header keeps its links (an eighth pushes Directory into "More"): these are found from the home page.
        Assert.DoesNotContain("/criminal-justice/clocks", (await manager.GetPageAsync("/people")).Links("header a"));

        using var practitioner = await app.SignedInAsync(Users.Practitioner);
        var theirs = (await practitioner.GetPageAsync("/")).Links("a").ToList();
        Assert.Contains("/proactive", theirs);
        Assert.DoesNotContain("/proactive/rules", theirs);
        Assert.DoesNotContain("/criminal-justice/clocks", theirs);
    }

    [Fact]
    public async Task A_support_worker_cannot_close_an_episode_or_save_an_assessment_by_posting()
    {
        var (_, episode, _) = await app.Data.AddAssessedEpisodeWithHousingServiceAsync(app.Data.Northshire);
        using var practitioner = await app.SignedInAsync(Users.Practitioner);
        var closeForm = (await practitioner.GetPageAsync($"/episodes/{episode.Id}")).Form("form[action$='handler=Close']").Set("Reason", "Completed");
        var assessmentForm = (await practitioner.GetPageAsync($"/episodes/{episode.Id}/assessment")).Form("main form").Set("WhatMattersToMe", "Changed by a support worker");
        using var supportWorker = await app.SignedInAsync(Users.SupportWorker);
        var token = (await supportWorker.GetPageAsync("/")).Form("header form[action='/account/sign-out']")["__RequestVerificationToken"]!;

        using var close = await closeForm.Set("__RequestVerificationToken", token).SubmitAsync(supportWorker);
        using var assess = await assessmentForm.Set("__RequestVerificationToken", token).SubmitAsync(supportWorker);

        Assert.Equal("/account/access-denied", Redirects.Path(close));
        Assert.Equal("/account/access-denied", Redirects.Path(assess));
        var stored = await app.Data.QueryAsync(db => db.Episodes.SingleAsync(e => e.Id == episode.Id));
        Assert.Null(stored.ClosedAt);
        Assert.False(await app.Data.QueryAsync(db => db.Assessments.AnyAsync(a => a.EpisodeId == episode.Id && a.WhatMattersToMe == "Changed by a support worker")));
        Assert.Equal(HttpStatusCode.OK, (await supportWorker.GetPageAsync($"/episodes/{episode.Id}")).Status);
    }
}
