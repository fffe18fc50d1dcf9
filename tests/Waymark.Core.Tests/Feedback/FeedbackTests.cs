using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Core.Tests.Support;
using Waymark.Feedback;
using Waymark.Figures;
using Waymark.Teams;

namespace Waymark.Core.Tests.Feedback;

/// <summary>Anonymous feedback as stored and counted: once per form, what is kept, the dates, and the figures by month.</summary>
public abstract class FeedbackTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    // Monday 2 March 2026, 10:00 UTC.
    private readonly FakeClock _clock = new();

    private FeedbackService Service(Waymark.Persistence.WaymarkDbContext db) => new(db, db.CurrentUser, _clock);

    private static FeedbackInput Answers(ExperienceRating? e = ExperienceRating.Good, YesPartlyNo? listened = YesPartlyNo.Yes, string? words = null) =>
        new() { Experience = e, Listened = listened, Comments = words };

    [Fact]
    public void At_least_one_question_must_be_answered_and_words_are_limited()
    {
        Assert.Equal(("Experience", "Answer at least one question"), new FeedbackInput().Validate().Single());
        Assert.Equal(("Experience", "Answer at least one question"), new FeedbackInput { Comments = "   " }.Validate().Single());
        Assert.Equal(("Experience", "Answer at least one question"), new FeedbackInput { Comments = "Kind staff" }.Validate().Single());
        Assert.Empty(new FeedbackInput { Helped = YesPartlyNo.No }.Validate());
        Assert.Equal("Comments", new FeedbackInput { Helped = YesPartlyNo.No, Comments = new string('x', 2001) }.Validate().Single().Field);
        Assert.Equal("Listened", new FeedbackInput { Listened = (YesPartlyNo)9 }.Validate().Single().Field);
    }

    [Fact]
    public async Task A_device_form_is_stored_once_with_nothing_that_identifies_anyone()
    {
        var team = await NewTeamAsync();
        var token = Guid.NewGuid();
        await using (var db = As(new FixedUser("worker", Roles.SupportWorker, team.Id)))
        {
            Assert.True(await Service(db).GiveAsync(Answers(words: "Thank you"), token));
            Assert.False(await Service(db).GiveAsync(Answers(ExperienceRating.VeryPoor), token));
        }
        await using var check = AsSystem();
        var stored = await check.Set<FeedbackResponse>().SingleAsync(r => r.TeamId == team.Id);
        Assert.Equal((new DateOnly(2026, 3, 2), FeedbackChannel.TeamDevice, ExperienceRating.Good, "Thank you", token),
            (stored.GivenOn, stored.Channel, stored.Experience, stored.Comments, stored.SubmissionToken));
        // Not audited: an audit event would name the worker and the minute.
        Assert.False(await check.AuditEvents.AnyAsync(a => a.RecordType == "FeedbackResponse"));
        Assert.DoesNotContain(typeof(FeedbackResponse).GetProperties(), p => p.Name.Contains("Person", StringComparison.Ordinal) || p.Name.Contains("User", StringComparison.Ordinal) || p.Name.Contains("Episode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_paper_sheet_needs_a_date_in_the_last_year_and_not_in_the_future()
    {
        var team = await NewTeamAsync();
        await using var db = As(new FixedUser("worker", Roles.Practitioner, team.Id));
        var service = Service(db);
        Assert.Equal(["Experience", "GivenOn"], (await Assert.ThrowsAsync<ValidationFailedException>(() => service.TypeInAsync(new FeedbackInput(), null))).Problems.Select(p => p.Field).ToList());
        Assert.Contains("today or in the past", (await Assert.ThrowsAsync<ValidationFailedException>(() => service.TypeInAsync(Answers(), new DateOnly(2026, 3, 3)))).Message, StringComparison.Ordinal);
        Assert.Contains("within the last year", (await Assert.ThrowsAsync<ValidationFailedException>(() => service.TypeInAsync(Answers(), new DateOnly(2025, 2, 28)))).Message, StringComparison.Ordinal);
        await service.TypeInAsync(Answers(), new DateOnly(2026, 2, 14));
        var stored = await db.Set<FeedbackResponse>().SingleAsync(r => r.TeamId == team.Id);
        Assert.Equal((new DateOnly(2026, 2, 14), FeedbackChannel.PaperSheet, (Guid?)null), (stored.GivenOn, stored.Channel, stored.SubmissionToken));
    }

    [Fact]
    public async Task The_figures_count_each_questions_answers_by_month_given_for_the_scoped_teams_only()
    {
        var team = await NewTeamAsync();
        var other = await NewTeamAsync();
        FeedbackResponse R(Guid t, DateOnly on, ExperienceRating? e, YesPartlyNo? helped, string? words = null) =>
            new() { TeamId = t, GivenOn = on, Channel = FeedbackChannel.PaperSheet, Experience = e, Helped = helped, Comments = words, RecordedAt = _clock.Now };
        await SaveAsync(
            R(team.Id, new DateOnly(2026, 1, 31), ExperienceRating.VeryGood, YesPartlyNo.Yes, "Secret words"),
            R(team.Id, new DateOnly(2026, 2, 1), ExperienceRating.VeryGood, null),
            R(team.Id, new DateOnly(2026, 2, 28), ExperienceRating.Poor, YesPartlyNo.No),
            R(team.Id, new DateOnly(2025, 12, 31), ExperienceRating.Poor, YesPartlyNo.No),
            R(other.Id, new DateOnly(2026, 2, 10), ExperienceRating.VeryPoor, YesPartlyNo.No));

        await using var db = AsSystem();
        var figures = await new FeedbackFigureSource().ComputeAsync(db, new FigureScope([team.Id], new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28)), CancellationToken.None);

        var overall = Assert.IsType<CountFigure>(figures.Single(f => f.Key == "experience.overall")).Table;
        Assert.Equal(["Very good", "Good", "Neither good nor poor", "Poor", "Very poor", "Don't know", "Not answered"], overall.Rows);
        Assert.Equal([1L, 1L], new[] { overall[0, 0], overall[0, 1] });
        Assert.Equal([0L, 1L], new[] { overall[3, 0], overall[3, 1] });
        Assert.Equal(0, overall.RowTotal(4));
        Assert.Equal(3, overall.Total);
        var helped = Assert.IsType<CountFigure>(figures.Single(f => f.Key == "experience.helped")).Table;
        Assert.Equal((1L, 0L, 1L, 1L), (helped[0, 0], helped[0, 1], helped[2, 1], helped[3, 1]));
        Assert.All(figures, f => Assert.Equal("Users' experience", f.Section));
        Assert.Equal(4, figures.Count);
        Assert.DoesNotContain(figures.SelectMany(f => ((CountFigure)f).Table.Rows), r => r.Contains("Secret", StringComparison.Ordinal));
    }
}

public sealed class FeedbackTestsOnSqlite(SqliteTestDatabase db) : FeedbackTests<SqliteTestDatabase>(db);

public sealed class FeedbackTestsOnPostgres(PostgresTestDatabase db) : FeedbackTests<PostgresTestDatabase>(db);
