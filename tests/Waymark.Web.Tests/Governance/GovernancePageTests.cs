using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.People;
using Waymark.Retention;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Governance;

/// <summary>Legal holds, subject access exports and the retention page, through the pages (issue 16 items 2 and 3).</summary>
public abstract class GovernancePageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : GovernancePageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : GovernancePageTests(app);

    [Fact]
    public async Task A_manager_places_a_legal_hold_with_a_reason_it_shows_on_the_person_page_blocks_destruction_and_is_lifted_with_a_reason()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.TeamManager);
        var form = (await client.GetPageAsync($"/people/{person.Id}/legal-hold")).Form("main form");
        using var refused = await form.Set("Reason", "  ").SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains("Enter why the records must be kept", page.ErrorSummary!);

        using var placed = await page.Form("main form").Set("Reason", "Civil claim received 3 November").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        var personPage = await client.GetPageAsync($"/people/{person.Id}");
        Assert.Contains("Legal hold.", personPage.MainText);
        Assert.Contains("Civil claim received 3 November", personPage.MainText);
        var hold = await app.Data.QueryAsync(db => db.Set<LegalHold>().IgnoreQueryFilters().SingleAsync(h => h.PersonId == person.Id));
        Assert.Equal((app.Data.UserId(Users.TeamManager), app.Data.Northshire, true), (hold.PlacedByUserId, hold.TeamId, hold.Stands));
        var audit = await app.Data.QueryAsync(db => db.AuditEvents.SingleAsync(a => a.RecordType == nameof(LegalHold) && a.PersonId == person.Id && a.Action == AuditAction.Created));
        Assert.Equal("Civil claim received 3 November", audit.Purpose);
        Assert.True(await app.Data.QueryAsync(db => db.Set<LegalHold>().IgnoreQueryFilters().AnyAsync(h => h.PersonId == person.Id && h.LiftedAt == null)));

        var holdPage = await client.GetPageAsync($"/people/{person.Id}/legal-hold");
        using var noReason = await holdPage.Form("main form").Set("LiftReason", "").SubmitAsync(client);
        Assert.Contains("Enter why the legal hold is being lifted", (await HtmlPage.ReadAsync(noReason)).ErrorSummary!);
        using var lifted = await holdPage.Form("main form").Set("LiftReason", "Claim settled").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        hold = await app.Data.QueryAsync(db => db.Set<LegalHold>().IgnoreQueryFilters().SingleAsync(h => h.PersonId == person.Id));
        Assert.Equal(("Claim settled", false), (hold.LiftReason, hold.Stands));
        Assert.DoesNotContain("Legal hold.", (await client.GetPageAsync($"/people/{person.Id}")).MainText);
    }

    [Fact]
    public async Task A_hold_placed_from_a_page_opened_before_another_managers_change_is_refused_and_a_placed_hold_says_so()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var first = await app.SignedInAsync(Users.TeamManager);
        using var second = await app.SignedInAsync(await app.Data.AddManagerAsync(app.Data.Northshire));
        var firstForm = (await first.GetPageAsync($"/people/{person.Id}/legal-hold")).Form("main form");
        var secondForm = (await second.GetPageAsync($"/people/{person.Id}/legal-hold")).Form("main form");

        using var placed = await firstForm.Set("Reason", "Complaint to the trust").SubmitAsync(first);
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        Assert.Contains("Legal hold placed", (await first.FollowAsync(placed)).MainText);

        using var stale = await secondForm.Set("Reason", "Civil claim").SubmitAsync(second);
        var page = await HtmlPage.ReadAsync(stale);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone changed this person's legal holds since you opened this page", page.ErrorSummary!);
        Assert.Contains("Complaint to the trust", page.MainText); // the hold placed meanwhile is shown
        Assert.Equal(1, await app.Data.QueryAsync(db => db.Set<LegalHold>().IgnoreQueryFilters().CountAsync(h => h.PersonId == person.Id)));
    }

    [Fact]
    public async Task Another_teams_manager_gets_not_found_for_the_legal_hold_and_the_export_of_this_teams_person()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(await app.Data.AddManagerAsync(app.Data.Southshire));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/people/{person.Id}/legal-hold")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/people/{person.Id}/subject-access")).StatusCode);
    }

    [Fact]
    public async Task The_export_needs_a_purpose_and_a_format_then_shows_a_section_for_every_kind_and_is_audited_with_the_purpose()
    {
        var world = await AuthorisationTests.WorldAsync(app, Users.Practitioner);
        using var client = await app.SignedInAsync(Users.TeamManager);
        var form = (await client.GetPageAsync($"/people/{world.Person}/subject-access")).Form("main form");
        using var refused = await form.SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains("Enter the purpose of the export", page.ErrorSummary!);
        Assert.Contains("Select how you want the export", page.ErrorSummary!);

        using var shown = await page.Form("main form").Set("Purpose", "SAR-2026-014").Set("Format", "html").SubmitAsync(client);
        var document = await HtmlPage.ReadAsync(shown);
        Assert.Equal("Subject access export", document.H1);
        foreach (var kind in PersonLinkedRecords.All.Select(k => k.EntityType.Name).Prepend("Person"))
            Assert.True(document.Document.GetElementById("kind-" + kind) is not null, $"No section for {kind}");
        Assert.Contains("redact other people's personal data", document.MainText);
        Assert.Contains("Alex Morgan", document.MainText); // staff names in the trail and on records
        var audit = await app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.Action == AuditAction.Exported && a.RecordType == "SubjectAccess" && a.PersonId == world.Person).ToListAsync());
        Assert.Equal("SAR-2026-014", Assert.Single(audit).Purpose);
    }

    [Fact]
    public async Task The_json_export_holds_every_row_of_every_kind_the_team_holds_about_the_person()
    {
        var world = await AuthorisationTests.WorldAsync(app, Users.Practitioner);
        using var client = await app.SignedInAsync(Users.TeamManager);
        var form = (await client.GetPageAsync($"/people/{world.Person}/subject-access")).Form("main form");
        using var download = await form.Set("Purpose", "SAR-2026-015").Set("Format", "json").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        var sections = json.RootElement.GetProperty("sections").EnumerateArray()
            .ToDictionary(s => s.GetProperty("kind").GetString()!, s => s.GetProperty("rows").EnumerateArray().ToList());

        var withRows = 0;
        foreach (var kind in PersonLinkedRecords.All)
        {
            Assert.True(sections.ContainsKey(kind.EntityType.Name), $"No section for {kind.EntityType.Name}");
            var expected = await app.Data.QueryAsync(async db =>
            {
                // The export's own audit event is written after it is made.
                var rows = (await kind.ListRowsAsync(db, world.Person)).Where(r => r is not AuditEvent { RecordType: "SubjectAccess" });
                return rows.Select(r => db.Entry(r)).Where(e => e.Metadata.FindProperty("TeamId") is not { } p || e.Property(p.Name).CurrentValue is not Guid g || g == app.Data.Northshire).Count();
            });
            Assert.True(expected == sections[kind.EntityType.Name].Count, $"{kind.EntityType.Name}: {sections[kind.EntityType.Name].Count} rows exported, {expected} held");
            if (expected > 0) withRows++;
        }
        Assert.True(withRows >= 15, $"Only {withRows} kinds had rows");
        Assert.Contains(sections["Episode"], r => r.GetProperty("Id").GetString() == world.Episode.ToString());
        Assert.Contains(sections["Contact"], r => r.GetProperty("Id").GetString() == world.Contact.ToString());
    }

    [Fact]
    public async Task The_retention_page_shows_the_rules_what_the_next_run_would_destroy_and_refuses_a_run_without_confirmation()
    {
        using var client = await app.SignedInAsync(Users.Administrator);
        var home = await client.GetPageAsync("/");
        Assert.NotNull(home.Document.QuerySelector("main a[href='/retention']")); // reached from the home page, not by guessing
        var page = await client.GetPageAsync("/retention");
        Assert.Equal("Retention and destruction", page.H1);
        Assert.Contains("Mental health record (20 years after last contact)", page.MainText);
        Assert.Contains("Child's record (until the 25th birthday, or 26th if 17 at last contact)", page.MainText);
        Assert.DoesNotContain("Quenbury", page.MainText);
        // Each person due is listed by reference with the rule and dates, so the administrator can check before confirming.
        var due = page.Document.QuerySelectorAll("#due tbody tr");
        Assert.NotEmpty(due);
        Assert.All(due, r => Assert.Matches("^P-[0-9a-f]{12}$", r.QuerySelector("code")!.TextContent));
        Assert.All(due, r => Assert.Matches(@"\d{1,2} [A-Z][a-z]+ \d{4}", r.QuerySelectorAll("td")[3].TextContent));
        using var refused = await page.Form("main form").SubmitAsync(client);
        var again = await HtmlPage.ReadAsync(refused);
        Assert.StartsWith("Error: ", again.Title);
        Assert.Contains("Confirm that you have checked what the run will destroy", again.ErrorSummary!);
        Assert.True(await app.Data.QueryAsync(db => db.People.IgnoreQueryFilters().AnyAsync(p => p.FamilyName == "Quenbury")));
    }
}
