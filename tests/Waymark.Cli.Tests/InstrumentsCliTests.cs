using Coding = Hl7.Fhir.Model.Coding;
using Questionnaire = Hl7.Fhir.Model.Questionnaire;
using Hl7.Fhir.Serialization;

namespace Waymark.Cli.Tests;

/// <summary><c>waymark instruments</c>: list, score and FHIR export, with no database.</summary>
public sealed class InstrumentsCliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "waymark-cli-instruments-" + Guid.NewGuid().ToString("N"));

    public InstrumentsCliTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Custom = """
        {
          "id": "local-check", "version": "2.0", "title": "Local wellbeing check", "description": "A service's own check.",
          "age": { "min": 10, "max": 17 },
          "source": "Northshire L&D (synthetic, for tests)", "licence": "Service's own.",
          "items": [
            { "id": "q1", "text": "Sleeping badly", "options": [ { "label": "No", "value": 0 }, { "label": "Yes", "value": 1 } ] },
            { "id": "q2", "text": "Eating badly", "options": [ { "label": "No", "value": 0 }, { "label": "Yes", "value": 1 } ] }
          ],
          "scoring": { "total": {}, "bands": [ { "min": 0, "max": 0, "label": "None" }, { "min": 1, "max": 2, "label": "Some" } ] },
          "rules": [ { "id": "both", "when": { "score": "total", "atLeast": 2 }, "label": "Talk to the team" } ]
        }
        """;

    [Fact]
    public async Task List_shows_the_built_in_instruments()
    {
        var run = await CliRun.RunAsync("instruments", "list");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Err);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(7, lines.Length);
        Assert.Matches(@"^phq-9\s+1\.0\s+18\+\s+9\s+Patient Health Questionnaire \(PHQ-9\)$", lines.Single(l => l.StartsWith("phq-9", StringComparison.Ordinal)));
        Assert.Matches(@"^audit\s+1\.0\s+any age\s+10\s+", lines.Single(l => l.StartsWith("audit ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task List_adds_a_folder_and_reports_refused_files_on_stderr()
    {
        File.WriteAllText(Path.Combine(_folder, "local.json"), Custom);
        var bad = Path.Combine(_folder, "broken.json");
        File.WriteAllText(bad, "{ not json");
        var run = await CliRun.RunAsync("instruments", "list", "--folder", _folder);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"local-check\s+2\.0\s+10–17\s+2\s+Local wellbeing check", run.Out);
        Assert.StartsWith($"refused: {bad}: not valid JSON", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_prints_the_prorated_score_band_and_flag()
    {
        var run = await CliRun.RunAsync("instruments", "score", "phq-9", "--answers", "2,2,2,2,,2,2,2,2");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Score: 18 of 27 (prorated: 1 missing)", run.Out);
        Assert.Contains("Band: Moderately severe (15–19)", run.Out);
        Assert.Contains("Flag (urgent): Thoughts of self-harm", run.Out);
        Assert.Contains("Missing: item 5", run.Out);
    }

    [Fact]
    public async Task Score_prints_the_bjmhs_referral_without_a_score()
    {
        var run = await CliRun.RunAsync("instruments", "score", "bjmhs", "--answers", "1,0,0,0,0,1,0,0");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Score: none (this instrument has no total)", run.Out);
        Assert.Contains("Outcome: Refer for further mental health evaluation", run.Out);
    }

    [Fact]
    public async Task Score_says_when_too_many_answers_are_missing()
    {
        var run = await CliRun.RunAsync("instruments", "score", "audit-c", "--answers", "4,,4");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Score: not computed (1 missing; the instrument allows 0)", run.Out);
        Assert.Contains("Undecided until the missing answers are given: complete-full-audit", run.Out);
        Assert.DoesNotContain("Band:", run.Out);
    }

    /// <summary>Issue 11, item 12: the AUDIT's WHO skips are not missing answers; an answer to a skipped question is ignored, and said so.</summary>
    [Fact]
    public async Task Score_applies_the_audits_skips_and_says_which_questions_were_skipped()
    {
        var run = await CliRun.RunAsync("instruments", "score", "audit", "--answers", "0,,,,,,,,0,2");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Score: 2 of 40", run.Out);
        Assert.Contains("Skipped by the instrument's rules (not asked, scored as it says): items 2, 3, 4, 5, 6, 7, 8", run.Out);
        Assert.DoesNotContain("Missing:", run.Out);

        var stray = await CliRun.RunAsync("instruments", "score", "audit", "--answers", "0,4,,,,,,,0,0");
        Assert.Contains("Score: 0 of 40", stray.Out);
        Assert.Contains("the answer given to 2 is ignored", stray.Out);
    }

    [Fact]
    public async Task Score_uses_the_folder_from_the_environment_setting()
    {
        File.WriteAllText(Path.Combine(_folder, "local.json"), Custom);
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Instruments__Folder")), "This test needs Instruments__Folder unset.");
        Environment.SetEnvironmentVariable("Instruments__Folder", _folder);
        try
        {
            var run = await CliRun.RunAsync("instruments", "score", "local-check", "--answers", "1,1");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("Score: 2 of 2", run.Out);
            Assert.Contains("Band: Some (1–2)", run.Out);
            Assert.Contains("Outcome: Talk to the team", run.Out);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Instruments__Folder", null);
        }
    }

    [Theory]
    [InlineData("item 9 (\"Thoughts that you would be better off dead…\"): 4 is not an answer; expected 0, 1, 2 or 3", "score", "phq-9", "--answers", "0,0,0,0,0,0,0,0,4")]
    [InlineData("item 9 (\"Have you or someone else been injured as a…\"): 1 is not an answer; expected 0, 2 or 4", "score", "audit", "--answers", "1,0,0,0,0,0,0,0,1,0")]
    [InlineData("phq-9 has 9 items but --answers gave 8 values.", "score", "phq-9", "--answers", "0,0,0,0,0,0,0,0")]
    [InlineData("item 2: 'x' is not a whole number; expected 0, 1, 2 or 3", "score", "gad-7", "--answers", "0,x,0,0,0,0,0")]
    [InlineData("instruments score needs --answers", "score", "phq-9")]
    [InlineData("No instrument 'phq-10'", "score", "phq-10", "--answers", "0")]
    [InlineData("instruments fhir needs one instrument id", "fhir")]
    [InlineData("Unknown command 'instruments remove'", "remove")]
    [InlineData("Unknown option for this command: --colour", "list", "--colour", "red")]
    public async Task Bad_instrument_commands_exit_2_naming_the_problem(string message, params string[] args)
    {
        var run = await CliRun.RunAsync(["instruments", .. args]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: " + message, run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Fhir_prints_a_questionnaire_that_parses_back()
    {
        var run = await CliRun.RunAsync("instruments", "fhir", "audit");
        Assert.True(run.ExitCode == 0, run.ToString());
        var q = new FhirJsonDeserializer().Deserialize<Questionnaire>(run.Out);
        Assert.Equal("audit", q.Id);
        Assert.Equal(10, q.Item.Count);
        Assert.Equal(["0", "2", "4"], q.Item[9].AnswerOption.Select(o => Assert.IsType<Coding>(o.Value).Code));
        // The WHO skips travel as enableWhen: question 2 is asked when question 1 is not "Never".
        Assert.Equal(Questionnaire.EnableWhenBehavior.Any, q.Item[1].EnableBehavior);
        Assert.Equal(["1", "2", "3", "4"], q.Item[1].EnableWhen.Select(e => Assert.IsType<Coding>(e.Answer).Code));
    }

    [Fact]
    public async Task Help_lists_the_instrument_commands()
    {
        var run = await CliRun.RunAsync("help");
        Assert.Contains("instruments score <id>", run.Out);
        Assert.Contains("instruments fhir <id>", run.Out);
    }
}
