using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.ProactiveIdentification;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.ProactiveIdentification;

/// <summary>The proactive identification pages: importing a list (file, pasted, typed), checking matches, the queue and its figures.</summary>
public abstract class ProactiveIdentificationPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : ProactiveIdentificationPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : ProactiveIdentificationPageTests(app);

    private static string Today => UkTime.DateOf(DateTimeOffset.UtcNow).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> UploadAsync(AppClient client, Guid agency, string csv, string fileName = "custody-list.csv")
    {
        var form = (await client.GetPageAsync("/proactive/import")).Form("main form");
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in form.Fields.Where(f => f.Key is not ("AgencyId" or "Upload" or "Paste")))
            content.Add(new StringContent(value), name);
        content.Add(new StringContent(agency.ToString()), "AgencyId");
        var file = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "Upload", fileName);
        return await client.Http.PostAsync("/proactive/import", content);
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_refused_with_each_line_in_the_error_summary_and_nothing_saved()
    {
        var agency = await ProactiveData.AddAgencyAsync(app.Data, app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);

        using var response = await UploadAsync(client, agency, "Surname,Forenames,DOB,NHS number\nGood,Alex,01/01/1990,\nBad,Date,31/02/1990,\nBad,Nhs,01/01/1990,943 476 5918\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported: 2 problems in the list. Correct them and import the whole list again", page.ErrorMessages);
        Assert.Contains("Line 3: The date of birth must be a real date like 27/03/1990", page.ErrorMessages);
        Assert.Contains("Line 4: The NHS number must be 10 digits with the right check digit", page.ErrorMessages);
        Assert.Contains(page.ErrorLinks, l => l.Href == "#Upload");
        Assert.False(await app.Data.QueryAsync(db => db.Set<ProactiveList>().AnyAsync(l => l.AgencyId == agency)));
    }

    [Fact]
    public async Task A_file_over_2_MB_is_refused_with_a_clear_message_and_a_much_larger_one_is_refused_without_a_server_error()
    {
        var agency = await ProactiveData.AddAgencyAsync(app.Data, app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var line = "Example,Alex,01/01/1990," + new string('x', 200) + "\n";

        using var over = await UploadAsync(client, agency, "Surname,Forenames,DOB,Notes\n" + string.Concat(Enumerable.Repeat(line, 2 * 1024 * 1024 / line.Length + 10)));
        using var huge = await UploadAsync(client, agency, "Surname,Forenames,DOB,Notes\n" + string.Concat(Enumerable.Repeat(line, 4 * 1024 * 1024 / line.Length)));

        Assert.Equal(HttpStatusCode.OK, over.StatusCode);
        Assert.Contains("The file must be 2 MB or smaller. Split the list into smaller lists", (await HtmlPage.ReadAsync(over)).ErrorMessages);
        // The form is read before routing (malformed-request check), so a larger file gets the same answer, or 400/413 from the server's limits.
        Assert.True((int)huge.StatusCode is 200 or 400 or 413, $"got {(int)huge.StatusCode}");
        if (huge.StatusCode == HttpStatusCode.OK)
            Assert.Contains("The file must be 2 MB or smaller. Split the list into smaller lists", (await HtmlPage.ReadAsync(huge)).ErrorMessages);
        Assert.False(await app.Data.QueryAsync(db => db.Set<ProactiveList>().AnyAsync(l => l.AgencyId == agency)));
    }

    [Fact]
    public async Task A_good_file_is_previewed_with_its_matches_then_confirmed_into_the_queue_and_screening_is_counted()
    {
        var team = app.Data.Northshire;
        var agency = await ProactiveData.AddAgencyAsync(app.Data, team);
        var known = await app.Data.AddPersonAsync(team, "Jordan", TestData.UniqueName("Sample"), new DateOnly(1991, 4, 12));
        await ProactiveData.SetRulesAsync(app.Data, team, SelectionRule.Women); // other tests' rows here are men or not known
        using var client = await app.SignedInAsync(Users.Practitioner);

        using var uploaded = await UploadAsync(client, agency,
            $"Custody Record Number,Family Name,Given Names,Date of Birth,Sex,Time In\nNS-1,{known.FamilyName},Jordan,12/04/1991,F,00:01\nNS-2,{TestData.UniqueName("Unknown")},Casey,03/03/1988,M,00:02\n");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var preview = await client.FollowAsync(uploaded);
        Assert.Equal("Check the list", preview.H1);
        Assert.Contains($"Jordan {known.FamilyName}", preview.MainText);
        Assert.Contains(preview.Links("main a"), l => l == $"/people/{known.Id}");
        var listId = Guid.Parse(preview.Url.AbsolutePath.Split('/')[^1]);
        Assert.DoesNotContain(listId.ToString(), (await client.GetPageAsync("/proactive")).Html); // a preview is not in the queue

        using var confirmed = await preview.Form("form[action*='handler=Confirm']").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var listPage = await client.FollowAsync(confirmed);
        if (listPage.Document.QuerySelector("form[action*='handler=Match']") is not null) // a possible match: the practitioner confirms it
            using (var decided = await listPage.Form("form[action*='handler=Match']").Set("verdict", "confirm").SubmitAsync(client))
                Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var queue = await client.GetPageAsync("/proactive");
        Assert.Contains("0 of 1 selected person screened (0%)", queue.MainText);
        Assert.Contains("a woman", queue.MainText);
        Assert.Contains(queue.Links("main a"), l => l == $"/people/{known.Id}");
        Assert.DoesNotContain("Casey", queue.MainText); // a man the team does not know: not selected

        await app.Data.AddEpisodeAsync(known.Id, team, e => { e.IdentifiedAt = DateTimeOffset.UtcNow; e.ScreenedAt = DateTimeOffset.UtcNow; });
        queue = await client.GetPageAsync("/proactive");
        Assert.Contains("1 of 1 selected person screened (100%)", queue.MainText);
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.RecordType == "ProactiveList" && a.RecordId == listId.ToString() && a.Action == AuditAction.Created)));
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.RecordType == "ProactiveQueue" && a.Action == AuditAction.Viewed && a.Detail!.Contains(known.Id.ToString()))));
    }

    [Fact]
    public async Task Pasted_rows_without_a_header_are_imported_and_a_file_and_pasted_rows_together_are_refused()
    {
        var agency = await ProactiveData.AddAgencyAsync(app.Data, app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var family = TestData.UniqueName("Pasted");

        var form = (await client.GetPageAsync("/proactive/import")).Form("main form")
            .Set("AgencyId", agency.ToString()).Set("Paste", $"NS-9\t{family}\tAlex\t01/01/1990\tM\n");
        using var response = await form.SubmitAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.FollowAsync(response);
        Assert.Contains($"Alex {family}", page.MainText);
        var nothing = await (await client.GetPageAsync("/proactive/import")).Form("main form").Set("AgencyId", agency.ToString()).SubmitAsync(client);
        Assert.Contains("Select a CSV file, or paste the rows of the list", (await HtmlPage.ReadAsync(nothing)).ErrorMessages);
    }

    [Fact]
    public async Task A_typed_row_with_problems_shows_each_at_its_field_and_a_good_one_joins_the_days_typed_list()
    {
        var agency = await ProactiveData.AddAgencyAsync(app.Data, app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync("/proactive/add")).Form("main form");

        using var bad = await form.Set("AgencyId", "").Set("FamilyName", "").Set("DateOfBirth", "31/02/1990").Set("NhsNumber", "123").SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(bad);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal(["Select the custody suite or court", "Enter the family name", "The date of birth must be a real date like 27/03/1990", "The NHS number must be 10 digits with the right check digit"], page.ErrorMessages);
        Assert.Equal("31/02/1990", page.FieldValue("DateOfBirth")); // typed values kept

        var family = TestData.UniqueName("Typed");
        using var first = await form.Set("AgencyId", agency.ToString()).Set("FamilyName", family).Set("DateOfBirth", "01/01/1990").Set("NhsNumber", "").SubmitAsync(client);
        using var second = await form.Set("FamilyName", family + "b").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var list = await client.FollowAsync(second);
        Assert.Equal("Custody or court list", list.H1);
        Assert.Contains(family + "b", list.MainText);
        Assert.Equal(1, await app.Data.QueryAsync(db => db.Set<ProactiveList>().CountAsync(l => l.AgencyId == agency)));
    }

    [Fact]
    public async Task A_practitioner_confirms_a_possible_match_and_who_and_when_is_shown()
    {
        var team = app.Data.Northshire;
        var person = await app.Data.AddPersonAsync(team, "Morgan", TestData.UniqueName("Matched"));
        var (list, row) = await ProactiveData.AddListAsync(app.Data, team, r => { r.PersonId = person.Id; r.Band = MatchBand.Potential; r.Probability = 0.7; });
        using var client = await app.SignedInAsync(Users.Practitioner);

        var page = await client.GetPageAsync($"/proactive/lists/{list}");
        using var decided = await page.Form("form[action*='handler=Match']").Set("verdict", "confirm").SubmitAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Contains("Confirmed on", (await client.FollowAsync(decided)).MainText);
        var stored = await app.Data.QueryAsync(db => db.Set<ProactiveListRow>().SingleAsync(r => r.Id == row));
        Assert.Equal((RowVerdict.Confirmed, app.Data.UserId(Users.Practitioner)), (stored.Verdict!.Value, stored.VerdictByUserId!));
    }

    [Fact]
    public async Task Another_teams_list_and_rows_are_not_found_and_nothing_changes()
    {
        var (list, row) = await ProactiveData.AddListAsync(app.Data, app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        var token = (await client.GetPageAsync("/proactive/import")).Form("main form")["__RequestVerificationToken"]!;

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/proactive/lists/{list}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/identification?row={row}")).StatusCode);
        using var post = await client.PostAsync($"/proactive/lists/{list}?handler=Match", [new("__RequestVerificationToken", token), new("row", row.ToString()), new("verdict", "reject"), new("version", Guid.Empty.ToString())]);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        using var start = await client.PostAsync($"/identification?row={row}", [new("__RequestVerificationToken", token), new("row", row.ToString())]);
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.DoesNotContain(list.ToString(), (await client.GetPageAsync("/proactive")).Html);
    }

    [Fact]
    public async Task Starting_identification_from_a_row_fills_the_journey_with_the_setting_reference_and_person()
    {
        var (_, row) = await ProactiveData.AddListAsync(app.Data, app.Data.Northshire);
        var listed = await app.Data.QueryAsync(db => db.Set<ProactiveListRow>().SingleAsync(r => r.Id == row));
        using var client = await app.SignedInAsync(Users.Practitioner);

        var start = await client.GetPageAsync($"/identification?row={row}");
        Assert.Contains($"Robin {listed.FamilyName}", start.MainText);
        using var started = await start.Form("main form").SubmitAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var draftId = Guid.Parse(Redirects.Path(started).Split('/')[2]);
        var draft = await app.Data.QueryAsync(db => db.IdentificationDrafts.SingleAsync(d => d.Id == draftId));
        Assert.Equal((Setting.PoliceCustody, listed.Reference, listed.FamilyName, new DateOnly(1990, 1, 1)), (draft.Setting!.Value, draft.SettingReference, draft.FamilyName, draft.DateOfBirth!.Value));
        Assert.Null(draft.ExistingPersonId);
    }

    [Fact]
    public async Task An_episode_opened_before_the_rows_time_in_on_the_lists_day_answers_the_row()
    {
        var team = app.Data.Southshire; // a woman selected in Northshire's queue would change the other tests' counts
        await ProactiveData.SetRulesAsync(app.Data, team, SelectionRule.Women);
        var now = DateTimeOffset.UtcNow;
        var (_, row) = await ProactiveData.AddListAsync(app.Data, team, r => { r.Sex = Waymark.People.Sex.Female; r.TimeIn = now.AddHours(1); });
        var listed = await app.Data.QueryAsync(db => db.Set<ProactiveListRow>().SingleAsync(r => r.Id == row));
        var person = await app.Data.AddPersonAsync(team, "Robin", listed.FamilyName);
        await app.Data.AddEpisodeAsync(person.Id, team, e => { e.IdentifiedAt = now.AddMinutes(-1); e.SettingReference = listed.Reference; });
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);

        var queue = await client.GetPageAsync("/proactive");
        var tr = queue.Document.QuerySelectorAll("main table tbody tr").Single(t => t.TextContent.Contains(listed.Reference!, StringComparison.Ordinal));
        Assert.Contains("Identified, not screened", tr.TextContent);
        Assert.DoesNotContain("Not yet identified", tr.TextContent);
    }

    [Fact]
    public async Task A_typed_time_in_more_than_15_minutes_ahead_on_todays_list_is_refused()
    {
        var uk = UkTime.ToLocal(DateTimeOffset.UtcNow);
        if (uk.TimeOfDay > new TimeSpan(23, 30, 0)) return; // 23:59 would not be in the future
        var agency = await ProactiveData.AddAgencyAsync(app.Data, app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync("/proactive/add")).Form("main form")
            .Set("AgencyId", agency.ToString()).Set("FamilyName", TestData.UniqueName("Future")).Set("TimeIn", "23:59");
        var page = await HtmlPage.ReadAsync(await form.SubmitAsync(client));
        Assert.Equal(["The time in cannot be in the future"], page.ErrorMessages);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.Set<ProactiveList>().CountAsync(l => l.AgencyId == agency)));
    }

    [Fact]
    public async Task A_list_counts_definite_and_possible_matches_in_their_bands_and_a_typed_list_has_no_line_numbers()
    {
        var team = app.Data.Northshire;
        var person = await app.Data.AddPersonAsync(team, "Morgan", TestData.UniqueName("Definite"));
        var (list, _) = await ProactiveData.AddListAsync(app.Data, team, r => { r.PersonId = person.Id; r.Band = MatchBand.Definite; r.Probability = 1; });
        using var client = await app.SignedInAsync(Users.Practitioner);

        var page = await client.GetPageAsync($"/proactive/lists/{list}");
        Assert.Contains("1 definite match with people your team knows", page.MainText);
        Assert.DoesNotContain("possibly", page.MainText);
        Assert.DoesNotContain(page.Document.QuerySelectorAll("main table th"), th => th.TextContent.Trim() == "Line");
    }

    [Fact]
    public async Task A_custody_row_saying_NFA_starts_the_identification_with_no_fixed_abode()
    {
        var (_, row) = await ProactiveData.AddListAsync(app.Data, app.Data.Northshire, r => r.Postcode = ProactiveListRow.NoFixedAbode);
        using var client = await app.SignedInAsync(Users.Practitioner);
        Assert.Contains("No fixed abode", (await client.GetPageAsync($"/proactive/lists/{(await app.Data.QueryAsync(db => db.Set<ProactiveListRow>().SingleAsync(r => r.Id == row))).ListId}")).MainText);

        using var started = await (await client.GetPageAsync($"/identification?row={row}")).Form("main form").SubmitAsync(client);
        var draftId = Guid.Parse(Redirects.Path(started).Split('/')[2]);
        var draft = await app.Data.QueryAsync(db => db.IdentificationDrafts.SingleAsync(d => d.Id == draftId));
        Assert.Equal(((string?)null, (Waymark.People.Absence?)Waymark.People.Absence.None), (draft.Postcode, draft.AddressAbsence));
    }

    [Fact]
    public async Task The_figures_give_one_limit_for_a_long_range()
    {
        using var client = await app.SignedInAsync(Users.TeamManager);
        var today = UkTime.Today(TimeProvider.System);
        foreach (var from in new[] { today.AddDays(-400), today.AddYears(-4) })
        {
            var page = await client.GetPageAsync($"/proactive/figures?From.Day={from.Day}&From.Month={from.Month}&From.Year={from.Year}");
            Assert.Equal(["Choose a period of 366 days or fewer"], page.ErrorMessages);
        }
    }

    [Fact]
    public async Task A_team_manager_chooses_the_rules_and_sees_the_figures()
    {
        using var client = await app.SignedInAsync(Users.TeamManager);
        var form = (await client.GetPageAsync("/proactive/rules")).Form("main form").SetAll("Rules", "under-18", "women");

        using var saved = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var settings = await app.Data.QueryAsync(db => db.Set<ProactiveScreeningSettings>().IgnoreQueryFilters().SingleAsync(s => s.TeamId == app.Data.Northshire));
        Assert.Equal("under-18 women", settings.Rules);
        using var stale = await form.SetAll("Rules", "known").SubmitAsync(client); // the version loaded before the save
        Assert.Contains("Someone else changed the rules", (await HtmlPage.ReadAsync(stale)).ErrorSummary);

        var figures = await client.GetPageAsync("/proactive/figures");
        Assert.Equal("Screening coverage of custody and court lists", figures.H1);
        var bad = await client.GetPageAsync("/proactive/figures?From.Day=31&From.Month=2&From.Year=2026");
        Assert.NotEmpty(bad.ErrorMessages);
    }
}
