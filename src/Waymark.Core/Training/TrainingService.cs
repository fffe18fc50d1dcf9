using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Figures;
using Waymark.Liaison;
using Waymark.Persistence;
using Waymark.Supervision;

namespace Waymark.Training;

/// <summary>Records and lists the current team's training sessions (team data; changes audited).</summary>
public class TrainingService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Sessions per page of the list.</summary>
    public const int PageSize = 25;

    private DbSet<TrainingSession> Sessions => db.Set<TrainingSession>();

    /// <summary>Today's UK date.</summary>
    public DateOnly Today => UkTime.Today(clock);

    /// <summary>Page <paramref name="page"/> (from 1) of the team's sessions, latest delivered first, and whether another follows.</summary>
    public async Task<(IReadOnlyList<TrainingSession> Sessions, bool HasNext)> PageAsync(int page, CancellationToken ct = default)
    {
        var rows = await Sessions.AsNoTracking().Where(s => s.TeamId == user.TeamId)
            .OrderByDescending(s => s.DeliveredOn).ThenByDescending(s => s.RecordedAt).ThenBy(s => s.Id)
            .Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        return (rows.Take(PageSize).ToList(), rows.Count > PageSize);
    }

    /// <summary>One of the team's sessions, or null (another team's is not found).</summary>
    public Task<TrainingSession?> FindAsync(Guid id, CancellationToken ct = default) =>
        Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.TeamId == user.TeamId, ct);

    /// <summary>Records a session delivered by the team.</summary>
    /// <exception cref="ValidationFailedException">Every problem with <paramref name="input"/>.</exception>
    public async Task<TrainingSession> AddAsync(TrainingInput input, CancellationToken ct = default)
    {
        ValidationFailedException.ThrowIfAny(input.Validate(Today));
        var s = new TrainingSession { TeamId = user.TeamId!.Value, RecordedAt = clock.GetUtcNow(), RecordedByUserId = user.UserId! };
        input.ApplyTo(s);
        Sessions.Add(s);
        audit.Add(AuditAction.Created, "TrainingSession", s.Id.ToString(), detail: "Recorded training delivered");
        await db.SaveChangesAsync(ct);
        return s;
    }

    /// <summary>Saves changes if nobody else saved since <paramref name="expectedVersion"/>; null when not found.</summary>
    /// <exception cref="ValidationFailedException">Every problem with <paramref name="input"/>.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else saved it first.</exception>
    public async Task<TrainingSession?> UpdateAsync(Guid id, Guid expectedVersion, TrainingInput input, CancellationToken ct = default)
    {
        ValidationFailedException.ThrowIfAny(input.Validate(Today));
        var s = await Sessions.FirstOrDefaultAsync(x => x.Id == id && x.TeamId == user.TeamId, ct);
        if (s is null) return null;
        db.ExpectVersion(s, expectedVersion);
        input.ApplyTo(s);
        s.UpdatedAt = clock.GetUtcNow();
        s.UpdatedByUserId = user.UserId;
        audit.Add(AuditAction.Updated, "TrainingSession", s.Id.ToString(), detail: "Changed training delivered");
        await db.SaveOrConflictAsync("Someone else changed this training session while you were editing it. Check it and make your change again.", ct);
        return s;
    }
}

/// <summary>
/// "Training and supervision" figures: staff supervision recorded, by kind and month; training sessions delivered, and people attending, by kind of agency and month
/// (from the training sessions recorded, by the UK date delivered). One aggregate query (GROUP BY date and agency kind,
/// over the (TeamId, DeliveredOn) index), bucketed into months by date.
/// </summary>
public sealed class TrainingFigureSource : IFigureSource
{
    /// <inheritdoc />
    public string Section => "Training and supervision";

