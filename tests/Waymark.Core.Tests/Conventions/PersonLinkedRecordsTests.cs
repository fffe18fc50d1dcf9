using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Waymark.Duplicates;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Core.Tests.Conventions;

/// <summary>
/// Every table that refers to a person is in <see cref="PersonLinkedRecords"/>, so merging (and later retention
/// and subject-access export) cannot miss one; and merges already stored keep their shape.
/// </summary>
public class PersonLinkedRecordsTests
{
    private static string Describe(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));

    /// <summary>Properties that hold a person's id: a foreign key to Person, or a Guid named like one.</summary>
    private static IEnumerable<string> PersonReferences(IEntityType e) =>
        e.GetForeignKeys().Where(fk => fk.PrincipalEntityType.ClrType == typeof(Person)).SelectMany(fk => fk.Properties).Select(p => p.Name)
            .Concat(e.GetProperties().Where(p => p.Name.EndsWith("PersonId", StringComparison.Ordinal) && (p.ClrType == typeof(Guid) || p.ClrType == typeof(Guid?)))
                .Select(p => p.Name))
            .Distinct();

    [Theory]
    [MemberData(nameof(DesignTimeModels.Providers), MemberType = typeof(DesignTimeModels))]
    public void Every_entity_that_refers_to_a_person_is_in_the_registry_through_every_such_property(DatabaseProvider provider)
    {
        using var db = DesignTimeModels.Context(provider);
        var registered = PersonLinkedRecords.All.ToDictionary(r => r.EntityType);
        var missing = new List<string>();
        foreach (var e in db.Model.GetEntityTypes().Where(e => e.ClrType != PersonLinkedRecords.Root))
        {
            var references = PersonReferences(e).ToList();
            if (references.Count == 0) continue;
            if (!registered.TryGetValue(e.ClrType, out var record)) missing.Add($"{e.ClrType.Name} ({string.Join("/", references)})");
            else missing.AddRange(references.Except(record.PersonProperties).Select(p => $"{e.ClrType.Name}.{p}"));
        }
        Assert.True(missing.Count == 0,
            $"These refer to a person but are not in PersonLinkedRecords.All: {Describe(missing)}. Add each with what a merge does with it " +
            "(moves by id, a handler of its own, or Stays with the reason).");
    }

    [Theory]
    [MemberData(nameof(DesignTimeModels.Providers), MemberType = typeof(DesignTimeModels))]
    public void Each_registered_kind_is_in_the_model_and_comes_after_the_kinds_it_depends_on(DatabaseProvider provider)
    {
        using var db = DesignTimeModels.Context(provider);
        var order = PersonLinkedRecords.All.Select((r, i) => (r.EntityType, i)).ToDictionary(x => x.EntityType, x => x.i);
        Assert.Equal(PersonLinkedRecords.All.Count, order.Count); // each entity once
        foreach (var record in PersonLinkedRecords.All)
        {
            var e = db.Model.FindEntityType(record.EntityType);
            Assert.True(e is not null, $"{record.EntityType.Name} is registered but not in the model.");
            Assert.NotEmpty(record.PersonProperties);
            Assert.All(record.PersonProperties, p => Assert.True(e.FindProperty(p)?.ClrType is { } t && (t == typeof(Guid) || t == typeof(Guid?)),
                $"{record.EntityType.Name}.{p} is not a person id in the model."));
            foreach (var fk in e.GetForeignKeys())
                if (order.TryGetValue(fk.PrincipalEntityType.ClrType, out var parent))
                    Assert.True(parent < order[record.EntityType],
                        $"{record.EntityType.Name} depends on {fk.PrincipalEntityType.ClrType.Name}, so must come after it (retention deletes in reverse).");
        }
    }

    [Theory]
    [MemberData(nameof(DesignTimeModels.Providers), MemberType = typeof(DesignTimeModels))]
    public void A_persons_rows_are_found_through_every_person_property_with_the_id_as_a_parameter(DatabaseProvider provider)
    {
        using var db = DesignTimeModels.Context(provider);
        var id = Guid.NewGuid();
        var pairs = (PersonLinkedRecord<DuplicateCandidate>)PersonLinkedRecords.All.Single(r => r.EntityType == typeof(DuplicateCandidate));
        var sql = pairs.RowsOf(db, id).ToQueryString();
        // Parameter values are printed on comment / .param lines; the statement itself must not contain the id.
        var statement = string.Join('\n', sql.Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal) && !l.StartsWith(".param", StringComparison.Ordinal)));
        Assert.Contains("PersonAId", statement, StringComparison.Ordinal);
        Assert.Contains("PersonBId", statement, StringComparison.Ordinal);
        Assert.Contains(" OR ", statement, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), statement, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("CurrentTeamId", statement, StringComparison.Ordinal); // every team's rows
    }

    [Fact]
    public void Rows_that_stay_say_why_and_rows_that_move_have_their_list_in_a_stored_merge()
    {
        var lists = typeof(MergeMoves).GetProperties().Select(p => p.Name).ToHashSet();
        foreach (var record in PersonLinkedRecords.All)
        {
            if (record.OnMerge == OnPersonMerge.Stays)
                Assert.False(string.IsNullOrWhiteSpace(record.WhyItStays), $"{record.EntityType.Name} stays on a merge but does not say why.");
            else
                Assert.True(lists.Contains(record.Name), $"{record.EntityType.Name} moves on a merge but MergeMoves has no list named {record.Name}.");
        }
        Assert.Equal(PersonLinkedRecords.All.Count, PersonLinkedRecords.All.Select(r => r.Name).Distinct().Count());
    }

    // What the merge code wrote before the registry drove it; merges stored like this must still read, describe and undo.
    private const string StoredBeforeTheRegistry =
        """{"episodes":["00000000-0000-0000-0000-000000000001","00000000-0000-0000-0000-000000000002"],"screeningOutcomes":["00000000-0000-0000-0000-000000000003"],"instrumentCompletions":["00000000-0000-0000-0000-000000000004"],"assessments":[],"referrals":["00000000-0000-0000-0000-000000000005"],"followUpTasks":["00000000-0000-0000-0000-000000000006"],"outcomes":["00000000-0000-0000-0000-000000000007"],"consents":["00000000-0000-0000-0000-000000000008"],"formulationRevisions":[{"id":"00000000-0000-0000-0000-000000000009","fromNumber":1,"toNumber":3}],"identificationDrafts":[],"aliases":["00000000-0000-0000-0000-00000000000a"],"otherDatesOfBirth":["00000000-0000-0000-0000-00000000000b"],"identifiers":["00000000-0000-0000-0000-00000000000c"],"teamLinks":[{"teamId":"00000000-0000-0000-0000-00000000000d","since":"2026-01-02T03:04:05+00:00","addedToKept":false},{"teamId":"00000000-0000-0000-0000-00000000000e","since":"2026-01-02T03:04:05+00:00","addedToKept":true}],"addedAliasId":"00000000-0000-0000-0000-00000000000f","addedDateOfBirthId":null,"filledNhsNumber":null,"filledPncId":"85/0012345Z","rowCount":10}""";

    [Fact]
    public void A_merge_stored_before_the_registry_reads_back_unchanged_and_describes_itself_as_before()
    {
        var merge = new PersonMerge { MergedByUserId = "m", MovedJson = StoredBeforeTheRegistry, SnapshotJson = "" };
        var moves = merge.Moves;
        Assert.Equal(2, moves.Episodes.Count);
        Assert.Equal((1, 1, 1, 1), (moves.Referrals.Count, moves.FollowUpTasks.Count, moves.Outcomes.Count, moves.Consents.Count));
        Assert.Equal(new MovedRevision(Guid.Parse("00000000-0000-0000-0000-000000000009"), 1, 3), Assert.Single(moves.FormulationRevisions));
        Assert.Equal(Guid.Parse("00000000-0000-0000-0000-00000000000f"), moves.AddedAliasId);
        Assert.Equal("85/0012345Z", moves.FilledPncId);
        Assert.Equal("2 episodes, 1 screening outcome, 1 screening questionnaire, 1 formulation version, 2 teams, 1 other name, 1 other date of birth, 1 other identifier",
            moves.Describe());
        // Written again, it is the same text: the stored format has not changed.
        merge.Moves = moves;
        Assert.Equal(StoredBeforeTheRegistry, merge.MovedJson);
        Assert.Equal(JsonDocument.Parse(StoredBeforeTheRegistry).RootElement.EnumerateObject().Select(p => p.Name),
            JsonDocument.Parse(JsonSerializer.Serialize(new MergeMoves(), new JsonSerializerOptions(JsonSerializerDefaults.Web))).RootElement.EnumerateObject().Select(p => p.Name));
    }
}
