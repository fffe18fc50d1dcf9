using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Access;
using Waymark.Figures;
using Waymark.Persistence;

namespace Waymark.Feedback;

/// <summary>A stored response's free text as a team manager reads it: the date it was given, how, and the words.</summary>
public sealed record FeedbackComment(DateOnly GivenOn, FeedbackChannel Channel, ExperienceRating? Experience, string Comments);

/// <summary>Stores anonymous feedback for the current user's team and lists its words for the team's managers.</summary>
public class FeedbackService(WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Comments per page on the managers' page.</summary>
    public const int CommentsPageSize = 25;

    private DbSet<FeedbackResponse> Responses => db.Set<FeedbackResponse>();

    /// <summary>Today's UK date.</summary>
    public DateOnly Today => UkTime.Today(clock);

    /// <summary>
    /// Stores answers given on the team's device today. A second post of the same form (<paramref name="token"/> already
    /// stored for the team) stores nothing and returns false; true when stored.
    /// </summary>
    /// <exception cref="ValidationFailedException">No question answered, an answer not offered, or too many words.</exception>
    public async Task<bool> GiveAsync(FeedbackInput input, Guid token, CancellationToken ct = default)
    {
        ValidationFailedException.ThrowIfAny(input.Validate());
        var team = user.TeamId!.Value;
        if (await Responses.AnyAsync(r => r.TeamId == team && r.SubmissionToken == token, ct)) return false;
        Responses.Add(New(input, team, Today, FeedbackChannel.TeamDevice, token));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same form posted twice at once: the unique index kept one.
            db.ChangeTracker.Clear();
            if (await Responses.AnyAsync(r => r.TeamId == team && r.SubmissionToken == token, ct)) return false;
            throw;
        }
        return true;
    }

    /// <summary>Whether a device form with <paramref name="token"/> was already stored for the current team.</summary>
    public Task<bool> TokenUsedAsync(Guid token, CancellationToken ct = default)
    {
        var team = user.TeamId!.Value;
        return Responses.AnyAsync(r => r.TeamId == team && r.SubmissionToken == token, ct);
    }

    /// <summary>Stores a paper sheet's answers, filled in on <paramref name="givenOn"/> (UK date).</summary>
    /// <exception cref="ValidationFailedException">
    /// As <see cref="GiveAsync"/>; also the date (field "GivenOn") missing, after today or more than
    /// <see cref="FeedbackInput.MaxSheetAgeDays"/> days ago.
    /// </exception>
    public async Task TypeInAsync(FeedbackInput input, DateOnly? givenOn, CancellationToken ct = default)
    {
        var problems = input.Validate().ToList();
        var today = Today;
        if (givenOn is null) problems.Add(("GivenOn", "Enter the date the sheet was filled in"));
        else if (givenOn > today) problems.Add(("GivenOn", "The date the sheet was filled in must be today or in the past"));
        else if (givenOn < today.AddDays(-FeedbackInput.MaxSheetAgeDays)) problems.Add(("GivenOn", "The date the sheet was filled in must be within the last year"));
        ValidationFailedException.ThrowIfAny(problems);
        Responses.Add(New(input, user.TeamId!.Value, givenOn!.Value, FeedbackChannel.PaperSheet, null));
        await db.SaveChangesAsync(ct);
    }

    private FeedbackResponse New(FeedbackInput input, Guid team, DateOnly givenOn, FeedbackChannel channel, Guid? token) => new()
    {
        TeamId = team,
        GivenOn = givenOn,
        Channel = channel,
        Experience = input.Experience,
        Listened = input.Listened,
        Respected = input.Respected,
        Helped = input.Helped,
        Comments = string.IsNullOrWhiteSpace(input.Comments) ? null : input.Comments.Trim(),
        SubmissionToken = token,
        RecordedAt = clock.GetUtcNow(),
    };

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of the current team's responses with words, newest given first,
    /// <see cref="CommentsPageSize"/> a page, plus whether another page follows.
    /// </summary>
    public async Task<(IReadOnlyList<FeedbackComment> Comments, bool HasNext)> CommentsAsync(int page, CancellationToken ct = default)
    {
        var team = user.TeamId!.Value;
        var rows = await Responses.AsNoTracking().Where(r => r.TeamId == team && r.Comments != null)
            .OrderByDescending(r => r.GivenOn).ThenByDescending(r => r.Id)
            .Skip((Math.Max(page, 1) - 1) * CommentsPageSize).Take(CommentsPageSize + 1)
            .Select(r => new FeedbackComment(r.GivenOn, r.Channel, r.Experience, r.Comments!))
            .ToListAsync(ct);
        return (rows.Take(CommentsPageSize).ToList(), rows.Count > CommentsPageSize);
    }

    /// <summary>The current team's name, as the device page shows it.</summary>
    public Task<string?> TeamNameAsync(CancellationToken ct = default) =>
        db.Teams.AsNoTracking().Where(t => t.Id == user.TeamId).Select(t => t.Name).FirstOrDefaultAsync(ct);
}

