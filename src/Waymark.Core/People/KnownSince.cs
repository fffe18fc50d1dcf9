using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;

namespace Waymark.People;

/// <summary>
/// When a person became known to the service: the earlier of their record's creation and their first episode's
/// identification (identification can be recorded after the event). The earliest date a plan, pairing or other record
/// about them can be dated (issue 14: "agreed" dates of 1900 were accepted).
/// </summary>
public static class KnownSince
{
    /// <summary>The instant, or null when the user's team cannot see the person. One query.</summary>
    public static async Task<DateTimeOffset?> OfAsync(WaymarkDbContext db, Guid personId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.CreatedAt, First = db.Episodes.Where(e => e.PersonId == p.Id).OrderBy(e => e.IdentifiedAt).Select(e => (DateTimeOffset?)e.IdentifiedAt).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        return row.First is { } first && first < row.CreatedAt ? first : row.CreatedAt;
    }

    /// <summary>The UK date of <see cref="OfAsync"/>, or null when the person cannot be seen.</summary>
    public static async Task<DateOnly?> DayAsync(WaymarkDbContext db, Guid personId, CancellationToken ct = default) =>
        await OfAsync(db, personId, ct) is { } at ? UkTime.DateOf(at) : null;

    /// <summary>
    /// Why <paramref name="date"/> cannot be the date of <paramref name="what"/> ("The date the person agreed the plan"),
    /// or null: not before <paramref name="knownSince"/> (the UK day they became known) and not after <paramref name="today"/>.
    /// </summary>
    public static string? DateProblem(DateOnly date, DateOnly knownSince, DateOnly today, string what) =>
        date > today ? $"{what} must be today or in the past"
        : date < knownSince ? $"{what} cannot be before {knownSince.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}, when the person became known to the service"
        : null;
}
