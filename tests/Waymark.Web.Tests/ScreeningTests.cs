using System.Net;
using Questionnaire = Hl7.Fhir.Model.Questionnaire;
using QuestionnaireResponse = Hl7.Fhir.Model.QuestionnaireResponse;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Screening;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>Screening on an episode through the pages: instruments, scores and flags, the outcome and its due time.</summary>
public abstract class ScreeningTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : ScreeningTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : ScreeningTests(app);

    /// <summary>Answers every question of an instrument form: the given values by item id, else the first option.</summary>
    private static HtmlForm Answer(HtmlPage page, IReadOnlyDictionary<string, string>? values = null, params string[] leaveOut)
    {
        var form = page.Form("main form");
        var items = page.Document.QuerySelectorAll("input[type=radio][name^='Answers[']")
            .Select(r => r.GetAttribute("name")!).Distinct().ToList();
        foreach (var name in items)
        {
            var id = name[8..^1];
            if (leaveOut.Contains(id)) { form.Remove(name); continue; }
            var first = page.Document.QuerySelector($"input[type=radio][name='{name}']")!.GetAttribute("value")!;
            form.Set(name, values is not null && values.TryGetValue(id, out var v) ? v : first);
        }
        return form;
    }

    /// <summary>The value of the summary-list row with this key.</summary>
    private static string Row(HtmlPage page, string key) =>
        page.Document.QuerySelectorAll(".nhsuk-summary-list__row")
            .Where(r => r.QuerySelector("dt")?.TextContent.Trim() == key)
            .Select(r => string.Join(' ', r.QuerySelector("dd")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .FirstOrDefault() ?? throw new Xunit.Sdk.XunitException($"No row '{key}'");

    private static Dictionary<string, string> Phq9(int eachItem, int item9) =>
        Enumerable.Range(1, 9).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), i => (i == 9 ? item9 : eachItem).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Issue 11, item 15: an instrument without a total says so; it never says a total could not be calculated.</summary>
    [Fact]
    public async Task An_instrument_with_no_total_says_so_and_a_total_left_unfinished_says_why()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);

        // The Brief Jail Mental Health Screen with all 8 answered: read from its answers, no total, no bands.
        var bjmhs = await client.GetPageAsync($"/episodes/{episode.Id}/screening/bjmhs");
        var result = await client.FollowAsync(await Answer(bjmhs).SubmitAsync(client));
        Assert.Equal("No total score: this instrument is read from its answers (see the outcome)", Row(result, "Score"));
        Assert.DoesNotContain("Not calculated", result.MainText);
        Assert.DoesNotContain(result.Document.QuerySelectorAll(".nhsuk-summary-list__key"), k => k.TextContent.Trim() == "Band");
        var screening = await client.GetPageAsync($"/episodes/{episode.Id}/screening");
        Assert.Contains("No total", screening.MainText);
        Assert.DoesNotContain("Not calculated", screening.MainText);

        // A PHQ-9 with most questions left: its total really could not be worked out.
        var phq = await client.GetPageAsync($"/episodes/{episode.Id}/screening/phq-9");
        var partial = await client.FollowAsync(await Answer(phq, null, "2", "3", "4", "5", "6", "7", "8").Set("SomeUnanswered", "true").SubmitAsync(client));
        Assert.Equal("Not calculated: too many questions unanswered", Row(partial, "Score"));
    }

    [Fact]
    public async Task A_practitioner_screens_with_two_instruments_and_records_need_risk_and_urgency()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);

        var screening = await client.GetPageAsync($"/episodes/{episode.Id}/screening");
        Assert.Equal("Screening", screening.H1);
        var offered = screening.Links("main ul a").ToList();
        foreach (var id in new[] { "phq-9", "gad-7", "audit-c", "bjmhs", "wellbeing-check" })
            Assert.Contains($"/episodes/{episode.Id}/screening/{id}", offered);
        Assert.DoesNotContain($"/episodes/{episode.Id}/screening/broken-test", offered);

        // PHQ-9: 1 on items 1-8 and 2 on item 9 scores 10, moderate, and demands a risk assessment now.
        var phq = await client.GetPageAsync($"/episodes/{episode.Id}/screening/phq-9");
        using var scored = await Answer(phq, Phq9(1, 2)).SubmitAsync(client);
        Assert.StartsWith("/screening/results/", Redirects.Path(scored));
        var result = await client.FollowAsync(scored);
        Assert.Equal("10", Row(result, "Score"));
        Assert.Equal("Moderate", Row(result, "Band"));
        Assert.Contains("carry out a risk assessment now", result.Document.QuerySelector(".nhsuk-warning-callout")!.TextContent);

        // The jail screen: yes to question 7 alone means referral.
        var bjmhs = await client.GetPageAsync($"/episodes/{episode.Id}/screening/bjmhs");
        using var referred = await Answer(bjmhs, new Dictionary<string, string> { ["7"] = "1" }).SubmitAsync(client);
        Assert.Equal("Refer for further mental health evaluation", Row(await client.FollowAsync(referred), "Outcome"));

        // The outcome: needs, risk and urgency; the assessment falls due by the team's target for "today".
        var outcome = (await client.GetPageAsync($"/episodes/{episode.Id}/screening/outcome")).Form("main form")
            .SetAll("Needs", "mental-health", "housing").Set("RiskToSelf", "High").Set("RiskToOthers", "None").Set("RiskFromOthers", "Medium")
            .Set("Urgency", "Today").Set("Decision", "FullAssessment").Set("Notes", "Seen in cell 4");
        var before = DateTimeOffset.UtcNow;
        using var saved = await outcome.SubmitAsync(client);
        Assert.Equal($"/episodes/{episode.Id}/screening", Redirects.Path(saved));
        Assert.Contains("Full assessment due by", (await client.FollowAsync(saved)).MainText);

        var (stored, results, ep) = await app.Data.QueryAsync(async db => (
            await db.ScreeningOutcomes.SingleAsync(o => o.EpisodeId == episode.Id),
            await db.InstrumentCompletions.Where(c => c.EpisodeId == episode.Id).OrderBy(c => c.CompletedAt).ToListAsync(),
            await db.Episodes.SingleAsync(e => e.Id == episode.Id)));
        Assert.Equal(("housing mental-health", RiskLevel.High, Urgency.Today), (stored.Needs, stored.RiskToSelf, stored.Urgency));
        Assert.Equal(["phq-9", "bjmhs"], results.Select(r => r.InstrumentId));
        Assert.Equal((10, "Moderate"), (results[0].Total, results[0].Band));
        Assert.Equal(EpisodeStatus.Screened, ep.Status);
        Assert.InRange(ep.AssessmentDueAt!.Value, before.AddHours(8).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(8).AddMinutes(1));
        Assert.Equal(3, await app.Data.QueryAsync(db => db.AuditEvents.CountAsync(a => a.PersonId == person.Id && a.Action == AuditAction.Created
            && (a.RecordType == "InstrumentCompletion" || a.RecordType == "ScreeningOutcome"))));

        // At a glance on the person page.
        var personPage = await client.GetPageAsync($"/people/{person.Id}");
        var glance = personPage.Document.QuerySelector(".waymark-glance")!.TextContent;
        Assert.Contains("Housing, Mental health", glance);
        Assert.Contains("Today", glance);
        Assert.Contains($"/people/{person.Id}/screening", personPage.Links(".waymark-glance a"));
        var history = await client.GetPageAsync($"/people/{person.Id}/screening");
        Assert.Contains("Patient Health Questionnaire (PHQ-9)", history.MainText);
    }

    [Fact]
    public async Task Unanswered_questions_are_refused_unless_the_practitioner_says_so_and_then_the_published_rule_applies()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var phq = await client.GetPageAsync($"/episodes/{episode.Id}/screening/phq-9");

        using var refused = await Answer(phq, Phq9(2, 0), "3", "5").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal([("#Answers_3_", "Answer question 3, or tick the box to say it was not answered"), ("#Answers_5_", "Answer question 5, or tick the box to say it was not answered")],
            page.ErrorLinks);
        Assert.NotNull(page.Document.QuerySelector("#Answers_3_")); // the summary links land on the question
        Assert.NotNull(page.Document.QuerySelector("input[name='Answers[1]'][value='2'][checked]")); // what was chosen stays chosen
        Assert.Equal(0, await app.Data.QueryAsync(db => db.InstrumentCompletions.CountAsync(c => c.EpisodeId == episode.Id)));

        // Two unanswered: PHQ-9 prorates (six 2s and a 0 answered: 12 / 7 × 9 = 15.4 → 15).
        using var prorated = await Answer(page, Phq9(2, 0), "3", "5").Set("SomeUnanswered", "true").SubmitAsync(client);
        var result = await client.FollowAsync(prorated);
        Assert.Equal("15 (prorated for unanswered questions)", Row(result, "Score"));
        Assert.Contains("Not answered", result.MainText);
    }

    /// <summary>
    /// Issue 11, item 12: the AUDIT answered as the WHO manual says ("Never" on question 1 → questions 9 and 10) is
    /// accepted without ticking "not answered", skipped questions score 0 and say why, and the FHIR response is completed.
    /// </summary>
    [Fact]
    public async Task The_AUDIT_skips_questions_2_to_8_after_never_without_demanding_them()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var audit = await client.GetPageAsync($"/episodes/{episode.Id}/screening/audit");
        // The form carries each skip rule for the page's script; nothing is marked skipped before an answer.
        Assert.Equal("""{"item":"1","equals":0}""", audit.Document.QuerySelector("[data-item='2']")!.GetAttribute("data-skip-when"));
        Assert.Null(audit.Document.QuerySelector("[data-item='1']")!.GetAttribute("data-skip-when"));
        Assert.Empty(audit.Document.QuerySelectorAll(".waymark-skipped"));

        var form = Answer(audit, new Dictionary<string, string> { ["1"] = "0", ["9"] = "0", ["10"] = "2" }, "2", "3", "4", "5", "6", "7", "8");
        using var saved = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var result = await client.FollowAsync(saved);
        Assert.Equal("2", Row(result, "Score"));
        Assert.Contains("Not asked: question 1 was \"Never\". Scores 0.", result.MainText);
        Assert.DoesNotContain("Not answered", result.MainText);
        Assert.DoesNotContain("not kept", result.MainText); // nothing was given for the skipped questions
        var completion = await app.Data.QueryAsync(db => db.InstrumentCompletions.SingleAsync(c => c.EpisodeId == episode.Id));
        Assert.Equal(0, completion.MissingCount);

        using var fhir = await client.GetAsync(Redirects.Path(saved) + "?handler=Fhir");
        var response = new FhirJsonDeserializer().Deserialize<QuestionnaireResponse>(await fhir.Content.ReadAsStringAsync());
        Assert.Equal(QuestionnaireResponse.QuestionnaireResponseStatus.Completed, response.Status);
        Assert.Equal(["1", "9", "10"], response.Item.Select(i => i.LinkId));

        using var questionnaire = await client.GetAsync("/screening/instruments?handler=Fhir&id=audit");
        var q = new FhirJsonDeserializer().Deserialize<Questionnaire>(await questionnaire.Content.ReadAsStringAsync());
        Assert.Equal(["1", "1", "1", "1"], q.Item[1].EnableWhen.Select(e => e.Question));
        Assert.Equal(Questionnaire.EnableWhenBehavior.Any, q.Item[1].EnableBehavior);
    }

    /// <summary>A walk-through without JavaScript answered questions 2–8 after "Never" and the answers vanished without a word.</summary>
    [Fact]
    public async Task Answers_given_to_skipped_questions_are_said_not_to_be_kept()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var audit = await client.GetPageAsync($"/episodes/{episode.Id}/screening/audit");

        using var saved = await Answer(audit, new Dictionary<string, string> { ["1"] = "0", ["2"] = "4", ["3"] = "4", ["9"] = "0", ["10"] = "0" }).SubmitAsync(client);

        var result = await client.FollowAsync(saved);
        Assert.Contains("Your answers to questions 2, 3, 4, 5, 6, 7, 8 were not kept: they are not asked when question 1 was \"Never\", and score as the instrument says.",
            result.Document.QuerySelector("main [role=status]")!.TextContent);
        Assert.Equal("0", Row(result, "Score"));
        Assert.Null((await client.GetPageAsync(Redirects.Path(saved))).Document.QuerySelector("main [role=status]")); // said once
    }

    [Fact]
    public async Task The_AUDIT_still_asks_questions_4_to_8_when_question_2_or_3_scores_and_marks_skips_when_shown_again()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var audit = await client.GetPageAsync($"/episodes/{episode.Id}/screening/audit");

        // Question 2 scores, so 4–8 are asked: leaving 4 out is refused (and only 4).
        using var refused = await Answer(audit, new Dictionary<string, string> { ["1"] = "2", ["2"] = "1", ["3"] = "0" }, "4").SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal([("#Answers_4_", "Answer question 4, or tick the box to say it was not answered")], page.ErrorLinks);

        // 2 and 3 both 0 skip 4–8; with question 10 left out the form comes back, and 4–8 are marked, not demanded.
        using var again = await Answer(page, new Dictionary<string, string> { ["1"] = "2", ["2"] = "0", ["3"] = "0" }, "4", "5", "6", "7", "8", "10").SubmitAsync(client);
        var shown = await HtmlPage.ReadAsync(again);
        Assert.Equal([("#Answers_10_", "Answer question 10, or tick the box to say it was not answered")], shown.ErrorLinks);
        Assert.Equal(["4", "5", "6", "7", "8"], shown.Document.QuerySelectorAll(".waymark-skipped").Select(g => g.GetAttribute("data-item")));
        Assert.Contains("Not asked: question 2 was \"1 or 2\" and question 3 was \"Never\". Scores 0.", shown.MainText);

        using var saved = await Answer(shown, new Dictionary<string, string> { ["1"] = "2", ["2"] = "0", ["3"] = "0", ["10"] = "4" }, "4", "5", "6", "7", "8").SubmitAsync(client);
        var result = await client.FollowAsync(saved);
        Assert.Equal("6", Row(result, "Score"));
    }

    [Theory]
    [InlineData("4")]
    [InlineData("one")]
    [InlineData("-1")]
    public async Task An_impossible_answer_is_refused_naming_the_question_and_nothing_is_saved(string value)
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var phq = await client.GetPageAsync($"/episodes/{episode.Id}/screening/phq-9");
        var values = Phq9(0, 0);
        values["9"] = value;
        using var response = await Answer(phq, values).SubmitAsync(client);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(("#Answers_9_", "Question 9: choose one of the answers given"), (await HtmlPage.ReadAsync(response)).ErrorLinks);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.InstrumentCompletions.CountAsync(c => c.EpisodeId == episode.Id)));
    }

    [Fact]
    public async Task An_unknown_instrument_is_not_found()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        await client.GetPageAsync($"/episodes/{episode.Id}/screening/no-such-instrument", HttpStatusCode.NotFound);
        await client.GetPageAsync($"/episodes/{episode.Id}/screening/broken-test", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_services_own_instrument_file_is_offered_scored_and_flagged_and_a_bad_file_is_reported()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = await client.GetPageAsync($"/episodes/{episode.Id}/screening/wellbeing-check");
        using var scored = await Answer(form, new Dictionary<string, string> { ["a"] = "1", ["c"] = "2" }).SubmitAsync(client);
        var result = await client.FollowAsync(scored);
        Assert.Equal("3", Row(result, "Score"));
        Assert.Equal("Struggling", Row(result, "Band"));
        Assert.Contains("ask about risk from others now", result.MainText);

        var library = await client.GetPageAsync("/screening/instruments");
        Assert.Contains("Wellbeing check (test instrument)", library.MainText);
        Assert.Contains("broken.json: items[0].options[1].value", library.MainText);
    }

    [Fact]
    public async Task A_result_exports_as_a_FHIR_QuestionnaireResponse_and_the_export_is_audited()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        using var scored = await Answer(await client.GetPageAsync($"/episodes/{episode.Id}/screening/gad-7")).SubmitAsync(client);
        var url = Redirects.Path(scored);

        using var fhir = await client.GetAsync(url + "?handler=Fhir");
        Assert.Equal("application/fhir+json", fhir.Content.Headers.ContentType!.MediaType);
        var response = new FhirJsonDeserializer().Deserialize<QuestionnaireResponse>(await fhir.Content.ReadAsStringAsync());
        Assert.Equal(QuestionnaireResponse.QuestionnaireResponseStatus.Completed, response.Status);
        Assert.Equal(7, response.Item.Count);
        Assert.Equal($"Patient/{person.Id}", response.Subject!.Reference);
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.PersonId == person.Id && a.Action == AuditAction.Exported)));

        using var questionnaire = await client.GetAsync("/screening/instruments?handler=Fhir&id=gad-7");
        var q = new FhirJsonDeserializer().Deserialize<Questionnaire>(await questionnaire.Content.ReadAsStringAsync());
        Assert.Equal(7, q.Item.Count);
    }

    private static HtmlForm OutcomeForm(HtmlPage page) => page.Form("main form");

    [Fact]
    public async Task An_incomplete_outcome_is_shown_again_with_every_problem_and_what_was_chosen()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = OutcomeForm(await client.GetPageAsync($"/episodes/{episode.Id}/screening/outcome"))
            .SetAll("Needs", "food").Set("RiskToOthers", "Extreme").Set("Decision", "Signpost");

        using var response = await form.SubmitAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Equal(["#RiskToSelf", "#RiskToOthers", "#RiskFromOthers", "#Urgency", "#SignpostedTo"], page.ErrorLinks.Select(l => l.Href));
        Assert.NotNull(page.Document.QuerySelector("input[name=Needs][value=food][checked]"));
        Assert.NotNull(page.Document.QuerySelector("input[name=Decision][value=Signpost][checked]"));
        Assert.Equal(0, await app.Data.QueryAsync(db => db.ScreeningOutcomes.CountAsync(o => o.EpisodeId == episode.Id)));
    }

    [Fact]
    public async Task Two_practitioners_recording_an_outcome_the_second_is_told_and_keeps_what_they_chose()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var first = await app.SignedInAsync(Users.Practitioner);
        using var second = await app.SignedInAsync(Users.Practitioner2);
        HtmlForm Fill(HtmlPage p, string urgency) => OutcomeForm(p).Set("RiskToSelf", "Low").Set("RiskToOthers", "Low").Set("RiskFromOthers", "Low")
            .Set("Urgency", urgency).Set("Decision", "FullAssessment");
        var mine = Fill(await first.GetPageAsync($"/episodes/{episode.Id}/screening/outcome"), "Routine");
        var theirs = Fill(await second.GetPageAsync($"/episodes/{episode.Id}/screening/outcome"), "Immediate");

        using (var ok = await mine.SubmitAsync(first)) Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using var refused = await theirs.SubmitAsync(second);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Contains("Someone else recorded a screening outcome", page.ErrorSummary);
        Assert.NotNull(page.Document.QuerySelector("input[name=Urgency][value=Immediate][checked]"));
        var stored = await app.Data.QueryAsync(db => db.ScreeningOutcomes.Where(o => o.EpisodeId == episode.Id).ToListAsync());
        Assert.Equal(Urgency.Routine, Assert.Single(stored).Urgency);

        // Having seen the other outcome, saving again adds theirs as the next one.
        using var again = await page.Form("main form").SubmitAsync(second);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal([1, 2], await app.Data.QueryAsync(db => db.ScreeningOutcomes.Where(o => o.EpisodeId == episode.Id).OrderBy(o => o.Sequence).Select(o => o.Sequence).ToListAsync()));
    }

    [Fact]
    public async Task The_team_managers_targets_set_the_due_time_and_overdue_assessments_show_on_the_caseload()
    {
        using var manager = await app.SignedInAsync(Users.TeamManager);
        var targets = (await manager.GetPageAsync("/team/assessment-targets")).Form("main form");
        using (var bad = await targets.Set("Today", "soon").Set("Immediate", "600").SubmitAsync(manager))
        {
            var page = await HtmlPage.ReadAsync(bad);
            Assert.Equal(["#Today"], page.ErrorLinks.Select(l => l.Href));
            Assert.Equal("soon", page.FieldValue("Today"));
        }
        using (var unordered = await targets.Set("Today", "2").Set("Immediate", "600").SubmitAsync(manager))
            Assert.Contains("Targets must get longer as urgency falls", (await HtmlPage.ReadAsync(unordered)).ErrorSummary!);
        var original = (await manager.GetPageAsync("/team/assessment-targets")).Form("main form");
        try
        {
            using (var saved = await original.Set("Today", "3").SubmitAsync(manager))
                Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

            var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
            var form = OutcomeForm(await manager.GetPageAsync($"/episodes/{episode.Id}/screening/outcome"))
                .Set("RiskToSelf", "None").Set("RiskToOthers", "None").Set("RiskFromOthers", "None").Set("Urgency", "Today").Set("Decision", "FullAssessment");
            var before = DateTimeOffset.UtcNow;
            using (await form.SubmitAsync(manager)) { }
            var due = await app.Data.QueryAsync(db => db.Episodes.Where(e => e.Id == episode.Id).Select(e => e.AssessmentDueAt).SingleAsync());
            Assert.InRange(due!.Value, before.AddHours(3).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(3).AddMinutes(1));

            // Overdue: move the due time into the past.
            await app.Data.ChangeAsync(async db => (await db.Episodes.SingleAsync(e => e.Id == episode.Id)).AssessmentDueAt = DateTimeOffset.UtcNow.AddMinutes(-5));
            var caseload = await manager.GetPageAsync("/caseload?Show=assessment-overdue");
            var row = caseload.Document.QuerySelectorAll("tbody tr").Single(r => r.InnerHtml.Contains(episode.Id.ToString(), StringComparison.Ordinal));
            Assert.Matches(@"Assessment due by [^|]*Overdue", HtmlPage.Collapse(row.TextContent)); // the due-by cell's tag
            Assert.Contains("Assessment overdue", (await manager.GetPageAsync($"/episodes/{episode.Id}")).MainText);
        }
        finally
        {
            var reset = (await manager.GetPageAsync("/team/assessment-targets")).Form("main form");
            using var _ = await reset.Set("Immediate", "60").Set("Today", "8").Set("Routine", "5").SubmitAsync(manager);
        }
    }
}
