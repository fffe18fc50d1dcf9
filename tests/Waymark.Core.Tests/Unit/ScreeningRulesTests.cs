using Waymark.Assessment;
using Waymark.Screening;

namespace Waymark.Core.Tests.Unit;

public class ScreeningRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Urgency.Immediate, 60)]
    [InlineData(Urgency.Today, 8 * 60)]
    [InlineData(Urgency.Routine, 5 * 24 * 60)]
    public void A_full_assessment_is_due_after_the_default_target_for_its_urgency(Urgency urgency, int minutes) =>
        Assert.Equal(At.AddMinutes(minutes), AssessmentTargets.Default.DueAt(ScreeningDecision.FullAssessment, urgency, At));

    [Theory]
    [InlineData(ScreeningDecision.NoFurtherAction)]
    [InlineData(ScreeningDecision.Signpost)]
    public void No_assessment_is_due_when_none_is_planned(ScreeningDecision decision) =>
        Assert.Null(AssessmentTargets.Default.DueAt(decision, Urgency.Immediate, At));

    [Theory]
    [InlineData(0, 60, 120, "Immediate")]
    [InlineData(30, 20, 120, "Immediate")] // today sooner than immediate
    [InlineData(30, 60, 28 * 24 * 60 + 1, "Routine")]
    public void Targets_must_be_positive_ordered_and_at_most_28_days(int immediate, int today, int routine, string field) =>
        Assert.Contains(new AssessmentTargets(immediate, today, routine).Validate(), p => p.Field == field);

    [Fact]
    public void The_default_targets_are_valid() => Assert.Empty(AssessmentTargets.Default.Validate());

    [Fact]
    public void Basic_needs_are_listed_first()
    {
        Assert.Equal(["housing", "money", "food"], AssessmentDomains.All.Take(3).Select(d => d.Code));
        Assert.All(AssessmentDomains.All.Skip(3), d => Assert.False(d.IsBasicNeed));
        Assert.Equal(["housing", "food", "autism"], AssessmentDomains.InListingOrder(["autism", "food", "housing", "food"]));
    }

    private static ScreeningOutcomeInput Valid => new(["housing"], RiskLevel.Low, RiskLevel.None, RiskLevel.None, null, Urgency.Routine, ScreeningDecision.FullAssessment, null, null);

    [Fact]
    public void A_complete_outcome_is_valid() => Assert.Empty(Valid.Validate());

    [Fact]
    public void An_outcome_needs_every_risk_the_urgency_and_the_decision()
    {
        var fields = new ScreeningOutcomeInput([], null, null, null, null, null, null, null, null).Validate().Select(p => p.Field);
        Assert.Equal(["RiskToSelf", "RiskToOthers", "RiskFromOthers", "Urgency", "Decision"], fields);
    }

    [Fact]
    public void Signposting_says_where_to_and_unknown_needs_or_values_are_refused()
    {
        Assert.Contains((Valid with { Decision = ScreeningDecision.Signpost }).Validate(), p => p.Field == "SignpostedTo");
        Assert.Contains((Valid with { Needs = ["housing", "flying"] }).Validate(), p => p.Message.Contains("flying"));
        Assert.Contains((Valid with { Urgency = (Urgency)9 }).Validate(), p => p.Field == "Urgency");
        Assert.Contains((Valid with { Notes = new string('x', 4001) }).Validate(), p => p.Field == "Notes");
    }

    private static AssessmentInput Assessment(params AssessedNeedInput[] needs) =>
        new(needs, null, "Summary", false, null, null, false, null, null);

    [Fact]
    public void Each_need_gets_its_own_priority_number_and_only_needs_are_priorities()
    {
        var twice = Assessment(new AssessedNeedInput("housing", NeedFinding.Need, Severity.High, null, 1, null), new("money", NeedFinding.Need, Severity.Low, null, 1, null));
        Assert.Contains(twice.Validate(false), p => p.Field == "Needs[money].PersonPriority" && p.Message.Contains("already given to Housing"));
        var notNeed = Assessment(new AssessedNeedInput("housing", NeedFinding.NoNeed, null, null, 1, null));
        Assert.Contains(notNeed.Validate(false), p => p.Field == "Needs[housing].PersonPriority");
        var outOfRange = Assessment(new AssessedNeedInput("housing", NeedFinding.Need, Severity.High, null, 0, null));
        Assert.Contains(outOfRange.Validate(false), p => p.Field == "Needs[housing].PersonPriority");
    }

    [Fact]
    public void Severity_goes_with_a_need_and_completing_asks_for_every_answer()
    {
        Assert.Contains(Assessment(new AssessedNeedInput("housing", NeedFinding.NoNeed, Severity.High, null, null, null)).Validate(false), p => p.Field == "Needs[housing].Severity");
        var partial = Assessment(new AssessedNeedInput("housing", NeedFinding.Need, null, null, null, null), new("money", null, null, "Asked later", null, null));
        Assert.Empty(partial.Validate(false)); // a draft may be incomplete
        Assert.Equal(["Needs[housing].Severity"], partial.Validate(true).Select(p => p.Field)); // unanswered areas are "not assessed"
        var nothing = Assessment(new AssessedNeedInput("money", NeedFinding.NotAssessed, null, null, null, null));
        Assert.Equal(["Needs"], nothing.Validate(true).Select(p => p.Field));
        Assert.Empty(nothing.Validate(false));
    }

    [Fact]
    public void A_safeguarding_concern_needs_details_and_the_action_taken()
    {
        var a = Assessment(new AssessedNeedInput("housing", NeedFinding.NoNeed, null, null, null, null)) with { AdultSafeguardingConcern = true, ChildSafeguardingConcern = null };
        var fields = a.Validate(true).Select(p => p.Field).ToList();
        Assert.Equal(["AdultSafeguardingDetails", "AdultSafeguardingAction", "ChildSafeguardingConcern"], fields);
        Assert.Contains((Assessment() with { RiskSummary = " " }).Validate(true), p => p.Field == "RiskSummary");
    }

    [Fact]
    public void A_formulation_needs_all_four_parts()
    {
        var fields = new FormulationInput("Problems", " ", null, "Plan", null).Validate().Select(p => p.Field);
        Assert.Equal(["HowTheyRelate", "WhatMaintainsThem"], fields);
        Assert.Empty(new FormulationInput("a", "b", "c", "d", null).Validate());
    }
}
