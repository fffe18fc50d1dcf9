using Waymark.Persistence;

namespace Waymark.Support;

/// <summary>
/// A team's settings for keeping in touch after the first day (docs/support.md): when an episode counts as "not in
/// touch", how long time-limited case management lasts by default, and when reminders go out. A team without a row
/// uses the defaults. Versioned: two managers saving at once get a clear conflict.
/// </summary>
public class SupportSettings : ITeamOwned, IVersioned
{
    /// <summary>Default: an open episode with no successful contact for 14 days is "not in touch".</summary>
    public const int DefaultNotInTouchDays = 14;
    /// <summary>Default length of time-limited case management: 6 months from the start of support (Waymark's default; teams set their own).</summary>
    public const int DefaultSupportMonths = 6;
    /// <summary>Default reminder lead time: 24 hours before.</summary>
    public const int DefaultReminderLeadHours = 24;

    public Guid TeamId { get; set; }
    /// <summary>Days without a successful contact after which an open episode is flagged "not in touch" (1 to 365).</summary>
    public int NotInTouchDays { get; set; } = DefaultNotInTouchDays;
    /// <summary>Months from the start of support to the default planned end (1 to 36); null for no default.</summary>
    public int? SupportMonths { get; set; } = DefaultSupportMonths;
    /// <summary>Hours before an appointment or hearing when its reminder is sent (1 to 168).</summary>
    public int ReminderLeadHours { get; set; } = DefaultReminderLeadHours;
    /// <summary>Start of quiet hours (UK time): no reminder is sent from this time …</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(21, 0);
    /// <summary>… until this time (UK time). Equal to the start means no quiet hours.</summary>
    public TimeOnly QuietHoursEnd { get; set; } = new(8, 0);
    /// <summary>The number reminders tell people to call, e.g. "01632 960 000". Up to 30 characters.</summary>
    public string? ReplyTelephone { get; set; }
    /// <summary>The team's name as reminders say it, e.g. "Northshire Liaison and Diversion". Up to 100 characters.</summary>
    public string? SenderName { get; set; }
    /// <summary>
    /// The number a person can call when the team is closed, shown on every crisis plan of the team and in its texted
    /// copy, e.g. "01632 960 111". Up to 30 characters, checked by <see cref="PhoneNumbers.Problem"/>; null when not set.
    /// </summary>
    public string? OutOfHoursTelephone { get; set; }
    /// <summary>Who answers <see cref="OutOfHoursTelephone"/> and when, e.g. "Northshire crisis team, 5pm to 9am and weekends". Up to 200 characters.</summary>
    public string? OutOfHoursDescription { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? ChangedByUserId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>Reads a team's <see cref="SupportSettings"/>.</summary>
public static class SupportSettingsOf
{
    /// <summary>The team's settings, or the defaults (not tracked, not saved, version <see cref="Guid.Empty"/>) when the team has never changed them.</summary>
    public static async Task<SupportSettings> TeamAsync(Persistence.WaymarkDbContext db, Guid teamId, CancellationToken ct = default) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Set<SupportSettings>()), s => s.TeamId == teamId, ct)
        ?? Defaults(teamId);

    /// <summary>The settings of each of <paramref name="teamIds"/> (the defaults for a team that never changed them), in one query.</summary>
    public static async Task<IReadOnlyDictionary<Guid, SupportSettings>> TeamsAsync(Persistence.WaymarkDbContext db, IReadOnlyCollection<Guid> teamIds, CancellationToken ct = default)
    {
        var stored = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Set<SupportSettings>()).Where(s => teamIds.Contains(s.TeamId)), s => s.TeamId, ct);
        return teamIds.Distinct().ToDictionary(t => t, t => stored.GetValueOrDefault(t) ?? Defaults(t));
    }

    // Version Guid.Empty: nothing stored yet, so the settings page's first save inserts (SupportSettingsService).
    private static SupportSettings Defaults(Guid teamId) => new() { TeamId = teamId, Version = Guid.Empty };
}
