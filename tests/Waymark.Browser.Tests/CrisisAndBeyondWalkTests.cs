using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Appointments;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.Mentoring;
using Waymark.People;
using Waymark.TestSupport;
using Waymark.ThroughTheGate;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// The app on a clock the walk moves by hand, starting on Monday 4 January 2027 at 10:00 UTC (GMT, so UK time is the
/// same; the walk ends in April, after the clocks go forward, which the UK dates it reads allow for). Its own app and
/// database: the walk moves the clock months on and changes the demo volunteer's mentees.
/// </summary>
public sealed class CrisisAndBeyondWalkFixture : BrowserFixture
{
    /// <summary>The app's clock: every rule, page, sign-in session and the demo seeder read it.</summary>
    public FakeClock Clock { get; } = new(new DateTimeOffset(2027, 1, 4, 10, 0, 0, TimeSpan.Zero));

    /// <inheritdoc />
    protected override WaymarkApp CreateApp() => new(Clock);
}

[CollectionDefinition(Name)]
public sealed class CrisisAndBeyondWalkCollection : ICollectionFixture<CrisisAndBeyondWalkFixture>
{
    public const string Name = "crisis and beyond walk";
}

/// <summary>
/// Issue 14's "Done when", walked as a new user would, by keyboard, with axe on every page visited: a practitioner
/// writes an action plan and a crisis plan with a woman and opens the easy-read and print copies; she is discharged;
/// two months later she drops in, the crisis plan shows at the top of the drop-in form, and the drop-in is recorded and
/// support reopened in one step; a man's release from prison is planned with a meet at the gate, recorded, and its
/// follow-up appears on the key worker's tasks a month later, not a day before; the team manager pairs the demo
/// volunteer with the woman, who then sees only her, her shared plans and his own meeting, and nothing clinical.
/// </summary>
[Collection(CrisisAndBeyondWalkCollection.Name)]
public class CrisisAndBeyondWalkTests(CrisisAndBeyondWalkFixture fx)
{
    private const string Given = "Morwenna";
    private const string Family = "Tregarthen";
    private const string FullName = Given + " " + Family;
    private const string PrisonerGiven = "Dylan";
    private const string PrisonerFamily = "Penhallow";
    private const string PrisonerName = PrisonerGiven + " " + PrisonerFamily;
    private const string Goal = "I want my own flat near my mum";
    private const string Step = "Ring the council housing team about a flat";
    private const string WarningSign = "Not sleeping and staying in my room";
    private const string SelfHelp = "Walk the dog by the river";
    private const string PractitionersMeeting = "Northshire Liaison office, room 4";

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    private static string Long(DateOnly d) => d.ToString("d MMMM yyyy", EnGb);

