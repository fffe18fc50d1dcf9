using Waymark.Instruments;

namespace Waymark.Core.Tests.Unit.Instruments;

/// <summary>Each built-in instrument scores exactly as published: bands on both sides of every cut-off, missing answers, flags and rules.</summary>
public class BuiltInInstrumentTests
{
    [Fact]
    public void All_six_built_in_instruments_load_without_problems()
    {
        Assert.Empty(Answers.BuiltIn.Problems);
        Assert.Equal(["audit", "audit-c", "bjmhs", "gad-7", "phq-9", "tag"], Answers.BuiltIn.Latest.Select(d => d.Id));
        Assert.All(Answers.BuiltIn.All, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Source));
            Assert.False(string.IsNullOrWhiteSpace(d.Licence));
        });
    }

    [Theory]
    [InlineData("phq-9", 0, "Minimal")]
    [InlineData("phq-9", 4, "Minimal")]
    [InlineData("phq-9", 5, "Mild")]
    [InlineData("phq-9", 9, "Mild")]
    [InlineData("phq-9", 10, "Moderate")]
    [InlineData("phq-9", 14, "Moderate")]
    [InlineData("phq-9", 15, "Moderately severe")]
    [InlineData("phq-9", 19, "Moderately severe")]
    [InlineData("phq-9", 20, "Severe")]
    [InlineData("phq-9", 27, "Severe")]
    [InlineData("gad-7", 0, "Minimal")]
    [InlineData("gad-7", 4, "Minimal")]
    [InlineData("gad-7", 5, "Mild")]
    [InlineData("gad-7", 9, "Mild")]
    [InlineData("gad-7", 10, "Moderate")]
    [InlineData("gad-7", 14, "Moderate")]
    [InlineData("gad-7", 15, "Severe")]
    [InlineData("gad-7", 21, "Severe")]
    [InlineData("audit", 0, "Zone I")]
    [InlineData("audit", 7, "Zone I")]
    [InlineData("audit", 8, "Zone II")]
    [InlineData("audit", 15, "Zone II")]
    [InlineData("audit", 16, "Zone III")]
    [InlineData("audit", 19, "Zone III")]
    [InlineData("audit", 20, "Zone IV")]
    [InlineData("audit", 40, "Zone IV")]
    [InlineData("audit-c", 0, "Lower risk")]
    [InlineData("audit-c", 4, "Lower risk")]
    [InlineData("audit-c", 5, "AUDIT-C positive")]
    [InlineData("audit-c", 12, "AUDIT-C positive")]
    public void Totals_fall_in_the_published_band(string id, int total, string band)
    {
        var def = Answers.Get(id);
        var r = InstrumentScorer.Score(def, Answers.Totalling(def, total));
        Assert.True(r.IsValid);
        Assert.Equal(total, r.Total);
        Assert.False(r.Prorated);
        Assert.NotNull(r.Band);
        Assert.StartsWith(band, r.Band.Label, StringComparison.Ordinal);
        Assert.True(r.Band.Min <= total && total <= r.Band.Max);
    }

    [Theory]
    [InlineData("audit-c", 4, false)]
    [InlineData("audit-c", 5, true)]
    [InlineData("tag", 4, false)]
    [InlineData("tag", 5, true)]
    public void Threshold_rules_switch_exactly_at_the_published_cut_off(string id, int total, bool met)
    {
        var def = Answers.Get(id);
        var r = InstrumentScorer.Score(def, Answers.Totalling(def, total));
        Assert.Equal(total, r.Total);
        Assert.Equal(met, r.Outcomes.Length == 1);
        Assert.Empty(r.Undecided);
    }

    [Fact]
    public void Phq9_prorates_one_missing_item()
    {
        var def = Answers.Get("phq-9");
        // 8 answered, sum 16: mean 2 × 9 = 18.
        var r = InstrumentScorer.Score(def, Answers.For(def, 2, 2, 2, 2, null, 2, 2, 2, 2));
        Assert.Equal(18, r.Total);
        Assert.True(r.Prorated);
        Assert.Equal("Moderately severe", r.Band?.Label);
        Assert.Equal(["5"], r.Missing.ToArray());
    }

    [Fact]
    public void Phq9_prorates_two_missing_items()
    {
        var def = Answers.Get("phq-9");
        // 7 answered, sum 7: mean 1 × 9 = 9.
        var r = InstrumentScorer.Score(def, Answers.For(def, 1, 1, null, 1, 1, 1, null, 1, 1));
        Assert.Equal(9, r.Total);
        Assert.True(r.Prorated);
        Assert.Equal("Mild", r.Band?.Label);
        Assert.Equal(["3", "7"], r.Missing.ToArray());
    }

    [Fact]
    public void Prorating_rounds_half_away_from_zero()
    {
        var def = Answers.Get("phq-9");
        // 8 answered, sum 4: 4 × 9 / 8 = 4.5 → 5, which moves the band from Minimal to Mild.
        var r = InstrumentScorer.Score(def, Answers.For(def, 1, 1, 1, 1, 0, 0, 0, 0, null));
        Assert.Equal(5, r.Total);
        Assert.Equal("Mild", r.Band?.Label);
    }

    [Fact]
    public void Phq9_has_no_score_with_three_missing_items()
    {
        var def = Answers.Get("phq-9");
        var r = InstrumentScorer.Score(def, Answers.For(def, 3, 3, 3, 3, 3, 3, null, null, null));
        Assert.Null(r.Total);
        Assert.False(r.Prorated);
        Assert.Null(r.Band);
        Assert.Equal(["7", "8", "9"], r.Missing.ToArray());
    }

    [Theory]
    [InlineData(2, 21)] // 5 answered, all 3: mean 3 × 7
    [InlineData(3, null)]
    public void Gad7_prorates_up_to_two_missing_items(int missing, int? total)
    {
        var def = Answers.Get("gad-7");
        var values = Enumerable.Range(0, 7).Select(i => i < missing ? (int?)null : 3).ToArray();
        var r = InstrumentScorer.Score(def, Answers.For(def, values));
        Assert.Equal(total, r.Total);
        Assert.Equal(total is not null, r.Prorated);
    }

    [Fact]
    public void Phq9_item_9_flags_even_when_the_total_cannot_be_computed()
    {
        var def = Answers.Get("phq-9");
        var r = InstrumentScorer.Score(def, Answers.For(def, null, null, null, null, null, 0, 0, 0, 2));
        Assert.Null(r.Total);
        var flag = Assert.Single(r.Flags);
        Assert.Equal("suicidal-thoughts", flag.Id);
        Assert.Equal(FlagSeverity.Urgent, flag.Severity);
        Assert.Contains("risk assessment", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Phq9_item_9_answered_0_raises_no_flag_and_unanswered_leaves_it_undecided()
    {
        var def = Answers.Get("phq-9");
        var none = InstrumentScorer.Score(def, Answers.For(def, 3, 3, 3, 3, 3, 3, 3, 3, 0));
        Assert.Empty(none.Flags);
        Assert.Empty(none.Undecided);
        var unknown = InstrumentScorer.Score(def, Answers.For(def, 3, 3, 3, 3, 3, 3, 3, 3, null));
        Assert.Empty(unknown.Flags);
        Assert.Equal(["suicidal-thoughts"], unknown.Undecided.ToArray());
        Assert.Equal(27, unknown.Total); // 24 × 9 / 8, prorated
    }

    [Fact]
    public void Audit_scores_items_9_and_10_as_0_2_or_4()
    {
        var def = Answers.Get("audit");
        Assert.Equal([0, 2, 4], def.Items[8].Options.Select(o => o.Value));
        Assert.Equal([0, 2, 4], def.Items[9].Options.Select(o => o.Value));
        var r = InstrumentScorer.Score(def, Answers.For(def, 1, 0, 0, 0, 0, 0, 0, 0, 2, 4));
        Assert.Equal(7, r.Total);
    }

    [Fact]
    public void Audit_never_drinking_skips_to_questions_9_and_10()
    {
        var def = Answers.Get("audit");
        var r = InstrumentScorer.Score(def, Answers.For(def, 0, null, null, null, null, null, null, null, 2, 0));
        Assert.Equal(2, r.Total);
        Assert.Empty(r.Missing);
        Assert.Equal("alcohol-related-harm", Assert.Single(r.Outcomes).Id);
    }

    [Fact]
    public void Audit_questions_2_and_3_both_0_skip_questions_4_to_8()
    {
        var def = Answers.Get("audit");
        var r = InstrumentScorer.Score(def, Answers.For(def, 2, 0, 0, null, null, null, null, null, 0, 0));
        Assert.Equal(2, r.Total);
        Assert.Empty(r.Missing);
        Assert.Empty(r.Outcomes);
    }

    [Fact]
    public void Audit_has_no_score_when_an_unskipped_question_is_missing()
    {
        var def = Answers.Get("audit");
        var r = InstrumentScorer.Score(def, Answers.For(def, 2, 1, 0, null, 0, 0, 0, 0, 0, 0));
        Assert.Null(r.Total);
        Assert.Equal(["4"], r.Missing.ToArray());
        // Questions 5 and 6 are 0, so dependence depends on the missing question 4.
        Assert.Equal(["dependence-symptoms"], r.Undecided.ToArray());
    }

    [Fact]
    public void Audit_points_on_questions_4_to_6_suggest_dependence()
    {
        var def = Answers.Get("audit");
        var r = InstrumentScorer.Score(def, Answers.For(def, 3, 1, 1, 0, 0, 1, 0, 0, 0, 0));
        Assert.Equal(["dependence-symptoms"], r.Outcomes.Select(o => o.Id));
    }

    [Fact]
    public void AuditC_has_no_score_with_a_missing_answer()
    {
        var def = Answers.Get("audit-c");
        var r = InstrumentScorer.Score(def, Answers.For(def, 4, null, 4));
        Assert.Null(r.Total);
        Assert.Empty(r.Outcomes);
        Assert.Equal(["complete-full-audit"], r.Undecided.ToArray());
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 1, 0 }, true)]  // item 7: prescribed medication
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 1 }, true)]  // item 8: ever in hospital
    [InlineData(new[] { 1, 0, 0, 0, 0, 1, 0, 0 }, true)]  // 2 of items 1-6
    [InlineData(new[] { 0, 1, 1, 1, 0, 0, 0, 0 }, true)]  // 3 of items 1-6
    [InlineData(new[] { 0, 0, 0, 0, 1, 0, 0, 0 }, false)] // only 1 of items 1-6
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0 }, false)]
    public void Bjmhs_refers_on_item_7_or_8_or_two_of_items_1_to_6(int[] answers, bool refer)
    {
        var def = Answers.Get("bjmhs");
        var r = InstrumentScorer.Score(def, Answers.For(def, [.. answers.Select(a => (int?)a)]));
        Assert.Equal(refer ? ["refer"] : [], r.Outcomes.Select(o => o.Id));
        Assert.Empty(r.Undecided);
        Assert.Null(r.Total); // the BJMHS has no score, only its rule
        if (refer) Assert.Equal("Refer for further mental health evaluation", r.Outcomes[0].Label);
    }

    [Fact]
    public void Bjmhs_refers_on_a_yes_to_item_8_with_everything_else_missing()
    {
        var def = Answers.Get("bjmhs");
        var r = InstrumentScorer.Score(def, Answers.For(def, null, null, null, null, null, null, null, 1));
        Assert.Equal("refer", Assert.Single(r.Outcomes).Id);
        Assert.Equal(7, r.Missing.Length);
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, -1, 0 })] // item 7 missing
    [InlineData(new[] { 1, -1, 0, 0, 0, 0, 0, 0 })] // one yes, one symptom missing
    public void Bjmhs_is_undecided_when_a_missing_answer_could_change_it(int[] answers)
    {
        var def = Answers.Get("bjmhs");
        var r = InstrumentScorer.Score(def, Answers.For(def, [.. answers.Select(a => a < 0 ? null : (int?)a)]));
        Assert.Empty(r.Outcomes);
        Assert.Equal(["refer"], r.Undecided.ToArray());
    }

    [Fact]
    public void Bjmhs_is_decided_no_when_missing_answers_cannot_reach_the_rule()
    {
        var def = Answers.Get("bjmhs");
        // Items 1-5 no, 6 missing: at most 1 yes among 1-6, and 7, 8 are no.
        var r = InstrumentScorer.Score(def, Answers.For(def, 0, 0, 0, 0, 0, null, 0, 0));
        Assert.Empty(r.Outcomes);
        Assert.Empty(r.Undecided);
    }

    [Fact]
    public void Tag_scores_the_safety_risk_and_needs_areas()
    {
        var def = Answers.Get("tag");
        var r = InstrumentScorer.Score(def, Answers.For(def, 1, 2, 0, 3, 4, 0, 1));
        Assert.Equal(11, r.Total);
        Assert.Equal([("safety", 3), ("risk", 3), ("needs", 5)], r.Subscales.Select(s => (s.Id, s.Score ?? -1)));
        Assert.Equal("Needs and disabilities", r.Subscales[2].Label);
        Assert.Equal("threshold-met", Assert.Single(r.Outcomes).Id);
    }

    [Fact]
    public void Tag_needs_all_seven_domains_but_scores_complete_areas()
    {
        var def = Answers.Get("tag");
        var r = InstrumentScorer.Score(def, Answers.For(def, 1, 2, 0, null, 4, 0, 1));
        Assert.Null(r.Total);
        Assert.Equal([3, null, 5], r.Subscales.Select(s => s.Score));
        Assert.Equal(["risk-to-others"], r.Missing.ToArray());
        Assert.Equal(["threshold-met"], r.Undecided.ToArray());
    }

    [Fact]
    public void An_impossible_answer_is_an_error_naming_the_item_and_nothing_is_scored()
    {
        var def = Answers.Get("phq-9");
        var r = InstrumentScorer.Score(def, Answers.For(def, 0, 0, 0, 0, 0, 0, 0, 0, 4));
        Assert.False(r.IsValid);
        Assert.Null(r.Total);
        Assert.Empty(r.Flags);
        var error = Assert.Single(r.Errors);
        Assert.Equal("9", error.ItemId);
        Assert.Equal("item 9 (\"Thoughts that you would be better off dead…\"): 4 is not an answer; expected 0, 1, 2 or 3", error.ToString());
    }

    [Fact]
    public void Audit_questions_9_and_10_refuse_1_and_3()
    {
        var def = Answers.Get("audit");
        var r = InstrumentScorer.Score(def, Answers.For(def, 1, 0, 0, 0, 0, 0, 0, 0, 1, 3));
        Assert.Equal(["9", "10"], r.Errors.Select(e => e.ItemId));
        Assert.EndsWith("1 is not an answer; expected 0, 2 or 4", r.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_to_an_item_the_instrument_does_not_have_is_an_error()
    {
        var def = Answers.Get("gad-7");
        var answers = Answers.For(def, 0, 0, 0, 0, 0, 0, 0);
        answers["8"] = 1;
        var r = InstrumentScorer.Score(def, answers);
        Assert.Equal("item 8: not an item of gad-7", Assert.Single(r.Errors).ToString());
    }
}
