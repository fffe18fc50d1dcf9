using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>The assessment and the formulation through the pages.</summary>
public abstract class AssessmentTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : AssessmentTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : AssessmentTests(app);

    /// <summary>The form's row index of a domain: the rows follow the listing order, basic needs first.</summary>
    private static int Row(string domain) => AssessmentDomains.All.ToList().FindIndex(d => d.Code == domain);

    private static HtmlForm Need(HtmlForm form, string domain, string finding, string? severity = null, string? priority = null, string? words = null)
    {
        var i = Row(domain);
        form.Set($"Needs[{i}].Finding", finding);
        if (severity is not null) form.Set($"Needs[{i}].Severity", severity);
        if (priority is not null) form.Set($"Needs[{i}].PersonPriority", priority);
        if (words is not null) form.Set($"Needs[{i}].InTheirWords", words);
        return form;
    }

    private async Task<(Waymark.People.Person, Episode)> ScreenedEpisodeAsync() =>
        await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.RecordScreened(app.Data.UserId(Users.Practitioner), e.IdentifiedAt.AddMinutes(10)));

    [Fact]
    public async Task The_form_lists_basic_needs_first_and_a_completed_assessment_puts_the_persons_priorities_on_their_page()
    {
        var (person, episode) = await ScreenedEpisodeAsync();
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync($"/episodes/{episode.Id}/assessment");
        var sections = page.Document.QuerySelectorAll("details.waymark-domain summary").Select(s => s.TextContent.Trim()).ToList();
        Assert.Equal(["Housing (basic need)", "Money, benefits and debt (basic need)", "Food (basic need)"], sections.Take(3));
        Assert.Equal(AssessmentDomains.All.Count, sections.Count);

        var form = page.Form("main form").Set("WhatMattersToMe", "Seeing my kids again").Set("RiskSummary", "Low risk to others; sister is a protective factor")
            .Set("AdultSafeguardingConcern", "no").Set("ChildSafeguardingConcern", "no").Set("Complete", "true");
        Need(form, "mental-health", "Need", "Moderate", "2", "Stop the voices at night");
        Need(form, "housing", "Need", "High", "1", "Somewhere to sleep that isn't the hostel");
        Need(form, "autism", "NoNeed");
        using var saved = await form.SubmitAsync(client);
        Assert.Equal($"/episodes/{episode.Id}", Redirects.Path(saved));

        var stored = await app.Data.QueryAsync(db => db.Assessments.Include(a => a.Needs).SingleAsync(a => a.EpisodeId == episode.Id));
        Assert.NotNull(stored.CompletedAt);
        Assert.Equal(["housing", "mental-health"], stored.PersonsPriorities.Select(n => n.Domain));
        var ep = await app.Data.QueryAsync(db => db.Episodes.SingleAsync(e => e.Id == episode.Id));
        Assert.Equal(EpisodeStatus.Assessed, ep.Status);

        var glance = (await client.GetPageAsync($"/people/{person.Id}")).Document.QuerySelector(".waymark-glance")!;
        var priorities = glance.QuerySelectorAll("ol li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["Housing: “Somewhere to sleep that isn't the hostel”", "Mental health: “Stop the voices at night”"], priorities);
        Assert.Contains("Seeing my kids again", glance.TextContent);
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.PersonId == person.Id && a.RecordType == "Assessment" && a.Action == AuditAction.Created)));
    }

    [Fact]
    public async Task Bad_answers_are_shown_again_by_their_field_and_nothing_is_saved()
    {
        var (_, episode) = await ScreenedEpisodeAsync();
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/episodes/{episode.Id}/assessment")).Form("main form")
            .Set("AdultSafeguardingConcern", "yes").Set("AdultSafeguardingDetails", "Cuckooing at his flat").Set("Complete", "false");
        Need(form, "housing", "Need", "High", "1", "A key of my own");
        Need(form, "money", "Need", "Low", "1");
        Need(form, "autism", "NoNeed", "High");
        Need(form, "food", "Plenty");

        using var response = await form.SubmitAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        var links = page.ErrorLinks.Select(l => l.Href).ToList();
        Assert.Contains($"#Needs_{Row("food")}__Finding", links);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("A key of my own", page.FieldValue($"Needs_{Row("housing")}__InTheirWords"));
        Assert.Equal("Cuckooing at his flat", page.FieldValue("AdultSafeguardingDetails"));

        // With the finding fixed, the remaining rules speak: duplicate priority, severity without need, missing action.
        form.Set($"Needs[{Row("food")}].Finding", "NoNeed");
        using var again = await form.SubmitAsync(client);
        var second = await HtmlPage.ReadAsync(again);
        Assert.Equal([$"#Needs_{Row("money")}__PersonPriority", $"#Needs_{Row("autism")}__Severity", "#AdultSafeguardingAction"], second.ErrorLinks.Select(l => l.Href));
        Assert.Contains("priority 1 is already given to Housing", second.ErrorSummary!);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.Assessments.CountAsync(a => a.EpisodeId == episode.Id)));
    }

    [Fact]
    public async Task Two_practitioners_saving_the_same_assessment_the_second_is_told_sees_the_first_and_keeps_their_own()
    {
        var (_, episode) = await ScreenedEpisodeAsync();
        using var first = await app.SignedInAsync(Users.Practitioner);
        using var second = await app.SignedInAsync(Users.Practitioner2);
        using (var start = await (await first.GetPageAsync($"/episodes/{episode.Id}/assessment")).Form("main form").Set("RiskSummary", "Started").Set("Complete", "false").SubmitAsync(first))
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);

        var mine = (await first.GetPageAsync($"/episodes/{episode.Id}/assessment")).Form("main form").Set("RiskSummary", "Amira's summary").Set("Complete", "false");
        var theirs = (await second.GetPageAsync($"/episodes/{episode.Id}/assessment")).Form("main form").Set("RiskSummary", "Ben's summary").Set("Complete", "false");
        using (var ok = await mine.SubmitAsync(first)) Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using var refused = await theirs.SubmitAsync(second);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Contains("Someone else saved this assessment", page.ErrorSummary!);
        Assert.Contains("Amira's summary", page.Document.QuerySelector(".nhsuk-warning-callout")!.TextContent);
        Assert.Equal("Ben's summary", page.FieldValue("RiskSummary"));
        Assert.Equal("Amira's summary", await app.Data.QueryAsync(db => db.Assessments.Where(a => a.EpisodeId == episode.Id).Select(a => a.RiskSummary).SingleAsync()));

        // Saving again, knowingly, over the version they have now seen.
        using var knowingly = await page.Form("main form").Set("Complete", "false").SubmitAsync(second);
        Assert.Equal(HttpStatusCode.Redirect, knowingly.StatusCode);
        Assert.Equal("Ben's summary", await app.Data.QueryAsync(db => db.Assessments.Where(a => a.EpisodeId == episode.Id).Select(a => a.RiskSummary).SingleAsync()));
    }

    [Fact]
    public async Task A_formulation_is_revised_as_new_versions_and_earlier_ones_stay_readable()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var empty = (await client.GetPageAsync($"/people/{person.Id}/formulation")).Form("main form");
        using (var bad = await empty.Set("CoreProblems", "Homeless since release").SubmitAsync(client))
        {
            var page = await HtmlPage.ReadAsync(bad);
            Assert.Equal(["#HowTheyRelate", "#WhatMaintainsThem", "#Plan"], page.ErrorLinks.Select(l => l.Href));
            Assert.Equal("Homeless since release", page.FieldValue("CoreProblems"));
        }
        using (var v1 = await empty.Set("HowTheyRelate", "No address, so no benefits").Set("WhatMaintainsThem", "No ID").Set("Plan", "Housing first").SubmitAsync(client))
            Assert.Equal(HttpStatusCode.Redirect, v1.StatusCode);
        var current = await client.GetPageAsync($"/people/{person.Id}/formulation");
        Assert.Contains("Formulation saved as version 1", current.MainText);
        using (var v2 = await current.Form("main form").Set("Plan", "Replace ID, then housing").Set("ChangeNote", "ID was the blocker").SubmitAsync(client))
            Assert.Equal(HttpStatusCode.Redirect, v2.StatusCode);

        var history = await client.GetPageAsync($"/people/{person.Id}/formulation/history");
        Assert.Equal([$"/people/{person.Id}/formulation/2", $"/people/{person.Id}/formulation/1"], history.Links("main table a"));
        var first = await client.GetPageAsync($"/people/{person.Id}/formulation/1");
        Assert.Contains("Housing first", first.MainText);
        Assert.Contains("This is an earlier version", first.MainText);
        await client.GetPageAsync($"/people/{person.Id}/formulation/3", HttpStatusCode.NotFound);
        Assert.Contains("version 2", (await client.GetPageAsync($"/people/{person.Id}")).Document.QuerySelector(".waymark-glance")!.TextContent);
    }

    [Fact]
    public async Task Two_practitioners_revising_the_formulation_the_second_is_told_and_nothing_is_lost()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire);
        using var first = await app.SignedInAsync(Users.Practitioner);
        using var second = await app.SignedInAsync(Users.Practitioner2);
        HtmlForm Fill(HtmlPage p, string plan) => p.Form("main form").Set("CoreProblems", "a").Set("HowTheyRelate", "b").Set("WhatMaintainsThem", "c").Set("Plan", plan);
        var mine = Fill(await first.GetPageAsync($"/people/{person.Id}/formulation"), "Amira's plan");
        var theirs = Fill(await second.GetPageAsync($"/people/{person.Id}/formulation"), "Ben's plan");
        using (await mine.SubmitAsync(first)) { }
        using var refused = await theirs.SubmitAsync(second);

        var page = await HtmlPage.ReadAsync(refused);
        Assert.Contains("Someone else revised this formulation", page.ErrorSummary!);
        Assert.Contains("Amira's plan", page.Document.QuerySelector(".nhsuk-warning-callout")!.TextContent);
        Assert.Equal("Ben's plan", page.FieldValue("Plan"));
        Assert.Equal(["Amira's plan"], await app.Data.QueryAsync(db => db.FormulationRevisions.Where(r => r.PersonId == person.Id).Select(r => r.Plan).ToListAsync()));
    }

    [Fact]
    public async Task Another_teams_practitioner_gets_not_found_for_screening_assessment_and_formulation_and_cannot_post()
    {
        var (person, episode) = await ScreenedEpisodeAsync();
        using (var northshire = await app.SignedInAsync(Users.Practitioner))
            using (await (await northshire.GetPageAsync($"/episodes/{episode.Id}/screening/gad-7")).Form("main form")
                .Set("SomeUnanswered", "true").SubmitAsync(northshire)) { }
        var result = await app.Data.QueryAsync(db => db.InstrumentCompletions.Where(c => c.EpisodeId == episode.Id).Select(c => c.Id).SingleAsync());

        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        await AccessChecks.AssertAllAsync(client,
        [
            ($"/episodes/{episode.Id}/screening", Expect.NotFound),
            ($"/episodes/{episode.Id}/screening/phq-9", Expect.NotFound),
            ($"/episodes/{episode.Id}/screening/outcome", Expect.NotFound),
            ($"/screening/results/{result}", Expect.NotFound),
            ($"/screening/results/{result}?handler=Fhir", Expect.NotFound),
            ($"/episodes/{episode.Id}/assessment", Expect.NotFound),
            ($"/people/{person.Id}/screening", Expect.NotFound),
            ($"/people/{person.Id}/formulation", Expect.NotFound),
            ($"/people/{person.Id}/formulation/history", Expect.NotFound),
            ($"/people/{person.Id}/formulation/1", Expect.NotFound),
        ], "Southshire practitioner");

        var token = (await client.GetPageAsync("/identification")).Form()["__RequestVerificationToken"]!;
        KeyValuePair<string, string> T() => new("__RequestVerificationToken", token);
        using var outcome = await client.PostAsync($"/episodes/{episode.Id}/screening/outcome",
            [T(), new("RiskToSelf", "Low"), new("RiskToOthers", "Low"), new("RiskFromOthers", "Low"), new("Urgency", "Today"), new("Decision", "FullAssessment")]);
        using var assessment = await client.PostAsync($"/episodes/{episode.Id}/assessment", [T(), new("RiskSummary", "x"), new("Complete", "false")]);
        using var formulation = await client.PostAsync($"/people/{person.Id}/formulation",
            [T(), new("CoreProblems", "a"), new("HowTheyRelate", "b"), new("WhatMaintainsThem", "c"), new("Plan", "d")]);
        using var instrument = await client.PostAsync($"/episodes/{episode.Id}/screening/gad-7", [T(), new("SomeUnanswered", "true")]);
        Assert.All(new[] { outcome, assessment, formulation, instrument }, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var (outcomes, assessments, revisions, completions) = await app.Data.QueryAsync(async db => (
            await db.ScreeningOutcomes.CountAsync(o => o.PersonId == person.Id), await db.Assessments.CountAsync(a => a.PersonId == person.Id),
            await db.FormulationRevisions.CountAsync(r => r.PersonId == person.Id), await db.InstrumentCompletions.CountAsync(c => c.PersonId == person.Id)));
        Assert.Equal((0, 0, 0, 1), (outcomes, assessments, revisions, completions));
    }
}
