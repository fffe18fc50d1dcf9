using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Liaison;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Liaison;

/// <summary>The criminal justice agencies pages: listing, adding, changing, retiring, exporting and importing (issue 12 item 1).</summary>
public abstract class AgenciesTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : AgenciesTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : AgenciesTests(app);

    private static IQueryable<CriminalJusticeAgency> Agencies(Waymark.Persistence.WaymarkDbContext db) => db.Set<CriminalJusticeAgency>();

    [Fact]
    public async Task A_manager_adds_an_agency_and_every_case_worker_finds_it_under_its_kind()
    {
        var name = "Aaa " + TestData.UniqueName("Northshire Youth Court");
        using var manager = await app.SignedInAsync(Users.TeamManager);
        using var saved = await (await manager.GetPageAsync("/agencies/new")).Form()
            .Set("Input.Kind", nameof(AgencyKind.YouthCourt)).Set("Input.Name", name).Set("Input.Identifier", "B99NS01")
            .Set("Input.SecureEmail", "youth@hmcts.cjsm.invalid").Set("Input.Telephone", "01632 960105").Set("Input.Address", "Court House\nHigh Street")
            .SubmitAsync(manager);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await manager.FollowAsync(saved);
        Assert.Equal(name, page.H1);
        Assert.Contains("youth@hmcts.cjsm.invalid", page.MainText);
        Assert.Contains("B99NS01", page.MainText);

        using var support = await app.SignedInAsync(Users.SupportWorker);
        var list = await support.GetPageAsync("/agencies");
        var heading = list.Document.QuerySelectorAll("main h2").First(h => h.TextContent.Trim() == "Youth court");
        Assert.Contains(name, heading.NextElementSibling!.TextContent);
        Assert.DoesNotContain("/agencies/new", list.Links("main a"));
        Assert.Null(await AccessChecks.CheckAsync(support, "/agencies/new", Expect.Forbidden));
        var audit = await app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.RecordType == CriminalJusticeAgencies.RecordType && a.Action == AuditAction.Created)
            .Select(a => a.Detail).ToListAsync());
        Assert.Contains(audit, d => d!.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_is_answered_with_the_error_summary_keeps_what_was_typed_and_saves_nothing()
    {
        using var manager = await app.SignedInAsync(Users.TeamManager);
        var tooLong = new string('N', 201);
        using var response = await (await manager.GetPageAsync("/agencies/new")).Form()
            .Set("Input.Name", tooLong).Set("Input.SecureEmail", "custody at northshire").Set("Input.Telephone", "ring the desk")
            .SubmitAsync(manager);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error:", page.Title, StringComparison.Ordinal);
        Assert.Contains("Select the kind of agency", page.ErrorSummary);
        Assert.Contains("Name must be 200 characters or fewer", page.ErrorSummary);
        Assert.Contains("Enter the secure email address in the correct format", page.ErrorSummary);
        Assert.Contains("Enter a telephone number", page.ErrorSummary);
        Assert.Equal("custody at northshire", page.FieldValue("Input_SecureEmail"));
        Assert.Equal(tooLong, page.FieldValue("Input_Name"));
        Assert.All(page.ErrorLinks, l => Assert.NotNull(page.Document.QuerySelector(l.Href)));
        Assert.False(await app.Data.QueryAsync(db => Agencies(db).AnyAsync(a => a.Name == tooLong)));
    }

    [Fact]
    public async Task A_name_the_team_already_has_is_refused_in_words_whatever_its_case_but_another_team_may_use_it()
    {
        var existing = await app.Data.AddAgencyAsync(app.Data.Northshire);
        using var manager = await app.SignedInAsync(Users.TeamManager);
        using var response = await (await manager.GetPageAsync("/agencies/new")).Form()
            .Set("Input.Kind", nameof(AgencyKind.CustodySuite)).Set("Input.Name", existing.Name.ToUpperInvariant())
            .SubmitAsync(manager);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your team already has an agency called", page.ErrorSummary);
        Assert.Equal("#Input_Name", page.ErrorLinks.Single().Href);

        using var southshire = await app.SignedInAsync(await app.Data.AddManagerAsync(app.Data.Southshire));
        using var theirs = await (await southshire.GetPageAsync("/agencies/new")).Form()
            .Set("Input.Kind", nameof(AgencyKind.CustodySuite)).Set("Input.Name", existing.Name).SubmitAsync(southshire);
        Assert.Equal(HttpStatusCode.Redirect, theirs.StatusCode);
    }

    [Fact]
    public async Task Two_managers_changing_an_agency_the_second_is_told_and_keeps_what_they_typed()
    {
        var agency = await app.Data.AddAgencyAsync(app.Data.Northshire);
        using var first = await app.SignedInAsync(Users.TeamManager);
        using var second = await app.SignedInAsync(await app.Data.AddManagerAsync(app.Data.Northshire));
        var firstForm = (await first.GetPageAsync($"/agencies/{agency.Id}/edit")).Form();
        var secondForm = (await second.GetPageAsync($"/agencies/{agency.Id}/edit")).Form();

        using (var ok = await firstForm.Set("Input.Notes", "Ask for the duty sergeant").SubmitAsync(first))
            Assert.Equal($"/agencies/{agency.Id}", Redirects.Target(ok));
        using var refused = await secondForm.Set("Input.Telephone", "01632 960999").SubmitAsync(second);
        var page = await HtmlPage.ReadAsync(refused);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Someone else changed this agency while you were editing it", page.ErrorSummary);
        Assert.Equal("01632 960999", page.FieldValue("Input_Telephone"));
        var stored = await app.Data.QueryAsync(db => Agencies(db).SingleAsync(a => a.Id == agency.Id));
        Assert.Equal(("Ask for the duty sergeant", "01632 960200"), (stored.Notes, stored.Telephone));
    }

    [Fact]
    public async Task A_retired_agency_leaves_the_list_and_the_consent_form_and_comes_back_when_reinstated()
    {
        var agency = await app.Data.AddAgencyAsync(app.Data.Northshire);
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var manager = await app.SignedInAsync(Users.TeamManager);
        using (var retired = await (await manager.GetPageAsync($"/agencies/{agency.Id}")).Form().SubmitAsync(manager))
            Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.Contains("Retired", (await manager.GetPageAsync($"/agencies/{agency.Id}")).MainText);
        var consentForm = await manager.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/consent");
        Assert.DoesNotContain(agency.Name, consentForm.MainText);
        Assert.Contains(agency.Name, (await manager.GetPageAsync("/agencies?Retired=true")).MainText);

        using (var back = await (await manager.GetPageAsync($"/agencies/{agency.Id}")).Form().SubmitAsync(manager))
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Contains(agency.Name, (await manager.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/consent")).MainText);
        var actions = await app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.RecordId == agency.Id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditAction.Retired, actions);
        Assert.Contains(AuditAction.Reinstated, actions);
        Assert.True(await app.Data.QueryAsync(db => Agencies(db).AnyAsync(a => a.Id == agency.Id && a.RetiredAt == null)));
    }

    [Fact]
    public async Task A_practitioner_cannot_retire_an_agency_and_another_team_does_not_find_it()
    {
        var agency = await app.Data.AddAgencyAsync(app.Data.Northshire);
        using var practitioner = await app.SignedInAsync(Users.Practitioner);
        var page = await practitioner.GetPageAsync($"/agencies/{agency.Id}");
        Assert.Empty(page.Document.QuerySelectorAll("main form"));
        var token = (await practitioner.GetPageAsync("/")).Form("header form[action='/account/sign-out']")["__RequestVerificationToken"]!;
        Assert.Null(await AccessChecks.CheckPostAsync(practitioner, $"/agencies/{agency.Id}?handler=Retire", token, Expect.Forbidden));
        Assert.True(await app.Data.QueryAsync(db => Agencies(db).AnyAsync(a => a.Id == agency.Id && a.RetiredAt == null)));

        using var southshire = await app.SignedInAsync(Users.SouthshirePractitioner);
        Assert.Equal(HttpStatusCode.NotFound, (await southshire.GetAsync($"/agencies/{agency.Id}")).StatusCode);
        Assert.DoesNotContain(agency.Name, (await southshire.GetPageAsync("/agencies?Retired=true")).MainText);
    }

    [Fact]
    public async Task The_export_imports_back_a_preview_saves_nothing_and_confirming_updates_by_name_and_adds_the_rest()
    {
        var (team, email) = await app.Data.AddTeamWithManagerAsync();
        var existing = await app.Data.AddAgencyAsync(team, "Eastbrook custody suite");
        using var manager = await app.SignedInAsync(email);
        using var download = await (await manager.GetPageAsync("/agencies/export")).Form().SubmitAsync(manager);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        var csv = Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("kind,name,code,secure_email,telephone,address,notes,retired", csv, StringComparison.Ordinal);
        Assert.Contains("custody-suite,Eastbrook custody suite,", csv, StringComparison.Ordinal);

        var changed = csv.Replace("custody@test.cjsm.invalid", "eastbrook@police.cjsm.invalid", StringComparison.Ordinal)
            + "crown-court,Northshire Crown Court,499,crown@hmcts.cjsm.invalid,,\"Crown Square\nNorthtown\",,\r\n";
        var preview = await UploadAsync(manager, changed);
        Assert.Null(preview.ErrorSummary);
        Assert.Contains("Changed", preview.MainText);
        Assert.Contains("Added", preview.MainText);
        Assert.Equal(1, await app.Data.QueryAsync(db => Agencies(db).CountAsync(a => a.TeamId == team)));

        using var confirmed = await preview.Form("main form[action$='handler=Confirm']").SubmitAsync(manager);
        var done = await HtmlPage.ReadAsync(confirmed);
        Assert.Contains("1 added, 1 updated", done.MainText);
        var stored = await app.Data.QueryAsync(db => Agencies(db).Where(a => a.TeamId == team).OrderBy(a => a.Name).ToListAsync());
        Assert.Equal(["Eastbrook custody suite", "Northshire Crown Court"], stored.Select(a => a.Name));
        Assert.Equal(existing.Id, stored[0].Id);
        Assert.Equal("eastbrook@police.cjsm.invalid", stored[0].SecureEmail);
        Assert.Equal("Crown Square\nNorthtown", stored[1].Address);
    }

    [Fact]
    public async Task A_file_with_bad_rows_lists_every_one_by_line_and_imports_nothing()
    {
        var (team, email) = await app.Data.AddTeamWithManagerAsync();
        using var manager = await app.SignedInAsync(email);
        var csv = "kind,name,secure_email\r\n"
            + "custody-suite,Good custody suite,good@police.cjsm.invalid\r\n"
            + "police-station,Bad kind suite,\r\n"
            + "magistrates-court,,court@hmcts.cjsm.invalid\r\n"
            + "prison,HMP Somewhere,not an email\r\n"
            + "custody-suite,good custody suite,\r\n";
        var page = await UploadAsync(manager, csv);

        Assert.Contains("Nothing can be imported: 4 problems", page.ErrorSummary);
        Assert.Contains("Line 3: \"police-station\" is not a kind of agency", page.MainText);
        Assert.Contains("Line 4: Enter the agency's name", page.MainText);
        Assert.Contains("Line 5: Enter the secure email address in the correct format", page.MainText);
        Assert.Contains("Line 6: 'good custody suite' is also on line 2", page.MainText);
        Assert.Empty(page.Document.QuerySelectorAll("main form[action$='handler=Confirm']"));
        Assert.Equal(0, await app.Data.QueryAsync(db => Agencies(db).CountAsync(a => a.TeamId == team)));
    }

    [Fact]
    public async Task An_import_preview_says_what_changes_and_an_unchanged_export_offers_nothing_to_import()
    {
        var (team, email) = await app.Data.AddTeamWithManagerAsync();
        await app.Data.AddAgencyAsync(team, "Westbrook custody suite");
        using var manager = await app.SignedInAsync(email);
        var export = await manager.GetPageAsync("/agencies/export");
        Assert.DoesNotContain("docs/", export.MainText);
        using var download = await export.Form().SubmitAsync(manager);
        var csv = Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');

        var same = await UploadAsync(manager, csv);
        Assert.Contains("No change", same.MainText);
        Assert.Contains("Nothing would change", same.MainText);
        Assert.Empty(same.Document.QuerySelectorAll("main form[action$='handler=Confirm']"));

        // The telephone cell emptied, the email changed: both said.
        var changed = csv.Replace("custody@test.cjsm.invalid", "west@police.cjsm.invalid", StringComparison.Ordinal)
            .Replace("01632 960200", "", StringComparison.Ordinal);
        var preview = await UploadAsync(manager, changed);
        Assert.Contains("Changed: Secure email changed, Telephone removed", preview.MainText);
        Assert.Contains("Import 1 agency", preview.Document.QuerySelector("main form[action$='handler=Confirm'] button")!.TextContent);
    }

    [Fact]
    public async Task Every_bad_cell_of_a_row_is_reported_at_once()
    {
        var (_, email) = await app.Data.AddTeamWithManagerAsync();
        using var manager = await app.SignedInAsync(email);
        var page = await UploadAsync(manager, "kind,name,secure_email,telephone,retired\r\ncustody-suite,Bad suite,not an email,ring us,maybe\r\n");
        Assert.Contains("Line 2: Retired must be", page.MainText);
        Assert.Contains("Line 2: Enter the secure email address in the correct format", page.MainText);
        Assert.Contains("Line 2: Enter a telephone number", page.MainText);
    }

    [Fact]
    public async Task A_taken_name_is_reported_with_the_other_field_errors_on_a_new_agency()
    {
        var (team, email) = await app.Data.AddTeamWithManagerAsync();
        await app.Data.AddAgencyAsync(team, "Southbrook custody suite");
        using var manager = await app.SignedInAsync(email);
        using var response = await (await manager.GetPageAsync("/agencies/new")).Form()
            .Set("Input.Kind", nameof(AgencyKind.CustodySuite)).Set("Input.Name", "southbrook custody suite").Set("Input.SecureEmail", "not an email")
            .SubmitAsync(manager);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Contains("already has an agency called 'Southbrook custody suite'", page.ErrorSummary);
        Assert.Contains("Enter the secure email address in the correct format", page.ErrorSummary);
    }

    private static async Task<HtmlPage> UploadAsync(AppClient client, string csv)
    {
        var token = (await client.GetPageAsync("/agencies/import")).Form()["__RequestVerificationToken"]!;
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "Upload", "agencies.csv");
        using var response = await client.Http.PostAsync("/agencies/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ReadAsync(response);
    }
}
