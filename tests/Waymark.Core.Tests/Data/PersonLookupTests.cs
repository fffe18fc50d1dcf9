using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Identification;
using Waymark.Matching;
using Waymark.People;
using Waymark.Teams;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

/// <summary>"Do we know this person?" at intake, through <see cref="ProbabilisticPersonLookup.FindAsync"/> on the database.</summary>
public abstract class PersonLookupTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private async Task<Team> TeamWithAsync(params Person[] people)
    {
        var team = await NewTeamAsync();
        foreach (var p in people) p.TeamLinks.Add(PersonTeamLink.For(p, team.Id, FakeClock.DefaultStart));
        await SaveAsync(people);
        return team;
    }

    private async Task<LookupResult> LookUpAsync(Team team, LookupRequest request)
    {
        await using var db = As(PractitionerIn(team));
        return await new ProbabilisticPersonLookup(db, new TeamMatchModels(TimeProvider.System)).FindAsync(request);
    }

    private static LookupRequest Typed(string? given, string? family, DateOnly? dob = null, string? nhs = null, string? pnc = null) =>
        new(given, family, dob, Sex.NotKnown, nhs, pnc, null);

    [Fact]
    public async Task A_known_NHS_number_is_a_definite_match_whatever_the_name()
    {
        var nhs = TestNhsNumbers.Next();
        var person = APerson().Named("John", "Smith").WithNhsNumber(nhs).Build();
        var team = await TeamWithAsync(person, APerson().Named("John", "Smith").WithNhsNumber(TestNhsNumbers.Next()).Build());

        var result = await LookUpAsync(team, Typed("J", "Smythe", nhs: NhsNumber(nhs)));

        Assert.Equal(LookupOutcome.DefiniteMatch, result.Outcome);
        var match = Assert.Single(result.Candidates);
        Assert.Equal(person.Id, match.Person.Id);
        Assert.Contains(match.Reasons, r => r is { Field: "NHS number", Agrees: true });
        Assert.Equal("the same valid NHS number", match.DecidedBy);
    }

    /// <summary>Issue 11, item 1: "999 999 9999" typed for Marek, recorded for someone else, must not decide who he is.</summary>
    [Fact]
    public async Task A_placeholder_NHS_number_decides_nothing_and_the_real_person_is_offered()
    {
        var other = APerson().Named("Zofia", "Kowalczyk").BornOn(1970, 6, 1).WithNhsNumber("9999999999").Build();
        var marek = APerson().Named("Marek", "Nowakowski").BornOn(1988, 3, 3).Build();
        var team = await TeamWithAsync(other, marek);

        var result = await LookUpAsync(team, Typed("Marek", "Nowakowski", new DateOnly(1988, 3, 3), nhs: "999 999 9999"));

        Assert.Equal(marek.Id, result.Candidates[0].Person.Id);
        Assert.DoesNotContain(result.Candidates, c => c.Person.Id == other.Id);
        Assert.All(result.Candidates, c => Assert.Null(c.DecidedBy));
    }

    /// <summary>Issue 11, item 1: an identifier rule never hides someone whose name and date of birth agree strongly.</summary>
    [Fact]
    public async Task An_NHS_number_that_belongs_to_someone_else_shows_the_conflict_beside_the_person_whose_name_and_birth_agree()
    {
        var nhs = TestNhsNumbers.Next();
        var owner = APerson().Named("Zofia", "Kowalczyk").BornOn(1970, 6, 1).WithNhsNumber(nhs).Build();
        var marek = APerson().Named("Marek", "Nowakowski").BornOn(1988, 3, 3).Build();
        var team = await TeamWithAsync(owner, marek);

        var result = await LookUpAsync(team, Typed("Marek", "Nowakowski", new DateOnly(1988, 3, 3), nhs: NhsNumber(nhs)));

        Assert.Equal(LookupOutcome.PotentialMatches, result.Outcome);
        var byId = result.Candidates.ToDictionary(c => c.Person.Id);
        Assert.Equal("the same valid NHS number", byId[owner.Id].DecidedBy);
        Assert.Contains("someone else in your records has the same name and date of birth", byId[owner.Id].Conflict);
        Assert.Contains("the NHS number typed is someone else's", byId[marek.Id].Conflict);
    }

    /// <summary>Typed as people read it off a letter: "943 476 5919".</summary>
    private static string NhsNumber(string digits) => $"{digits[..3]} {digits[3..6]} {digits[6..]}";

    [Fact]
    public async Task A_known_PNC_ID_typed_in_lower_case_is_a_definite_match()
    {
        var person = APerson().Named("Pat", "Kerr").WithPncId("2001/0000023P").Build();
        var team = await TeamWithAsync(person);

        var result = await LookUpAsync(team, Typed("Pat", "Kerr", pnc: "2001/23p"));

        Assert.Equal(LookupOutcome.DefiniteMatch, result.Outcome);
        Assert.Equal(person.Id, Assert.Single(result.Candidates).Person.Id);
    }

    [Fact]
    public async Task Jon_Smyth_born_1985_12_03_is_a_potential_match_for_John_Smith_born_1985_03_12_with_reasons()
    {
        var john = APerson().Named("John", "Smith").BornOn(1985, 3, 12).Build();
        var team = await TeamWithAsync(john, APerson().Named("Priya", "Patel").BornOn(2001, 7, 4).Build());

        var result = await LookUpAsync(team, Typed("Jon", "Smyth", new DateOnly(1985, 12, 3)));

        Assert.Equal(LookupOutcome.PotentialMatches, result.Outcome);
        var candidate = Assert.Single(result.Candidates);
        Assert.Equal(john.Id, candidate.Person.Id);
        Assert.Contains(candidate.Reasons, r => r is { Field: "First name", Agrees: true, Explanation: "known nickname (Jon → John)" });
        Assert.Contains(candidate.Reasons, r => r is { Field: "Last name", Agrees: true } && r.Explanation.Contains("(Smyth vs Smith)"));
        Assert.Contains(candidate.Reasons, r => r is { Field: "Date of birth", Agrees: true, Explanation: "day and month swapped (03/12/1985 vs 12/03/1985)" });
        Assert.Null(candidate.DecidedBy);
    }

    [Fact]
    public async Task Candidates_come_best_first()
    {
        var exact = APerson().Named("John", "Smith").BornOn(1985, 3, 12).Build();
        var near = APerson().Named("Jon", "Smith").BornOn(1985, 3, 13).Build();
        var team = await TeamWithAsync(near, exact);

        var result = await LookUpAsync(team, Typed("John", "Smith", new DateOnly(1985, 3, 12)));

        Assert.Equal([exact.Id, near.Id], result.Candidates.Select(c => c.Person.Id));
        Assert.True(result.Candidates[0].Score > result.Candidates[1].Score);
    }

    [Fact]
    public async Task A_match_through_an_alias_or_another_date_of_birth_is_found()
    {
        var person = APerson().Named("John", "Smith").BornOn(1985, 3, 12).AlsoKnownAs("Johnny", "Blaze").AlsoGaveDateOfBirth(1984, 3, 12).Build();
        var team = await TeamWithAsync(person);

        var result = await LookUpAsync(team, Typed("Johnny", "Blaze", new DateOnly(1984, 3, 12)));

        // The same names and date of birth are strong evidence: definite by score (no identifier rule).
        Assert.Equal(LookupOutcome.DefiniteMatch, result.Outcome);
        var match = Assert.Single(result.Candidates);
        Assert.Equal(person.Id, match.Person.Id);
        Assert.Null(match.DecidedBy);
        Assert.Contains(match.Reasons, r => r is { Field: "First name", Agrees: true } && r.Explanation.Contains("matching the alias Johnny Blaze"));
        Assert.Contains(match.Reasons, r => r is { Field: "Date of birth", Agrees: true } && r.Explanation.Contains("(another date on record)"));
    }

    [Fact]
    public async Task An_unrelated_person_is_no_match()
    {
        var team = await TeamWithAsync(APerson().Named("John", "Smith").BornOn(1985, 3, 12).Build());

        var result = await LookUpAsync(team, Typed("Priya", "Patel", new DateOnly(2001, 7, 4)));

        Assert.Equal(LookupOutcome.NoMatch, result.Outcome);
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public async Task An_unknown_valid_NHS_number_falls_back_to_name_and_date_of_birth()
    {
        var john = APerson().Named("John", "Smith").BornOn(1985, 3, 12).Build();
        var team = await TeamWithAsync(john);

        var result = await LookUpAsync(team, Typed("John", "Smith", new DateOnly(1985, 3, 12), nhs: TestNhsNumbers.Next()));

        // Found by name and date of birth; their record has no NHS number, so it is not compared.
        Assert.Equal(LookupOutcome.DefiniteMatch, result.Outcome);
        var match = Assert.Single(result.Candidates);
        Assert.Equal(john.Id, match.Person.Id);
        Assert.Null(match.DecidedBy);
        Assert.Contains(match.Reasons, r => r is { Field: "NHS number", Compared: false, Agrees: false, Weight: 0 });
    }

    [Fact]
    public async Task Nothing_to_go_on_is_no_match()
    {
        var team = await TeamWithAsync(APerson().Build());
        var result = await LookUpAsync(team, Typed(" ", "'", null));
        Assert.Equal(LookupOutcome.NoMatch, result.Outcome);
    }

    [Fact]
    public async Task Another_teams_people_are_never_returned_even_on_an_exact_identifier()
    {
        var nhs = TestNhsNumbers.Next();
        var theirs = APerson().Named("John", "Smith").BornOn(1985, 3, 12).WithNhsNumber(nhs).WithPncId("1985/0001234J").Build();
        await TeamWithAsync(theirs);
        var ours = await TeamWithAsync();

        foreach (var request in new[]
                 {
                     Typed("John", "Smith", new DateOnly(1985, 3, 12), nhs: nhs),
                     Typed("John", "Smith", new DateOnly(1985, 3, 12), pnc: "1985/0001234J"),
                     Typed("John", "Smith", new DateOnly(1985, 3, 12)),
                 })
        {
            var result = await LookUpAsync(ours, request);
            Assert.Equal(LookupOutcome.NoMatch, result.Outcome);
            Assert.DoesNotContain(result.Candidates, c => c.Person.Id == theirs.Id);
        }
    }

    // Blocking keys follow the person: each change below is made the way the app makes it, and the
    // person is then found by a look-up that only the new keys could fetch.

    private async Task<IReadOnlyList<Guid>> CandidatesAsync(Team team, LookupRequest request)
    {
        await using var db = As(PractitionerIn(team));
        return await new ProbabilisticPersonLookup(db, new TeamMatchModels(TimeProvider.System)).CandidateIdsAsync(request);
    }

    private async Task<List<(Guid Team, string Rule, string Key)>> KeysAsync(Person person)
    {
        await using var db = AsSystem();
        var rows = await db.PersonMatchKeys.Where(k => k.PersonId == person.Id).ToListAsync();
        return rows.Select(k => (k.TeamId, k.Rule.ToString(), k.Key)).OrderBy(k => k.Item2).ThenBy(k => k.Item3).ToList();
    }

    [Fact]
    public async Task A_new_person_gets_keys_for_their_team_from_names_date_of_birth_and_postcode()
    {
        var person = APerson().Named("John", "Smith").BornOn(1985, 3, 12).WithPostcode("ns1 4ab").Build();
        var team = await TeamWithAsync(person);

        Assert.Equal(
        [
            (team.Id, "DateOfBirth", "19850312"),
            (team.Id, "FamilySoundAndBirthYear", "SM0|1985"),
            (team.Id, "GivenSoundAndBirthDayMonth", "JN|312"),
            // Find a person's keys (issue 11, items 3 and 9): each word of the names and its sound.
            (team.Id, "NameSound", "JN"),
            (team.Id, "NameSound", "SM0"),
            (team.Id, "NamesSoundEitherOrder", "JN|SM0"),
            (team.Id, "NameWord", "john"),
            (team.Id, "NameWord", "smith"),
            (team.Id, "Postcode", "NS14AB"),
        ], await KeysAsync(person));
    }

    [Fact]
    public async Task Keys_follow_a_rename_an_alias_and_another_date_of_birth()
    {
        var person = APerson().Named("Mary", "Jones").BornOn(1990, 6, 1).Build();
        var team = await TeamWithAsync(person);

        await using (var db = As(PractitionerIn(team)))
        {
            var p = await db.People.SingleAsync(x => x.Id == person.Id);
            p.FamilyName = "Okafor"; // married
            await db.SaveChangesAsync();
        }
        await using (var db = As(PractitionerIn(team)))
        {
            // Added on their own, with the person not loaded: the keys still follow.
            db.PersonAliases.Add(new PersonAlias { PersonId = person.Id, GivenName = "Molly", FamilyName = "Dean" });
            db.PersonOtherDatesOfBirth.Add(new PersonOtherDateOfBirth { PersonId = person.Id, DateOfBirth = new DateOnly(1977, 11, 23) });
            await db.SaveChangesAsync();
        }

        var keys = await KeysAsync(person);
        string Sound(string name) => Metaphone.Encode(name);
        string Pair(string a, string b) => string.Join('|', new[] { Sound(a), Sound(b) }.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(keys, k => k.Key.StartsWith(Sound("Jones") + "|", StringComparison.Ordinal));
        Assert.Contains((team.Id, "FamilySoundAndBirthYear", $"{Sound("Okafor")}|1990"), keys);
        Assert.Contains((team.Id, "NamesSoundEitherOrder", Pair("Mary", "Okafor")), keys);
        Assert.Contains((team.Id, "NamesSoundEitherOrder", Pair("Molly", "Dean")), keys);
        Assert.Contains((team.Id, "DateOfBirth", "19771123"), keys);
        // Every name with every date: the alias with the other date too.
        Assert.Contains((team.Id, "FamilySoundAndBirthYear", $"{Sound("Dean")}|1977"), keys);
        Assert.Contains(person.Id, await CandidatesAsync(team, Typed("Molly", "Dean", new DateOnly(2001, 1, 1))));
        Assert.Contains(person.Id, await CandidatesAsync(team, Typed("Someone", "Else", new DateOnly(1977, 11, 23))));
        Assert.DoesNotContain(person.Id, await CandidatesAsync(team, Typed("Mary", "Jones", new DateOnly(2001, 1, 1))));
    }

    [Fact]
    public async Task Keys_follow_an_edit_of_the_whole_record_that_replaces_aliases_and_dates()
    {
        var person = APerson().Named("Sam", "Hill").BornOn(1970, 1, 2).AlsoKnownAs("Sammy", "Hills").AlsoGaveDateOfBirth(1971, 1, 2).Build();
        var team = await TeamWithAsync(person);
        var clock = new FakeClock();

        await using (var db = As(PractitionerIn(team)))
        {
            var records = new PersonRecords(db, new Auditor(db, PractitionerIn(team), clock), clock);
            var current = await db.People.AsNoTracking().Include(p => p.Aliases).Include(p => p.OtherDatesOfBirth).Include(p => p.OtherIdentifiers)
                .SingleAsync(p => p.Id == person.Id);
            var details = PersonDetails.From(current) with
            {
                Aliases = [("Samuel", "Hillier")],
                OtherDatesOfBirth = [new DateOnly(1969, 2, 1)],
            };
            Assert.NotNull(await records.UpdateAsync(person.Id, current.Version, details));
        }

        var keys = await KeysAsync(person);
        Assert.Contains((team.Id, "DateOfBirth", "19690201"), keys);
        Assert.DoesNotContain((team.Id, "DateOfBirth", "19710102"), keys);
        Assert.Contains((team.Id, "NamesSoundEitherOrder", string.Join('|', new[] { Metaphone.Encode("Samuel"), Metaphone.Encode("Hillier") }.Order(StringComparer.Ordinal))), keys);
        Assert.DoesNotContain(keys, k => k.Key.Contains(Metaphone.Encode("Hills") + "|", StringComparison.Ordinal) && k.Rule == "FamilySoundAndBirthYear");
    }

    [Fact]
    public async Task A_second_team_that_meets_the_person_gets_their_keys_and_finds_them()
    {
        var person = APerson().Named("Kwame", "Mensah").BornOn(1988, 8, 8).Build();
        var first = await TeamWithAsync(person);
        var second = await TeamWithAsync();
        Assert.Empty(await CandidatesAsync(second, Typed("Kwame", "Mensah", new DateOnly(1988, 8, 8))));

        await using (var db = As(PractitionerIn(second)))
        {
            // As IdentificationService does when another team records an episode with a known person.
            var p = await db.People.IgnoreQueryFilters().Include(x => x.TeamLinks).SingleAsync(x => x.Id == person.Id);
            p.TeamLinks.Add(PersonTeamLink.For(p, second.Id, FakeClock.DefaultStart));
            await db.SaveChangesAsync();
        }

        var keys = await KeysAsync(person);
        Assert.Equal(keys.Count(k => k.Team == first.Id), keys.Count(k => k.Team == second.Id));
        var result = await LookUpAsync(second, Typed("Kwame", "Mensah", new DateOnly(1988, 8, 8)));
        Assert.Equal(person.Id, Assert.Single(result.Candidates).Person.Id);
    }

    [Fact]
    public async Task Another_teams_identical_person_is_never_a_candidate()
    {
        var theirs = APerson().Named("Ruth", "Adeyemi").BornOn(1995, 4, 4).WithPostcode("NS2 1AA").Build();
        var ours = APerson().Named("Ruth", "Adeyemi").BornOn(1995, 4, 4).WithPostcode("NS2 1AA").Build();
        await TeamWithAsync(theirs);
        var team = await TeamWithAsync(ours);

        var ids = await CandidatesAsync(team, Typed("Ruth", "Adeyemi", new DateOnly(1995, 4, 4)));
        var result = await LookUpAsync(team, Typed("Ruth", "Adeyemi", new DateOnly(1995, 4, 4)));

        Assert.Equal([ours.Id], ids);
        Assert.Equal([ours.Id], result.Candidates.Select(c => c.Person.Id));
    }

    [Fact]
    public async Task Decisions_are_stored_with_what_was_typed_and_move_the_teams_model()
    {
        var john = APerson().Named("John", "Smith").BornOn(1985, 3, 12).Build();
        var team = await TeamWithAsync(john);
        var practitioner = PractitionerIn(team);
        var clock = new FakeClock();
        var models = new TeamMatchModels(clock);
        double NicknameWeight(TeamMatchModel m) => m.Engine.Model.Weight(0, Waymark.Matching.Levels.GivenName.Nickname);

        TeamMatchModel before;
        await using (var db = As(practitioner))
        {
            before = await models.ForTeamAsync(db, team.Id);
            var draft = new IdentificationDraft
            {
                UserId = practitioner.UserId!, TeamId = team.Id, StartedAt = clock.GetUtcNow(),
                GivenName = "Jon", FamilyName = "Smyth", DateOfBirth = new DateOnly(1985, 12, 3),
            };
            db.IdentificationDrafts.Add(draft);
            var shown = (await new ProbabilisticPersonLookup(db, models).FindAsync(new LookupRequest("Jon", "Smyth", new DateOnly(1985, 12, 3), Sex.NotKnown, null, null, null))).Candidates;
            await new MatchDecisions(db, new Auditor(db, practitioner, clock), practitioner, clock).RecordAsync(draft, shown, john.Id);
            await db.SaveChangesAsync();
        }

        await using (var db = As(practitioner))
        {
            var decision = await db.MatchDecisions.SingleAsync();
            Assert.Equal((john.Id, MatchVerdict.SamePerson, 1, "Jon", "Smyth", new DateOnly(1985, 12, 3)),
                (decision.PersonId, decision.Verdict, decision.Rank, decision.GivenName, decision.FamilyName, decision.DateOfBirth));
            Assert.True(await db.AuditEvents.AnyAsync(a => a.RecordType == "MatchDecision" && a.PersonId == john.Id));

            // The cached model stands until it is made again; then the confirmed nickname counts for more.
            Assert.Same(before, await models.ForTeamAsync(db, team.Id));
            models.Forget(team.Id);
            var after = await models.ForTeamAsync(db, team.Id);
            Assert.Equal(1, after.Decisions);
            Assert.True(NicknameWeight(after) > NicknameWeight(before), $"{NicknameWeight(after)} should exceed {NicknameWeight(before)}");
        }
        // Another team's model never sees them.
        var other = await TeamWithAsync();
        await using (var db = As(PractitionerIn(other)))
            Assert.Equal(0, (await models.ForTeamAsync(db, other.Id)).Decisions);
    }

    [Fact]
    public async Task Choosing_again_in_the_same_journey_replaces_the_earlier_decisions()
    {
        var a = APerson().Named("Lee", "Park").BornOn(1992, 2, 2).Build();
        var b = APerson().Named("Lee", "Parks").BornOn(1992, 2, 2).Build();
        var team = await TeamWithAsync(a, b);
        var practitioner = PractitionerIn(team);
        var clock = new FakeClock();
        var draft = new IdentificationDraft { UserId = practitioner.UserId!, TeamId = team.Id, StartedAt = clock.GetUtcNow(), GivenName = "Lee", FamilyName = "Park", DateOfBirth = new DateOnly(1992, 2, 2) };
        await SaveAsync(draft);

        foreach (var chosen in new Guid?[] { a.Id, null })
        {
            await using var db = As(practitioner);
            var shown = (await new ProbabilisticPersonLookup(db, new TeamMatchModels(clock)).FindAsync(draft.Request())).Candidates;
            Assert.Equal(2, shown.Count);
            await new MatchDecisions(db, new Auditor(db, practitioner, clock), practitioner, clock).RecordAsync(draft, shown, chosen);
            await db.SaveChangesAsync();
        }

        await using (var db = As(practitioner))
        {
            var decisions = await db.MatchDecisions.Where(d => d.DraftId == draft.Id).ToListAsync();
            Assert.Equal(2, decisions.Count);
            Assert.All(decisions, d => Assert.Equal(MatchVerdict.NotThisPerson, d.Verdict)); // "a new person": neither is them
        }
    }
}

internal static class DraftRequests
{
    public static LookupRequest Request(this IdentificationDraft d) => new(d.GivenName, d.FamilyName, d.DateOfBirth, d.Sex, d.NhsNumber, d.PncId, d.Postcode);
}

public sealed class PersonLookupTestsOnSqlite(SqliteTestDatabase db) : PersonLookupTests<SqliteTestDatabase>(db);

public sealed class PersonLookupTestsOnPostgres(PostgresTestDatabase db) : PersonLookupTests<PostgresTestDatabase>(db);
