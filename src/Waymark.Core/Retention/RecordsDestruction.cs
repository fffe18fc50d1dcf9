using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.CrisisPlans;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Retention;

/// <summary>One person whose records are due for destruction: a pseudonymous reference (never a name), the rule and the due date.</summary>
/// <param name="PersonId">Their id (not printed; the destruction uses it).</param>
/// <param name="Reference">"P-" and the first 12 hex digits of the keyed hash of their id: the same person always has the same reference, and it matches the start of <see cref="DestructionLogEntry.PersonHash"/>.</param>
/// <param name="Rule">The rule under which they are due.</param>
/// <param name="DueOn">The first day they could be destroyed.</param>
/// <param name="LastContact">Their last contact (the date the rule counts from).</param>
public sealed record DuePerson(Guid PersonId, string Reference, RetentionRule Rule, DateOnly DueOn, DateOnly LastContact);

/// <summary>What a run did, or (dry run) would do.</summary>
/// <param name="RunId">The run's id (on its destruction log lines).</param>
/// <param name="DryRun">Nothing was destroyed.</param>
/// <param name="ByRule">People due (destroyed, unless a dry run) per rule.</param>
/// <param name="RowsByKind">Rows deleted per kind (empty for a dry run).</param>
/// <param name="Batches">Transactions committed.</param>
public sealed record RetentionRunResult(Guid RunId, bool DryRun, IReadOnlyDictionary<RetentionRule, int> ByRule, IReadOnlyDictionary<string, int> RowsByKind, int Batches)
{
    /// <summary>People due in all.</summary>
    public int People => ByRule.Values.Sum();
}

/// <summary>
/// Finds the people whose records are due for destruction (<see cref="RetentionRules"/>) and destroys them in batches,
/// each batch one transaction, every kind of row in <see cref="PersonLinkedRecords.InDeletionOrder"/> and then the
/// person row; what happens to each kind and to the audit trail is in docs/adr/0024-retention-and-subject-access.md.
/// Never loads every person: candidates are read a page at a time, in id order, by an indexed query that already leaves
/// out anyone with an open episode, a standing legal hold, or a contact or episode within the shortest retention period.
/// </summary>
public class RecordsDestruction(WaymarkDbContext db, Auditor audit, RetentionOptions options, TimeProvider clock)
{
    /// <summary>The kinds of row the destruction log counts, besides the registry's: the person row itself.</summary>
    public const string PersonKind = "Person";

    private byte[]? _key;

    /// <summary>Everyone due on <paramref name="today"/>, in id order, a page at a time.</summary>
    public async IAsyncEnumerable<DuePerson> DueAsync(DateOnly today, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        Guid? after = null;
        while (true)
        {
            var page = await CandidatesAsync(today, after, options.PageSize, ct);
            if (page.Count == 0) yield break;
            foreach (var due in await DecideAsync(page, today, ct)) yield return due;
            if (page.Count < options.PageSize) yield break;
            after = page[^1];
        }
    }

    /// <summary>What a run on <paramref name="today"/> would destroy, counted by rule (nothing is changed).</summary>
    public async Task<RetentionRunResult> PreviewAsync(DateOnly today, Action<DuePerson>? each = null, CancellationToken ct = default)
    {
        var byRule = new Dictionary<RetentionRule, int>();
        await foreach (var due in DueAsync(today, ct))
        {
            byRule[due.Rule] = byRule.GetValueOrDefault(due.Rule) + 1;
            each?.Invoke(due);
        }
        return new RetentionRunResult(Guid.NewGuid(), true, byRule, new Dictionary<string, int>(), 0);
    }

