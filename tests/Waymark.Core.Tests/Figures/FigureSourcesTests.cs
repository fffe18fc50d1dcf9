using Waymark.Assessment;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.Figures;
using Waymark.LiaisonReports;
using Waymark.People;
using Waymark.Teams;
using Waymark.TestSupport;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Figures;

/// <summary>
/// The demand, timeliness and needs figures as stored, on both providers: episodes in known months, another team's
/// episode not counted, a person known to two teams counted once, and UK month boundaries in summer time (23:30 on
/// 31 May counts in May, 00:30 on 1 June in June).
/// </summary>
public abstract class FigureSourcesTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 7, 15, 10, 0, 0, TimeSpan.Zero));

    private static readonly Month March = new(2026, 3), April = new(2026, 4), May = new(2026, 5), June = new(2026, 6);
    // 23:30 BST on Sunday 31 May 2026 and 00:30 BST on Monday 1 June 2026.
    private static readonly DateTimeOffset LateOn31May = new(2026, 5, 31, 22, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EarlyOn1June = new(2026, 5, 31, 23, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TenthMarch = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FifthApril = new(2026, 4, 5, 9, 0, 0, TimeSpan.Zero);

    private sealed record World(Team Team, Team Other);

    /// <summary>
    /// Team A: p1 (female, Black African) known since November 2025, identified 10 March (screened +1h, assessed +2h,
    /// due +3h, report sent +5h, needs housing and mental health); p2 (male, no ethnicity, 16) at 23:30 on 31 May (due +1h,
    /// never assessed) and 00:30 on 1 June; p3 (White British) identified in team B on 12 March and in team A on 5 April
    /// (screened +3h, assessed +7h, due +5h). Team B: p4 identified in March, assessed with a housing need — none counted.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        var a = await NewTeamAsync();
        var b = await NewTeamAsync();
        var p1 = APerson().Named("Ada", "Figures").WithSex(Sex.Female).KnownTo(a).Build();
        p1.EthnicCategory = "N";
        var p2 = APerson().Named("Ben", "Figures").WithSex(Sex.Male).KnownTo(a).Build();
        var p3 = APerson().Named("Cal", "Figures").KnownTo(a).KnownTo(b).Build();
        p3.EthnicCategory = "A";
        var p4 = APerson().Named("Dee", "Figures").KnownTo(b).Build();

        var earlier = AnEpisode().For(p1).InTeam(a).IdentifiedAt(new DateTimeOffset(2025, 11, 3, 10, 0, 0, TimeSpan.Zero)).ClosedBecause(ClosureReason.SupportCompleted).Build();
        var e1 = AnEpisode().For(p1).InTeam(a).IdentifiedAt(TenthMarch).AtStatus(EpisodeStatus.Assessed).Build();
        e1.AssessmentDueAt = TenthMarch.AddHours(3);
        var e2 = AnEpisode().For(p2).InTeam(a).In(Setting.MagistratesCourt).Youth().IdentifiedAt(LateOn31May).Build();
        e2.AssessmentDueAt = LateOn31May.AddHours(1);
        var e2b = AnEpisode().For(p2).InTeam(a).In(Setting.MagistratesCourt).Youth().IdentifiedAt(EarlyOn1June).Build();
        var e3b = AnEpisode().For(p3).InTeam(b).IdentifiedAt(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero)).Build();
        var e3 = AnEpisode().For(p3).InTeam(a).IdentifiedAt(FifthApril).Build();
        (e3.ScreenedAt, e3.AssessedAt, e3.AssessmentDueAt) = (FifthApril.AddHours(3), FifthApril.AddHours(7), FifthApril.AddHours(5));
        var e4 = AnEpisode().For(p4).InTeam(b).IdentifiedAt(TenthMarch).Build();
        (e4.ScreenedAt, e4.AssessedAt, e4.AssessmentDueAt) = (TenthMarch.AddHours(10), TenthMarch.AddHours(30), TenthMarch.AddHours(40));

        var report = new LiaisonReport
        {
            TeamId = a.Id, EpisodeId = e1.Id, PersonId = p1.Id, ReportId = Guid.NewGuid(), Number = 1,
            CreatedAt = TenthMarch, CreatedByUserId = "u", UpdatedAt = TenthMarch, UpdatedByUserId = "u",
            SentAt = TenthMarch.AddHours(5), SentByUserId = "u",
        };
        var otherReport = new LiaisonReport
        {
            TeamId = b.Id, EpisodeId = e4.Id, PersonId = p4.Id, ReportId = Guid.NewGuid(), Number = 1,
            CreatedAt = TenthMarch, CreatedByUserId = "u", UpdatedAt = TenthMarch, UpdatedByUserId = "u",
            SentAt = TenthMarch.AddHours(50), SentByUserId = "u",
        };
        var assessment1 = Assessment(a, e1, TenthMarch.AddHours(2),
            Need("housing"), Need("mental-health", priority: 1), new AssessedNeed { Domain = "money", Finding = NeedFinding.NoNeed, PersonPriority = 2 },
            new AssessedNeed { Domain = "family-social", Finding = NeedFinding.NoNeed });
        var assessment2 = Assessment(a, e2, LateOn31May.AddMinutes(10), Need("housing"));
        var assessment3 = Assessment(a, e3, FifthApril.AddHours(7), Need("not-a-domain-any-more"), Need("housing", priority: 5));
        var assessment4 = Assessment(b, e4, TenthMarch.AddHours(30), Need("housing", priority: 1), Need("substance-use"));
        await SaveAsync(p1, p2, p3, p4);
        await SaveAsync(earlier, e1, e2, e2b, e3b, e3, e4);
        await SaveAsync(report, otherReport, assessment1, assessment2, assessment3, assessment4);
        return new(a, b);
    }

    private static AssessedNeed Need(string domain, int? priority = null) => new() { Domain = domain, Finding = NeedFinding.Need, Severity = Severity.Moderate, PersonPriority = priority };

    private static PsychosocialAssessment Assessment(Team team, Episode episode, DateTimeOffset completedAt, params AssessedNeed[] needs) => new()
    {
        TeamId = team.Id, EpisodeId = episode.Id, PersonId = episode.PersonId, Needs = [.. needs],
        StartedAt = completedAt.AddHours(-1), StartedByUserId = "u", UpdatedAt = completedAt, UpdatedByUserId = "u",
        CompletedAt = completedAt, CompletedByUserId = "u",
    };

    private async Task<IReadOnlyList<Figure>> ComputeAsync(IFigureSource source, World w, DateOnly? from = null, DateOnly? to = null)
    {
        await using var db = AsSystem();
        return await source.ComputeAsync(db, new FigureScope([w.Team.Id], from ?? new DateOnly(2026, 1, 1), to ?? new DateOnly(2026, 6, 30)), CancellationToken.None);
    }

    private static long Cell(IReadOnlyList<Figure> figures, string key, string row, Month month)
    {
        var t = ((CountFigure)figures.Single(f => f.Key == key)).Table;
        return t[t.Rows.ToList().IndexOf(row), t.Months.ToList().IndexOf(month)];
    }

    private static Measure MeasureCell(IReadOnlyList<Figure> figures, string key, string row, Month? month)
    {
        var t = ((MeasureFigure)figures.Single(f => f.Key == key)).Table;
        var r = t.Rows.ToList().IndexOf(row);
        return month is { } m ? t[r, t.Months.ToList().IndexOf(m)] : t.Totals[r];
    }

    [Fact]
    public async Task Demand_counts_the_teams_identifications_by_setting_in_their_UK_month_and_not_another_teams()
    {
        var w = await WorldAsync();
        var figures = await ComputeAsync(new DemandFigures(), w);
        var setting = ((CountFigure)figures.Single(f => f.Key == "demand.setting")).Table;
        Assert.Equal(4, setting.Total);
        Assert.Equal(6, setting.Months.Count);
        Assert.Equal(1, Cell(figures, "demand.setting", "Police custody", March));
        Assert.Equal(1, Cell(figures, "demand.setting", "Police custody", April));
        Assert.Equal(1, Cell(figures, "demand.setting", "Magistrates' court", May));
        Assert.Equal(1, Cell(figures, "demand.setting", "Magistrates' court", June));
        Assert.Equal(0, Cell(figures, "demand.setting", "Police custody", new Month(2026, 1)));
        Assert.True(setting.RowsAreExclusive);
    }

    [Fact]
    public async Task Demand_by_age_sex_ethnic_group_and_youth()
    {
        var w = await WorldAsync();
        var figures = await ComputeAsync(new DemandFigures(), w);
        Assert.Equal((1, 1, 1, 1), (Cell(figures, "demand.age", "25 to 34", March), Cell(figures, "demand.age", "25 to 34", April), Cell(figures, "demand.age", "Under 18", May), Cell(figures, "demand.age", "Under 18", June)));
        Assert.Equal((1, 0, 1, 1), (Cell(figures, "demand.sex", "Female", March), Cell(figures, "demand.sex", "Male", March), Cell(figures, "demand.sex", "Male", April), Cell(figures, "demand.sex", "Male", June)));
        Assert.Equal((1, 1, 1, 1), (Cell(figures, "demand.ethnicity", "Black or Black British", March), Cell(figures, "demand.ethnicity", "White", April), Cell(figures, "demand.ethnicity", "Not known", May), Cell(figures, "demand.ethnicity", "Not known", June)));
        Assert.Equal((1, 1, 1, 1), (Cell(figures, "demand.youth", "Adult", March), Cell(figures, "demand.youth", "Adult", April), Cell(figures, "demand.youth", "Youth (under 18)", May), Cell(figures, "demand.youth", "Youth (under 18)", June)));
    }

    [Fact]
    public async Task Already_known_means_an_earlier_episode_with_the_team_and_a_person_known_to_another_team_is_new_and_counted_once()
    {
        var w = await WorldAsync();
        var figures = await ComputeAsync(new DemandFigures(), w);
        Assert.Equal(1, Cell(figures, "demand.known", "Already known", March)); // p1: an episode in November 2025
        Assert.Equal(0, Cell(figures, "demand.known", "Already known", April)); // p3: only team B knew them before
        Assert.Equal(1, Cell(figures, "demand.known", "New", April));
        Assert.Equal(1, Cell(figures, "demand.known", "New", May));
        Assert.Equal(1, Cell(figures, "demand.known", "Already known", June)); // p2's second, an hour after the first
        Assert.Equal(4, ((CountFigure)figures.Single(f => f.Key == "demand.known")).Table.Total);
    }

    [Fact]
    public async Task Repeat_presentations_count_the_second_identification_in_the_period_in_its_month()
    {
        var w = await WorldAsync();
        var figures = await ComputeAsync(new DemandFigures(), w);
        Assert.Equal(1, Cell(figures, "demand.repeat", "Second in the period", June));
        Assert.Equal(1, ((CountFigure)figures.Single(f => f.Key == "demand.repeat")).Table.Total);
        // A period holding only June: p2's first in the period is then the June one, so no repeat.
        var june = await ComputeAsync(new DemandFigures(), w, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30));
        Assert.Equal(0, ((CountFigure)june.Single(f => f.Key == "demand.repeat")).Table.Total);
        Assert.Equal(1, ((CountFigure)june.Single(f => f.Key == "demand.setting")).Table.Total);
    }

    [Fact]
    public async Task The_UK_day_bounds_the_period_in_summer_time()
    {
        var w = await WorldAsync();
        var may = await ComputeAsync(new DemandFigures(), w, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31));
        Assert.Equal(1, ((CountFigure)may.Single(f => f.Key == "demand.setting")).Table.Total);
        Assert.Equal(1, Cell(may, "demand.setting", "Magistrates' court", May));
    }

    [Fact]
    public async Task Timeliness_medians_in_hours_by_month_of_identification_with_the_first_report_sent()
    {
        var w = await WorldAsync();
        var figures = await ComputeAsync(new TimelinessFigures(_clock), w);
        Assert.Equal(new Measure(1, 1), MeasureCell(figures, "timeliness.hours", "Identification to screening", March));
        Assert.Equal(new Measure(1, 1), MeasureCell(figures, "timeliness.hours", "Screening to assessment", March));
        Assert.Equal(new Measure(2, 1), MeasureCell(figures, "timeliness.hours", "Identification to assessment", March));
        Assert.Equal(new Measure(5, 1), MeasureCell(figures, "timeliness.hours", "Identification to liaison report sent", March));
        Assert.Equal(new Measure(3, 1), MeasureCell(figures, "timeliness.hours", "Identification to screening", April));
        Assert.Equal(new Measure(4, 1), MeasureCell(figures, "timeliness.hours", "Screening to assessment", April));
        Assert.Equal(new Measure(null, 0), MeasureCell(figures, "timeliness.hours", "Identification to screening", May));
        // Over the period: the median of 1 and 3 hours, not a median of the months' medians; team B's 10 hours not counted.
        Assert.Equal(new Measure(2, 2), MeasureCell(figures, "timeliness.hours", "Identification to screening", null));
        Assert.Equal(new Measure(4.5, 2), MeasureCell(figures, "timeliness.hours", "Identification to assessment", null));
        Assert.Equal(new Measure(5, 1), MeasureCell(figures, "timeliness.hours", "Identification to liaison report sent", null));
    }

    [Fact]
    public async Task Assessments_within_target_count_those_assessed_by_the_due_time_out_of_those_assessed_or_overdue()
    {
        var w = await WorldAsync();
        var figures = await ComputeAsync(new TimelinessFigures(_clock), w);
        const string row = "Assessed within the team's target";
        Assert.Equal(new Measure(1.0, 1, 1), MeasureCell(figures, "timeliness.target", row, March));
        Assert.Equal(new Measure(0.0, 1, 0), MeasureCell(figures, "timeliness.target", row, April));
        Assert.Equal(new Measure(0.0, 1, 0), MeasureCell(figures, "timeliness.target", row, May)); // due, not assessed, overdue now
        Assert.Equal(new Measure(null, 0, 0), MeasureCell(figures, "timeliness.target", row, June));
        Assert.Equal(new Measure(1.0 / 3, 3, 1), MeasureCell(figures, "timeliness.target", row, null));
    }

    [Fact]
    public async Task Needs_found_by_domain_in_the_UK_month_of_assessment_with_unknown_codes_as_Other()
    {
        var w = await WorldAsync();
        var figures = await ComputeAsync(new NeedsFigures(), w);
        var found = ((CountFigure)figures.Single(f => f.Key == "needs.found")).Table;
        Assert.False(found.RowsAreExclusive);
        Assert.Equal(FigureChart.Bars, figures.Single(f => f.Key == "needs.found").Chart);
        Assert.Equal(1, Cell(figures, "needs.found", "Housing", March));
        Assert.Equal(1, Cell(figures, "needs.found", "Housing", April));
        Assert.Equal(1, Cell(figures, "needs.found", "Housing", May)); // 23:40 BST on 31 May
        Assert.Equal(1, Cell(figures, "needs.found", "Mental health", March));
        Assert.Equal(1, Cell(figures, "needs.found", NeedsFigures.OtherRow, April));
        Assert.Equal(0, Cell(figures, "needs.found", "Money, benefits and debt", March));
        Assert.Equal(0, Cell(figures, "needs.found", "Drug or alcohol use", March)); // team B's
        Assert.DoesNotContain("not-a-domain-any-more", found.Rows);
        Assert.Equal(5, found.Total);
    }

    [Fact]
    public async Task The_persons_own_top_priorities_count_domains_ranked_in_their_top_three()
    {
        var w = await WorldAsync();
        var figures = await ComputeAsync(new NeedsFigures(), w);
        Assert.Equal(1, Cell(figures, "needs.priorities", "Mental health", March));
        Assert.Equal(1, Cell(figures, "needs.priorities", "Money, benefits and debt", March));
        Assert.Equal(0, Cell(figures, "needs.priorities", "Housing", April)); // ranked 5th
        Assert.Equal(2, ((CountFigure)figures.Single(f => f.Key == "needs.priorities")).Table.Total);
        Assert.DoesNotContain(NeedsFigures.OtherRow, ((CountFigure)figures.Single(f => f.Key == "needs.priorities")).Table.Rows);
    }
}

public sealed class FigureSourcesTestsOnSqlite(SqliteTestDatabase db) : FigureSourcesTests<SqliteTestDatabase>(db);

public sealed class FigureSourcesTestsOnPostgres(PostgresTestDatabase db) : FigureSourcesTests<PostgresTestDatabase>(db);
