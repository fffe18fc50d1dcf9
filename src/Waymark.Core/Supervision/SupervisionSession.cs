using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Supervision;

/// <summary>
/// The kinds of staff supervision, from ../shared/seeds/001 "Supporting staff" (the model Together designed for its
/// forensic mental health practitioners): monthly reflective sessions among peers, monthly group supervision with a
/// forensic psychiatrist, monthly one-to-one supervision with a British Psychological Society accredited supervisor.
/// Stored as numbers: never renumber.
/// </summary>
public enum SupervisionKind
{
    ReflectivePeerSession = 1,
    GroupSupervision = 2,
    OneToOneAccredited = 3,
}

/// <summary>Words for <see cref="SupervisionKind"/>, and the rule for when each is due.</summary>
public static class SupervisionKinds
{
    /// <summary>Every kind, in the order the seed lists them.</summary>
    public static IReadOnlyList<SupervisionKind> All { get; } = Enum.GetValues<SupervisionKind>();

    /// <summary>The kind in words.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared kind.</exception>
    public static string Display(SupervisionKind kind) => kind switch
    {
        SupervisionKind.ReflectivePeerSession => "Reflective peer session",
        SupervisionKind.GroupSupervision => "Group supervision",
        SupervisionKind.OneToOneAccredited => "One-to-one with an accredited supervisor",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of supervision"),
    };

    /// <summary>Months between sessions of a kind: every kind is monthly (../shared/seeds/001 "Supporting staff").</summary>
    public static int IntervalMonths(SupervisionKind kind) => 1;

    /// <summary>
    /// The UK date the next session of <paramref name="kind"/> is due after one on <paramref name="last"/>: the same day
    /// of the next month (the month's last day when it has no such day: 31 Jan → 28 or 29 Feb).
    /// </summary>
    public static DateOnly DueAfter(SupervisionKind kind, DateOnly last) => last.AddMonths(IntervalMonths(kind));

    /// <summary>
    /// Up to date when a session of the kind was held and today is on or before the date the next is due
    /// (<see cref="DueAfter"/>); overdue from the day after, and overdue when none has been recorded.
    /// </summary>
    public static bool IsUpToDate(SupervisionKind kind, DateOnly? last, DateOnly today) => last is { } l && today <= DueAfter(kind, l);
}

/// <summary>
/// One supervision session of one team member (issue 15 item 7): which kind, the UK date held, the supervisor (a name in
/// words: the supervisor may be outside the team), who recorded it and when. Team data about staff, not about the people
/// the team works with. Whether a worker is up to date is worked out from these (<see cref="SupervisionKinds.IsUpToDate"/>),
/// never stored.
/// </summary>
public class SupervisionSession : ITeamOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <inheritdoc />
    public Guid TeamId { get; set; }
    /// <summary>The team member supervised.</summary>
    public required string UserId { get; set; }
    public SupervisionKind Kind { get; set; }
    /// <summary>The UK date it was held.</summary>
    public DateOnly HeldOn { get; set; }
    /// <summary>The supervisor or facilitator. Up to 100 characters.</summary>
    public string SupervisorName { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }
}

/// <summary>What the record-a-session form sends.</summary>
public sealed class SupervisionInput
{
    public const int MaxSupervisorName = 100;

    public string? UserId { get; set; }
    public SupervisionKind? Kind { get; set; }
    public DateOnly? HeldOn { get; set; }
    public string? SupervisorName { get; set; }
}

/// <summary>A worker's latest session of one kind and whether they are up to date with it.</summary>
public sealed record KindStatus(SupervisionKind Kind, DateOnly? LastHeldOn, DateOnly? DueOn, bool UpToDate);

/// <summary>One case-working member of the team and their status for each kind, in <see cref="SupervisionKinds.All"/> order.</summary>
public sealed record WorkerSupervision(string UserId, string Name, IReadOnlyList<KindStatus> Kinds)
{
    /// <summary>True when every kind is up to date.</summary>
    public bool AllUpToDate => Kinds.All(k => k.UpToDate);
}

