using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>The identification journey end to end over HTTP, and "do we know this person?".</summary>
public abstract class IdentificationJourneyTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : IdentificationJourneyTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : IdentificationJourneyTests(app);

    private Task<int> PeopleCountAsync() => app.Data.QueryAsync(db => db.People.CountAsync());

    /// <summary>
    /// A past episode: identified a day before it was closed <paramref name="days"/> ago (the episode
    /// refuses a closure before its identification, and the test data identifies an hour ago).
    /// </summary>
    private static void ClosedDaysAgo(Episode e, int days)
    {
        var closedAt = DateTimeOffset.UtcNow.AddDays(-days);
        e.IdentifiedAt = e.RecordedAt = closedAt.AddDays(-1);
        e.Close(e.IdentifiedByUserId, closedAt, ClosureReason.SupportCompleted, null);
    }

    [Fact]
    public async Task A_new_person_is_recorded_with_their_episode_and_the_journey_lands_on_their_record()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        var family = TestData.UniqueName("Newperson");
        var nhs = IdentificationJourney.NewNhsNumber();

        await journey.StartAsync();
        using (var r = await journey.SubmitSettingAsync()) await journey.ExpectRedirectAsync(r, "reason");
        using (var r = await journey.SubmitReasonAsync("Custody nurse", "Fresh cuts on forearms.", "self-harm", "mental-health")) await journey.ExpectRedirectAsync(r, "person");
        using (var r = await journey.SubmitPersonAsync(new(" Ada ", family, new DateOnly(1984, 3, 15), "Female", nhs, Postcode: "ns1 4ab")))
            await journey.ExpectRedirectAsync(r, "matches");
        await journey.ChooseAsync("new");

        var check = await journey.CheckAsync();
        Assert.Contains("Police custody", check.MainText);
        Assert.Contains("Custody nurse", check.MainText);
        Assert.Contains("Fresh cuts on forearms.", check.MainText);
        Assert.Contains($"Ada {family}", check.MainText);
        Assert.Contains("15 March 1984", check.MainText);
        Assert.Contains(Waymark.Identifiers.NhsNumber.Format(nhs), check.MainText);
        Assert.Contains("A new person", check.MainText);

        var peopleBefore = await PeopleCountAsync();
        var personId = await journey.ConfirmAsync();

        var (person, episodes, draftLeft, audit) = await app.Data.QueryAsync(async db => (
            await db.People.Include(p => p.TeamLinks).SingleAsync(p => p.Id == personId),
            await db.Episodes.Where(e => e.PersonId == personId).ToListAsync(),
            await db.IdentificationDrafts.AnyAsync(d => d.Id == journey.DraftId),
            await db.AuditEvents.Where(a => a.PersonId == personId && a.Action == AuditAction.Created).Select(a => a.RecordType).ToListAsync()));
        Assert.Equal(peopleBefore + 1, await PeopleCountAsync());
        Assert.Equal(("Ada", family, new DateOnly(1984, 3, 15)), (person.GivenName, person.FamilyName, person.DateOfBirth));
        Assert.Equal(nhs, person.NhsNumber);
        Assert.Equal("NS1 4AB", person.Postcode);
        Assert.Equal([app.Data.Northshire], person.TeamLinks.Select(l => l.TeamId));
        var episode = Assert.Single(episodes);
        Assert.Equal((Setting.PoliceCustody, "NS-123456", app.Data.Northshire), (episode.Setting, episode.SettingReference, episode.TeamId));
        Assert.Equal(("Custody nurse", "Fresh cuts on forearms."), (episode.IdentifiedBySource, episode.IdentificationReason));
        Assert.Equal(["self-harm", "mental-health"], episode.Vulnerabilities);
        Assert.Equal(app.Data.UserId(Users.Practitioner), episode.IdentifiedByUserId);
        Assert.False(episode.IsYouth);
        Assert.True(episode.IsOpen);
        Assert.False(draftLeft);
        Assert.Equal(["Episode", "Person"], audit.Order());

        var record = await client.GetPageAsync($"/people/{personId}");
        Assert.Equal($"Ada {family}", record.H1);
        Assert.Contains("Identification recorded", record.MainText);
        Assert.Contains($"/episodes/{episode.Id}", record.Links("a"));
    }

    [Fact]
    public async Task Jon_Smyth_born_3_12_1985_is_offered_John_Smith_born_12_03_1985_and_choosing_him_opens_an_episode_on_his_record()
    {
        var john = await app.Data.AddPersonAsync(app.Data.Northshire, "John", "Smith", new DateOnly(1985, 3, 12));
        await app.Data.AddEpisodeAsync(john.Id, app.Data.Northshire, e => ClosedDaysAgo(e, 30));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();
        await journey.AnswerUpToMatchesAsync(new("Jon", "Smyth", new DateOnly(1985, 12, 3)));

        var matches = await journey.MatchesAsync();
        Assert.Equal("Do you already know this person?", matches.H1);
        var radio = matches.Document.QuerySelectorAll("input[name=Choice]").SingleOrDefault(r => r.GetAttribute("value") == john.Id.ToString());
        Assert.True(radio is not null, "John Smith should be offered as a candidate:\n" + matches.MainText);
        var reasons = HtmlPage.Collapse(matches.Document.GetElementById(radio.GetAttribute("aria-describedby")!)!.TextContent);
        Assert.Contains("Agrees: First name – known nickname (Jon → John)", reasons);
        Assert.Contains("Agrees: Date of birth – day and month swapped (03/12/1985 vs 12/03/1985)", reasons);
        Assert.Contains("John Smith", HtmlPage.Collapse(matches.Document.QuerySelector($"label[for='{radio.Id}']")!.TextContent));

        await journey.ChooseAsync(john.Id.ToString());
        var check = await journey.CheckAsync();
        Assert.Contains("Someone your team already knows", check.MainText);
        Assert.Contains("John Smith", check.MainText);

        var peopleBefore = await PeopleCountAsync();
        var landedOn = await journey.ConfirmAsync();

        Assert.Equal(john.Id, landedOn);
        Assert.Equal(peopleBefore, await PeopleCountAsync());
        var episodes = await app.Data.QueryAsync(db => db.Episodes.Where(e => e.PersonId == john.Id).ToListAsync());
        Assert.Equal(2, episodes.Count);
        Assert.Single(episodes, e => e.IsOpen);
        var after = await app.Data.QueryAsync(db => db.People.SingleAsync(p => p.Id == john.Id));
        Assert.Equal(("John", "Smith", john.Version), (after.GivenName, after.FamilyName, after.Version));
    }

    [Fact]
    public async Task The_reasons_say_what_agrees_and_what_differs_and_the_choice_is_recorded_for_every_candidate_shown()
    {
        var family = TestData.UniqueName("Okonjo");
        var chosen = await app.Data.AddPersonAsync(app.Data.Northshire, "Grace", family, new DateOnly(1991, 7, 14), p => p.Postcode = "NS1 4AB");
        var other = await app.Data.AddPersonAsync(app.Data.Northshire, "Gracie", family, new DateOnly(1991, 7, 24), p => p.Postcode = "NS9 9ZZ");
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();
        await journey.AnswerUpToMatchesAsync(new("Grace", family, new DateOnly(1991, 7, 14), Postcode: "NS1 4AB"));

        var matches = await journey.MatchesAsync();
        string ReasonsFor(Guid id)
        {
            var radio = matches.Document.QuerySelectorAll("input[name=Choice]").Single(r => r.GetAttribute("value") == id.ToString());
            return HtmlPage.Collapse(matches.Document.GetElementById(radio.GetAttribute("aria-describedby")!)!.TextContent);
        }
        var first = ReasonsFor(chosen.Id);
        Assert.Contains($"Agrees: Last name – same ({family}", first);
        Assert.Contains("Agrees: Date of birth – same (14/07/1991)", first);
        Assert.Contains("Agrees: Postcode – same (NS1 4AB)", first);
        var second = ReasonsFor(other.Id);
        Assert.Contains("Agrees: Date of birth – differs by one digit (14/07/1991 vs 24/07/1991)", second);
        Assert.Contains("Differs: Postcode – different (NS1 4AB vs NS9 9ZZ)", second);
        // Agreeing and differing are told apart in words and a mark, not by colour alone.
        Assert.NotEmpty(matches.Document.QuerySelectorAll("li.waymark-agrees strong"));
        Assert.NotEmpty(matches.Document.QuerySelectorAll("li.waymark-differs strong"));
        var ranked = matches.Document.QuerySelectorAll("input[name=Choice]").Select(r => r.GetAttribute("value")).ToList();
        Assert.True(ranked.IndexOf(chosen.Id.ToString()) < ranked.IndexOf(other.Id.ToString()), "the closer match comes first");

        await journey.ChooseAsync(chosen.Id.ToString());

        var (decisions, audited) = await app.Data.QueryAsync(async db => (
            await db.MatchDecisions.IgnoreQueryFilters().Where(d => d.DraftId == journey.DraftId).ToListAsync(),
            await db.AuditEvents.Where(a => a.RecordType == "MatchDecision" && (a.PersonId == chosen.Id || a.PersonId == other.Id)).CountAsync()));
        var confirmed = Assert.Single(decisions, d => d.Verdict == Waymark.Identification.MatchVerdict.SamePerson);
        Assert.Equal((chosen.Id, 1, app.Data.Northshire, app.Data.UserId(Users.Practitioner)), (confirmed.PersonId, confirmed.Rank, confirmed.TeamId, confirmed.UserId));
        Assert.Equal(("Grace", family, new DateOnly(1991, 7, 14)), (confirmed.GivenName, confirmed.FamilyName, confirmed.DateOfBirth));
        Assert.Contains(decisions, d => d.PersonId == other.Id && d.Verdict == Waymark.Identification.MatchVerdict.NotThisPerson);
        Assert.Equal(decisions.Count, matches.Document.QuerySelectorAll("input[name=Choice]").Length - 1); // every candidate shown, not "new"
        Assert.Equal(2, audited);

        // Changing their mind to "a new person" replaces the decisions: none of them is the person.
        await journey.ChooseAsync("new");
        var after = await app.Data.QueryAsync(db => db.MatchDecisions.IgnoreQueryFilters().Where(d => d.DraftId == journey.DraftId).ToListAsync());
        Assert.Equal(decisions.Count, after.Count);
        Assert.All(after, d => Assert.Equal(Waymark.Identification.MatchVerdict.NotThisPerson, d.Verdict));
    }

    [Fact]
    public async Task The_look_up_offers_only_people_of_the_users_own_team()
    {
        var family = TestData.UniqueName("Elsewhere");
        var northshirePerson = await app.Data.AddPersonAsync(app.Data.Northshire, "Jonathan", family, new DateOnly(1979, 5, 6));
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();
        await journey.AnswerUpToMatchesAsync(new("Jonathan", family, new DateOnly(1979, 5, 6)));

        var matches = await journey.MatchesAsync();

        Assert.DoesNotContain(matches.Document.QuerySelectorAll("input[name=Choice]"), r => r.GetAttribute("value") == northshirePerson.Id.ToString());
        Assert.DoesNotContain(matches.Document.QuerySelectorAll("label"), l => l.TextContent.Contains(family, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_identification_for_a_known_person_skips_the_person_steps_and_adds_an_episode()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => ClosedDaysAgo(e, 3));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);

        await journey.StartAsync(person.Id);
        using (var r = await journey.SubmitSettingAsync()) await journey.ExpectRedirectAsync(r, "reason");
        using (var r = await journey.SubmitReasonAsync()) await journey.ExpectRedirectAsync(r, "check");
        var landedOn = await journey.ConfirmAsync();

        Assert.Equal(person.Id, landedOn);
        Assert.Equal(2, await app.Data.QueryAsync(db => db.Episodes.CountAsync(e => e.PersonId == person.Id)));
    }

    [Fact]
    public async Task Someone_under_18_gets_a_youth_episode()
    {
        var dob = IdentificationJourney.LondonToday.AddYears(-16).AddDays(-40);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();
        await journey.AnswerUpToMatchesAsync(new("Young", TestData.UniqueName("Youth"), dob));
        await journey.ChooseAsync("new");

        var check = await journey.CheckAsync();
        Assert.Contains("They are 16, so this will be a youth episode.", check.MainText);
        Assert.Null(check.Document.QuerySelector(".nhsuk-warning-callout"));
        var personId = await journey.ConfirmAsync();

        var episode = await app.Data.QueryAsync(db => db.Episodes.SingleAsync(e => e.PersonId == personId));
        Assert.True(episode.IsYouth);
        Assert.Equal(16, episode.AgeAtIdentification);
    }

    [Fact]
    public async Task Someone_under_10_gets_a_warning_but_can_still_be_recorded()
    {
        var dob = IdentificationJourney.LondonToday.AddYears(-8).AddDays(-40);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();
        await journey.AnswerUpToMatchesAsync(new("Small", TestData.UniqueName("Child"), dob));
        await journey.ChooseAsync("new");

        var check = await journey.CheckAsync();
        var warning = check.Document.QuerySelector(".nhsuk-warning-callout");
        Assert.NotNull(warning);
        Assert.Contains("Under 10 years old", warning.TextContent);
        Assert.Contains("below the age of criminal responsibility", warning.TextContent);
        var personId = await journey.ConfirmAsync();

        var episode = await app.Data.QueryAsync(db => db.Episodes.SingleAsync(e => e.PersonId == personId));
        Assert.True(episode.IsYouth);
        Assert.Equal(8, episode.AgeAtIdentification);
    }
}
