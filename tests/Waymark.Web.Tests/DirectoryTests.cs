using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>The directory pages: adding, finding, changing, verifying; import and export; the partner read API.</summary>
public abstract class DirectoryTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : DirectoryTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : DirectoryTests(app);

    [Fact]
    public async Task A_practitioner_adds_a_service_with_a_new_organisation_finds_it_and_sees_its_contacts()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var name = TestData.UniqueName("Northshire Night Shelter");
        var form = (await client.GetPageAsync("/directory/services/new")).Form()
            .Set("Input.OrganisationId", "new").Set("Input.NewOrganisationName", TestData.UniqueName("Shelter Trust"))
            .Set("Input.Name", name).SetAll("Input.Needs", "housing", "food").Set("Input.MinimumAge", "18")
            .Set("Input.AcceptsOffendingHistory", "yes").Set("Input.HowToRefer", "Ring the night manager")
            .Set("Input.Locations[0].Address", "3 Quay Road").Set("Input.Locations[0].Postcode", "ns3 9zz").Set("Input.Areas", "NS3, ns4")
            .Set("Input.Sessions[0].Day", "Monday").Set("Input.Sessions[0].Opens", "19:00").Set("Input.Sessions[0].Closes", "23:30").Set("Input.Sessions[0].DropIn", "true")
            .Set("Input.Contacts[0].Name", "Robin Example").Set("Input.Contacts[0].Phone", "01632 960777").Set("Input.Contacts[0].RelationshipNotes", "Best after 8pm");

        using var saved = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await client.FollowAsync(saved);

        Assert.Equal(name, page.H1);
        Assert.Contains("Best after 8pm", page.MainText);
        Assert.Contains("7pm to 11:30pm (drop-in)", page.MainText);
        Assert.Contains("Never verified", page.MainText);
        var results = await client.GetPageAsync("/directory?Need=housing&Place=NS4+1AA&Age=30");
        Assert.Contains(page.Url.AbsolutePath, results.Links("main .nhsuk-card a"));
        var id = page.Url.AbsolutePath.Split('/')[^1];
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.RecordType == "LocalService" && a.RecordId == id && a.Action == AuditAction.Created)));
    }

    /// <summary>Issue 11, item 11: the editor takes a night shelter open 20:00–08:00 and shows it as the next morning.</summary>
    [Fact]
    public async Task The_editor_takes_an_overnight_session_and_the_service_page_says_it_closes_the_next_morning()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var name = TestData.UniqueName("Overnight Shelter");
        var form = (await client.GetPageAsync("/directory/services/new")).Form()
            .Set("Input.OrganisationId", "new").Set("Input.NewOrganisationName", TestData.UniqueName("Shelter Trust"))
            .Set("Input.Name", name).SetAll("Input.Needs", "housing")
            .Set("Input.Sessions[0].Day", "Monday").Set("Input.Sessions[0].Opens", "20:00").Set("Input.Sessions[0].Closes", "08:00")
            .Set("Input.Sessions[1].Day", "Friday").Set("Input.Sessions[1].Opens", "18:00").Set("Input.Sessions[1].Closes", "00:00")
            .Set("Input.Sessions[2].Day", "Sunday").Set("Input.Sessions[2].Opens", "00:00").Set("Input.Sessions[2].Closes", "00:00");

        using var saved = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await client.FollowAsync(saved);
        Assert.Equal(name, page.H1);
        Assert.Contains("8pm to 8am the next morning", page.MainText);
        Assert.Contains("6pm to midnight", page.MainText);
        Assert.Contains("Open 24 hours", page.MainText);
        Assert.Contains("Open now?", page.MainText);

        // Changing it keeps the overnight times as typed.
        var edit = await client.GetPageAsync(page.Url.AbsolutePath + "/edit");
        Assert.Equal("20:00", edit.FieldValue("Input_Sessions_0__Opens"));
        Assert.Equal("08:00", edit.FieldValue("Input_Sessions_0__Closes"));
    }

    [Fact]
    public async Task A_service_open_all_day_every_day_is_open_now_on_its_page()
    {
        var service = await app.Data.AddServiceAsync(app.Data.Northshire, with: s =>
        {
            s.OpeningTimes.Clear();
            foreach (var d in Enum.GetValues<DayOfWeek>())
                s.OpeningTimes.Add(new Waymark.ServiceDirectory.OpeningTime { ServiceId = s.Id, Day = d, Opens = TimeOnly.MinValue, Closes = TimeOnly.MinValue });
        });
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync($"/directory/services/{service.Id}");
        Assert.Contains("Open now, all day", page.MainText);
    }

    [Fact]
    public async Task Bad_input_comes_back_with_every_error_by_its_field_and_what_was_typed()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync("/directory/services/new")).Form()
            .Set("Input.OrganisationId", "new").Set("Input.Name", "Half-typed service").Remove("Input.Needs")
            .Set("Input.MinimumAge", "forty").Set("Input.Locations[0].Address", "1 Road").Set("Input.Locations[0].Postcode", "NOPE 123")
            .Set("Input.Sessions[0].Day", "Tuesday").Set("Input.Sessions[0].Opens", "17:00").Set("Input.Sessions[0].Closes", "17:00")
            .Set("Input.Areas", "Northshire").Set("Input.Contacts[0].Email", "not-an-email");

        using var response = await form.SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal("Enter the name of the new organisation", page.FieldError("Input_NewOrganisationName"));
        Assert.Equal("Select at least one need the service meets", page.FieldError("Input_Needs"));
        Assert.Equal("Youngest age must be a whole number from 0 to 120", page.FieldError("Input_MinimumAge"));
        Assert.Equal("Location 1: enter a real postcode, like NS1 4AB", page.FieldError("Input_Locations_0__Postcode"));
        Assert.Equal("Session 1 (Tuesday): opening and closing times are the same; if it closes after midnight enter the time it closes the next morning, and for a service open all day enter 00:00 to 00:00", page.FieldError("Input_Sessions_0__Closes"));
        Assert.Contains("is not a postcode district or area", page.FieldError("Input_Areas"));
        Assert.Contains("Contact 1: enter their name", page.ErrorMessages);
        Assert.Equal("NOPE 123", page.FieldValue("Input_Locations_0__Postcode"));
        Assert.Equal("Half-typed service", page.FieldValue("Input_Name"));
        Assert.All(page.ErrorLinks, l => Assert.NotNull(page.Document.QuerySelector(l.Href)));
        Assert.False(await app.Data.QueryAsync(db => db.Services.AnyAsync(s => s.Name == "Half-typed service")));
    }

    [Fact]
    public async Task Two_people_changing_a_service_the_second_is_told_and_keeps_what_they_typed()
    {
        var service = await app.Data.AddServiceAsync(app.Data.Northshire);
        using var first = await app.SignedInAsync(Users.Practitioner);
        using var second = await app.SignedInAsync(Users.Practitioner2);
        var firstForm = (await first.GetPageAsync($"/directory/services/{service.Id}/edit")).Form();
        var secondForm = (await second.GetPageAsync($"/directory/services/{service.Id}/edit")).Form();

        using (var ok = await firstForm.Set("Input.Description", "Changed by the first").SubmitAsync(first))
            Assert.Equal($"/directory/services/{service.Id}", Redirects.Target(ok));
        using var refused = await secondForm.Set("Input.Eligibility", "Typed by the second").SubmitAsync(second);
        var page = await HtmlPage.ReadAsync(refused);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Someone else changed this service while you were editing it", page.ErrorSummary);
        Assert.Equal("Typed by the second", page.FieldValue("Input_Eligibility"));
        var stored = await app.Data.QueryAsync(db => db.Services.SingleAsync(s => s.Id == service.Id));
        Assert.Equal(("Changed by the first", null), (stored.Description, stored.Eligibility));
        // The contact's private notes survived the first save untouched.
        Assert.Contains("PRIVATE-NOTE", await app.Data.QueryAsync(db => db.ServiceContacts.Where(c => c.ServiceId == service.Id).Select(c => c.RelationshipNotes).SingleAsync()));
    }

    [Fact]
    public async Task Verified_today_records_who_and_when_and_the_stale_tag_goes()
    {
        var service = await app.Data.AddServiceAsync(app.Data.Northshire, with: s => s.LastVerifiedAt = DateTimeOffset.UtcNow.AddDays(-400));
        using var client = await app.SignedInAsync(Users.Practitioner2);
        var page = await client.GetPageAsync($"/directory/services/{service.Id}");
        Assert.Contains("Not verified since", page.MainText);

        using var verified = await page.Form("main form[action$='handler=Verify']").SubmitAsync(client);
        var after = await client.FollowAsync(verified);

        Assert.DoesNotContain("Not verified since", after.MainText);
        Assert.Contains("by Sam Okoye", after.MainText);
        var stored = await app.Data.QueryAsync(db => db.Services.SingleAsync(s => s.Id == service.Id));
        Assert.Equal(app.Data.UserId(Users.Practitioner2), stored.LastVerifiedBy);
        Assert.True(stored.LastVerifiedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task The_export_download_validates_and_never_holds_relationship_notes_and_a_bad_import_changes_nothing()
    {
        var service = await app.Data.AddServiceAsync(app.Data.Northshire);
        using var manager = await app.SignedInAsync(Users.TeamManager);
        using var download = await (await manager.GetPageAsync("/directory/export")).Form().SubmitAsync(manager);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("directory-", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var json = await download.Content.ReadAsStringAsync();
        Assert.Contains(service.Name, json);
        Assert.DoesNotContain("PRIVATE-NOTE", json);
        var errors = await OrukFiles.ValidatePageAsync(json, "compiled/service.json");
        Assert.True(errors.Count == 0, string.Join('\n', errors));

        var broken = json.Replace("\"status\": \"active\"", "\"status\": \"sometimes\"", StringComparison.Ordinal);
        var before = await app.Data.QueryAsync(db => db.Services.CountAsync(s => s.TeamId == app.Data.Northshire));
        var page = await UploadAsync(manager, broken);
        Assert.Contains("Nothing was imported", page.ErrorSummary);
        Assert.Contains("status 'sometimes'", page.MainText);
        Assert.Equal(before, await app.Data.QueryAsync(db => db.Services.CountAsync(s => s.TeamId == app.Data.Northshire)));

        var good = await UploadAsync(manager, json);
        Assert.Null(good.ErrorSummary);
        Assert.Contains("updated", good.MainText);
    }

    /// <summary>Issue 11, item 11: the night shelter's file, once refused whole, imports; its one unusable session is a warning.</summary>
    [Fact]
    public async Task An_Open_Referral_file_with_an_overnight_shelter_imports_and_reports_the_session_it_left_out()
    {
        using var manager = await app.SignedInAsync(Users.TeamManager);
        var id = Guid.NewGuid();
        var name = TestData.UniqueName("Night Shelter");
        var json = $$"""
            { "contents": [ {
              "id": "{{id}}", "name": "{{name}}", "status": "active",
              "organization": { "name": "{{TestData.UniqueName("Shelter Trust")}}" },
              "attributes": [ { "taxonomy_term": { "term": "housing", "taxonomy": "waymark-needs" } } ],
              "schedules": [
                { "id": "{{Guid.NewGuid()}}", "freq": "WEEKLY", "byday": "MO", "opens_at": "20:00:00", "closes_at": "08:00:00" },
                { "id": "{{Guid.NewGuid()}}", "freq": "WEEKLY", "byday": "TU", "opens_at": "21:00", "closes_at": "21:00", "description": "Tuesday typo" }
              ] } ] }
            """;
        var page = await UploadAsync(manager, json);
        Assert.Null(page.ErrorSummary);
        Assert.DoesNotContain("Nothing was imported", page.MainText);
        Assert.Contains("Tuesday typo", page.MainText);
        Assert.Contains("opening and closing times are the same", page.MainText);

        var service = await manager.GetPageAsync($"/directory/services/{id}");
        Assert.Equal(name, service.H1);
        Assert.Contains("8pm to 8am the next morning", service.MainText);
    }

    private static async Task<HtmlPage> UploadAsync(AppClient client, string json)
    {
        var token = (await client.GetPageAsync("/directory/import")).Form()["__RequestVerificationToken"]!;
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new StringContent(json);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "Upload", "directory.json");
        using var response = await client.Http.PostAsync("/directory/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ReadAsync(response);
    }

    private async Task<HttpResponseMessage> ApiAsync(string url, string? key)
    {
        using var client = app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task The_read_API_needs_a_live_key_of_the_team()
    {
        var service = await app.Data.AddServiceAsync(app.Data.Northshire);
        var revoked = await app.Data.AddApiKeyAsync(app.Data.Northshire, revoked: true);
        foreach (var key in new[] { null, "", "wmk_not-a-real-key", revoked })
        foreach (var url in new[] { "/api/openreferral/services", $"/api/openreferral/services/{service.Id}" })
        {
            using var response = await ApiAsync(url, key);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain(service.Name, await response.Content.ReadAsStringAsync());
        }
        // A signed-in Waymark user's cookie is not a key either.
        using var user = await app.SignedInAsync(Users.Practitioner);
        using var withCookie = await user.GetAsync("/api/openreferral/services");
        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
    }

    [Fact]
    public async Task The_read_API_pages_the_teams_services_in_the_profiles_shape_and_audits_each_read()
    {
        for (var i = 0; i < 3; i++) await app.Data.AddServiceAsync(app.Data.Northshire);
        var theirs = await app.Data.AddServiceAsync(app.Data.Southshire);
        var key = await app.Data.AddApiKeyAsync(app.Data.Northshire);
        var total = await app.Data.QueryAsync(db => db.Services.CountAsync(s => s.TeamId == app.Data.Northshire && s.Status == Waymark.ServiceDirectory.ServiceStatus.Active));

        using var first = await ApiAsync("/api/openreferral/services?page=1&per_page=2", key);
        var json = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var errors = await OrukFiles.ValidatePageAsync(json);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(total, root.GetProperty("total_items").GetInt32());
        Assert.Equal((total + 1) / 2, root.GetProperty("total_pages").GetInt32());
        Assert.Equal((1, 2, true, false, false), (root.GetProperty("page_number").GetInt32(), root.GetProperty("size").GetInt32(),
            root.GetProperty("first_page").GetBoolean(), root.GetProperty("last_page").GetBoolean(), root.GetProperty("empty").GetBoolean()));
        Assert.DoesNotContain(theirs.Name, json);

        var lastPage = (total + 1) / 2;
        using var last = await ApiAsync($"/api/openreferral/services?page={lastPage}&per_page=2", key);
        using var lastDoc = JsonDocument.Parse(await last.Content.ReadAsStringAsync());
        Assert.True(lastDoc.RootElement.GetProperty("last_page").GetBoolean());
        using var beyond = await ApiAsync($"/api/openreferral/services?page={lastPage + 1}&per_page=2", key);
        using var beyondDoc = JsonDocument.Parse(await beyond.Content.ReadAsStringAsync());
        Assert.True(beyondDoc.RootElement.GetProperty("empty").GetBoolean());
        using var badPage = await ApiAsync("/api/openreferral/services?per_page=1000", key);
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);

        var mine = await app.Data.AddServiceAsync(app.Data.Northshire);
        using var one = await ApiAsync($"/api/openreferral/services/{mine.Id}", key);
        var oneJson = await one.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var oneErrors = await OrukFiles.ValidateAsync(oneJson, "compiled/service.json");
        Assert.True(oneErrors.Count == 0, string.Join('\n', oneErrors));
        Assert.Contains("Pat Example", oneJson);
        Assert.DoesNotContain("PRIVATE-NOTE", oneJson);
        using var other = await ApiAsync($"/api/openreferral/services/{theirs.Id}", key);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var junk = await ApiAsync("/api/openreferral/services/not-an-id", key);
        Assert.Equal(HttpStatusCode.NotFound, junk.StatusCode);

        var reads = await app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.RecordType == "DirectoryApi" && a.TeamId == app.Data.Northshire && a.UserId!.StartsWith("api-key:")).Select(a => a.RecordId).ToListAsync());
        Assert.Contains(mine.Id.ToString(), reads);
        Assert.Contains(null, reads);
    }
}
