using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.Identification;
using Waymark.People;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

/// <summary>The registry lists all of a person's rows, in every team, kind by kind (what retention and subject access will read).</summary>
public abstract class PersonLinkedRecordsDataTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    [Fact]
    public async Task A_persons_rows_are_listed_kind_by_kind_in_every_team_and_nobody_elses()
    {
        var a = await NewTeamAsync();
        var b = await NewTeamAsync();
        var person = APerson().Named("Amira", "Okafor").BornOn(1990, 5, 1).AlsoKnownAs("Amy", "Okafor").KnownTo(a).KnownTo(b).Build();
        var someoneElse = APerson().Named("Dylan", "Price").KnownTo(a).Build();
        var draft = new IdentificationDraft { UserId = "another-user", TeamId = b.Id, ExistingPersonId = person.Id };
        await SaveAsync(person, someoneElse, AnEpisode().For(person).InTeam(a).Build(), AnEpisode().For(person).InTeam(b).Build(),
            AnEpisode().For(someoneElse).InTeam(a).Build(), draft,
            new AuditEvent { RecordType = "Person", RecordId = person.Id.ToString(), PersonId = person.Id, Action = AuditAction.Viewed });

        // As a practitioner in team A, whose filters would hide team B's draft: the registry reads past them.
        await using var db = As(PractitionerIn(a));
        var rows = (await PersonLinkedRecords.RowsOfAsync(db, person.Id)).ToDictionary(x => x.Kind.EntityType, x => x.Rows);

        Assert.Equal(PersonLinkedRecords.All.Select(r => r.EntityType), rows.Keys);
        Assert.Equal(2, rows[typeof(Episode)].Count);
        Assert.All(rows[typeof(Episode)].Cast<Episode>(), e => Assert.Equal(person.Id, e.PersonId));
        Assert.Equal(2, rows[typeof(PersonTeamLink)].Count);
        Assert.Equal("Amy Okafor", Assert.Single(rows[typeof(PersonAlias)].Cast<PersonAlias>()).ToString());
        Assert.Equal(draft.Id, Assert.IsType<IdentificationDraft>(Assert.Single(rows[typeof(IdentificationDraft)])).Id);
        Assert.Single(rows[typeof(AuditEvent)]);
        Assert.NotEmpty(rows[typeof(PersonMatchKey)]);
        Assert.Empty(rows[typeof(Waymark.Referrals.Referral)]);
    }
}

public sealed class PersonLinkedRecordsDataTestsOnSqlite(SqliteTestDatabase db) : PersonLinkedRecordsDataTests<SqliteTestDatabase>(db);

public sealed class PersonLinkedRecordsDataTestsOnPostgres(PostgresTestDatabase db) : PersonLinkedRecordsDataTests<PostgresTestDatabase>(db);
