using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Teams;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>Who may open which page: signed out, each role, and users of another team.</summary>
public abstract class AuthorisationTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : AuthorisationTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : AuthorisationTests(app);

    private enum Kind { CaseWork, ManagerOnly, AnySignedIn }

    /// <summary>Every page of the app, for a Northshire person with an open episode and a journey draft of <paramref name="email"/>.</summary>
    private async Task<List<(string Url, Kind Kind)>> RoutesAsync(string email)
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var draft = await app.Data.AddCompleteDraftAsync(email, app.Data.Northshire);
        var (_, _, pair) = await app.Data.PlantPairAsync(app.Data.Northshire);
        var (_, merged, merge) = await app.Data.MergedPairAsync(app.Data.Northshire);
        var service = await app.Data.AddServiceAsync(app.Data.Northshire);
        return
        [
            ("/", Kind.AnySignedIn),
            ("/account/choose-team", Kind.AnySignedIn),
            ("/account/authenticator", Kind.AnySignedIn),
            ("/people", Kind.CaseWork),
            ($"/people/{person.Id}", Kind.CaseWork),
            ($"/people/{person.Id}/edit", Kind.CaseWork),
            ("/identification", Kind.CaseWork),
            ($"/identification?person={person.Id}", Kind.CaseWork),
            .. Drafts.Steps.Select(step => ($"/identification/{draft}/{step}", Kind.CaseWork)),
            ($"/episodes/{episode.Id}", Kind.CaseWork),
            ("/caseload", Kind.CaseWork),
            ("/caseload/mine", Kind.CaseWork),
            ("/caseload/unallocated", Kind.CaseWork),
            ($"/episodes/{episode.Id}/screening", Kind.CaseWork),
            ($"/episodes/{episode.Id}/screening/phq-9", Kind.CaseWork),
            ($"/episodes/{episode.Id}/screening/outcome", Kind.CaseWork),
            ($"/episodes/{episode.Id}/assessment", Kind.CaseWork),
            ($"/people/{person.Id}/screening", Kind.CaseWork),
            ($"/people/{person.Id}/formulation", Kind.CaseWork),
            ($"/people/{person.Id}/formulation/history", Kind.CaseWork),
            ("/screening/instruments", Kind.CaseWork),
            ("/directory", Kind.CaseWork),
            ("/directory?Need=housing&Place=NS1", Kind.CaseWork),
            ("/directory/services/new", Kind.CaseWork),
            ($"/directory/services/{service.Id}", Kind.CaseWork),
            ($"/directory/services/{service.Id}/edit", Kind.CaseWork),
            ("/directory/import", Kind.ManagerOnly),
            ("/directory/export", Kind.ManagerOnly),
            ("/team/assessment-targets", Kind.ManagerOnly),
            ($"/episodes/{episode.Id}/referrals/new", Kind.CaseWork),
            ($"/episodes/{episode.Id}/outcomes/new", Kind.CaseWork),
            ("/tasks", Kind.CaseWork),
            ("/tasks/team", Kind.CaseWork),
            ("/referrals/figures", Kind.ManagerOnly),
            ("/team/follow-up", Kind.ManagerOnly),
            ($"/episodes/{episode.Id}/allocate", Kind.ManagerOnly),
            ("/caseload/capacity", Kind.ManagerOnly),
            ("/audit", Kind.ManagerOnly),
            ($"/audit/people/{person.Id}", Kind.ManagerOnly),
            ($"/audit/users/{app.Data.UserId(Users.Practitioner)}", Kind.ManagerOnly),
            ("/duplicates", Kind.ManagerOnly),
            ($"/duplicates/{pair}", Kind.ManagerOnly),
            ($"/duplicates/merges/{merge}", Kind.ManagerOnly),
            ($"/people/{merged.Id}", Kind.CaseWork),
        ];
    }

    [Fact]
    public async Task Signed_out_every_page_redirects_to_sign_in()
    {
        var routes = await RoutesAsync(Users.Practitioner);
        using var client = app.NewClient();
        await AccessChecks.AssertAllAsync(client, routes.Select(r => (r.Url, Expect.SignInRequired)), "Signed out");
    }

    [Theory]
    [InlineData(Roles.Practitioner)]
    [InlineData(Roles.SupportWorker)]
    [InlineData(Roles.TeamManager)]
    [InlineData(Roles.Volunteer)]
    [InlineData(Roles.Commissioner)]
    [InlineData(Roles.Administrator)]
    public async Task Each_role_reaches_exactly_the_pages_of_its_role(string role)
    {
        var email = Users.ForRole(role);
        var routes = await RoutesAsync(email);
        var caseWorker = Roles.CaseWorkers.Contains(role);
        var manager = role == Roles.TeamManager;
        using var client = await app.SignedInAsync(email);
        await AccessChecks.AssertAllAsync(client, routes.Select(r => (r.Url, r.Kind switch
        {
            Kind.AnySignedIn => Expect.Allowed,
            Kind.CaseWork => caseWorker ? Expect.Allowed : Expect.Forbidden,
            _ => manager ? Expect.Allowed : Expect.Forbidden,
        })), role);
    }

    [Fact]
    public async Task Another_teams_practitioner_gets_not_found_for_a_Northshire_person_episode_and_draft()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var draft = await app.Data.AddCompleteDraftAsync(Users.Practitioner, app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        await AccessChecks.AssertAllAsync(client,
        [
            ($"/people/{person.Id}", Expect.NotFound),
            ($"/people/{person.Id}/edit", Expect.NotFound),
            ($"/episodes/{episode.Id}", Expect.NotFound),
            ($"/identification?person={person.Id}", Expect.NotFound),
            .. Drafts.Steps.Select(step => ($"/identification/{draft}/{step}", Expect.NotFound)),
        ], "Southshire practitioner");
    }

    [Fact]
    public async Task Another_teams_practitioner_cannot_change_a_Northshire_person_or_episode_by_posting()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        var southshireUser = app.Data.UserId(Users.SouthshirePractitioner);
        Task<int> DraftsAsync() => app.Data.QueryAsync(db => db.IdentificationDrafts.CountAsync(d => d.UserId == southshireUser));
        var draftsBefore = await DraftsAsync();
        // A valid antiforgery token for this user, taken from a form they may open.
        var token = (await client.GetPageAsync("/identification")).Form()["__RequestVerificationToken"]!;

        using var edit = await client.PostAsync($"/people/{person.Id}/edit",
            [new("__RequestVerificationToken", token), new("Input.Version", person.Version.ToString()), new("Input.GivenName", "Changed"), new("Input.FamilyName", "Elsewhere")]);
        using var close = await client.PostAsync($"/episodes/{episode.Id}?handler=Close",
            [new("__RequestVerificationToken", token), new("Version", episode.Version.ToString()), new("Reason", "OpenedInError")]);
        using var start = await client.PostAsync("/identification", [new("__RequestVerificationToken", token), new("person", person.Id.ToString())]);

        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, close.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        var (given, closedAt) = await app.Data.QueryAsync(async db => (
            await db.People.Where(p => p.Id == person.Id).Select(p => p.GivenName).SingleAsync(),
            await db.Episodes.Where(e => e.Id == episode.Id).Select(e => e.ClosedAt).SingleAsync()));
        Assert.Equal(person.GivenName, given);
        Assert.Null(closedAt);
        Assert.Equal(draftsBefore, await DraftsAsync());
    }

    [Fact]
    public async Task People_search_finds_only_the_users_own_teams_people()
    {
        var family = TestData.UniqueName("Searchable");
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Morwenna", family, new DateOnly(1970, 7, 7));
        var url = $"/people?Name=Morwenna+{family}";
        using var northshire = await app.SignedInAsync(Users.Practitioner);
        using var southshire = await app.SignedInAsync(Users.SouthshirePractitioner);

        var found = await northshire.GetPageAsync(url);
        var notFound = await southshire.GetPageAsync(url);
        var byDob = await southshire.GetPageAsync("/people?Dob.Day=7&Dob.Month=7&Dob.Year=1970");

        Assert.Contains($"/people/{person.Id}", found.Links("main table a"));
        Assert.DoesNotContain($"/people/{person.Id}", notFound.Links("main a"));
        Assert.Contains("No matching people", notFound.MainText);
        Assert.DoesNotContain($"/people/{person.Id}", byDob.Links("main a"));
    }

    [Fact]
    public async Task Another_teams_practitioner_gets_not_found_for_a_Northshire_service_and_cannot_change_or_verify_it()
    {
        var service = await app.Data.AddServiceAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        await AccessChecks.AssertAllAsync(client,
        [
            ($"/directory/services/{service.Id}", Expect.NotFound),
            ($"/directory/services/{service.Id}/edit", Expect.NotFound),
        ], "Southshire practitioner");
        var search = await client.GetPageAsync($"/directory?Text={Uri.EscapeDataString(service.Name)}");
        Assert.Contains("No matching services", search.MainText);

        var token = (await client.GetPageAsync("/directory/services/new")).Form()["__RequestVerificationToken"]!;
        using var verify = await client.PostAsync($"/directory/services/{service.Id}?handler=Verify", [new("__RequestVerificationToken", token), new("Version", service.Version.ToString())]);
        using var edit = await client.PostAsync($"/directory/services/{service.Id}/edit",
            [new("__RequestVerificationToken", token), new("Input.Version", service.Version.ToString()), new("Input.Name", "Hijacked"), new("Input.NewOrganisationName", "X"), new("Input.OrganisationId", "new"), new("Input.Needs", "food")]);
        Assert.Equal(HttpStatusCode.NotFound, verify.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var stored = await app.Data.QueryAsync(db => db.Services.Where(s => s.Id == service.Id).Select(s => new { s.Name, s.LastVerifiedAt }).SingleAsync());
        Assert.Equal((service.Name, null), (stored.Name, stored.LastVerifiedAt));
    }

    [Fact]
    public async Task A_draft_started_by_a_colleague_in_the_same_team_is_not_found()
    {
        var draft = await app.Data.AddCompleteDraftAsync(Users.Practitioner2, app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        await AccessChecks.AssertAllAsync(client, Drafts.Steps.Select(step => ($"/identification/{draft}/{step}", Expect.NotFound)), "Colleague's draft");
    }

    [Fact]
    public async Task Northshire_team_manager_gets_not_found_for_Southshire_audit_trails()
    {
        var southshirePerson = await app.Data.AddPersonAsync(app.Data.Southshire);
        using var client = await app.SignedInAsync(Users.TeamManager);
        await AccessChecks.AssertAllAsync(client,
        [
            ($"/audit/people/{southshirePerson.Id}", Expect.NotFound),
            ($"/audit/users/{app.Data.UserId(Users.SouthshirePractitioner)}", Expect.NotFound),
            // and their own team's trails do open
            ($"/audit/users/{app.Data.UserId(Users.Practitioner2)}", Expect.Allowed),
        ], "Northshire team manager");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync("/")).Form("header form[action='/account/sign-out']");

        using var signedOut = await form.SubmitAsync(client);

        Assert.Equal("/account/sign-in", Redirects.Path(signedOut));
        using var after = await client.GetAsync("/people");
        Assert.Equal("/account/sign-in", Redirects.Path(after));
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Health_checks_answer_without_signing_in(string url)
    {
        using var client = app.NewClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