    /// <summary>
    /// The woman the walk is about, in support for five weeks with the demo practitioner as her key worker, and a man
    /// in prison (his episode began at court) with the same key worker. Also an appointment of the practitioner's with
    /// her, three months on, that her mentor must not see. Made in the database because identification has its own
    /// walks; everything after is done through the pages. The demo volunteer's demo mentoring ends, so the mentee the
    /// walk pairs is their only one.
    /// </summary>
    private async Task<(Guid PersonId, Guid EpisodeId, Guid PrisonerId)> PeopleAsync()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        var now = fx.Clock.Now;
        return await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var identified = now.AddDays(-40);
            var person = new Person { GivenName = Given, FamilyName = Family, DateOfBirth = new DateOnly(1990, 6, 11), Sex = Sex.Female, CreatedAt = identified, CreatedBy = me };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = identified });
            var episode = new Episode
            {
                PersonId = person.Id, TeamId = team, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant",
                IdentificationReason = "Said she felt she could not cope any more", IdentifiedAt = identified, RecordedAt = identified, IdentifiedByUserId = me,
            };
            episode.Allocate(me, me, identified);
            episode.StartSupport(me, identified.AddDays(2));

            var inPrison = now.AddDays(-20);
            var prisoner = new Person { GivenName = PrisonerGiven, FamilyName = PrisonerFamily, DateOfBirth = new DateOnly(1985, 9, 23), Sex = Sex.Male, CreatedAt = inPrison, CreatedBy = me };
            prisoner.TeamLinks.Add(new PersonTeamLink { PersonId = prisoner.Id, TeamId = team, Since = inPrison });
            var court = new Episode
            {
                PersonId = prisoner.Id, TeamId = team, Setting = Setting.MagistratesCourt, IdentifiedBySource = "Court duty solicitor",
                IdentificationReason = "Low mood; remanded to HMP Northshire", IdentifiedAt = inPrison, RecordedAt = inPrison, IdentifiedByUserId = me,
            };
            court.Allocate(me, me, inPrison);
            court.StartSupport(me, inPrison.AddDays(1));

            var practitionersAppointment = new Appointment
            {
                TeamId = team, PersonId = person.Id, EpisodeId = episode.Id, StartsAt = now.AddDays(100), DurationMinutes = 45,
                Location = PractitionersMeeting, Purpose = "Review her support", WorkerUserId = me, BookedByUserId = me, BookedAt = now,
            };
            db.AddRange(person, episode, prisoner, court, practitionersAppointment);

            var volunteer = await db.Users.Where(u => u.Email == Ui.Email("Volunteer")).Select(u => u.Id).SingleAsync();
            foreach (var demo in await db.Set<MentoringPairing>().Where(p => p.MentorUserId == volunteer && p.EndedAt == null).ToListAsync())
            {
                demo.EndedAt = now.AddDays(-1);
                demo.EndedByUserId = me;
                demo.EndReason = "Demo mentoring finished";
            }
            await db.SaveChangesAsync();
            return (person.Id, episode.Id, prisoner.Id);
        });
    }

    private static async Task TypeAsync(IPage page, string label, string text) =>
        await page.TypeByKeyboardAsync(page.GetByLabel(label, new() { Exact = true }), text);

    private static async Task TypeDateAsync(IPage page, string field, DateOnly date)
    {
        await page.TypeByKeyboardAsync(page.Locator($"input[name='{field}.Day']"), date.Day.ToString(CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.Locator($"input[name='{field}.Month']"), date.Month.ToString(CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.Locator($"input[name='{field}.Year']"), date.Year.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Moves the app's clock to <paramref name="time"/> (UK) on <paramref name="day"/>, and signs in afresh: the old session has ended.</summary>
    private async Task<IPage> SignInOnAsync(IPage? old, DateOnly day, string role, TimeOnly? time = null)
    {
        if (old is not null) await old.Context.CloseAsync();
        fx.Clock.Set(UkTime.FromLocal(day, time ?? new TimeOnly(10, 0)));
        return await fx.SignedInPageAsync(Ui.Email(role));
    }

    /// <summary>An easy-read copy: large type, a symbol beside every section, one h1.</summary>
    private static async Task AssertEasyReadAsync(IPage page, string what, string h1)
    {
        await Expect(page.Locator("h1")).ToHaveTextAsync(h1);
        var sections = page.Locator(".waymark-easy-read__section");
        var count = await sections.CountAsync();
        Assert.True(count >= 3, $"{what} has {count} easy-read sections");
        await Expect(page.Locator(".waymark-easy-read__section > .waymark-easy-read__symbol svg")).ToHaveCountAsync(count);
        await Expect(page.Locator(".waymark-easy-read__symbol").First).ToBeVisibleAsync();
        var bodyPx = await page.Locator(".waymark-easy-read").EvaluateAsync<double>("el => parseFloat(getComputedStyle(el).fontSize)");
        var pagePx = await page.Locator("footer[role=contentinfo]").EvaluateAsync<double>("el => parseFloat(getComputedStyle(el).fontSize)");
        Assert.True(bodyPx >= 22 && bodyPx > pagePx, $"{what}: easy-read text is {bodyPx}px (the footer's is {pagePx}px); it should be large type");
        await page.AssertAccessibleAsync(what);
    }

    /// <summary>A copy to print: in print media the header and the buttons go.</summary>
    private static async Task AssertPrintsAsync(IPage page)
    {
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("header.nhsuk-header")).ToBeHiddenAsync();
        await Expect(page.Locator("footer[role=contentinfo]")).ToBeHiddenAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
    }

    [Fact]
    public async Task Plans_discharge_a_drop_in_two_months_later_a_release_followed_up_on_time_and_a_mentor_who_sees_only_the_shared_plans()
    {
        var (personId, firstEpisode, prisonerId) = await PeopleAsync();
        var start = UkTime.Today(fx.Clock);

        // 1. The practitioner writes an action plan with her: a goal in her words and a step.
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.AssertAccessibleAsync("the practitioner's home");
        await page.FollowLinkByKeyboardAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Find a person", Exact = true }));
        await page.AssertAccessibleAsync("find a person");
        await TypeAsync(page, "Name", FullName);
        await page.PressButtonAsync("Search");
        await page.AssertAccessibleAsync("search results");
        await page.FollowLinkByKeyboardAsync(page.Locator("main table").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^" + Family, RegexOptions.IgnoreCase) }).First);
        await Expect(page.Locator("h1")).ToContainTextAsync(FullName);
        await page.AssertAccessibleAsync("her page, no plans yet");

        await page.FollowLinkByKeyboardAsync($"Write an action plan with {Given}");
        await page.AssertAccessibleAsync("add a goal");
        await TypeAsync(page, "What do they want? In their own words", Goal);
        await page.PressButtonAsync("Add the goal");
        await page.AssertNoErrorsAsync("goal added");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Goal added");
        await page.AssertAccessibleAsync("the action plan with a goal");
        await page.FollowLinkByKeyboardAsync(page.GetByRole(AriaRole.Link, new() { Name = $"Add a step ({Goal})", Exact = true }));
        await page.AssertAccessibleAsync("add a step");
        await TypeAsync(page, "What will happen", Step);
        await page.ChooseRadioByKeyboardAsync("Who", "The person themselves");
        await TypeDateAsync(page, "DueOn", start.AddDays(7));
        await page.PressButtonAsync("Add the step");
        await page.AssertNoErrorsAsync("step added");
        await Expect(page.Locator("main")).ToContainTextAsync(Step);
        await page.AssertAccessibleAsync("the action plan with a step");

        await page.FollowLinkByKeyboardAsync("Print the plan");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Action plan: {FullName}");
        await Expect(page.Locator("main")).ToContainTextAsync(Goal);
        await page.AssertAccessibleAsync("the action plan to print");
        await AssertPrintsAsync(page);
        await page.GoBackAsync();
        await page.WaitForDocumentAsync();
        await page.FollowLinkByKeyboardAsync("Easy-read copy");
        await Expect(page.Locator("main")).ToContainTextAsync("This is my plan.");
        await Expect(page.Locator("main")).ToContainTextAsync(Goal);
        await Expect(page.Locator("main")).ToContainTextAsync(Step);
        await AssertEasyReadAsync(page, "the easy-read action plan", "My plan");

        // ... and a crisis plan, agreed with her today.
        await page.GotoAsync($"/people/{personId}");
        await Expect(page.Locator("#action-plan")).ToContainTextAsync("1 goal being worked on");
        await page.AssertAccessibleAsync("her page with an action plan");
        await page.FollowLinkByKeyboardAsync($"Write a crisis plan with {FullName}");
        await page.AssertAccessibleAsync("write a crisis plan");
        await TypeAsync(page, "Warning signs and triggers", WarningSign);
        await TypeAsync(page, "What I can do myself", SelfHelp);
        await TypeAsync(page, "People and places that help", "My mum's house");
        await TypeAsync(page, "Person 1: name", "Jenna Tregarthen");
        await TypeAsync(page, "Person 1: who they are to them (optional)", "mum");
        await TypeAsync(page, "Person 1: phone number", "07700 900 456");
        await TypeAsync(page, "Practical things (optional)", "Ask Mum to feed the dog");
        await TypeAsync(page, "Who was there when it was made?", "Morwenna and me");
        await page.ChooseRadioByKeyboardAsync("AgreedWithPerson", "Yes");
        await TypeDateAsync(page, "AgreedOn", start);
        await page.PressButtonAsync("Save the crisis plan");
        await page.AssertNoErrorsAsync("crisis plan saved");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Crisis plan saved");
        await page.AssertAccessibleAsync("the crisis plan");

        await page.FollowLinkByKeyboardAsync("Print the plan");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"{FullName}'s crisis plan");
        await Expect(page.Locator("main")).ToContainTextAsync(WarningSign);
        await page.AssertAccessibleAsync("the crisis plan to print");
        await AssertPrintsAsync(page);
        await page.GoBackAsync();
        await page.WaitForDocumentAsync();
        await page.FollowLinkByKeyboardAsync("Easy-read copy");
        await Expect(page.Locator("main")).ToContainTextAsync(WarningSign);
        await Expect(page.Locator("main")).ToContainTextAsync("Samaritans");
        await AssertEasyReadAsync(page, "the easy-read crisis plan", "My crisis plan");

        // 2. She is discharged: support completed, closed from her episode's page.
        await page.GotoAsync($"/episodes/{firstEpisode}");
        await Expect(page.Locator("[data-crisis-plan-banner]")).ToContainTextAsync($"{FullName} has a crisis plan (agreed {Long(start)})");
        await page.AssertAccessibleAsync("her episode with the crisis plan banner");
        await page.Locator("#Reason").SelectOptionAsync(new SelectOptionValue { Label = "Support completed" });
        await page.Locator("#Reason").FocusAsync();
        await page.TypeByKeyboardAsync(page.Locator("#Note"), "Settled with her mum; knows she can drop in.");
        await page.PressButtonAsync("Close episode");
        await page.AssertNoErrorsAsync("episode closed");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Episode closed");
        await Expect(page.Locator("main")).ToContainTextAsync("Support completed");
        await page.AssertAccessibleAsync("her closed episode");

        // 3. Two months later she drops in, feeling a crisis coming. Find a person → Record a drop-in → saved with
        //    support reopened: two page loads from the search results.
        var dropInDay = start.AddDays(61);
        page = await SignInOnAsync(page, dropInDay, "Practitioner");
        await page.FollowLinkByKeyboardAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Find a person", Exact = true }));
        await TypeAsync(page, "Name", FullName);
        await page.PressButtonAsync("Search");
        await page.AssertAccessibleAsync("search results two months later");

        var loads = 0;
        void Count(object? sender, IFrame frame) { if (frame == page.MainFrame) loads++; }
        page.FrameNavigated += Count;
        await page.FollowLinkByKeyboardAsync(page.GetByRole(AriaRole.Link, new() { Name = $"Record a drop-in for {FullName}", Exact = true }));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Record a drop-in");
        // The crisis plan is at the top of the form: its banner comes before the heading and the form.
        var banner = page.Locator("[data-crisis-plan-banner]");
        await Expect(banner).ToContainTextAsync($"{FullName} has a crisis plan (agreed {Long(start)})");
        await Expect(banner).ToContainTextAsync(WarningSign);
        Assert.True(await banner.EvaluateAsync<bool>("b => !!(b.compareDocumentPosition(document.querySelector('main h1')) & Node.DOCUMENT_POSITION_FOLLOWING)"),
            "the crisis plan banner should come before the drop-in form's heading");
        await Expect(page.Locator("main")).ToContainTextAsync("They have no open episode with your team.");
        await page.AssertAccessibleAsync("record a drop-in with the crisis plan banner");
        await page.Locator("h1").FocusAsync();
        await page.TickByKeyboardAsync("Feeling a crisis coming");
        await TypeAsync(page, "What helped", "Went through her crisis plan together; she rang her mum.");
        await page.ChooseRadioByKeyboardAsync("Reopen", "Yes, reopen support now (no screening)");
        await page.PressButtonAsync("Record the drop-in");
        page.FrameNavigated -= Count;
        await page.AssertNoErrorsAsync("the drop-in");
        Assert.Equal(2, loads);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Drop-in");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Drop-in recorded and support reopened");
        await page.AssertAccessibleAsync("the saved drop-in");

        // The new episode is in support, linked to the last, with her as before on the practitioner's caseload.
        await page.FollowLinkByKeyboardAsync("Reopened from this drop-in");
        await Expect(page.Locator("main .nhsuk-tag").First).ToHaveTextAsync("In support");
        var oldIdentified = await fx.QueryAsync(db => db.Episodes.Where(e => e.Id == firstEpisode).Select(e => e.IdentifiedAt).SingleAsync());
        await Expect(page.Locator("main")).ToContainTextAsync($"Reopened from the episode of {Long(UkTime.DateOf(oldIdentified))}, without a new referral.");
        await Expect(page.Locator("main")).ToContainTextAsync("Alex Morgan");
        await page.AssertAccessibleAsync("the reopened episode");
        var reopened = await fx.QueryAsync(db => db.Episodes.Where(e => e.PersonId == personId && e.ClosedAt == null)
            .Select(e => new { e.Id, e.ReopenedFromEpisodeId, e.SupportStartedAt, e.ScreenedAt }).SingleAsync());
        Assert.Equal(firstEpisode, reopened.ReopenedFromEpisodeId);
        Assert.NotNull(reopened.SupportStartedAt);
        Assert.Equal($"/episodes/{reopened.Id}", new Uri(page.Url).AbsolutePath);
        await page.FollowLinkByKeyboardAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^the episode of ") }));
        Assert.Equal($"/episodes/{firstEpisode}", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("main")).ToContainTextAsync("Support completed");
        await page.AssertAccessibleAsync("the episode it was reopened from");
        await page.GotoAsync("/drop-ins");
        await Expect(page.Locator("main")).ToContainTextAsync(Family);
        await page.AssertAccessibleAsync("the day's drop-ins");

        // 4. A release from prison planned with a meet at the gate by the key worker, three days ahead.
        var releaseDay = dropInDay.AddDays(3);
        await page.GotoAsync($"/people/{prisonerId}");
        await Expect(page.Locator("h1")).ToContainTextAsync(PrisonerName);
        await page.AssertAccessibleAsync("his page");
        await page.FollowLinkByKeyboardAsync("Plan a release from prison");
        await page.AssertAccessibleAsync("release from prison: none planned");
        await page.FollowLinkByKeyboardAsync("Plan a release");
        await page.AssertAccessibleAsync("plan a release");
        await TypeAsync(page, "Prison", "HMP Northshire");
        await TypeAsync(page, "Prison number (if known)", "A4821DP");
        await TypeDateAsync(page, "ExpectedReleaseOn", releaseDay);
        await page.ChooseRadioByKeyboardAsync("ReleaseType", "On licence");
        await page.ChooseRadioByKeyboardAsync("MeetBy", "A member of our team");
        await page.GetByLabel("The member of our team who meets them").SelectOptionAsync(new SelectOptionValue { Label = "Alex Morgan" });
        await TypeAsync(page, "Time on release day (UK time, if known)", "08:30");
        await TypeAsync(page, "Where they are met", "Visitors' centre car park");
        await TypeAsync(page, "Transport (optional)", "Car from the team");
        await page.PressButtonAsync("Save the release plan");
        await page.AssertNoErrorsAsync("release plan saved");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Release from prison");
        await Expect(page.Locator("#status")).ToContainTextAsync("In prison: release planned");
        await Expect(page.Locator("main")).ToContainTextAsync("Visitors' centre car park");
        await Expect(page.Locator("main")).ToContainTextAsync($"Planned for {Long(releaseDay)} at 8:30am GMT");
        await page.AssertAccessibleAsync("the release plan");
        await page.GotoAsync("/releases");
        var upcoming = page.Locator("#releases tbody tr", new() { HasText = PrisonerName });
        await Expect(upcoming).ToContainTextAsync(Long(releaseDay));
        await Expect(upcoming).ToContainTextAsync("Yes: Alex Morgan");
        await page.AssertAccessibleAsync("releases in the next 14 days");

        // Release day: the release is recorded; the follow-up is due a month later.
        page = await SignInOnAsync(page, releaseDay, "Practitioner", new TimeOnly(12, 0));
        await page.GotoAsync($"/people/{prisonerId}/release");
        await page.AssertAccessibleAsync("the release plan on release day");
        await page.FollowLinkByKeyboardAsync("Record the release");
        await page.AssertAccessibleAsync("record the release");
        await page.PressButtonAsync("Record the release");
        await page.AssertNoErrorsAsync("release recorded");
        await Expect(page.Locator("#status")).ToContainTextAsync($"Released on {Long(releaseDay)}");
        var followUpDue = releaseDay.AddMonths(1);
        await Expect(page.Locator("main")).ToContainTextAsync($"Due on {Long(followUpDue)}: a month after their release.");
        await page.AssertAccessibleAsync("the release plan, released");

        // The day before a month after release: not on the key worker's tasks, nor the team's follow-ups due.
        //    (Late in the evening before, and just after midnight on the day, UK time: in April that is BST, so UTC is
        //    still on the day before; the rule counts UK days.)
        page = await SignInOnAsync(page, followUpDue.AddDays(-1), "Practitioner", new TimeOnly(23, 30));
        await page.GotoAsync("/tasks");
        await Expect(page.Locator("h1")).ToHaveTextAsync("My tasks");
        await Expect(page.Locator("#release-follow-ups + ul li", new() { HasText = PrisonerName })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("my tasks the day before the follow-up is due");
        await page.GotoAsync("/releases?view=follow-ups");
        await Expect(page.Locator("main h2")).ToHaveTextAsync("Follow-ups after release due");
        await Expect(page.Locator("main")).Not.ToContainTextAsync(PrisonerName);
        await page.AssertAccessibleAsync("follow-ups after release due, the day before");

        // On the day it is.
        page = await SignInOnAsync(page, followUpDue, "Practitioner", new TimeOnly(0, 30));
        await page.GotoAsync("/tasks");
        var task = page.Locator("#release-follow-ups + ul li", new() { HasText = PrisonerName });
        await Expect(task).ToContainTextAsync($"follow-up after release from prison due {Long(followUpDue)} (released {Long(releaseDay)})");
        await page.AssertAccessibleAsync("my tasks with the follow-up due");
        await page.GotoAsync("/releases?view=follow-ups");
        await Expect(page.Locator("#releases tbody tr", new() { HasText = PrisonerName })).ToContainTextAsync(Long(followUpDue));
        await page.AssertAccessibleAsync("follow-ups after release due, on the day");
        await page.FollowLinkByKeyboardAsync(page.Locator("#releases").GetByRole(AriaRole.Link, new() { Name = PrisonerName, Exact = true }));
        await Expect(page.Locator("main")).ToContainTextAsync($"Due since {Long(followUpDue)}");
        await page.AssertAccessibleAsync("the release plan with its follow-up due");
        await page.Context.CloseAsync();

        // 5. The team manager pairs the demo volunteer with her (she agreed yesterday), sharing both plans.
        var pairingDay = followUpDue;
        var manager = await SignInOnAsync(null, pairingDay, "TeamManager", new TimeOnly(10, 0));
        await manager.AssertAccessibleAsync("the team manager's home");
        await manager.GotoAsync($"/people/{personId}");
        await manager.AssertAccessibleAsync("her page for the team manager");
        await manager.FollowLinkByKeyboardAsync("Pair with a mentor");
        await manager.AssertAccessibleAsync("pair with a mentor");
        await manager.GetByLabel("Mentor", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Chris Dale" });
        await TypeDateAsync(manager, "AgreedOn", pairingDay.AddDays(-1));
        await Expect(manager.GetByRole(AriaRole.Checkbox, new() { Name = "Their action plan", Exact = true })).ToBeCheckedAsync();
        await Expect(manager.GetByRole(AriaRole.Checkbox, new() { Name = "Their crisis plan", Exact = true })).ToBeCheckedAsync();
        await manager.PressButtonAsync("Pair them");
        await manager.AssertNoErrorsAsync("paired");
        await Expect(manager.Locator("main")).ToContainTextAsync("Mentor: Chris Dale since");
        await manager.AssertAccessibleAsync("her page with a mentor");
        await manager.Context.CloseAsync();

        // The volunteer sees only her, both shared plans, and only their own meetings with her.
        var mentor = await fx.SignedInPageAsync(Ui.Email("Volunteer"));
        await mentor.AssertAccessibleAsync("a volunteer's home");
        await mentor.FollowLinkByKeyboardAsync(mentor.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Your mentees" }));
        await Expect(mentor.Locator("h1")).ToHaveTextAsync("Your mentees");
        await Expect(mentor.Locator("main tbody tr")).ToHaveCountAsync(1);
        await Expect(mentor.Locator("main tbody tr")).ToContainTextAsync(FullName);
        await mentor.AssertAccessibleAsync("your mentees");
        await mentor.FollowLinkByKeyboardAsync(FullName);
        await Expect(mentor.Locator("h1")).ToHaveTextAsync(FullName);
        var actionPlan = mentor.Locator("section[aria-labelledby=shared-action-plan-heading]");
        await Expect(actionPlan).ToContainTextAsync(Goal);
        await Expect(actionPlan).ToContainTextAsync(Step);
        var crisisPlan = mentor.Locator("section[aria-labelledby=shared-crisis-plan]");
        await Expect(crisisPlan).ToContainTextAsync(WarningSign);
        await Expect(crisisPlan).ToContainTextAsync(SelfHelp);
        await Expect(mentor.Locator("main")).ToContainTextAsync("No meetings booked.");
        await Expect(mentor.Locator("main")).Not.ToContainTextAsync(PractitionersMeeting);
        await Expect(mentor.Locator("main")).Not.ToContainTextAsync("could not cope");
        await mentor.AssertAccessibleAsync("the mentee page with her shared plans");

        var meetingDay = pairingDay.AddDays(2);
        await mentor.FollowLinkByKeyboardAsync("Book a meeting");
        await mentor.AssertAccessibleAsync("book a meeting");
        await TypeDateAsync(mentor, "Date", meetingDay);
        await TypeAsync(mentor, "Time (UK time)", "14:00");
        await TypeAsync(mentor, "How long (minutes)", "60");
        await TypeAsync(mentor, "Where", "Newtown Library café");
        await mentor.PressButtonAsync("Book the meeting");
        await mentor.AssertNoErrorsAsync("meeting booked");
        await Expect(mentor.Locator("h1")).ToHaveTextAsync(FullName);
        var comingUp = mentor.Locator("section[aria-labelledby=meetings-heading] li", new() { HasText = "Newtown Library café" });
        await Expect(comingUp).ToContainTextAsync(Long(meetingDay));
        await Expect(mentor.Locator("section[aria-labelledby=meetings-heading] li")).ToHaveCountAsync(1);
        await Expect(mentor.Locator("main")).Not.ToContainTextAsync(PractitionersMeeting);
        await mentor.AssertAccessibleAsync("the mentee page with the mentor's meeting");

        // Nothing clinical, and nobody else: her record, both episodes, her timeline, and the man in prison.
        foreach (var path in new[]
        {
            $"/people/{personId}", $"/episodes/{reopened.Id}", $"/episodes/{firstEpisode}", $"/people/{personId}/timeline",
            $"/episodes/{reopened.Id}/screening", $"/episodes/{reopened.Id}/assessment", $"/people/{personId}/crisis-plan",
            $"/people/{prisonerId}", $"/mentoring/{prisonerId}", $"/people/{prisonerId}/release",
        })
        {
            var response = await mentor.GotoAsync(path);
            Assert.NotNull(response);
            Assert.True(response.Status is 403 or 404, $"the volunteer reached {path}: HTTP {response.Status}");
            var html = await mentor.ContentAsync();
            Assert.DoesNotContain(Family, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(PrisonerFamily, html, StringComparison.OrdinalIgnoreCase);
        }
        await mentor.AssertAccessibleAsync("a page the volunteer may not open");

        var meetings = await fx.QueryAsync(db => db.Set<Appointment>().Where(a => a.PersonId == personId)
            .Select(a => new { a.Location, a.WorkerUserId }).ToListAsync());
        Assert.Equal(2, meetings.Count);
        Assert.Single(meetings, m => m.Location == "Newtown Library café");
        var plan = await fx.QueryAsync(db => db.Set<ReleasePlan>().Where(r => r.PersonId == prisonerId).SingleAsync());
        Assert.Equal(releaseDay, plan.ReleasedOn);
        Assert.Equal(followUpDue, plan.FollowUpDueOn);
    }
}
