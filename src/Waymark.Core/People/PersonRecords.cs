using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Persistence;

namespace Waymark.People;

/// <summary>Reading and changing a person's record, always through the team filter and always audited.</summary>
public class PersonRecords(WaymarkDbContext db, Auditor audit, TimeProvider clock)
{
    /// <summary>Loads a person the current team may see (null otherwise) and audits the view.</summary>
    public async Task<Person?> ViewAsync(Guid id, string detail = "Viewed record", string? purpose = null, CancellationToken ct = default)
    {
        var person = await Load(id).AsNoTracking().FirstOrDefaultAsync(ct);
        if (person is null) return null;
        await audit.RecordNowAsync(AuditAction.Viewed, "Person", id.ToString(), id, detail, purpose, ct);
        return person;
    }

    /// <summary>Saves new details if nobody else has saved since <paramref name="expectedVersion"/>; the change and its audit event commit together.</summary>
    public async Task<Person?> UpdateAsync(Guid id, Guid expectedVersion, PersonDetails details, CancellationToken ct = default) =>
        await UpdateAsync(id, expectedVersion, details, mayChangeIdentity: true, ct);

    /// <summary>
    /// Saves changed details; with <paramref name="mayChangeIdentity"/> false the stored identity details are kept whatever
    /// <paramref name="details"/> say (<see cref="PersonDetails.KeepingIdentityOf"/>). Null when the person is not found.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">Someone else saved the person since <paramref name="expectedVersion"/>.</exception>
    public async Task<Person?> UpdateAsync(Guid id, Guid expectedVersion, PersonDetails details, bool mayChangeIdentity, CancellationToken ct = default)
    {
        var person = await Load(id).FirstOrDefaultAsync(ct);
        if (person is null) return null;
        if (!mayChangeIdentity) details = details.KeepingIdentityOf(person);
        var before = PersonDetails.From(person);
        details.ApplyTo(person);
        // The replacement child rows are new, but their keys are set in code (Guid.NewGuid()), which EF takes as
        // "already in the database": it would UPDATE rows that do not exist and report a false concurrency conflict.
        foreach (var a in person.Aliases) db.Entry(a).State = EntityState.Added;
        foreach (var d in person.OtherDatesOfBirth) db.Entry(d).State = EntityState.Added;
        foreach (var i in person.OtherIdentifiers) db.Entry(i).State = EntityState.Added;
        var changed = ChangedFields(before, PersonDetails.From(person));
        db.ExpectVersion(person, expectedVersion);
        audit.Add(AuditAction.Updated, "Person", id.ToString(), id,
            changed.Count == 0 ? "No changes" : "Changed: " + string.Join(", ", changed));
        await db.SaveOrConflictAsync(
            "Someone else changed this person's details while you were editing. Your changes have not been saved. Check their current details and make your changes again.", ct);
        return person;
    }

    private IQueryable<Person> Load(Guid id) => db.People.Where(p => p.Id == id)
        .Include(p => p.Aliases).Include(p => p.OtherDatesOfBirth).Include(p => p.OtherIdentifiers).Include(p => p.TeamLinks)
        .Include(p => p.Episodes).AsSplitQuery();

    private static List<string> ChangedFields(PersonDetails a, PersonDetails b)
    {
        var changed = new List<string>();
        foreach (var prop in typeof(PersonDetails).GetProperties())
        {
            if (prop.Name == nameof(PersonDetails.Absences)) continue; // by detail, below
            var x = prop.GetValue(a);
            var y = prop.GetValue(b);
            var same = x is System.Collections.IEnumerable ex && y is System.Collections.IEnumerable ey && x is not string
                ? ex.Cast<object>().SequenceEqual(ey.Cast<object>())
                : Equals(x, y);
            if (!same) changed.Add(prop.Name);
        }
        // Why each empty detail is empty (ADR 18), named per detail ("PhoneAbsence"). An empty detail with no reason
        // recorded is stored as not asked, so that step is no change.
        foreach (var f in Absent.Fields)
            if (Absent.ToStore(a.HasValue(f), a.AbsenceOf(f)) != Absent.ToStore(b.HasValue(f), b.AbsenceOf(f)))
                changed.Add(PersonDetails.AbsenceFieldName(f));
        return changed;
    }

    /// <summary>Everything recorded about the person, newest first, with who did it.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(Person person, CancellationToken ct = default)
    {
        var entries = new List<TimelineEntry> { new(person.CreatedAt, "Record created", null, person.CreatedBy, null) };
        foreach (var e in person.Episodes)
        {
            var where = Settings.Display(e.Setting);
            entries.Add(new(e.IdentifiedAt, $"Identified in {where.ToLowerInvariant()}", $"By {e.IdentifiedBySource}: {e.IdentificationReason}", e.IdentifiedByUserId, e.Id));
            if (e.ScreenedAt is { } s) entries.Add(new(s, "Screened", null, e.ScreenedByUserId, e.Id));
            if (e.AssessedAt is { } a) entries.Add(new(a, "Assessed", null, e.AssessedByUserId, e.Id));
            if (e.AllocatedAt is { } al) entries.Add(new(al, e.KeyWorkerId is null ? "Key worker removed" : "Key worker allocated", null, e.AllocatedByUserId, e.Id));
            if (e.SupportStartedAt is { } ss) entries.Add(new(ss, "Support started", null, e.SupportStartedByUserId, e.Id));
            if (e.ClosedAt is { } c) entries.Add(new(c, "Episode closed", e.ClosureReason is { } r ? ClosureReasons.Display(r) + (e.ClosureNote is null ? "" : $": {e.ClosureNote}") : null, e.ClosedByUserId, e.Id));
        }
        var userIds = entries.Select(x => x.ByUserId).Where(u => u is not null).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return entries
            .Select(x => x with { ByName = x.ByUserId is { } uid && names.TryGetValue(uid, out var n) ? n : null })
            .OrderByDescending(x => x.At).ToList();
    }

    public DateOnly Today => UkTime.Today(clock);

    /// <summary>The current instant (UTC), for "overdue" on the record's pages.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();
}

public record TimelineEntry(DateTimeOffset At, string Title, string? Detail, string? ByUserId, Guid? EpisodeId)
{
    public string? ByName { get; init; }
}
