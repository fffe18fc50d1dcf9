using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.CriminalJustice;
using Waymark.Screening;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Mentoring;

/// <summary>
/// A volunteer mentor reaches only their own pages, only for their own active mentees, and sees nothing clinical (issue 14
/// item 6). The walk uses <see cref="AuthorisationTests.Matrix"/>, which has a row for every routed page and handler.
/// </summary>
public abstract class MentorAccessTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : MentorAccessTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : MentorAccessTests(app);

    private string Volunteer => app.Data.UserId(Users.Volunteer);

    /// <summary>The mentor's own pages (and pairing, which is a team manager's): the only person-data pages a volunteer may open.</summary>
    private static bool IsMentorPage(string handler) =>
        handler.Contains(" /Mentoring/", StringComparison.Ordinal) && !handler.Contains("/Mentoring/Pair", StringComparison.Ordinal) && !handler.Contains("/Mentoring/End", StringComparison.Ordinal);

    /// <summary>Pages about no person that every signed-in user has: home, account, errors, privacy, accessibility.</summary>
    private static bool IsAccountOrHomePage(string handler) =>
        handler.Contains(" /Account/", StringComparison.Ordinal) || handler.EndsWith(" /Index", StringComparison.Ordinal)
        || handler.Contains(" /Error", StringComparison.Ordinal) || handler.Contains(" /Privacy", StringComparison.Ordinal) || handler.Contains(" /Accessibility", StringComparison.Ordinal);

    [Fact]
    public async Task A_mentor_of_person_A_reaches_no_page_of_the_app_about_A_but_the_mentor_pages()
    {
        var world = await AuthorisationTests.WorldAsync(app, Users.Volunteer);
        // The volunteer mentors A (the world's person, and the assessed, referred and screened other person) as well as the world's mentee.
        await app.Data.AddPairingAsync(app.Data.Northshire, world.Person, Volunteer);
        await app.Data.AddPairingAsync(app.Data.Northshire, world.OtherPerson, Volunteer);
        using var client = await app.SignedInAsync(Users.Volunteer);
        var token = (await client.GetPageAsync("/")).Form("header form[action='/account/sign-out']")["__RequestVerificationToken"]!;
        var failures = new List<string>();
        var walked = 0;
        foreach (var row in AuthorisationTests.Matrix.Where(r => !IsAccountOrHomePage(r.Handler)))
        {
            var urls = new[] { row.Url(world), row.Url(world with { Mentee = world.Person }), row.Url(world with { Mentee = world.OtherPerson }) }.Distinct();
            foreach (var url in urls)
            {
                walked++;
                if (IsMentorPage(row.Handler))
                {
                    if (row.IsPost) continue; // a valid post would record something; the GET shows the page opens
                    using var mine = await client.GetAsync(url);
                    if (mine.StatusCode != HttpStatusCode.OK) failures.Add($"{row.Handler} {url}: the mentor's own page answered {(int)mine.StatusCode}");
                    continue;
                }
                // Everything else, even about their own mentee, is refused (403) or not found (404); a valid token so only authorisation stops it.
                using var response = row.IsPost ? await client.PostAsync(url, [new("__RequestVerificationToken", token)]) : await client.GetAsync(url);
                var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                    || (response.StatusCode == HttpStatusCode.Redirect && Redirects.Path(response) == "/account/access-denied");
                if (!refused) failures.Add($"{row.Handler} {url}: expected 403 or 404, got {(int)response.StatusCode} {Redirects.Describe(response)}");
            }
        }
        Assert.True(walked > 150, $"Only {walked} pages walked");
        Assert.True(failures.Count == 0, "A volunteer mentor reached:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task The_mentor_pages_of_a_non_mentee_another_teams_person_and_an_ended_pairing_are_not_found()
    {
        var (notMine, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var (colleagues, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var otherVolunteer = await app.Data.AddUserAsync(app.Data.Northshire, "Other Volunteer", Waymark.Teams.Roles.Volunteer);
        await app.Data.AddPairingAsync(app.Data.Northshire, colleagues.Id, otherVolunteer);
        var (southshire, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Southshire);
        await app.Data.AddPairingAsync(app.Data.Southshire, southshire.Id, Volunteer);
        var (ended, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddPairingAsync(app.Data.Northshire, ended.Id, Volunteer, p => { p.EndedAt = DateTimeOffset.UtcNow.AddDays(-1); p.EndedByUserId = p.StartedByUserId; p.EndReason = "Goals met"; });
        using var client = await app.SignedInAsync(Users.Volunteer);
        var token = (await client.GetPageAsync("/")).Form("header form[action='/account/sign-out']")["__RequestVerificationToken"]!;

        var failures = new List<string>();
        foreach (var person in new[] { notMine.Id, colleagues.Id, southshire.Id, ended.Id, Guid.NewGuid() })
        {
            foreach (var url in new[] { $"/mentoring/{person}", $"/mentoring/{person}/contacts/new", $"/mentoring/{person}/appointments/new" })
            {
                using var got = await client.GetAsync(url);
                if (got.StatusCode != HttpStatusCode.NotFound) failures.Add($"GET {url}: {(int)got.StatusCode}");
            }
            using var posted = await client.PostAsync($"/mentoring/{person}/contacts/new",
                [new("__RequestVerificationToken", token), new("Reached", "yes"), new("Note", "Should not save"), new("Time", "10:00"),
                 new("OccurredOn.Day", "1"), new("OccurredOn.Month", "1"), new("OccurredOn.Year", "2026")]);
            if (posted.StatusCode != HttpStatusCode.NotFound) failures.Add($"POST contact for {person}: {(int)posted.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var list = await client.GetPageAsync("/mentoring");
        foreach (var person in new[] { notMine.Id, colleagues.Id, southshire.Id, ended.Id })
            Assert.DoesNotContain($"/mentoring/{person}", list.Links("main a"));
        Assert.Equal(0, await app.Data.QueryAsync(db => db.Set<Contact>().CountAsync(c => c.Note == "Should not save")));
    }

    [Fact]
    public async Task The_mentee_page_shows_nothing_clinical_nor_other_workers_notes_and_its_view_is_audited()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e =>
        {
            e.IdentificationReason = "Zanzibarreason heard voices in the cell";
            e.VulnerabilityPrompts = "Quokkavulnerable";
        });
        await app.Data.ChangeAsync(db =>
        {
            var practitioner = app.Data.UserId(Users.Practitioner);
            db.ScreeningOutcomes.Add(new ScreeningOutcome
            {
                TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = person.Id, Sequence = 1, RiskNotes = "Periwinklerisk of self-harm",
                Needs = "mental-health", RecordedAt = DateTimeOffset.UtcNow, RecordedByUserId = practitioner,
            });
            var a = new PsychosocialAssessment { TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = person.Id, StartedByUserId = practitioner, UpdatedByUserId = practitioner, RiskSummary = "Tangerinerisksummary" };
            a.Needs.Add(new AssessedNeed { AssessmentId = a.Id, Domain = "housing", Finding = NeedFinding.Need, Severity = Severity.High, InTheirWords = "Obsidianwords" });
            db.Add(a);
            db.Add(new CriminalJusticeEvent
            {
                TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = person.Id, Kind = CriminalJusticeEventKind.RemandOrBail,
                On = UkTime.Today(TimeProvider.System), BailConditions = "Xylophonebail curfew", RecordedAt = DateTimeOffset.UtcNow, RecordedByUserId = practitioner,
            });
            db.Add(new Contact
            {
                TeamId = episode.TeamId, PersonId = person.Id, EpisodeId = episode.Id, Kind = ContactKind.FaceToFace, Reached = true,
                OccurredAt = DateTimeOffset.UtcNow.AddHours(-2), WorkerUserId = practitioner, RecordedByUserId = practitioner,
                RecordedAt = DateTimeOffset.UtcNow, Note = "Cobaltnote about medication",
            });
            return Task.CompletedTask;
        });
        await Appointments.AppointmentData.AddAppointmentAsync(app.Data, episode, app.Data.UserId(Users.Practitioner), with: a => a.Location = "Vermilion clinic room");
        var mine = await Appointments.AppointmentData.AddAppointmentAsync(app.Data, episode, Volunteer, with: a => a.Location = "Library café");
        var pairing = await app.Data.AddPairingAsync(app.Data.Northshire, person.Id, Volunteer);
        using var client = await app.SignedInAsync(Users.Volunteer);

        var page = await client.GetPageAsync($"/mentoring/{person.Id}");

        Assert.Equal(person.FullName, page.H1);
        Assert.Contains("Library café", page.MainText);
        foreach (var secret in new[] { "Zanzibarreason", "Quokkavulnerable", "Periwinklerisk", "Tangerinerisksummary", "Obsidianwords", "Xylophonebail", "Cobaltnote", "Vermilion" })
            Assert.DoesNotContain(secret, page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain($"/people/{person.Id}", page.Links("a"));
        Assert.DoesNotContain($"/episodes/{episode.Id}", page.Links("a"));
        var viewed = await app.Data.QueryAsync(db => db.AuditEvents.Where(e => e.PersonId == person.Id && e.Action == AuditAction.Viewed && e.UserId == Volunteer).Select(e => e.RecordId).ToListAsync());
        Assert.Contains(pairing.Id.ToString(), viewed);
        _ = mine;
    }

    [Fact]
    public async Task The_shared_action_plan_tags_a_passed_review_and_an_overdue_step_as_the_case_workers_view_does()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var today = UkTime.Today(TimeProvider.System);
        await ActionPlans.ActionPlanData.AddPlanAsync(app.Data, app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner),
            plan: p => p.NextReviewOn = today.AddDays(-1), step: s => s.DueOn = today.AddDays(-2));
        await app.Data.AddPairingAsync(app.Data.Northshire, person.Id, Volunteer);
        using var client = await app.SignedInAsync(Users.Volunteer);

        var page = await client.GetPageAsync($"/mentoring/{person.Id}");
        var shared = HtmlPage.Collapse(page.Document.GetElementById("shared-action-plan")!.TextContent);
        Assert.Contains("Go to the housing office", shared);
        Assert.Contains("Overdue", shared);
        Assert.Contains("Review due", shared);
        Assert.DoesNotContain("So my kids can stay", page.Html);
    }

    [Fact]
    public async Task A_shared_action_plan_on_time_has_no_tags()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var today = UkTime.Today(TimeProvider.System);
        await ActionPlans.ActionPlanData.AddPlanAsync(app.Data, app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner),
            plan: p => p.NextReviewOn = today.AddDays(30));
        await app.Data.AddPairingAsync(app.Data.Northshire, person.Id, Volunteer);
        using var client = await app.SignedInAsync(Users.Volunteer);
        var page = await client.GetPageAsync($"/mentoring/{person.Id}");
        Assert.Empty(page.Document.GetElementById("shared-action-plan")!.QuerySelectorAll(".nhsuk-tag"));
    }

    [Fact]
    public async Task A_volunteers_home_and_menu_offer_only_their_mentees_and_account_links()
    {
        using var client = await app.SignedInAsync(Users.Volunteer);
        var home = await client.GetPageAsync("/");
        var main = home.Links("main a").Distinct().ToList();
        Assert.Equal(["/mentoring"], main);
        var menu = home.Links("header nav[aria-label='Menu'] a").ToList();
        Assert.Equal(["/mentoring"], menu);
        var account = home.Links("header nav[aria-label='Account'] a").ToList();
        Assert.All(account, a => Assert.StartsWith("/account", a));
    }
}