    /// <inheritdoc />
    public int Order => 100;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Figure>> ComputeAsync(WaymarkDbContext db, FigureScope scope, CancellationToken ct)
    {
        var groups = await db.Set<TrainingSession>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => scope.TeamIds.Contains(s.TeamId) && s.DeliveredOn >= scope.From && s.DeliveredOn <= scope.To)
            .GroupBy(s => new { s.DeliveredOn, s.AgencyKind })
            .Select(g => new { g.Key.DeliveredOn, g.Key.AgencyKind, Sessions = g.LongCount(), People = g.Sum(s => (long)s.Attendees) })
            .ToListAsync(ct);
        var rows = AgencyKinds.All.Select(k => TrainingCodes.AgencyDisplay(k)).Append(TrainingCodes.AgencyDisplay(null)).ToList();
        var sessions = CountTable.From("Agency", rows, scope.Months, groups.Select(g => (TrainingCodes.AgencyDisplay(g.AgencyKind), Month.Of(g.DeliveredOn), g.Sessions)));
        var people = CountTable.From("Agency", rows, scope.Months, groups.Select(g => (TrainingCodes.AgencyDisplay(g.AgencyKind), Month.Of(g.DeliveredOn), g.People)));
        // Supervision: a team's year is a few sessions per member of staff, so the (TeamId, UserId, …) index serves it.
        var supervision = await db.Set<Waymark.Supervision.SupervisionSession>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => scope.TeamIds.Contains(s.TeamId) && s.HeldOn >= scope.From && s.HeldOn <= scope.To)
            .GroupBy(s => new { s.HeldOn, s.Kind })
            .Select(g => new { g.Key.HeldOn, g.Key.Kind, Count = g.LongCount() })
            .ToListAsync(ct);
        var supervised = CountTable.From("Kind of supervision", Waymark.Supervision.SupervisionKinds.All.Select(Waymark.Supervision.SupervisionKinds.Display).ToList(), scope.Months,
            supervision.Select(g => (Waymark.Supervision.SupervisionKinds.Display(g.Kind), Month.Of(g.HeldOn), g.Count)));
        return
        [
            new CountFigure("supervision.sessions", Section, "Staff supervision recorded", "Supervision recorded for the team's staff (one for each member of staff supervised), by kind and the month it was held. Who is up to date is on the supervision page.", supervised),
            new CountFigure("training.sessions", Section, "Training sessions delivered", "Training sessions the team delivered to criminal justice staff, from the training sessions recorded, by the kind of agency trained and the month delivered.", sessions),
            new CountFigure("training.attending", Section, "People attending training", "People attending the team's training sessions (the number attending each session recorded), by the kind of agency trained and the month delivered.", people),
        ];
    }
}

/// <summary>The table mapping of <see cref="TrainingSession"/>.</summary>
internal sealed class TrainingSessionMapping : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> e)
    {
        e.ToTable("TrainingSessions");
        e.Property(x => x.AgencyOther).HasMaxLength(TrainingInput.MaxText);
        e.Property(x => x.AudienceText).HasMaxLength(TrainingInput.MaxText);
        e.Property(x => x.TopicOther).HasMaxLength(TrainingInput.MaxText);
        e.Property(x => x.FeedbackComments).HasMaxLength(TrainingInput.MaxComments);
        e.Property(x => x.AverageRating).HasPrecision(2, 1);
        e.Property(x => x.RecordedByUserId).HasMaxLength(450);
        e.Property(x => x.UpdatedByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        // The list (latest first) and the figures (by team and date delivered).
        e.HasIndex(x => new { x.TeamId, x.DeliveredOn });
    }
}

/// <summary>The Training and Supervision capabilities' services.</summary>
public static class TrainingRegistration
{
    /// <summary>Registers <see cref="TrainingService"/>, <see cref="SupervisionService"/> and the "Training and supervision" figure source.</summary>
    public static IServiceCollection AddTrainingAndSupervision(this IServiceCollection services)
    {
        services.AddScoped<TrainingService>();
        services.AddScoped<SupervisionService>();
        return services.AddFigureSource<TrainingFigureSource>();
    }
}
