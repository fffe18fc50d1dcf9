using Waymark.Matching;
using Waymark.Matching.Synthetic;
using Waymark.People;

namespace Waymark.Core.Tests.Unit.Matching;

public class BlockingIndexTests
{
    private static readonly MatchEngine Engine = new(MatchModel.Default());

    private sealed class Collect : IPairVisitor
    {
        public List<(int, int)> Pairs { get; } = [];
        public void Visit(int left, int right) => Pairs.Add((left, right));
    }

    private static PreparedRecord P(string id, string given, string family, DateOnly? dob, string? postcode = null) =>
        Engine.Prepare(new MatchRecord { Id = id, GivenNames = given, FamilyName = family, DateOfBirth = dob, Postcode = postcode });

    [Fact]
    public void Each_candidate_pair_is_produced_once_even_when_several_rules_agree()
    {
        var dob = new DateOnly(1985, 3, 12);
        var records = new[] { P("0", "John", "Smith", dob, "NS1 4AB"), P("1", "John", "Smith", dob, "NS1 4AB"), P("2", "Amy", "Cole", new DateOnly(1990, 1, 1)) };
        var index = BlockingIndex.ForDedupe(records);
        var collect = new Collect();
        Assert.Equal(1, index.ForEachPair(() => collect));
        Assert.Equal([(0, 1)], collect.Pairs);
    }

    [Fact]
    public void Swapped_names_with_a_wrong_date_of_birth_are_still_brought_together()
    {
        var records = new[] { P("0", "John", "Smith", new DateOnly(1985, 3, 12)), P("1", "Smith", "Jon", new DateOnly(1979, 8, 30)) };
        var index = BlockingIndex.ForDedupe(records);
        Assert.True(index.WouldCompare(0, 1));
        Assert.Equal(1, index.MeasureRecall([(0, 1)]).Found);
    }

    [Fact]
    public void Linking_pairs_only_across_the_two_sets_and_look_up_by_probe()
    {
        var dob = new DateOnly(1985, 3, 12);
        var left = new[] { P("a0", "John", "Smith", dob), P("a1", "John", "Smith", dob) };
        var right = new[] { P("b0", "Jon", "Smyth", dob), P("b1", "Amy", "Cole", new DateOnly(1990, 1, 1)) };
        var index = BlockingIndex.ForLink(left, right);
        var collect = new Collect();
        index.ForEachPair(() => collect, workers: 2);
        Assert.Equal([(0, 0), (1, 0)], collect.Pairs.Order());
        Assert.Equal([0], index.CandidatesFor(P("x", "J", "Smith", dob)));
        Assert.Equal(new BlockingRecall(2, 1), index.MeasureRecall([(0, 0), (0, 1)]));
    }

    [Fact]
    public void Oversize_blocks_are_skipped_and_counted()
    {
        var dob = new DateOnly(1900, 1, 1);
        var records = Enumerable.Range(0, 5).Select(i => P(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "Person" + (char)('a' + i), "Family" + (char)('k' + i * 3), dob)).ToArray();
        var index = BlockingIndex.ForDedupe(records, new BlockingOptions { MaxBlockSize = 3 });
        Assert.True(index.SkippedBlocks >= 1);
        Assert.False(index.WouldCompare(0, 1));
    }

    [Fact]
    public void Readable_keys_show_what_a_database_would_index()
    {
        var r = P("0", "John", "Smith", new DateOnly(1985, 3, 12), "NS1 4AB");
        Assert.Equal(["SM0|1985"], BlockingIndex.ReadableKeys(r, BlockingRule.FamilySoundAndBirthYear));
        Assert.Equal(["JN|312"], BlockingIndex.ReadableKeys(r, BlockingRule.GivenSoundAndBirthDayMonth));
        Assert.Equal(["JN|SM0"], BlockingIndex.ReadableKeys(r, BlockingRule.NamesSoundEitherOrder));
        Assert.Equal(["NS14AB"], BlockingIndex.ReadableKeys(r, BlockingRule.Postcode));
    }
}

public class EstimationAndGeneratorTests
{
    [Fact]
    public void The_generator_is_repeatable_and_makes_the_duplicates_asked_for()
    {
        var a = new UkPeopleGenerator(7).Generate(500, 100).ToList();
        var b = new UkPeopleGenerator(7).Generate(500, 100).ToList();
        Assert.Equal(a, b);
        Assert.Equal(500, a.Count);
        Assert.Equal(100, a.Count(r => r.RecId.Contains("-dup-", StringComparison.Ordinal)));
        Assert.Equal(400, a.Select(r => r.Entity).Distinct().Count());
        Assert.All(a.Where(r => r.NhsNumber.Length > 0), r => Assert.True(Waymark.Identifiers.NhsNumber.IsValid(r.NhsNumber)));
        Assert.NotEqual(a, new UkPeopleGenerator(8).Generate(500, 100).ToList());
    }

    [Fact]
    public void EM_learns_from_the_records_alone_that_agreement_is_evidence()
    {
        var records = new UkPeopleGenerator(11).Generate(3000, 600).Select(r => r.ToMatchRecord()).ToList();
        var (model, report) = ModelEstimation.ForDedupe(records, options: new EstimationOptions { RandomPairs = 200_000 });

        Assert.True(report.BlockedPairs > 0);
        Assert.InRange(report.ExpectedMatches, 300, 1500);
        Assert.True(model.Weight(2, Levels.DateOfBirth.Exact) > 8);
        Assert.True(model.Weight(2, Levels.DateOfBirth.Different) < -3);
        Assert.True(model.Weight(0, Levels.GivenName.Nickname) > 2);
        Assert.True(model.Weight(1, Levels.FamilyName.Different) < -1);
        Assert.Equal(3000, model.TermFrequencyRecords);
        Assert.Contains("First name", model.Describe());
    }
}
