using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.CrisisPlans;
using Waymark.Episodes;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.CrisisPlans;

/// <summary>Crisis plans through the pages: writing and changing, bad input, conflicts, other teams, the copies, texting, the banner.</summary>
public abstract class CrisisPlanPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : CrisisPlanPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : CrisisPlanPageTests(app);

    private Task<List<CrisisPlanVersion>> VersionsAsync(Guid personId) =>
        app.Data.QueryAsync(db => db.Set<CrisisPlanVersion>().Where(v => v.PersonId == personId).OrderBy(v => v.Number).ToListAsync());

    private static HtmlForm Filled(HtmlForm form) => form
        .Set("WarningSigns", "Not sleeping\nStaying in my room").Set("SelfHelp", "Go for a walk")
        .Set("Contacts[0].Name", "Jo Test").Set("Contacts[0].Relationship", "sister").Set("Contacts[0].Phone", "07700 900 123")
        .Set("WhoWasThere", "The person and me").Set("AgreedWithPerson", "yes").SetDate("AgreedOn", Today);

    // The person is created now (TestData), and an agreed date cannot be before they became known to the service.
    private static DateOnly Today => UkTime.Today(TimeProvider.System);

    private static string Spoken(DateOnly d) => d.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    [Fact]
    public async Task A_support_worker_writes_a_plan_changes_it_and_both_versions_are_kept_and_shown()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SupportWorker);
        var personPage = await client.GetPageAsync($"/people/{person.Id}");
        Assert.Contains("No crisis plan", personPage.MainText);
        Assert.Contains($"/people/{person.Id}/crisis-plan/edit", personPage.Links("main a"));

        var form = await client.GetPageAsync($"/people/{person.Id}/crisis-plan/edit");
        Assert.Equal("Write a crisis plan", form.H1);
        using (var saved = await Filled(form.Form("main form")).SubmitAsync(client))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal($"/people/{person.Id}/crisis-plan", Redirects.Path(saved));
        }
        var change = await client.GetPageAsync($"/people/{person.Id}/crisis-plan/edit");
        Assert.Equal("Change the crisis plan", change.H1);
        var prefilled = change.Form("main form");
        Assert.Equal(("Jo Test", "1"), (prefilled["Contacts[0].Name"], prefilled["BasedOn"]));
        using (var again = await prefilled.Set("WarningSigns", "Not eating").SubmitAsync(client)) Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        var versions = await VersionsAsync(person.Id);
        Assert.Equal([("Not sleeping\nStaying in my room", 1), ("Not eating", 2)], versions.Select(v => (v.WarningSigns, v.Number)).ToList());
        var plan = await client.GetPageAsync($"/people/{person.Id}/crisis-plan");
        Assert.Equal("Crisis plan", plan.H1);
        Assert.Contains("Not eating", plan.MainText);
        Assert.Contains("Samaritans: 116 123", plan.MainText);
        Assert.Contains("Jo Test (sister): 07700 900 123", plan.MainText);
        Assert.Contains($"/people/{person.Id}/crisis-plan/versions/1", plan.Links("main a"));
        var first = await client.GetPageAsync($"/people/{person.Id}/crisis-plan/versions/1");
        Assert.Contains("This is an earlier version", first.MainText);
        Assert.Contains("Staying in my room", first.MainText);
        await client.GetPageAsync($"/people/{person.Id}/crisis-plan/versions/3", HttpStatusCode.NotFound);
        Assert.Contains($"has a crisis plan (agreed {Spoken(Today)})", (await client.GetPageAsync($"/people/{person.Id}")).MainText);
    }

    [Fact]
    public async Task Bad_input_is_answered_with_the_error_summary_keeping_what_was_typed_and_nothing_is_saved()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/people/{person.Id}/crisis-plan/edit")).Form("main form")
            .Set("SelfHelp", "Go for a walk").Set("Contacts[0].Name", "Jo Test").Set("Contacts[0].Phone", "ring her")
            .Set("AgreedWithPerson", "yes").Set("AgreedOn.Day", "31").Set("AgreedOn.Month", "2").Set("AgreedOn.Year", "2026");
        using var refused = await form.SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains("Enter at least one warning sign", page.ErrorSummary!);
        Assert.Contains("Enter a phone number for person 1", page.ErrorSummary!);
        Assert.Contains("Enter who was there", page.ErrorSummary!);
        Assert.Contains("real date", page.ErrorSummary!, StringComparison.OrdinalIgnoreCase);
        var kept = page.Form("main form");
        Assert.Equal(("Go for a walk", "Jo Test", "ring her", "31"), (kept["SelfHelp"], kept["Contacts[0].Name"], kept["Contacts[0].Phone"], kept["AgreedOn.Day"]));
        Assert.Empty(await VersionsAsync(person.Id));
    }

    [Fact]
    public async Task All_six_rows_for_people_who_can_help_are_shown_so_a_fourth_person_needs_no_extra_version_and_empty_rows_are_ignored()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync($"/people/{person.Id}/crisis-plan/edit");
        var form = page.Form("main form");
        Assert.True(form.Has("Contacts[5].Name") && form.Has("Contacts[5].Phone"));
        Assert.False(form.Has("Contacts[6].Name"));
        Assert.Equal("6", form["ContactRowsShown"]);
        Assert.Contains("Up to six people. Leave a row empty if it is not needed.", page.MainText);
        Assert.DoesNotContain("Save to get another row", page.MainText);

        using (var saved = await Filled(form)
            .Set("Contacts[3].Name", "Ali Testfriend").Set("Contacts[3].Phone", "07700 900 444")
            .Set("Contacts[5].Name", "Sam Testneighbour").Set("Contacts[5].Relationship", "neighbour").Set("Contacts[5].Phone", "07700 900 666")
            .SubmitAsync(client))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var version = Assert.Single(await VersionsAsync(person.Id));
        Assert.Equal(["Jo Test", "Ali Testfriend", "Sam Testneighbour"], version.Contacts.Select(c => c.Name).ToList());

        var change = (await client.GetPageAsync($"/people/{person.Id}/crisis-plan/edit")).Form("main form");
        Assert.Equal(["Jo Test", "Ali Testfriend", "Sam Testneighbour", "", "", ""],
            Enumerable.Range(0, 6).Select(i => change[$"Contacts[{i}].Name"] ?? "").ToList());
        Assert.False(change.Has("Contacts[6].Name"));
    }

    [Fact]
    public async Task A_do_not_contact_member_of_the_support_network_cannot_be_someone_who_can_help_by_name_or_by_phone()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var me = app.Data.UserId(Users.Practitioner);
        await Waymark.Web.Tests.DropIns.DropInData.AddMemberAsync(app.Data, person.Id, app.Data.Northshire, me, "Gary Demo-Ex", doNotContact: "Ex-partner");
        await Waymark.Web.Tests.DropIns.DropInData.AddMemberAsync(app.Data, person.Id, app.Data.Northshire, me, "Maya Testmother");
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = Filled((await client.GetPageAsync($"/people/{person.Id}/crisis-plan/edit")).Form("main form"))
            .Set("Contacts[0].Name", "  gary   DEMO-ex ").Set("Contacts[0].Phone", "07700 900 555")
            .Set("Contacts[1].Name", "G. D.").Set("Contacts[1].Phone", "+44 1632 960001")
            .Set("Contacts[2].Name", "Maya Testmother").Set("Contacts[2].Phone", "07700 900 777");
        using var refused = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlPage.ReadAsync(refused);
        var errors = page.Document.QuerySelectorAll(".nhsuk-error-summary__list li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(
            ["Gary Demo-Ex is marked do not contact: Ex-partner; take them off the plan (person 1 who can help)",
             "Gary Demo-Ex is marked do not contact: Ex-partner; take them off the plan (person 2 who can help)"], errors);
        Assert.Empty(await VersionsAsync(person.Id));

        using var saved = await page.Form("main form").Set("Contacts[0].Name", "").Set("Contacts[0].Relationship", "").Set("Contacts[0].Phone", "").Set("Contacts[1].Name", "").Set("Contacts[1].Phone", "").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Maya Testmother", Assert.Single(Assert.Single(await VersionsAsync(person.Id)).Contacts).Name);
    }

    [Fact]
    public async Task A_person_who_can_help_typed_by_the_first_name_of_a_do_not_contact_member_is_refused_until_the_user_says_it_is_someone_else()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await Waymark.Web.Tests.DropIns.DropInData.AddMemberAsync(app.Data, person.Id, app.Data.Northshire, app.Data.UserId(Users.Practitioner), "Idris Demo-Sibling", doNotContact: "Threatens them.");
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = Filled((await client.GetPageAsync($"/people/{person.Id}/crisis-plan/edit")).Form("main form"))
            .Set("Contacts[0].Name", "idris").Set("Contacts[0].Relationship", "brother").Set("Contacts[0].Phone", "07700 900 968")
            .Set("Contacts[1].Name", "Idris Testfriend").Set("Contacts[1].Phone", "07700 900 969")
            .Set("Contacts[2].Name", "Idr Testname").Set("Contacts[2].Phone", "07700 900 970");
        using var refused = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlPage.ReadAsync(refused);
        var errors = page.Document.QuerySelectorAll(".nhsuk-error-summary__list li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(
            ["Person 1 who can help may be Idris Demo-Sibling, who is marked do not contact: Threatens them; take them off the plan, or tick \u201cThis is not Idris Demo-Sibling (do not contact)\u201d",
             "Person 2 who can help may be Idris Demo-Sibling, who is marked do not contact: Threatens them; take them off the plan, or tick \u201cThis is not Idris Demo-Sibling (do not contact)\u201d"], errors);
        Assert.Empty(await VersionsAsync(person.Id));
        var again = page.Form("main form");
        Assert.Equal("idris", again["Contacts[0].Name"]);
        Assert.Equal("07700 900 968", again["Contacts[0].Phone"]);
        Assert.Equal(2, page.Document.QuerySelectorAll("label").Count(l => l.TextContent.Trim() == "This is not Idris Demo-Sibling (do not contact)"));
        Assert.NotNull(page.Document.QuerySelector("input[type=checkbox][name='Contacts[0].NotDoNotContact']"));
        Assert.Null(page.Document.QuerySelector("input[type=checkbox][name='Contacts[2].NotDoNotContact']"));

        // Ticking one row is not enough; the full name is refused even with the tick.
        using (var oneTicked = await again.Set("Contacts[0].NotDoNotContact", "true").SubmitAsync(client))
        {
            var p = await HtmlPage.ReadAsync(oneTicked);
            Assert.DoesNotContain("Person 1 who can help may be", p.ErrorSummary!);
            Assert.Contains("Person 2 who can help may be", p.ErrorSummary!);
            Assert.True(p.Form("main form").Has("Contacts[0].NotDoNotContact"));
        }
        using (var fullName = await again.Set("Contacts[1].Name", "Idris Demo-Sibling").Set("Contacts[1].NotDoNotContact", "true").SubmitAsync(client))
            Assert.Contains("Idris Demo-Sibling is marked do not contact: Threatens them; take them off the plan (person 2 who can help)", (await HtmlPage.ReadAsync(fullName)).ErrorSummary!);
        Assert.Empty(await VersionsAsync(person.Id));

        using var saved = await again.Set("Contacts[1].Name", "Idris Testfriend").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["idris", "Idris Testfriend", "Idr Testname"], Assert.Single(await VersionsAsync(person.Id)).Contacts.Select(c => c.Name).ToList());
    }

    [Theory]
    [InlineData("Shouting puts them at risk.")]
    [InlineData("Shouting puts them at risk;")]
    [InlineData("Shouting puts them at risk")]
    public async Task The_do_not_contact_problem_reads_as_one_sentence_whatever_the_reason_ends_with(string reason)
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await Waymark.Web.Tests.DropIns.DropInData.AddMemberAsync(app.Data, person.Id, app.Data.Northshire, app.Data.UserId(Users.Practitioner), "Gary Demo-Ex", doNotContact: reason);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = Filled((await client.GetPageAsync($"/people/{person.Id}/crisis-plan/edit")).Form("main form"))
            .Set("Contacts[0].Name", "Gary Demo-Ex").Set("Contacts[0].Phone", "07700 900 555");
        var page = await HtmlPage.ReadAsync(await form.SubmitAsync(client));
        Assert.Contains("Gary Demo-Ex is marked do not contact: Shouting puts them at risk; take them off the plan (person 1 who can help)", page.ErrorSummary!);
        Assert.DoesNotContain(".;", page.ErrorSummary!);
        Assert.DoesNotContain(";;", page.ErrorSummary!);
    }

    [Theory]
    [InlineData(1900, 1, 1)]
    [InlineData(2000, 6, 15)]
    public async Task An_agreed_date_before_the_person_became_known_is_refused(int year, int month, int day)
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = Filled((await client.GetPageAsync($"/people/{person.Id}/crisis-plan/edit")).Form("main form")).SetDate("AgreedOn", new DateOnly(year, month, day));
        var page = await HtmlPage.ReadAsync(await form.SubmitAsync(client));
        Assert.Contains("The date the person agreed the plan cannot be before", page.ErrorSummary!);
        Assert.Contains("when the person became known to the service", page.ErrorSummary!);
        Assert.Empty(await VersionsAsync(person.Id));
    }

    [Fact]
    public async Task Rows_of_people_who_can_help_that_do_not_bind_are_refused_rather_than_dropped()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = Filled((await client.GetPageAsync($"/people/{person.Id}/crisis-plan/edit")).Form("main form"));
        // The rows renumbered (as a changed or out-of-date form would post them): the model binder drops them all.
        var renumbered = form.Fields.Select(f => new KeyValuePair<string, string>(f.Key.Replace("Contacts[", "Contacts[9", StringComparison.Ordinal), f.Value)).ToList();
        using var refused = await client.PostAsync($"/people/{person.Id}/crisis-plan/edit", renumbered);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The form was changed or is out of date", page.ErrorSummary!);
        Assert.Empty(await VersionsAsync(person.Id));
    }

    [Fact]
    public async Task Two_people_changing_the_same_version_the_second_is_told_of_the_conflict()
    {
        // Identified before the stored plan's agreed date (3 October 2026), which each save keeps.
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.IdentifiedAt = new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero));
        await app.Data.AddCrisisPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        using var first = await app.SignedInAsync(Users.Practitioner);
        using var second = await app.SignedInAsync(Users.SupportWorker);
        var a = (await first.GetPageAsync($"/people/{person.Id}/crisis-plan/edit")).Form("main form");
        var b = (await second.GetPageAsync($"/people/{person.Id}/crisis-plan/edit")).Form("main form");
        using (var saved = await a.Set("WarningSigns", "First").SubmitAsync(first)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var refused = await b.Set("WarningSigns", "Second").SubmitAsync(second);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Someone else saved a new version", page.ErrorSummary!);
        Assert.Equal("Second", page.Form("main form")["WarningSigns"]);
        Assert.Equal(["Not sleeping\nStaying in my room", "First"], (await VersionsAsync(person.Id)).Select(v => v.WarningSigns).ToList());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/versions/1")]
    [InlineData("/edit")]
    [InlineData("/print")]
    [InlineData("/easy-read")]
    public async Task Another_teams_user_gets_404_for_every_crisis_plan_page(string tail)
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddCrisisPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        await client.GetPageAsync($"/people/{person.Id}/crisis-plan{tail}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_easy_read_copy_has_one_h1_plain_headings_and_a_symbol_beside_each_section()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddCrisisPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync($"/people/{person.Id}/crisis-plan/easy-read");
        Assert.Single(page.Document.QuerySelectorAll("h1"));
        Assert.Equal("My crisis plan", page.H1);
        var sections = page.Document.QuerySelectorAll(".waymark-easy-read__section");
        var headings = sections.Select(s => s.QuerySelector("h2")!.TextContent.Trim()).ToList();
        Assert.Equal(["When things are getting hard", "Things I can do", "People and places that help me", "People who can help me", "Who to call", "Keeping safe", "Other things"], headings);
        Assert.All(sections, s => Assert.NotNull(s.QuerySelector(".waymark-easy-read__symbol[aria-hidden=true] svg")));
        Assert.Contains("Not sleeping", page.MainText);
        Assert.Contains("Call 116 123", page.MainText);
        Assert.Equal("Print this easy-read copy", page.Document.QuerySelector("a[data-module=waymark-print]")!.TextContent.Trim());
        Assert.Contains("This is my plan. I agreed it on 3 October 2026.", page.MainText);
    }

    [Fact]
    public async Task The_print_copy_shows_the_plan_and_who_to_call_and_its_print_button_is_a_plain_link()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddCrisisPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.TeamManager);
        var page = await client.GetPageAsync($"/people/{person.Id}/crisis-plan/print");
        Assert.EndsWith("'s crisis plan", page.H1, StringComparison.Ordinal);
        Assert.Contains("Agreed with", page.MainText);
        Assert.Contains("Warning signs and triggers", page.MainText);
        Assert.Contains("NHS 111: 111, then option 2", page.MainText);
        Assert.Equal($"/people/{person.Id}/crisis-plan/print", page.Document.QuerySelector("a[data-module=waymark-print]")!.GetAttribute("href"));
        Assert.NotNull(page.Document.QuerySelector(".waymark-no-print a[data-module=waymark-print]"));
        // No plan: nothing to print.
        var (none, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await client.GetPageAsync($"/people/{none.Id}/crisis-plan/print", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_plan_not_agreed_with_the_person_is_not_texted_to_them()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Bethan", TestData.UniqueName("Unagreed"), new DateOnly(1991, 4, 2),
            p => { p.Phone = "07700 900 458"; p.ConsentToText = true; });
        await app.Data.AddEpisodeAsync(person.Id, app.Data.Northshire);
        var version = await app.Data.AddCrisisPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        await app.Data.ChangeAsync(async db =>
        {
            var v = await db.Set<CrisisPlanVersion>().SingleAsync(x => x.Id == version.Id);
            (v.AgreedWithPerson, v.AgreedOn) = (false, null);
        });
        using var client = await app.SignedInAsync(Users.Practitioner);
        var plan = await client.GetPageAsync($"/people/{person.Id}/crisis-plan");
        Assert.Null(plan.Document.QuerySelector("form[action*='handler=Text']"));
        Assert.Contains($"Agree the plan with {person.FullName} before sending them a copy", plan.MainText);
        var token = plan.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var forced = await client.PostAsync($"/people/{person.Id}/crisis-plan?handler=Text",
            [new KeyValuePair<string, string>("__RequestVerificationToken", token)]);
        Assert.Contains($"Agree the plan with {person.FullName} before sending them a copy", (await client.FollowAsync(forced)).MainText);
        Assert.False(await app.Data.QueryAsync(db => db.Set<CrisisPlanShare>().AnyAsync(s => s.PersonId == person.Id)));
    }

    [Fact]
    public async Task A_copy_is_texted_through_notify_only_when_the_person_agreed_to_texts()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Bethan", TestData.UniqueName("Crisis"), new DateOnly(1991, 4, 2),
            p => { p.Phone = "07700 900 456"; p.ConsentToText = true; });
        await app.Data.AddEpisodeAsync(person.Id, app.Data.Northshire);
        var noConsent = await app.Data.AddPersonAsync(app.Data.Northshire, "Carys", TestData.UniqueName("Crisis"), new DateOnly(1990, 1, 2), p => p.Phone = "07700 900 457");
        await app.Data.AddEpisodeAsync(noConsent.Id, app.Data.Northshire);
        await app.Data.AddCrisisPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        await app.Data.AddCrisisPlanAsync(app.Data.Northshire, noConsent.Id, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.Practitioner);

        var plan = await client.GetPageAsync($"/people/{person.Id}/crisis-plan");
        using (var sent = await plan.Form("form[action*='handler=Text']").SubmitAsync(client))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.Contains("has been sent by text", (await client.FollowAsync(sent)).MainText);
        }
        var share = await app.Data.QueryAsync(db => db.Set<CrisisPlanShare>().SingleAsync(s => s.PersonId == person.Id));
        Assert.NotNull(share.NotifyId);
        Assert.Equal(app.Data.UserId(Users.Practitioner), share.SentByUserId);

        var other = await client.GetPageAsync($"/people/{noConsent.Id}/crisis-plan");
        Assert.Null(other.Document.QuerySelector("form[action*='handler=Text']"));
        Assert.Contains("has not agreed to texts", other.MainText);
        // Posting anyway is refused with the reason, and nothing is sent.
        using var forced = await client.PostAsync($"/people/{noConsent.Id}/crisis-plan?handler=Text", plan.Form("form[action*='handler=Text']").Fields);
        Assert.Contains("has not agreed to texts", (await client.FollowAsync(forced)).MainText);
        Assert.False(await app.Data.QueryAsync(db => db.Set<CrisisPlanShare>().AnyAsync(s => s.PersonId == noConsent.Id)));
    }

    [Fact]
    public async Task A_person_with_a_crisis_plan_identified_again_lands_on_their_record_and_the_new_episode_page_shows_the_banner()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e =>
        {
            var closedAt = DateTimeOffset.UtcNow.AddDays(-60);
            e.IdentifiedAt = e.RecordedAt = closedAt.AddDays(-1);
            e.Close(e.IdentifiedByUserId, closedAt, ClosureReason.SupportCompleted, null);
        });
        await app.Data.AddCrisisPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner), "Pacing and shouting");
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync(person.Id);
        using (var r = await journey.SubmitSettingAsync()) await journey.ExpectRedirectAsync(r, "reason");
        using (var r = await journey.SubmitReasonAsync()) await journey.ExpectRedirectAsync(r, "check");
        Assert.Equal(person.Id, await journey.ConfirmAsync());

        var landed = await client.GetPageAsync($"/people/{person.Id}");
        var banner = landed.Document.QuerySelector("[data-crisis-plan-banner]");
        Assert.NotNull(banner);
        Assert.Contains("has a crisis plan (agreed 3 October 2026)", HtmlPage.Collapse(banner.TextContent));
        Assert.Contains("Pacing and shouting", banner.TextContent);
        var episode = await app.Data.QueryAsync(db => db.Episodes.Where(e => e.PersonId == person.Id && e.ClosedAt == null).SingleAsync());
        var episodePage = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.Contains("has a crisis plan", HtmlPage.Collapse(episodePage.Document.QuerySelector("[data-crisis-plan-banner]")!.TextContent));
        Assert.Equal($"/people/{person.Id}/crisis-plan", episodePage.Document.QuerySelector("[data-crisis-plan-banner] a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_team_manager_sets_the_out_of_hours_number_and_every_plan_shows_it()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddCrisisPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        using var manager = await app.SignedInAsync(Users.TeamManager);
        // Unset (the team's usual state in these tests): staff are told on the plan and its edit page; managers get the link.
        const string None = "Your team has no out-of-hours number, so plans show only the national lines. A team manager can add it in Keeping in touch settings.";
        using (var practitioner = await app.SignedInAsync(Users.Practitioner))
        {
            foreach (var url in new[] { $"/people/{person.Id}/crisis-plan", $"/people/{person.Id}/crisis-plan/edit" })
            {
                var unset = await practitioner.GetPageAsync(url);
                Assert.Contains(None, unset.MainText);
                Assert.DoesNotContain("/team/support-settings", unset.Links("main a"));
            }
        }
        var managerView = await manager.GetPageAsync($"/people/{person.Id}/crisis-plan");
        Assert.Contains(None, managerView.MainText);
        Assert.Contains("/team/support-settings", managerView.Links("[data-no-out-of-hours] a"));
        var settings = (await manager.GetPageAsync("/team/support-settings")).Form("main form");
        using (var bad = await settings.Set("OutOfHoursTelephone", "call the office").SubmitAsync(manager))
        {
            var page = await HtmlPage.ReadAsync(bad);
            Assert.Contains("Enter the out-of-hours number like 01632 960 111", page.ErrorSummary!);
            Assert.Equal("call the office", page.Form("main form")["OutOfHoursTelephone"]);
        }
        var again = (await manager.GetPageAsync("/team/support-settings")).Form("main form")
            .Set("OutOfHoursTelephone", "01632 960 111").Set("OutOfHoursDescription", "Northshire crisis team, nights and weekends");
        using (var ok = await again.SubmitAsync(manager)) Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        try
        {
            var plan = await manager.GetPageAsync($"/people/{person.Id}/crisis-plan");
            Assert.Contains("Northshire crisis team, nights and weekends: 01632 960 111", plan.MainText);
            Assert.DoesNotContain("has no out-of-hours number", plan.MainText);
        }
        finally
        {
            var reset = (await manager.GetPageAsync("/team/support-settings")).Form("main form").Set("OutOfHoursTelephone", "").Set("OutOfHoursDescription", "");
            using var _ = await reset.SubmitAsync(manager);
        }
    }
}
