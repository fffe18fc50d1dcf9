using System.Text;
using System.Text.Json;
using Waymark.Commissioning;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.Figures;
using Waymark.People;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Commissioning;

/// <summary>
/// The monthly dataset as stored and written: the episodes active in the month of the commissioner's own teams only,
/// per-commissioner keys stable over months, no identifier anywhere in the CSV or JSON, and the JSON valid against its schema.
/// </summary>
public abstract class MonthlyDatasetTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 4, 10, 9, 0, 0, TimeSpan.Zero));
    private static readonly Month March = new(2026, 3), April = new(2026, 4);

    private static DateTimeOffset On(int month, int day, int hour = 12) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    private async Task<List<DatasetRow>> RowsAsync(string commissionerId, Month month)
    {
        await using var db = AsSystem();
        var teams = await CommissionedTeams.OfAsync(db, commissionerId);
        var rows = new List<DatasetRow>();
        await foreach (var row in new MonthlyDataset(db, _clock).RowsAsync(commissionerId, month, teams)) rows.Add(row);
        return rows;
    }

    private async Task<string> WriteAsync(string commissionerId, Month month, DatasetFormat format)
    {
        await using var db = AsSystem();
        var teams = await CommissionedTeams.OfAsync(db, commissionerId);
        using var output = new MemoryStream();
        await DatasetWriters.WriteAsync(format, output, month, _clock.GetUtcNow(), new MonthlyDataset(db, _clock).RowsAsync(commissionerId, month, teams));
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string Key(string text) => text;

    [Fact]
    public async Task Rows_are_the_episodes_active_in_the_month_of_the_commissioners_own_teams_only()
    {
        var team = await NewTeamAsync();
        var other = await NewTeamAsync();
        var commissioner = await NewUserAsync("Robin Commissioner", team);
        var person = APerson().KnownTo(team).Build();
        var stranger = APerson().KnownTo(other).Build();
        var openSinceJanuary = AnEpisode().For(person).InTeam(team).IdentifiedAt(On(1, 20)).Build();
        var closedInFebruary = AnEpisode().For(person).InTeam(team).IdentifiedAt(On(2, 3)).ClosedBecause(ClosureReason.SupportCompleted).Build();
        var closedInMarch = AnEpisode().For(person).InTeam(team).IdentifiedAt(On(3, 31, 15)).ClosedBecause(ClosureReason.NoFurtherActionAfterScreening).Build();
        var identifiedInApril = AnEpisode().For(person).InTeam(team).IdentifiedAt(On(4, 1, 9)).Build();
        var otherTeams = AnEpisode().For(stranger).InTeam(other).IdentifiedAt(On(3, 10)).Build();
        await SaveAsync(person, stranger, openSinceJanuary, closedInFebruary, closedInMarch, identifiedInApril, otherTeams);

        var rows = await RowsAsync(commissioner.Id, March);

        Assert.Equal(2, rows.Count);
        await using var db = AsSystem();
        var secret = await CommissionerKeys.SecretForAsync(db, commissioner.Id, _clock.GetUtcNow());
        Assert.Equal(
            new[] { openSinceJanuary.Id, closedInMarch.Id }.Select(id => CommissionerKey.Pseudonym(secret, "episode", id)).Order(),
            rows.Select(r => r.EpisodeKey).Order());
        var closed = rows.Single(r => r.EpisodeKey == CommissionerKey.Pseudonym(secret, "episode", closedInMarch.Id));
        // 31 March 15:00 UTC is 16:00 BST; screened, assessed, supported and closed an hour apart, all on the 31st (UK time).
        Assert.Equal(("2026-03", "D02", team.Name, "2026-03", "2026-03", "NoFurtherActionAfterScreening"),
            (closed.DatasetMonth, closed.TeamTypeCode, closed.Team, closed.IdentifiedMonth, closed.ClosedMonth, closed.ClosureReason));
        Assert.Equal((true, (int?)0, true, (int?)0, "E1", "PoliceCustody", "25-34", "1", "99"),
            (closed.Screened, closed.DaysToScreening, closed.Assessed, closed.DaysToAssessment, closed.SourceOfReferral, closed.Setting, closed.AgeBand, closed.Sex, closed.EthnicCategory));
        // The person had an earlier episode in the team (January), so the March one is "known"; January's is new.
        Assert.Equal("K", closed.NewOrKnown);
        Assert.Equal("N", rows.Single(r => r != closed).NewOrKnown);
        Assert.Null(rows.Single(r => r != closed).ClosedMonth);
        Assert.DoesNotContain(rows, r => r.Team == other.Name);
    }

    [Fact]
    public async Task Needs_found_and_criminal_justice_decisions_are_coded_lists_as_at_the_end_of_the_month()
    {
        var team = await NewTeamAsync();
        var commissioner = await NewUserAsync("Robin Commissioner", team);
        var person = APerson().KnownTo(team).Build();
        var episode = AnEpisode().For(person).InTeam(team).IdentifiedAt(On(3, 2)).AtStatus(EpisodeStatus.Assessed).Build();
        var assessment = new Waymark.Assessment.PsychosocialAssessment
        {
            TeamId = team.Id, EpisodeId = episode.Id, PersonId = person.Id, StartedAt = On(3, 2), StartedByUserId = commissioner.Id,
            UpdatedAt = On(3, 3), UpdatedByUserId = commissioner.Id, CompletedAt = On(3, 3), CompletedByUserId = commissioner.Id,
            WhatMattersToMe = "Secret words of what matters",
        };
        assessment.Needs.Add(new() { Domain = "mental-health", Finding = Waymark.Assessment.NeedFinding.Need, Notes = "Secret note" });
        assessment.Needs.Add(new() { Domain = "housing", Finding = Waymark.Assessment.NeedFinding.Need, InTheirWords = "Secret words" });
        assessment.Needs.Add(new() { Domain = "money", Finding = Waymark.Assessment.NeedFinding.NoNeed });
        Waymark.CriminalJustice.CriminalJusticeEvent Decision(int day, string code, Guid? supersedes = null) => new()
        {
            TeamId = team.Id, EpisodeId = episode.Id, PersonId = person.Id, Kind = Waymark.CriminalJustice.CriminalJusticeEventKind.PoliceDecision,
            On = new DateOnly(2026, 3, day), PoliceDecision = code, SupersedesId = supersedes, RecordedAt = On(3, day), RecordedByUserId = commissioner.Id,
        };
        var wrong = Decision(10, "1");
        var corrected = Decision(10, "1A", wrong.Id);
        var outcome = new Waymark.CriminalJustice.CriminalJusticeEvent
        {
            TeamId = team.Id, EpisodeId = episode.Id, PersonId = person.Id, Kind = Waymark.CriminalJustice.CriminalJusticeEventKind.CourtOutcome,
            On = new DateOnly(2026, 3, 20), CourtOutcome = Waymark.CriminalJustice.CourtOutcome.CommunityOrder, RecordedAt = On(3, 20), RecordedByUserId = commissioner.Id,
        };
        var inApril = Decision(2, "8");
        inApril.On = new DateOnly(2026, 4, 2);
        await SaveAsync(person, episode, assessment, wrong, corrected, outcome, inApril);

        var row = Assert.Single(await RowsAsync(commissioner.Id, March));
        Assert.Equal("housing;mental-health", row.NeedsFound);
        Assert.Equal($"PD-1A;CO-{(int)Waymark.CriminalJustice.CourtOutcome.CommunityOrder}", row.CjsDecisions);
        var april = Assert.Single(await RowsAsync(commissioner.Id, April));
        Assert.EndsWith(";PD-8", april.CjsDecisions, StringComparison.Ordinal);
        var json = await WriteAsync(commissioner.Id, March, DatasetFormat.Json);
        Assert.DoesNotContain("Secret", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_or_closure_after_the_month_is_not_shown_so_a_month_exported_again_is_the_same()
    {
        var team = await NewTeamAsync();
        var commissioner = await NewUserAsync("Robin Commissioner", team);
        var person = APerson().KnownTo(team).Build();
        var episode = AnEpisode().For(person).InTeam(team).IdentifiedAt(On(3, 31, 22)).AtStatus(EpisodeStatus.Assessed).ClosedBecause(ClosureReason.SupportCompleted).Build();
        await SaveAsync(person, episode);
        // Identified 31 March 23:00 BST; screened, assessed and closed on 1 April (UK time).
        var row = Assert.Single(await RowsAsync(commissioner.Id, March));
        Assert.Equal((false, (int?)null, false, (string?)null, (string?)null), (row.Screened, row.DaysToScreening, row.Assessed, row.ClosedMonth, row.ClosureReason));
        var april = Assert.Single(await RowsAsync(commissioner.Id, April));
        Assert.Equal((true, (int?)1, true, (int?)1, "2026-04"), (april.Screened, april.DaysToScreening, april.Assessed, april.DaysToAssessment, april.ClosedMonth));
    }

    [Fact]
    public async Task The_person_key_is_the_same_every_month_and_for_each_episode_but_differs_between_commissioners()
    {
        var team = await NewTeamAsync();
        var robin = await NewUserAsync("Robin Commissioner", team);
        var kim = await NewUserAsync("Kim Commissioner", team);
        var person = APerson().KnownTo(team).Build();
        var first = AnEpisode().For(person).InTeam(team).IdentifiedAt(On(3, 2)).Build();
        var second = AnEpisode().For(person).InTeam(team).IdentifiedAt(On(3, 20)).Build();
        await SaveAsync(person, first, second);

        var march = await RowsAsync(robin.Id, March);
        var april = await RowsAsync(robin.Id, April);
        var kims = await RowsAsync(kim.Id, March);

        Assert.Equal(2, march.Count);
        Assert.Single(march.Select(r => r.PersonKey).Distinct());
        Assert.Equal(2, march.Select(r => r.EpisodeKey).Distinct().Count());
        Assert.Equal(march.Select(r => r.PersonKey).Distinct(), april.Select(r => r.PersonKey).Distinct());
        Assert.Equal(march.Select(r => r.EpisodeKey).Order(), april.Select(r => r.EpisodeKey).Order());
        Assert.NotEqual(march[0].PersonKey, kims[0].PersonKey);
        Assert.Empty(march.Select(r => r.EpisodeKey).Intersect(kims.Select(r => r.EpisodeKey)));
        Assert.Matches("^[0-9a-f]{16}$", march[0].PersonKey);
        Assert.DoesNotContain(person.Id.ToString("N")[..16], march[0].PersonKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_name_date_of_birth_nhs_number_or_pnc_id_of_anyone_appears_in_the_csv_or_the_json()
    {
        var team = await NewTeamAsync();
        var commissioner = await NewUserAsync("Robin Commissioner", team);
        var people = new[]
        {
            APerson().Named("Aaliyah", "Brennan-Okafor").BornOn(1990, 4, 3).WithNhsNumber(TestNhsNumbers.Next()).WithPncId("26/123456A").WithPostcode("NS1 4AB").KnownTo(team).Build(),
            APerson().Named("Ifeoma", "Castellanos").BornOn(2009, 11, 27).WithNhsNumber(TestNhsNumbers.Next()).WithPncId("19/998877Z").KnownTo(team).Build(),
            APerson().Named("Wojciech", "Thistlewood").BornOn(1961, 1, 5).WithNhsNumber(TestNhsNumbers.Next()).WithPncId("02/4455K").KnownTo(team).Build(),
        };
        var episodes = people.Select((p, i) => AnEpisode().For(p).InTeam(team).IdentifiedAt(On(3, 5 + i)).AtStatus(EpisodeStatus.Assessed).Build()).ToArray();
        await SaveAsync([.. people, .. episodes]);

        var csv = await WriteAsync(commissioner.Id, March, DatasetFormat.Csv);
        var json = await WriteAsync(commissioner.Id, March, DatasetFormat.Json);
        Assert.Equal(4, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length); // the header and 3 rows
        foreach (var text in new[] { csv, json })
            foreach (var p in people)
            {
                var dob = p.DateOfBirth!.Value;
                string[] forbidden =
                [
                    p.GivenName, p.FamilyName, p.NhsNumber!, p.PncId!, p.Id.ToString(), p.Id.ToString("N"),
                    dob.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    dob.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
                    dob.ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture),
                    dob.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
                    dob.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture),
                    dob.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")),
                    p.NhsNumber![..3] + " " + p.NhsNumber[3..6] + " " + p.NhsNumber[6..],
                    "NS1 4AB",
                ];
                foreach (var f in forbidden) Assert.DoesNotContain(f, text, StringComparison.OrdinalIgnoreCase);
            }
        foreach (var e in episodes)
        {
            Assert.DoesNotContain(e.Id.ToString(), csv, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(e.IdentificationReason, csv, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(e.IdentifiedBySource, json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_json_is_valid_against_the_schema_in_the_repository_and_the_csv_has_a_bom_and_the_header()
    {
        var team = await NewTeamAsync();
        var commissioner = await NewUserAsync("Robin Commissioner", team);
        var person = APerson().KnownTo(team).Build();
        var youth = APerson().Named("Young", "Person").BornOn(2010, 1, 1).KnownTo(team).Build();
        await SaveAsync(person, youth,
            AnEpisode().For(person).InTeam(team).IdentifiedAt(On(3, 2)).AtStatus(EpisodeStatus.Assessed).ClosedBecause(ClosureReason.SupportCompleted).Build(),
            AnEpisode().For(youth).InTeam(team).In(Setting.YouthCourt).Youth().IdentifiedAt(On(3, 3)).Build());

        var json = await WriteAsync(commissioner.Id, March, DatasetFormat.Json);
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(RepositoryRoot(), "docs", "dataset.schema.json"));
        Assert.Empty(schema.Validate(json));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("2026-03", doc.RootElement.GetProperty("month").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("rows").GetArrayLength());
        // And a row that breaks the schema is caught: the schema is not vacuous.
        Assert.NotEmpty(schema.Validate(json.Replace("\"D02\"", "\"D99\"", StringComparison.Ordinal)));

        await using var db = AsSystem();
        var teams = await CommissionedTeams.OfAsync(db, commissioner.Id);
        using var output = new MemoryStream();
        await DatasetWriters.WriteCsvAsync(output, new MonthlyDataset(db, _clock).RowsAsync(commissioner.Id, March, teams));
        var bytes = output.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(string.Join(',', DatasetWriters.Fields), lines[0]);
        Assert.Contains(lines, l => l.Contains(",true,YouthCourt,E2,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_column_holds_a_full_date_only_months_so_date_and_demographics_do_not_single_a_person_out()
    {
        var team = await NewTeamAsync();
        var commissioner = await NewUserAsync("Robin Commissioner", team);
        var person = APerson().KnownTo(team).Build();
        await SaveAsync(person,
            AnEpisode().For(person).InTeam(team).IdentifiedAt(On(3, 12)).AtStatus(EpisodeStatus.Assessed).ClosedBecause(ClosureReason.SupportCompleted).Build());

        var csv = await WriteAsync(commissioner.Id, March, DatasetFormat.Csv);
        var json = await WriteAsync(commissioner.Id, March, DatasetFormat.Json);
        var fullDate = new System.Text.RegularExpressions.Regex(@"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.DoesNotMatch(fullDate, lines[1]);
        using var doc = JsonDocument.Parse(json);
        var row = doc.RootElement.GetProperty("rows")[0];
        foreach (var field in row.EnumerateObject())
            Assert.False(field.Value.ValueKind == JsonValueKind.String && fullDate.IsMatch(field.Value.GetString()!), field.Name);
        Assert.Equal(("2026-03", "2026-03"), (row.GetProperty("identified_month").GetString(), row.GetProperty("closed_month").GetString()));
    }

    [Fact]
    public async Task The_csv_header_the_json_properties_and_the_schema_follow_the_one_list_of_dataset_fields()
    {
        var team = await NewTeamAsync();
        var commissioner = await NewUserAsync("Robin Commissioner", team);
        var person = APerson().KnownTo(team).Build();
        await SaveAsync(person, AnEpisode().For(person).InTeam(team).IdentifiedAt(On(3, 12)).Build());
        var names = DatasetFields.All.Select(f => f.Name).ToList();

        var csv = await WriteAsync(commissioner.Id, March, DatasetFormat.Csv);
        Assert.Equal(names, csv.TrimStart('\uFEFF').Split("\r\n")[0].Split(','));
        using var doc = JsonDocument.Parse(await WriteAsync(commissioner.Id, March, DatasetFormat.Json));
        Assert.Equal(names, doc.RootElement.GetProperty("rows")[0].EnumerateObject().Select(p => p.Name));
        using var schema = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "dataset.schema.json")));
        Assert.Equal(names, schema.RootElement.GetProperty("definitions").GetProperty("row").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.All(DatasetFields.All, f => Assert.False(string.IsNullOrWhiteSpace(f.Meaning), f.Name));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Waymark.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Waymark.slnx not found above " + AppContext.BaseDirectory);
    }
}

public sealed class MonthlyDatasetTestsOnSqlite(SqliteTestDatabase db) : MonthlyDatasetTests<SqliteTestDatabase>(db);

public sealed class MonthlyDatasetTestsOnPostgres(PostgresTestDatabase db) : MonthlyDatasetTests<PostgresTestDatabase>(db);

/// <summary>CSV injection: every cell a spreadsheet would run is neutralised; the CSV stays RFC 4180.</summary>
public class DatasetCsvTests
{
    private static DatasetRow Row(string team) => new("2026-03", "D02", team, "0123456789abcdef", "fedcba9876543210", "25-34", "1", "A",
        false, "PoliceCustody", "E1", "2026-03-02", true, 0, false, null, false, null, "housing;money", 1, 0, 0, "PD-1", null, null, "N");

    private static async IAsyncEnumerable<DatasetRow> Rows(params string[] teams)
    {
        foreach (var t in teams) yield return Row(t);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@x", "'@x")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("North team", "North team")]
    [InlineData("", "")]
    public void A_cell_starting_with_a_formula_character_gets_an_apostrophe(string value, string neutralised) =>
        Assert.Equal(neutralised, DatasetWriters.Neutralise(value));

    [Fact]
    public async Task Formula_cells_are_neutralised_and_quoted_in_the_written_csv()
    {
        using var output = new MemoryStream();
        await DatasetWriters.WriteCsvAsync(output, Rows("=cmd", "+1", "-1", "@x", "\tx", "\rx", "Team, \"North\""));
        var text = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF');
        Assert.Contains(",'=cmd,", text, StringComparison.Ordinal);
        Assert.Contains(",'+1,", text, StringComparison.Ordinal);
        Assert.Contains(",'-1,", text, StringComparison.Ordinal);
        Assert.Contains(",'@x,", text, StringComparison.Ordinal);
        Assert.Contains("'\tx", text, StringComparison.Ordinal);
        Assert.Contains(",\"'\rx\",", text, StringComparison.Ordinal);
        Assert.Contains(",\"Team, \"\"North\"\"\",", text, StringComparison.Ordinal);
        // No cell of a line starts with a formula character (outside the apostrophe-led ones).
        foreach (var line in text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1))
            Assert.DoesNotContain(line.Split(','), c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@');
    }
}
