using Waymark.Core.Tests.Support;
using Waymark.Identification;
using Waymark.People;
using Waymark.Teams;
using static Waymark.Core.Tests.Support.PersonBuilder;

namespace Waymark.Core.Tests.Data;

/// <summary>"Do we know this person?" at intake, through <see cref="SimplePersonLookup.FindAsync"/>.</summary>
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
        return await new SimplePersonLookup(db).FindAsync(request);
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
        Assert.Contains(candidate.Reasons, r => r is { Field: "Name", Agrees: true, Explanation: "Similar first and last names" });
        Assert.Contains(candidate.Reasons, r => r is { Field: "Date of birth", Agrees: true, Explanation: "Date of birth with day and month swapped" });
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

        Assert.Equal(LookupOutcome.PotentialMatches, result.Outcome);
        Assert.Equal(person.Id, Assert.Single(result.Candidates).Person.Id);
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

        Assert.Equal(LookupOutcome.PotentialMatches, result.Outcome);
        Assert.Equal(john.Id, Assert.Single(result.Candidates).Person.Id);
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
}

public sealed class PersonLookupTestsOnSqlite(SqliteTestDatabase db) : PersonLookupTests<SqliteTestDatabase>(db);

public sealed class PersonLookupTestsOnPostgres(PostgresTestDatabase db) : PersonLookupTests<PostgresTestDatabase>(db);