    /// <summary>
    /// Destroys the records of everyone due today, <see cref="RetentionOptions.BatchSize"/> people per transaction. Each
    /// person is checked again inside their batch's transaction (an episode opened or a hold placed since stops it).
    /// </summary>
    /// <param name="startedBy">Who started it, for the log ("cli", "schedule", a user id).</param>
    /// <param name="each">Called for each person destroyed, after their batch commits.</param>
    /// <param name="ct">Stops between batches; a batch in progress rolls back.</param>
    public async Task<RetentionRunResult> RunAsync(string startedBy, Action<DuePerson>? each = null, CancellationToken ct = default)
    {
        var runId = Guid.NewGuid();
        var today = UkTime.Today(clock);
        var byRule = new Dictionary<RetentionRule, int>();
        var rows = new Dictionary<string, int>();
        var batches = 0;
        var batch = new List<DuePerson>(options.BatchSize);
        // Read every due person first (ids and rules only: small), so deleting does not disturb the paging.
        var due = new List<DuePerson>();
        await foreach (var d in DueAsync(today, ct)) due.Add(d);
        foreach (var chunk in due.Chunk(options.BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var destroyed = await DestroyBatchAsync(runId, startedBy, chunk, today, rows, ct);
            batches++;
            foreach (var d in destroyed)
            {
                byRule[d.Rule] = byRule.GetValueOrDefault(d.Rule) + 1;
                each?.Invoke(d);
            }
        }
        return new RetentionRunResult(runId, false, byRule, rows, batches);
    }

    /// <summary>HMAC-SHA256 of the person id with the retention key, as 64 lower-case hex digits.</summary>
    public async Task<string> PseudonymOf(Guid personId, CancellationToken ct = default)
    {
        var key = await KeyAsync(ct);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(personId.ToString("D"))));
    }

    /// <summary>The short reference printed for a person ("P-" and 12 hex digits of <see cref="PseudonymOf"/>).</summary>
    public async Task<string> ReferenceOf(Guid personId, CancellationToken ct = default) => "P-" + (await PseudonymOf(personId, ct))[..12];

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is not null) return _key;
        if (options.PseudonymKey is { } configured) return _key = Convert.FromBase64String(configured);
        var stored = await db.Set<RetentionKey>().AsNoTracking().SingleOrDefaultAsync(ct);
        if (stored is null)
        {
            db.Add(stored = new RetentionKey { Key = RandomNumberGenerator.GetBytes(32) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node made it first: use theirs.
                db.ChangeTracker.Clear();
                stored = await db.Set<RetentionKey>().AsNoTracking().SingleAsync(ct);
            }
            db.Entry(stored).State = EntityState.Detached;
        }
        return _key = stored.Key;
    }

    private async Task<List<Guid>> CandidatesAsync(DateOnly today, Guid? after, int size, CancellationToken ct)
    {
        // A day and more to spare (UK days against UTC instants): the candidates are a superset; the rules decide exactly.
        var cutoff = new DateTimeOffset(today.AddDays(2).AddYears(-options.ShortestYears).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var people = db.People.IgnoreQueryFilters().Where(p => p.MergedAt == null && p.CreatedAt <= cutoff);
        if (after is { } a) people = people.Where(p => p.Id.CompareTo(a) > 0);
        return await people
            .Where(p => !db.Episodes.IgnoreQueryFilters().Any(e => e.PersonId == p.Id && (e.ClosedAt == null || e.ClosedAt > cutoff || e.IdentifiedAt > cutoff)))
            .Where(p => !db.Set<Contact>().IgnoreQueryFilters().Any(c => c.PersonId == p.Id && c.OccurredAt > cutoff))
            .Where(p => !db.Set<LegalHold>().IgnoreQueryFilters().Any(h => h.PersonId == p.Id && h.LiftedAt == null))
            .OrderBy(p => p.Id).Select(p => p.Id).Take(size).ToListAsync(ct);
    }

    private async Task<List<DuePerson>> DecideAsync(IReadOnlyCollection<Guid> ids, DateOnly today, CancellationToken ct)
    {
        var facts = await FactsAsync(ids, ct);
        var due = new List<DuePerson>();
        foreach (var (id, f) in facts)
        {
            var decision = RetentionRules.Decide(f, options);
            if (decision.IsDueOn(today)) due.Add(new DuePerson(id, await ReferenceOf(id, ct), decision.Rule, decision.DueOn, f.LastContact));
        }
        return due;
    }

    /// <summary>The rules' facts for each of <paramref name="ids"/> (people merged into another are left out).</summary>
    internal async Task<List<(Guid Id, RetentionFacts Facts)>> FactsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var people = await db.People.IgnoreQueryFilters().Where(p => ids.Contains(p.Id) && p.MergedAt == null)
            .Select(p => new { p.Id, p.DateOfBirth, p.CreatedAt }).ToListAsync(ct);
        var episodes = (await db.Episodes.IgnoreQueryFilters().Where(e => ids.Contains(e.PersonId))
            .Select(e => new { e.PersonId, e.IdentifiedAt, e.ClosedAt, e.ClosureReason }).ToListAsync(ct)).ToLookup(e => e.PersonId);
        var contacts = (await db.Set<Contact>().IgnoreQueryFilters().Where(c => ids.Contains(c.PersonId))
            .Select(c => new { c.PersonId, c.OccurredAt }).ToListAsync(ct)).ToLookup(c => c.PersonId);
        var holds = (await db.Set<LegalHold>().IgnoreQueryFilters().Where(h => ids.Contains(h.PersonId) && h.LiftedAt == null)
            .Select(h => h.PersonId).ToListAsync(ct)).ToHashSet();
        var mentalHealth = new HashSet<Guid>();
        if (!options.LiaisonAndDiversionRecordsAreMentalHealthRecords)
        {
            mentalHealth.UnionWith(await db.Set<PsychosocialAssessment>().IgnoreQueryFilters().Where(x => ids.Contains(x.PersonId)).Select(x => x.PersonId).ToListAsync(ct));
            mentalHealth.UnionWith(await db.Set<FormulationRevision>().IgnoreQueryFilters().Where(x => ids.Contains(x.PersonId)).Select(x => x.PersonId).ToListAsync(ct));
            mentalHealth.UnionWith(await db.Set<CrisisPlan>().IgnoreQueryFilters().Where(x => ids.Contains(x.PersonId)).Select(x => x.PersonId).ToListAsync(ct));
        }
        return people.Select(p =>
        {
            var last = p.CreatedAt;
            foreach (var e in episodes[p.Id])
            {
                if (e.IdentifiedAt > last) last = e.IdentifiedAt;
                if (e.ClosedAt is { } closed && closed > last) last = closed;
            }
            foreach (var c in contacts[p.Id]) if (c.OccurredAt > last) last = c.OccurredAt;
            var died = episodes[p.Id].Where(e => e.ClosureReason == ClosureReason.Died && e.ClosedAt is not null).Select(e => (DateTimeOffset?)e.ClosedAt).Min();
            var facts = new RetentionFacts(p.DateOfBirth, UkTime.DateOf(last), mentalHealth.Contains(p.Id),
                episodes[p.Id].Any(e => e.ClosedAt is null), holds.Contains(p.Id), died is { } d ? UkTime.DateOf(d) : null);
            return (p.Id, facts);
        }).ToList();
    }

    private async Task<List<DuePerson>> DestroyBatchAsync(Guid runId, string startedBy, IReadOnlyList<DuePerson> batch, DateOnly today,
        Dictionary<string, int> rows, CancellationToken ct)
    {
        await KeyAsync(ct); // outside the transaction: making the key is its own save
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var batchRows = new Dictionary<string, int>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Checked again inside the transaction: still due (no episode opened, no hold placed since the list was read).
            var stillDue = (await DecideAsync(batch.Select(d => d.PersonId).ToList(), today, ct)).ToDictionary(d => d.PersonId);
            var destroyed = new List<DuePerson>();
            foreach (var d in batch)
            {
                if (!stillDue.TryGetValue(d.PersonId, out var now)) continue;
                var counts = await DestroyPersonAsync(d.PersonId, ct);
                foreach (var (kind, n) in counts) batchRows[kind] = batchRows.GetValueOrDefault(kind) + n;
                db.Add(new DestructionLogEntry
                {
                    RunId = runId,
                    DestroyedAt = clock.GetUtcNow(),
                    Rule = now.Rule,
                    PersonHash = await PseudonymOf(d.PersonId, ct),
                    CountsJson = JsonSerializer.Serialize(counts),
                    StartedBy = startedBy,
                });
                destroyed.Add(now);
            }
            if (destroyed.Count > 0)
            {
                audit.Add(AuditAction.RecordsDestroyed, "RetentionRun", runId.ToString(),
                    detail: $"people={destroyed.Count} " + string.Join(' ', destroyed.GroupBy(x => x.Rule).Select(g => $"{g.Key}={g.Count()}")));
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
            foreach (var (kind, n) in batchRows) rows[kind] = rows.GetValueOrDefault(kind) + n;
            return destroyed;
        });
    }

    /// <summary>
    /// Deletes every row of the person, and of every record merged into them (with the merge records and their snapshots),
    /// kind by kind in <see cref="PersonLinkedRecords.InDeletionOrder"/>, then the person rows; the person's audit events
    /// are kept but cut loose from them (<see cref="PseudonymiseTrailAsync"/>). Returns the rows deleted per kind.
    /// Runs inside the caller's transaction.
    /// </summary>
    internal async Task<Dictionary<string, int>> DestroyPersonAsync(Guid personId, CancellationToken ct)
    {
        var ids = new List<Guid> { personId };
        for (var i = 0; i < ids.Count; i++)
        {
            var into = ids[i];
            ids.AddRange(await db.People.IgnoreQueryFilters().Where(p => p.MergedIntoPersonId == into).Select(p => p.Id).ToListAsync(ct));
        }
        var counts = new Dictionary<string, int>();
        foreach (var kind in PersonLinkedRecords.InDeletionOrder)
        {
            var n = 0;
            foreach (var id in ids)
                n += kind.EntityType == typeof(AuditEvent) ? await PseudonymiseTrailAsync(id, ct) : await kind.DeleteRowsAsync(db, id, ct);
            if (n > 0) counts[kind.EntityType.Name] = n;
        }
        // Records merged into this one point at it; the chain goes newest first.
        var people = 0;
        for (var i = ids.Count - 1; i >= 0; i--)
        {
            var id = ids[i];
            people += await db.People.IgnoreQueryFilters().Where(p => p.Id == id).ExecuteDeleteAsync(ct);
        }
        counts[PersonKind] = people;
        return counts;
    }

    /// <summary>
    /// The person's audit events stay (who did what, when: the trail's own retention), but with nothing left that leads
    /// back to them: the person id goes, the free-text detail and purpose are cleared, and a record id that was the
    /// person's id becomes "destroyed". The one place audit events are changed (ADR 24); done with a bulk update, so the
    /// append-only rule of SaveChanges is not involved. Returns how many events were changed.
    /// </summary>
    private async Task<int> PseudonymiseTrailAsync(Guid personId, CancellationToken ct)
    {
        var id = personId.ToString("D");
        var byRecord = await db.AuditEvents.Where(a => a.RecordId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.RecordId, "destroyed"), ct);
        var about = await db.AuditEvents.Where(a => a.PersonId == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PersonId, (Guid?)null).SetProperty(a => a.Detail, (string?)null).SetProperty(a => a.Purpose, (string?)null), ct);
        return Math.Max(byRecord, about);
    }
}
