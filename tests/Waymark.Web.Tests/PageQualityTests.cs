using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// Every page: one h1, a title, labelled fields, antiforgery tokens in POST forms, nothing inline that
/// the CSP would block, and the security headers. Also: a POST without its token is refused and saves nothing.
/// </summary>
public abstract class PageQualityTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : PageQualityTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : PageQualityTests(app);

    private static async Task<List<string>> CheckPagesAsync(AppClient client, IEnumerable<(string Url, HttpStatusCode Status)> pages)
    {
        var problems = new List<string>();
        foreach (var (url, status) in pages)
        {
            using var response = await client.GetAsync(url);
            var page = await HtmlPage.ReadAsync(response);
            if (response.StatusCode != status) problems.Add($"{url}: answered {(int)response.StatusCode} {Redirects.Describe(response)}, expected {(int)status}");
            else problems.AddRange(PageChecks.Problems(page).Select(p => $"{url}: {p}"));
        }
        return problems;
    }

    private static readonly string[] InstrumentIds = Waymark.Instruments.InstrumentCatalogue.BuiltIn().Latest.Select(d => d.Id).Append("wellbeing-check").ToArray();

    [Fact]
    public async Task Every_page_a_team_manager_can_open_is_well_formed()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var draft = await app.Data.AddCompleteDraftAsync(Users.TeamManager, app.Data.Northshire);
        // A draft whose person is already known, so "matches" shows candidates as radios.
        var knownDraft = await app.Data.AddCompleteDraftAsync(Users.TeamManager, app.Data.Northshire, d =>
        {
            (d.GivenName, d.FamilyName, d.DateOfBirth) = (person.GivenName, person.FamilyName, person.DateOfBirth);
            d.IsNewPerson = false;
        });
        var service = await app.Data.AddServiceAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.TeamManager);
        // Something to show on each screening and assessment page.
        var phq = await client.GetPageAsync($"/episodes/{episode.Id}/screening/phq-9");
        using (await phq.Form("main form").Set("SomeUnanswered", "true").SubmitAsync(client)) { }
        var result = await app.Data.QueryAsync(db => db.InstrumentCompletions.Where(c => c.EpisodeId == episode.Id).Select(c => c.Id).SingleAsync());
        using (await (await client.GetPageAsync($"/people/{person.Id}/formulation")).Form("main form")
            .Set("CoreProblems", "a").Set("HowTheyRelate", "b").Set("WhatMaintainsThem", "c").Set("Plan", "d").SubmitAsync(client)) { }
        var (_, _, pair) = await app.Data.PlantPairAsync(app.Data.Northshire);
        var (_, merged, merge) = await app.Data.MergedPairAsync(app.Data.Northshire);
        var matches = await client.GetPageAsync($"/identification/{knownDraft}/matches");
        Assert.Contains(matches.Document.QuerySelectorAll("input[name=Choice][type=radio]"), r => r.GetAttribute("value") == person.Id.ToString());

        var problems = await CheckPagesAsync(client,
        [
            ("/", HttpStatusCode.OK),
            ("/people", HttpStatusCode.OK),
            ($"/people?Name={person.FamilyName}", HttpStatusCode.OK),
            ("/people?Name=", HttpStatusCode.OK), // with an error summary
            ($"/people/{person.Id}", HttpStatusCode.OK),
            ($"/people/{person.Id}/edit", HttpStatusCode.OK),
            ("/identification", HttpStatusCode.OK),
            ($"/identification?person={person.Id}", HttpStatusCode.OK),
            .. Drafts.Steps.Select(step => ($"/identification/{draft}/{step}", HttpStatusCode.OK)),
            ($"/identification/{knownDraft}/matches", HttpStatusCode.OK),
            ($"/episodes/{episode.Id}", HttpStatusCode.OK),
            ($"/episodes/{episode.Id}/allocate", HttpStatusCode.OK),
            ($"/episodes/{episode.Id}/screening", HttpStatusCode.OK),
            .. InstrumentIds.Select(id => ($"/episodes/{episode.Id}/screening/{id}", HttpStatusCode.OK)),
            ($"/episodes/{episode.Id}/screening/outcome", HttpStatusCode.OK),
            ($"/episodes/{episode.Id}/screening/no-such-instrument", HttpStatusCode.NotFound),
            ($"/screening/results/{result}", HttpStatusCode.OK),
            ("/screening/instruments", HttpStatusCode.OK),
            ($"/episodes/{episode.Id}/assessment", HttpStatusCode.OK),
            ($"/people/{person.Id}/screening", HttpStatusCode.OK),
            ($"/people/{person.Id}/formulation", HttpStatusCode.OK),
            ($"/people/{person.Id}/formulation/history", HttpStatusCode.OK),
            ($"/people/{person.Id}/formulation/1", HttpStatusCode.OK),
            ("/team/assessment-targets", HttpStatusCode.OK),
            ($"/episodes/{episode.Id}/referrals/new", HttpStatusCode.OK),
            ($"/episodes/{episode.Id}/outcomes/new", HttpStatusCode.OK),
            ($"/episodes/{episode.Id}/unmet-need", HttpStatusCode.OK),
            ($"/episodes/{episode.Id}/unmet-need?need=nonsense", HttpStatusCode.OK),
            ("/tasks", HttpStatusCode.OK),
            ("/tasks/team", HttpStatusCode.OK),
            ("/tasks/nonsense", HttpStatusCode.NotFound),
            ("/figures/unmet-need", HttpStatusCode.OK),
            ("/figures/unmet-need?From.Day=40&From.Month=1&From.Year=2026", HttpStatusCode.OK), // with an error summary
            ("/team/follow-up", HttpStatusCode.OK),
            ("/directory", HttpStatusCode.OK),
            ("/directory?Need=housing&Need=food&Place=NS1+4AB&Age=30&Open=now&Text=", HttpStatusCode.OK),
            ("/directory?Place=nowhere&Age=old", HttpStatusCode.OK), // with an error summary
            ("/directory/services/new", HttpStatusCode.OK),
            ($"/directory/services/{service.Id}", HttpStatusCode.OK),
            ($"/directory/services/{service.Id}/edit", HttpStatusCode.OK),
            ($"/directory/services/{Guid.NewGuid()}", HttpStatusCode.NotFound),
            ("/directory/import", HttpStatusCode.OK),
            ("/directory/export", HttpStatusCode.OK),
            ("/caseload", HttpStatusCode.OK),
            ("/caseload?page=2", HttpStatusCode.OK),
            ("/caseload?Status=Nonsense", HttpStatusCode.OK), // with an error summary
            ("/caseload/mine", HttpStatusCode.OK),
            ("/caseload/unallocated", HttpStatusCode.OK),
            ("/audit", HttpStatusCode.OK),
            ("/duplicates", HttpStatusCode.OK),
            ($"/duplicates/{pair}", HttpStatusCode.OK),
            ($"/duplicates/merges/{merge}", HttpStatusCode.OK),
            ($"/people/{merged.Id}", HttpStatusCode.OK),
            ($"/audit/people/{person.Id}", HttpStatusCode.OK),
            ($"/audit/users/{app.Data.UserId(Users.Practitioner)}", HttpStatusCode.OK),
            ("/account/choose-team", HttpStatusCode.OK),
            ("/account/authenticator", HttpStatusCode.OK),
            ("/account/sign-out", HttpStatusCode.OK),
            ("/account/access-denied", HttpStatusCode.Forbidden),
            ($"/people/{Guid.NewGuid()}", HttpStatusCode.NotFound),
            ("/no-such-page", HttpStatusCode.NotFound),
        ]);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Pages_for_signed_out_visitors_and_other_roles_are_well_formed()
    {
        using var anonymous = app.NewClient();
        var problems = await CheckPagesAsync(anonymous,
        [
            ("/account/sign-in", HttpStatusCode.OK),
            ("/privacy", HttpStatusCode.OK),
            ("/accessibility", HttpStatusCode.OK),
            ("/error/400", HttpStatusCode.BadRequest),
        ]);
        // A failed sign-in shows the form again with an error summary.
        var signIn = await HtmlPage.ReadAsync(await anonymous.SubmitSignInAsync(Users.Practitioner, "not the password"));
        Assert.NotNull(signIn.ErrorSummary);
        problems.AddRange(PageChecks.Problems(signIn).Select(p => $"sign-in with an error: {p}"));

        using var volunteer = await app.SignedInAsync(Users.Volunteer);
        problems.AddRange(await CheckPagesAsync(volunteer, [("/", HttpStatusCode.OK), ("/account/access-denied", HttpStatusCode.Forbidden)]));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/vendor/nhsuk-frontend/nhsuk-frontend.min.css")]
    [InlineData("/account/sign-in")]
    public async Task Security_headers_are_on_every_answer_and_no_Server_header(string url)
    {
        using var client = app.NewClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(PageChecks.HeaderProblems(response));
    }

    [Fact]
    public async Task Person_edit_without_antiforgery_token_is_refused_and_saves_nothing()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form()
            .Set("Input.GivenName", "Forged").Remove("__RequestVerificationToken");

        using var response = await form.SubmitAsync(client);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var saved = await app.Data.QueryAsync(db => db.People.SingleAsync(p => p.Id == person.Id));
        Assert.Equal(person.GivenName, saved.GivenName);
        Assert.Equal(person.Version, saved.Version);
    }

    [Fact]
    public async Task Episode_close_without_antiforgery_token_is_refused_and_saves_nothing()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/episodes/{episode.Id}")).Form("form[action$='handler=Close']")
            .Set("Reason", "OpenedInError").Remove("__RequestVerificationToken");

        using var response = await form.SubmitAsync(client);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await app.Data.QueryAsync(db => db.Episodes.Where(e => e.Id == episode.Id).Select(e => e.ClosedAt).SingleAsync()));
    }

    [Fact]
    public async Task Starting_an_identification_without_antiforgery_token_is_refused_and_starts_nothing()
    {
        using var client = await app.SignedInAsync(Users.Practitioner2);
        var userId = app.Data.UserId(Users.Practitioner2);
        var before = await app.Data.QueryAsync(db => db.IdentificationDrafts.CountAsync(d => d.UserId == userId));
        var form = (await client.GetPageAsync("/identification")).Form().Remove("__RequestVerificationToken");

        using var response = await form.SubmitAsync(client);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.Data.QueryAsync(db => db.IdentificationDrafts.CountAsync(d => d.UserId == userId)));
    }

    [Fact]
    public async Task Signing_in_without_antiforgery_token_is_refused()
    {
        using var client = app.NewClient();
        var form = (await client.GetPageAsync("/account/sign-in")).Form()
            .Set("Email", Users.Practitioner).Set("Password", AppSettings.Password).Remove("__RequestVerificationToken");

        using var response = await form.SubmitAsync(client);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var home = await client.GetAsync("/");
        Assert.Equal("/account/sign-in", Redirects.Path(home));
    }
}