/// <summary>Records supervision sessions and works out who is up to date (team data; changes audited).</summary>
public class SupervisionService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    private DbSet<SupervisionSession> Sessions => db.Set<SupervisionSession>();

    /// <summary>Today's UK date.</summary>
    public DateOnly Today => UkTime.Today(clock);

    /// <summary>The current team's case-working members (practitioners, support workers, team managers): id and name, by name.</summary>
    public async Task<IReadOnlyList<(string UserId, string Name)>> WorkersAsync(CancellationToken ct = default)
    {
        var team = user.TeamId!.Value;
        var rows = await db.TeamMemberships.AsNoTracking().Where(m => m.TeamId == team)
            .Where(m => db.UserRoles.Any(ur => ur.UserId == m.UserId && db.Roles.Any(r => r.Id == ur.RoleId && Roles.CaseWorkers.Contains(r.Name!))))
            .OrderBy(m => m.User!.DisplayName).ThenBy(m => m.UserId)
            .Select(m => new { m.UserId, m.User!.DisplayName }).ToListAsync(ct);
        return rows.Select(r => (r.UserId, r.DisplayName)).ToList();
    }

    /// <summary>
    /// Every case-working member's status for each kind, by name: one query for the members and one for the latest
    /// date per (member, kind) of the team's sessions.
    /// </summary>
    public async Task<IReadOnlyList<WorkerSupervision>> TeamAsync(CancellationToken ct = default)
    {
        var workers = await WorkersAsync(ct);
        var latest = await LatestAsync(null, ct);
        return workers.Select(w => Status(w.UserId, w.Name, latest)).ToList();
    }

    /// <summary>The current user's own status for each kind, and their recent sessions (newest first, at most 12).</summary>
    public async Task<(WorkerSupervision Status, IReadOnlyList<SupervisionSession> Recent)> MineAsync(CancellationToken ct = default)
    {
        var me = user.UserId!;
        var latest = await LatestAsync(me, ct);
        var recent = await Sessions.AsNoTracking().Where(s => s.TeamId == user.TeamId && s.UserId == me)
            .OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.RecordedAt).Take(12).ToListAsync(ct);
        return (Status(me, "", latest), recent);
    }

    private async Task<Dictionary<(string, SupervisionKind), DateOnly>> LatestAsync(string? userId, CancellationToken ct)
    {
        var team = user.TeamId!.Value;
        var rows = await Sessions.AsNoTracking().Where(s => s.TeamId == team && (userId == null || s.UserId == userId))
            .GroupBy(s => new { s.UserId, s.Kind })
            .Select(g => new { g.Key.UserId, g.Key.Kind, Last = g.Max(s => s.HeldOn) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.UserId, r.Kind), r => r.Last);
    }

    private WorkerSupervision Status(string userId, string name, Dictionary<(string, SupervisionKind), DateOnly> latest)
    {
        var today = Today;
        return new WorkerSupervision(userId, name, SupervisionKinds.All.Select(k =>
        {
            DateOnly? last = latest.TryGetValue((userId, k), out var d) ? d : null;
            return new KindStatus(k, last, last is { } l ? SupervisionKinds.DueAfter(k, l) : null, SupervisionKinds.IsUpToDate(k, last, today));
        }).ToList());
    }

    /// <summary>Records a session for one of the team's case-working members.</summary>
    /// <exception cref="ValidationFailedException">
    /// Every problem: no member or not one of the team's case workers (UserId), no kind (Kind), no date, a future date or
    /// one more than 2 years ago (HeldOn), no supervisor or over <see cref="SupervisionInput.MaxSupervisorName"/> characters (SupervisorName).
    /// </exception>
    public async Task<SupervisionSession> RecordAsync(SupervisionInput input, CancellationToken ct = default)
    {
        var problems = new List<(string, string)>();
        var workers = await WorkersAsync(ct);
        if (string.IsNullOrEmpty(input.UserId) || workers.All(w => w.UserId != input.UserId)) problems.Add((nameof(input.UserId), "Select the team member supervised"));
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) problems.Add((nameof(input.Kind), "Select the kind of supervision"));
        var today = Today;
        if (input.HeldOn is null) problems.Add((nameof(input.HeldOn), "Enter the date of the session"));
        else if (input.HeldOn > today) problems.Add((nameof(input.HeldOn), "The date of the session must be today or in the past"));
        else if (input.HeldOn < today.AddYears(-2)) problems.Add((nameof(input.HeldOn), "The date of the session must be within the last 2 years"));
        var supervisor = input.SupervisorName?.Trim() ?? "";
        if (supervisor.Length == 0) problems.Add((nameof(input.SupervisorName), "Enter the supervisor's name"));
        else if (supervisor.Length > SupervisionInput.MaxSupervisorName) problems.Add((nameof(input.SupervisorName), $"The supervisor's name must be {SupervisionInput.MaxSupervisorName} characters or fewer"));
        ValidationFailedException.ThrowIfAny(problems);

        var s = new SupervisionSession
        {
            TeamId = user.TeamId!.Value, UserId = input.UserId!, Kind = input.Kind!.Value, HeldOn = input.HeldOn!.Value,
            SupervisorName = supervisor, RecordedAt = clock.GetUtcNow(), RecordedByUserId = user.UserId!,
        };
        Sessions.Add(s);
        audit.Add(AuditAction.Created, "SupervisionSession", s.Id.ToString(), detail: $"Recorded {SupervisionKinds.Display(s.Kind).ToLowerInvariant()} for a team member");
        await db.SaveChangesAsync(ct);
        return s;
    }
}

/// <summary>The table mapping of <see cref="SupervisionSession"/>.</summary>
internal sealed class SupervisionSessionMapping : IEntityTypeConfiguration<SupervisionSession>
{
    public void Configure(EntityTypeBuilder<SupervisionSession> e)
    {
        e.ToTable("SupervisionSessions");
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.RecordedByUserId).HasMaxLength(450);
        e.Property(x => x.SupervisorName).HasMaxLength(SupervisionInput.MaxSupervisorName);
        e.HasOne<WaymarkUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        // The latest session per member and kind (the team page and a worker's own).
        e.HasIndex(x => new { x.TeamId, x.UserId, x.Kind, x.HeldOn });
    }
}
