using System.Security.Cryptography;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Appointments;

/// <summary>A feed just created: its row and the secret for its address, shown once and never stored.</summary>
/// <param name="Feed">The stored row (with the secret's hash only).</param>
/// <param name="Token">The secret, 43 characters of base64url (32 random bytes).</param>
public sealed record NewCalendarFeed(CalendarFeed Feed, string Token);

/// <summary>
/// A worker's private iCalendar feed of their appointments (ADR 20): calendar apps cannot sign in, so the address
/// carries a random secret (32 bytes from the operating system's generator, base64url); only its SHA-256 (hex) is stored,
/// looked up through a unique index. The feed carries each appointment's time, initials and status, never a name,
/// place or purpose. Creating a new address revokes the old one; a revoked or unknown address is "not found".
/// </summary>
public class CalendarFeedService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The feed covers appointments from 30 days before now …</summary>
    public const int DaysBack = 30;
    /// <summary>… to a year (366 days) after.</summary>
    public const int DaysAhead = 366;
    /// <summary>The longest token read from an address (anything longer is refused before hashing).</summary>
    public const int MaxTokenLength = 100;
    /// <summary>The event title after the initials: "Appointment – J.S.".</summary>
    public const string SummaryPrefix = "Appointment – ";
    /// <summary>The only location an event carries.</summary>
    public const string GenericLocation = "See Waymark";

    private DbSet<CalendarFeed> Feeds => db.Set<CalendarFeed>();

    /// <summary>The user's live feed in their team, or null.</summary>
    public Task<CalendarFeed?> CurrentAsync(CancellationToken ct = default)
    {
        var (team, me) = Me();
        return Feeds.AsNoTracking().FirstOrDefaultAsync(f => f.TeamId == team && f.UserId == me && f.RevokedAt == null, ct);
    }

    /// <summary>Creates a new feed address for the user in their team, revoking any live one; audited. The token is returned once.</summary>
    public async Task<NewCalendarFeed> CreateAsync(CancellationToken ct = default)
    {
        var (team, me) = Me();
        var now = clock.GetUtcNow();
        await RevokeLiveAsync(team, me, now, ct);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var feed = new CalendarFeed { TeamId = team, UserId = me, TokenHash = Hash(token), CreatedAt = now };
        Feeds.Add(feed);
        audit.Add(AuditAction.Created, nameof(CalendarFeed), feed.Id.ToString(), detail: "Calendar feed address created");
        await db.SaveChangesAsync(ct);
        return new NewCalendarFeed(feed, token);
    }

    /// <summary>Revokes the user's live feed in their team (its address stops working at once); false when there was none.</summary>
    public async Task<bool> RevokeAsync(CancellationToken ct = default)
    {
        var (team, me) = Me();
        var any = await RevokeLiveAsync(team, me, clock.GetUtcNow(), ct);
        if (any) await db.SaveChangesAsync(ct);
        return any;
    }

    private async Task<bool> RevokeLiveAsync(Guid team, string me, DateTimeOffset now, CancellationToken ct)
    {
        var live = await Feeds.Where(f => f.TeamId == team && f.UserId == me && f.RevokedAt == null).ToListAsync(ct);
        foreach (var f in live)
        {
            f.RevokedAt = now;
            audit.Add(AuditAction.Updated, nameof(CalendarFeed), f.Id.ToString(), detail: "Calendar feed address revoked");
        }
        return live.Count > 0;
    }

    /// <summary>
    /// The iCalendar text (RFC 5545) of the feed whose secret is <paramref name="token"/>, or null when no live feed has
    /// it (unknown, revoked, malformed, or the worker is no longer a member of the team). Anonymous: the lookup ignores
    /// the team filter and reads only the feed's own worker and team. One event per appointment from
    /// <see cref="DaysBack"/> days ago to <see cref="DaysAhead"/> days ahead: UID the appointment's id, UTC start and end,
    /// "Appointment – J.S.", location "See Waymark", STATUS:CANCELLED when cancelled or rescheduled. Audited as a view.
    /// </summary>
    public async Task<string?> FeedAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) return null;
        var hash = Hash(token);
        var feed = await Feeds.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(f => f.TokenHash == hash && f.RevokedAt == null, ct);
        if (feed is null) return null;
        if (!await db.TeamMemberships.AnyAsync(m => m.TeamId == feed.TeamId && m.UserId == feed.UserId, ct)) return null;
        var now = clock.GetUtcNow();
        var since = now.AddDays(-DaysBack);
        var until = now.AddDays(DaysAhead);
        var all = db.Set<Appointment>().IgnoreQueryFilters();
        var rows = await (from a in all.AsNoTracking()
                          where a.TeamId == feed.TeamId && a.WorkerUserId == feed.UserId && a.StartsAt >= since && a.StartsAt < until
                          join p in db.People.IgnoreQueryFilters() on a.PersonId equals p.Id
                          orderby a.StartsAt
                          select new
                          {
                              a.Id, a.StartsAt, a.DurationMinutes, a.Outcome, a.BookedAt, a.OutcomeRecordedAt, p.GivenName, p.FamilyName,
                              Rescheduled = all.Any(x => x.SupersedesId == a.Id),
                          }).ToListAsync(ct);
        var calendar = new Calendar { ProductId = "-//Waymark//Appointments//EN" };
        calendar.AddProperty("X-WR-CALNAME", "Waymark appointments");
        foreach (var r in rows)
        {
            var cancelled = r.Rescheduled || r.Outcome is { } o && AppointmentRules.IsCancellation(o);
            var e = new CalendarEvent
            {
                Uid = r.Id.ToString(),
                Summary = SummaryPrefix + AppointmentRules.Initials(r.GivenName, r.FamilyName),
                Location = GenericLocation,
                DtStamp = new CalDateTime(now.UtcDateTime),
                DtStart = new CalDateTime(r.StartsAt.UtcDateTime),
                DtEnd = new CalDateTime(r.StartsAt.AddMinutes(r.DurationMinutes).UtcDateTime),
                Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            };
            calendar.Events.Add(e);
        }
        await audit.RecordNowAsync(AuditAction.Viewed, nameof(CalendarFeed), feed.Id.ToString(),
            detail: $"Calendar feed read by a calendar app: {rows.Count} appointments (initials and times) of user {feed.UserId}", ct: ct);
        return new CalendarSerializer().SerializeToString(calendar);
    }

    /// <summary>SHA-256 of the token's UTF-8 bytes, lower-case hex (64 characters), as stored in <see cref="CalendarFeed.TokenHash"/>.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private (Guid Team, string UserId) Me() =>
        (user.TeamId ?? throw new InvalidOperationException("A calendar feed belongs to a member of a team."),
         user.UserId ?? throw new InvalidOperationException("A calendar feed belongs to a signed-in user."));
}