/// <summary>
/// "Users' experience" figures: the answers to each coded question by the month they were given. Free text is never
/// part of a figure. One aggregate query per scope (GROUP BY the date given and the four answers, over the
/// (TeamId, GivenOn) index; a team's responses a year are few), bucketed into months by the UK date.
/// </summary>
public sealed class FeedbackFigureSource : IFigureSource
{
    /// <inheritdoc />
    public string Section => "Users' experience";

    /// <inheritdoc />
    public int Order => 90;

    private const string NotAnswered = "Not answered";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Figure>> ComputeAsync(WaymarkDbContext db, FigureScope scope, CancellationToken ct)
    {
        var groups = await db.Set<FeedbackResponse>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => scope.TeamIds.Contains(r.TeamId) && r.GivenOn >= scope.From && r.GivenOn <= scope.To)
            .GroupBy(r => new { r.GivenOn, r.Experience, r.Listened, r.Respected, r.Helped })
            .Select(g => new { g.Key.GivenOn, g.Key.Experience, g.Key.Listened, g.Key.Respected, g.Key.Helped, Count = g.LongCount() })
            .ToListAsync(ct);

        var ratingRows = FeedbackQuestions.Ratings.Select(FeedbackQuestions.Display).Append(NotAnswered).ToList();
        var ynRows = FeedbackQuestions.YesPartlyNoAnswers.Select(FeedbackQuestions.Display).Append(NotAnswered).ToList();
        string Rating(ExperienceRating? r) => r is { } v && Enum.IsDefined(v) ? FeedbackQuestions.Display(v) : NotAnswered;
        string Yn(YesPartlyNo? a) => a is { } v && Enum.IsDefined(v) ? FeedbackQuestions.Display(v) : NotAnswered;

        var experience = CountTable.From("Answer", ratingRows, scope.Months, groups.Select(g => (Rating(g.Experience), Month.Of(g.GivenOn), g.Count)));
        var listened = CountTable.From("Answer", ynRows, scope.Months, groups.Select(g => (Yn(g.Listened), Month.Of(g.GivenOn), g.Count)));
        var respected = CountTable.From("Answer", ynRows, scope.Months, groups.Select(g => (Yn(g.Respected), Month.Of(g.GivenOn), g.Count)));
        var helped = CountTable.From("Answer", ynRows, scope.Months, groups.Select(g => (Yn(g.Helped), Month.Of(g.GivenOn), g.Count)));
        const string from = "from the anonymous feedback responses given in the month (on a team device or a typed-in paper sheet), by answer";
        return
        [
            new CountFigure("experience.overall", Section, FeedbackQuestions.Experience, $"Responses {from} to \"{FeedbackQuestions.Experience}\" (NHS Friends and Family Test wording).", experience),
            new CountFigure("experience.listened", Section, FeedbackQuestions.Listened, $"Responses {from} to \"{FeedbackQuestions.Listened}\".", listened),
            new CountFigure("experience.respected", Section, FeedbackQuestions.Respected, $"Responses {from} to \"{FeedbackQuestions.Respected}\".", respected),
            new CountFigure("experience.helped", Section, FeedbackQuestions.Helped, $"Responses {from} to \"{FeedbackQuestions.Helped}\".", helped),
        ];
    }
}

/// <summary>The table mapping of <see cref="FeedbackResponse"/>.</summary>
internal sealed class FeedbackResponseMapping : IEntityTypeConfiguration<FeedbackResponse>
{
    public void Configure(EntityTypeBuilder<FeedbackResponse> e)
    {
        e.ToTable("FeedbackResponses");
        e.Property(x => x.Comments).HasMaxLength(FeedbackInput.MaxComments);
        // The figures (by team and date given) and the managers' comments page (newest first).
        e.HasIndex(x => new { x.TeamId, x.GivenOn });
        // A form posted twice stores once.
        e.HasIndex(x => new { x.TeamId, x.SubmissionToken }).IsUnique();
    }
}

/// <summary>The Feedback capability's services.</summary>
public static class FeedbackRegistration
{
    /// <summary>Registers <see cref="FeedbackService"/> and the "Users' experience" figure source.</summary>
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddScoped<FeedbackService>();
        return services.AddFigureSource<FeedbackFigureSource>();
    }
}
