using Waymark.Matching;
using Waymark.People;

namespace Waymark.Core.Tests.Unit.Matching;

/// <summary>Practitioners' decisions move the model's parameters: <see cref="ModelEstimation.WithDecisions"/>.</summary>
public class DecisionEstimationTests
{
    private static MatchRecord Typed(string given, string family, DateOnly dob) =>
        new() { Id = "typed", GivenNames = given, FamilyName = family, DateOfBirth = dob };

    private static MatchRecord Known(string given, string family, DateOnly dob) =>
        new() { Id = "known", GivenNames = given, FamilyName = family, DateOfBirth = dob };

    [Fact]
    public void A_confirmed_nickname_and_swapped_date_raise_the_weight_of_those_levels()
    {
        var model = MatchModel.Default();
        var pair = new LabelledPair(Typed("Jon", "Smyth", new(1985, 12, 3)), Known("John", "Smith", new(1985, 3, 12)), SamePerson: true);

        var after = ModelEstimation.WithDecisions(model, [pair]);

        Assert.True(after.M(0, Levels.GivenName.Nickname) > model.M(0, Levels.GivenName.Nickname));
        Assert.True(after.Weight(0, Levels.GivenName.Nickname) > model.Weight(0, Levels.GivenName.Nickname));
        Assert.True(after.Weight(2, Levels.DateOfBirth.DayMonthSwapped) > model.Weight(2, Levels.DateOfBirth.DayMonthSwapped));
        // Levels the pair did not fall in lose a little m, and m still sums to one.
        Assert.True(after.M(0, Levels.GivenName.Exact) < model.M(0, Levels.GivenName.Exact));
        Assert.Equal(1.0, Enumerable.Range(1, after.LevelCount(0) - 1).Sum(l => after.M(0, l)), 9);
        // u is untouched by a confirmation.
        Assert.Equal(model.U(0, Levels.GivenName.Nickname), after.U(0, Levels.GivenName.Nickname));
    }

    [Fact]
    public void A_rejected_pair_lowers_the_weight_of_what_fooled_it()
    {
        var model = MatchModel.Default();
        var pair = new LabelledPair(Typed("Anna", "Novak", new(1990, 5, 5)), Known("Anna", "Novak", new(1990, 5, 5)), SamePerson: false);

        var after = ModelEstimation.WithDecisions(model, [pair]);

        Assert.True(after.U(2, Levels.DateOfBirth.Exact) > model.U(2, Levels.DateOfBirth.Exact));
        Assert.True(after.Weight(2, Levels.DateOfBirth.Exact) < model.Weight(2, Levels.DateOfBirth.Exact));
        Assert.True(after.Weight(1, Levels.FamilyName.Exact) < model.Weight(1, Levels.FamilyName.Exact));
        Assert.Equal(model.M(2, Levels.DateOfBirth.Exact), after.M(2, Levels.DateOfBirth.Exact));
    }

    [Fact]
    public void More_decisions_move_further_and_none_change_nothing()
    {
        var model = MatchModel.Default();
        var pair = new LabelledPair(Typed("Jon", "Smyth", new(1985, 12, 3)), Known("John", "Smith", new(1985, 3, 12)), SamePerson: true);

        var one = ModelEstimation.WithDecisions(model, [pair]);
        var ten = ModelEstimation.WithDecisions(model, Enumerable.Repeat(pair, 10));

        Assert.True(ten.M(0, Levels.GivenName.Nickname) > one.M(0, Levels.GivenName.Nickname));
        Assert.Same(model, ModelEstimation.WithDecisions(model, []));
        // Identifiers decide by rule: decisions leave them alone.
        Assert.Equal(model.M(7, 1), ten.M(7, 1));
    }
}
