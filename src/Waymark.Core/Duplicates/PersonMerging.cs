using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Duplicates;

/// <summary>A decision that cannot be carried out as asked; the message says why, in words for the manager.</summary>
public class MergeRefusedException(string message) : Exception(message);

/// <summary>
/// A team manager's decisions on a duplicate pair: merge (everything the merged person has moves to the
/// kept one as <see cref="PersonLinkedRecords"/> says, recorded row by row in a <see cref="PersonMerge"/>), not the same person, and un-merge
/// (puts back exactly what moved). Each is one transaction with its audit events; stale versions are
/// refused (ADR 7). Nothing is deleted except the merged person's team links, which move (ADR 12).
/// </summary>
public class PersonMerging(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    private const string Stale =
        "Someone changed one of these records, or decided about this pair, since you opened this page. Nothing has been merged. Check the records again and make your decision.";

    /// <summary>Merges the pair's other person into <paramref name="keptPersonId"/>. Null when the pair or either person is not the team's to see.</summary>
    public async Task<PersonMerge?> MergeAsync(Guid candidateId, Guid keptPersonId, DecisionVersions versions, CancellationToken ct = default)
    {
        var candidate = await TeamCandidate(candidateId).FirstOrDefaultAsync(ct);
        if (candidate is null) return null;
        if (keptPersonId != candidate.PersonAId && keptPersonId != candidate.PersonBId)
            throw new MergeRefusedException("Choose which of the two records to keep.");
        var mergedPersonId = candidate.Other(keptPersonId);
        var kept = await WithDetails(db.People).FirstOrDefaultAsync(p => p.Id == keptPersonId, ct);
        var merged = await WithDetails(db.People).FirstOrDefaultAsync(p => p.Id == mergedPersonId, ct);
        if (kept is null || merged is null) return null;
        if (candidate.IsDecided || candidate.Version != versions.Candidate) throw new ConcurrencyConflictException(Stale);
        var (keptVersion, mergedVersion) = keptPersonId == candidate.PersonAId ? (versions.PersonA, versions.PersonB) : (versions.PersonB, versions.PersonA);
        if (kept.Version != keptVersion || merged.Version != mergedVersion) throw new ConcurrencyConflictException(Stale);

        var snapshot = MergedPersonSnapshot.Of(merged);
        var now = clock.GetUtcNow();
        var userId = user.UserId ?? "unknown";

        // Every person-linked row moves (or stays) as the registry says, recording exactly what moved.
        var moves = new MergeMoves();
        await PersonLinkedRecords.MergeAsync(new PersonMergeWork(db, kept, merged, moves, snapshot), ct);

        // The kept record's own details: a known value beats a reason for having none; between reasons, the one that tells more (ADR 18).
        DetailMerge.Apply(kept, merged, moves);

        (merged.MergedIntoPersonId, merged.MergedAt, merged.MergedByUserId) = (kept.Id, now, userId);
        db.ExpectVersion(merged, mergedVersion);
        db.ExpectVersion(kept, keptVersion);
        kept.Version = Guid.NewGuid(); // the kept record changes even when only its child rows do

        var merge = new PersonMerge
        {
            TeamId = candidate.TeamId, KeptPersonId = kept.Id, MergedPersonId = merged.Id, CandidateId = candidate.Id,
            MergedAt = now, MergedByUserId = userId, MovedJson = "", SnapshotJson = "",
        };
        merge.Moves = moves;
        merge.Snapshot = snapshot;
        db.PersonMerges.Add(merge);
        (candidate.Decision, candidate.DecidedAt, candidate.DecidedByUserId, candidate.MergeId) = (DuplicateDecision.Merged, now, userId, merge.Id);
        db.ExpectVersion(candidate, versions.Candidate);

        var moved = moves.Describe();
        audit.Add(AuditAction.Merged, "Person", kept.Id.ToString(), kept.Id, $"Kept this record and merged record {merged.Id} into it (merge {merge.Id}); moved: {moved}");
        audit.Add(AuditAction.Merged, "Person", merged.Id.ToString(), merged.Id, $"Merged into record {kept.Id} (merge {merge.Id}); moved: {moved}");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The merged record's other undecided pairs, in any team's queue, no longer make sense.
        await db.DuplicateCandidates.IgnoreQueryFilters()
            .Where(c => c.Decision == null && c.Id != candidate.Id && (c.PersonAId == merged.Id || c.PersonBId == merged.Id))
            .ExecuteDeleteAsync(ct);
        await db.SaveOrConflictAsync(Stale, ct); // a conflict leaves the transaction uncommitted: the delete is undone too
        await tx.CommitAsync(ct);
        return merge;
    }

    /// <summary>Records that the pair are different people, so it is never raised again. False when the pair is not the team's.</summary>
    public async Task<bool> NotSamePersonAsync(Guid candidateId, Guid candidateVersion, CancellationToken ct = default)
    {
        var candidate = await TeamCandidate(candidateId).FirstOrDefaultAsync(ct);
        if (candidate is null) return false;
        if (candidate.IsDecided || candidate.Version != candidateVersion) throw new ConcurrencyConflictException(Stale.Replace("Nothing has been merged", "Your decision has not been saved", StringComparison.Ordinal));
        (candidate.Decision, candidate.DecidedAt, candidate.DecidedByUserId) = (DuplicateDecision.NotSamePerson, clock.GetUtcNow(), user.UserId);
        db.ExpectVersion(candidate, candidateVersion);
        audit.Add(AuditAction.Updated, "DuplicateCandidate", candidate.Id.ToString(), candidate.PersonAId, $"Not the same person as record {candidate.PersonBId}");
        audit.Add(AuditAction.Updated, "DuplicateCandidate", candidate.Id.ToString(), candidate.PersonBId, $"Not the same person as record {candidate.PersonAId}");
        await db.SaveOrConflictAsync("Someone else decided about this pair since you opened this page. Your decision has not been saved.", ct);
        return true;
    }

    /// <summary>
    /// Puts back exactly what the merge moved and restores the merged record; the pair returns to the queue.
    /// Null when the merge is not the team's. Refused when the kept record has itself been merged since.
    /// </summary>
    public async Task<PersonMerge?> UnmergeAsync(Guid mergeId, Guid expectedVersion, CancellationToken ct = default)
    {
        var merge = await db.PersonMerges.FirstOrDefaultAsync(m => m.Id == mergeId && (db.CurrentUser.IsSystem || m.TeamId == db.CurrentUser.TeamId), ct);
        if (merge is null) return null;
        if (merge.IsUndone || merge.Version != expectedVersion)
            throw new ConcurrencyConflictException("This merge has been changed or undone since you opened this page. Nothing has been changed.");
        // The merged record has no team links, so no team filter finds it: it is reached only through this merge.
        var merged = await WithDetails(db.People.IgnoreQueryFilters()).SingleAsync(p => p.Id == merge.MergedPersonId, ct);
        var kept = await WithDetails(db.People.IgnoreQueryFilters()).SingleAsync(p => p.Id == merge.KeptPersonId, ct);
        if (kept.IsMerged)
            throw new MergeRefusedException("The kept record has since been merged into another record. Undo that merge first.");
        var moves = merge.Moves;
        var snapshot = merge.Snapshot;
        var now = clock.GetUtcNow();

        // Exactly what moved goes back, as the registry says.
        await PersonLinkedRecords.UnmergeAsync(new PersonMergeWork(db, kept, merged, moves, snapshot), ct);
        DetailMerge.Undo(kept, moves);

        (merged.MergedIntoPersonId, merged.MergedAt, merged.MergedByUserId) = (null, null, null);
        merged.Version = Guid.NewGuid();
        kept.Version = Guid.NewGuid();
        (merge.UndoneAt, merge.UndoneByUserId) = (now, user.UserId ?? "unknown");
        db.ExpectVersion(merge, expectedVersion);
        if (merge.CandidateId is { } candidateId
            && await db.DuplicateCandidates.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == candidateId, ct) is { } candidate)
            (candidate.Decision, candidate.DecidedAt, candidate.DecidedByUserId, candidate.MergeId) = (null, null, null, null);

        audit.Add(AuditAction.Unmerged, "Person", kept.Id.ToString(), kept.Id, $"Undid merge {merge.Id}: record {merged.Id} restored; moved back: {moves.Describe()}");
        audit.Add(AuditAction.Unmerged, "Person", merged.Id.ToString(), merged.Id, $"Restored from record {kept.Id} (undid merge {merge.Id}); moved back: {moves.Describe()}");
        await db.SaveOrConflictAsync("This merge, or one of the two records, changed while it was being undone. Nothing has been changed.", ct);
        return merge;
    }

    private IQueryable<DuplicateCandidate> TeamCandidate(Guid id) =>
        db.DuplicateCandidates.Where(c => c.Id == id && (db.CurrentUser.IsSystem || c.TeamId == db.CurrentUser.TeamId));

    private static IQueryable<Person> WithDetails(IQueryable<Person> q) =>
        q.Include(p => p.Aliases).Include(p => p.OtherDatesOfBirth).Include(p => p.OtherIdentifiers).Include(p => p.TeamLinks).AsSplitQuery();
}

/// <summary>The versions the review page was opened at: the pair and both people.</summary>
public readonly record struct DecisionVersions(Guid Candidate, Guid PersonA, Guid PersonB);
