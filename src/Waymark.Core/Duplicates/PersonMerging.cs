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
/// kept one, recorded row by row in a <see cref="PersonMerge"/>), not the same person, and un-merge
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

        var episodes = await db.Episodes.Where(e => e.PersonId == merged.Id).ToListAsync(ct);
        episodes.ForEach(e => e.PersonId = kept.Id);
        var outcomes = await db.ScreeningOutcomes.Where(x => x.PersonId == merged.Id).ToListAsync(ct);
        outcomes.ForEach(x => x.PersonId = kept.Id);
        var completions = await db.InstrumentCompletions.Where(x => x.PersonId == merged.Id).ToListAsync(ct);
        completions.ForEach(x => x.PersonId = kept.Id);
        var assessments = await db.Assessments.Where(x => x.PersonId == merged.Id).ToListAsync(ct);
        assessments.ForEach(x => x.PersonId = kept.Id);
        // Referrals and what hangs off them (follow-ups, outcomes, consent) are the person's too.
        var referrals = await db.Referrals.IgnoreQueryFilters().Where(x => x.PersonId == merged.Id).ToListAsync(ct);
        referrals.ForEach(x => x.PersonId = kept.Id);
        var tasks = await db.FollowUpTasks.IgnoreQueryFilters().Where(x => x.PersonId == merged.Id).ToListAsync(ct);
        tasks.ForEach(x => x.PersonId = kept.Id);
        var personOutcomes = await db.Outcomes.IgnoreQueryFilters().Where(x => x.PersonId == merged.Id).ToListAsync(ct);
        personOutcomes.ForEach(x => x.PersonId = kept.Id);
        var consents = await db.Consents.IgnoreQueryFilters().Where(x => x.PersonId == merged.Id).ToListAsync(ct);
        consents.ForEach(x => x.PersonId = kept.Id);

        // Formulation versions are numbered per team and person: the merged person's follow the kept
        // person's own in the same team, in their order, and the old numbers are kept for an un-merge.
        var revisions = await db.FormulationRevisions.Where(x => x.PersonId == merged.Id).OrderBy(x => x.Number).ToListAsync(ct);
        var keptMax = await db.FormulationRevisions.Where(x => x.PersonId == kept.Id)
            .GroupBy(x => x.TeamId).Select(g => new { Team = g.Key, Max = g.Max(x => x.Number) }).ToDictionaryAsync(x => x.Team, x => x.Max, ct);
        var movedRevisions = new List<MovedRevision>();
        foreach (var group in revisions.GroupBy(r => r.TeamId))
        {
            var offset = keptMax.GetValueOrDefault(group.Key);
            foreach (var r in group)
            {
                movedRevisions.Add(new MovedRevision(r.Id, r.Number, r.Number + offset));
                (r.PersonId, r.Number) = (kept.Id, r.Number + offset);
            }
        }

        // Identifications in progress that chose the merged person (any user's: they would otherwise add an episode to a merged record).
        var drafts = await db.IdentificationDrafts.IgnoreQueryFilters().Where(d => d.ExistingPersonId == merged.Id).ToListAsync(ct);
        drafts.ForEach(d => d.ExistingPersonId = kept.Id);

        // Other names, dates and identifiers move unless the kept person already has them.
        var names = kept.Aliases.Select(a => (a.GivenNameKey, a.FamilyNameKey)).Append((kept.GivenNameKey, kept.FamilyNameKey)).ToHashSet();
        var movedAliases = new List<Guid>();
        foreach (var a in merged.Aliases.ToList())
            if (names.Add((a.GivenNameKey, a.FamilyNameKey))) { a.PersonId = kept.Id; movedAliases.Add(a.Id); }
        var dates = kept.OtherDatesOfBirth.Select(d => d.DateOfBirth).ToHashSet();
        if (kept.DateOfBirth is { } keptDob) dates.Add(keptDob);
        var movedDates = new List<Guid>();
        foreach (var d in merged.OtherDatesOfBirth.ToList())
            if (dates.Add(d.DateOfBirth)) { d.PersonId = kept.Id; movedDates.Add(d.Id); }
        var keptIdentifiers = kept.OtherIdentifiers.Select(i => (i.Kind, i.Value)).ToHashSet();
        var movedIdentifiers = new List<Guid>();
        foreach (var i in merged.OtherIdentifiers.ToList())
            if (keptIdentifiers.Add((i.Kind, i.Value))) { i.PersonId = kept.Id; movedIdentifiers.Add(i.Id); }

        // The merged record's own name and date of birth stay findable on the kept record.
        Guid? addedAlias = null, addedDob = null;
        if (names.Add((merged.GivenNameKey, merged.FamilyNameKey)))
        {
            var alias = new PersonAlias { PersonId = kept.Id, GivenName = merged.GivenName, FamilyName = merged.FamilyName };
            alias.RefreshKeys();
            db.PersonAliases.Add(alias);
            addedAlias = alias.Id;
        }
        if (merged.DateOfBirth is { } mergedDob && dates.Add(mergedDob))
        {
            var dob = new PersonOtherDateOfBirth { PersonId = kept.Id, DateOfBirth = mergedDob };
            db.PersonOtherDatesOfBirth.Add(dob);
            addedDob = dob.Id;
        }
        string? filledNhs = null, filledPnc = null;
        if (kept.NhsNumber is null && merged.NhsNumber is not null) kept.NhsNumber = filledNhs = merged.NhsNumber;
        if (kept.PncId is null && merged.PncId is not null) kept.PncId = filledPnc = merged.PncId;

        // Team links move: every team that knew the merged person now sees the kept one, and none sees the merged record.
        var movedLinks = new List<MovedTeamLink>();
        var keptTeams = kept.TeamLinks.Select(l => l.TeamId).ToHashSet();
        foreach (var link in merged.TeamLinks.ToList())
        {
            var added = keptTeams.Add(link.TeamId);
            movedLinks.Add(new MovedTeamLink(link.TeamId, link.Since, added));
            db.PersonTeamLinks.Remove(link);
            if (added) db.PersonTeamLinks.Add(PersonTeamLink.For(kept, link.TeamId, link.Since));
        }

        (merged.MergedIntoPersonId, merged.MergedAt, merged.MergedByUserId) = (kept.Id, now, userId);
        ExpectVersion(merged, mergedVersion);
        ExpectVersion(kept, keptVersion);
        kept.Version = Guid.NewGuid(); // the kept record changes even when only its child rows do

        var moves = new MergeMoves
        {
            Episodes = Ids(episodes.Select(e => e.Id)), ScreeningOutcomes = Ids(outcomes.Select(x => x.Id)),
            InstrumentCompletions = Ids(completions.Select(x => x.Id)), Assessments = Ids(assessments.Select(x => x.Id)),
            Referrals = Ids(referrals.Select(x => x.Id)), FollowUpTasks = Ids(tasks.Select(x => x.Id)),
            Outcomes = Ids(personOutcomes.Select(x => x.Id)), Consents = Ids(consents.Select(x => x.Id)),
            FormulationRevisions = movedRevisions, IdentificationDrafts = Ids(drafts.Select(d => d.Id)),
            Aliases = movedAliases, OtherDatesOfBirth = movedDates, Identifiers = movedIdentifiers, TeamLinks = movedLinks,
            AddedAliasId = addedAlias, AddedDateOfBirthId = addedDob, FilledNhsNumber = filledNhs, FilledPncId = filledPnc,
        };
        var merge = new PersonMerge
        {
            TeamId = candidate.TeamId, KeptPersonId = kept.Id, MergedPersonId = merged.Id, CandidateId = candidate.Id,
            MergedAt = now, MergedByUserId = userId, MovedJson = "", SnapshotJson = "",
        };
        merge.Moves = moves;
        merge.Snapshot = snapshot;
        db.PersonMerges.Add(merge);
        (candidate.Decision, candidate.DecidedAt, candidate.DecidedByUserId, candidate.MergeId) = (DuplicateDecision.Merged, now, userId, merge.Id);
        db.Entry(candidate).Property(c => c.Version).OriginalValue = versions.Candidate;

        var moved = moves.Describe();
        audit.Add(AuditAction.Merged, "Person", kept.Id.ToString(), kept.Id, $"Kept this record and merged record {merged.Id} into it (merge {merge.Id}); moved: {moved}");
        audit.Add(AuditAction.Merged, "Person", merged.Id.ToString(), merged.Id, $"Merged into record {kept.Id} (merge {merge.Id}); moved: {moved}");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // The merged record's other undecided pairs, in any team's queue, no longer make sense.
            await db.DuplicateCandidates.IgnoreQueryFilters()
                .Where(c => c.Decision == null && c.Id != candidate.Id && (c.PersonAId == merged.Id || c.PersonBId == merged.Id))
                .ExecuteDeleteAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(Stale);
        }
        return merge;
    }

    /// <summary>Records that the pair are different people, so it is never raised again. False when the pair is not the team's.</summary>
    public async Task<bool> NotSamePersonAsync(Guid candidateId, Guid candidateVersion, CancellationToken ct = default)
    {
        var candidate = await TeamCandidate(candidateId).FirstOrDefaultAsync(ct);
        if (candidate is null) return false;
        if (candidate.IsDecided || candidate.Version != candidateVersion) throw new ConcurrencyConflictException(Stale.Replace("Nothing has been merged", "Your decision has not been saved", StringComparison.Ordinal));
        (candidate.Decision, candidate.DecidedAt, candidate.DecidedByUserId) = (DuplicateDecision.NotSamePerson, clock.GetUtcNow(), user.UserId);
        db.Entry(candidate).Property(c => c.Version).OriginalValue = candidateVersion;
        audit.Add(AuditAction.Updated, "DuplicateCandidate", candidate.Id.ToString(), candidate.PersonAId, $"Not the same person as record {candidate.PersonBId}");
        audit.Add(AuditAction.Updated, "DuplicateCandidate", candidate.Id.ToString(), candidate.PersonBId, $"Not the same person as record {candidate.PersonAId}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Someone else decided about this pair since you opened this page. Your decision has not been saved.");
        }
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

        var episodes = await db.Episodes.IgnoreQueryFilters().Where(e => e.PersonId == kept.Id && moves.Episodes.Contains(e.Id)).ToListAsync(ct);
        episodes.ForEach(e => e.PersonId = merged.Id);
        var outcomes = await db.ScreeningOutcomes.IgnoreQueryFilters().Where(x => x.PersonId == kept.Id && moves.ScreeningOutcomes.Contains(x.Id)).ToListAsync(ct);
        outcomes.ForEach(x => x.PersonId = merged.Id);
        var completions = await db.InstrumentCompletions.IgnoreQueryFilters().Where(x => x.PersonId == kept.Id && moves.InstrumentCompletions.Contains(x.Id)).ToListAsync(ct);
        completions.ForEach(x => x.PersonId = merged.Id);
        var assessments = await db.Assessments.IgnoreQueryFilters().Where(x => x.PersonId == kept.Id && moves.Assessments.Contains(x.Id)).ToListAsync(ct);
        assessments.ForEach(x => x.PersonId = merged.Id);
        var referrals = await db.Referrals.IgnoreQueryFilters().Where(x => x.PersonId == kept.Id && moves.Referrals.Contains(x.Id)).ToListAsync(ct);
        referrals.ForEach(x => x.PersonId = merged.Id);
        var tasks = await db.FollowUpTasks.IgnoreQueryFilters().Where(x => x.PersonId == kept.Id && moves.FollowUpTasks.Contains(x.Id)).ToListAsync(ct);
        tasks.ForEach(x => x.PersonId = merged.Id);
        var personOutcomes = await db.Outcomes.IgnoreQueryFilters().Where(x => x.PersonId == kept.Id && moves.Outcomes.Contains(x.Id)).ToListAsync(ct);
        personOutcomes.ForEach(x => x.PersonId = merged.Id);
        var consents = await db.Consents.IgnoreQueryFilters().Where(x => x.PersonId == kept.Id && moves.Consents.Contains(x.Id)).ToListAsync(ct);
        consents.ForEach(x => x.PersonId = merged.Id);
        var revisionIds = moves.FormulationRevisions.Select(r => r.Id).ToList();
        var revisions = await db.FormulationRevisions.IgnoreQueryFilters().Where(x => x.PersonId == kept.Id && revisionIds.Contains(x.Id)).ToListAsync(ct);
        foreach (var r in revisions)
            (r.PersonId, r.Number) = (merged.Id, moves.FormulationRevisions.First(m => m.Id == r.Id).FromNumber);
        var drafts = await db.IdentificationDrafts.IgnoreQueryFilters().Where(d => d.ExistingPersonId == kept.Id && moves.IdentificationDrafts.Contains(d.Id)).ToListAsync(ct);
        drafts.ForEach(d => d.ExistingPersonId = merged.Id);

        // Child rows go back by id; any the kept record's later edits replaced are made again from the snapshot.
        foreach (var s in snapshot.Aliases.Where(s => moves.Aliases.Contains(s.Id)))
        {
            if (kept.Aliases.FirstOrDefault(a => a.Id == s.Id) is { } a) a.PersonId = merged.Id;
            else if (!await db.PersonAliases.AnyAsync(x => x.Id == s.Id, ct))
            {
                var again = new PersonAlias { Id = s.Id, PersonId = merged.Id, GivenName = s.GivenName, FamilyName = s.FamilyName };
                again.RefreshKeys();
                db.PersonAliases.Add(again);
            }
        }
        foreach (var s in snapshot.OtherDatesOfBirth.Where(s => moves.OtherDatesOfBirth.Contains(s.Id)))
        {
            if (kept.OtherDatesOfBirth.FirstOrDefault(d => d.Id == s.Id) is { } d) d.PersonId = merged.Id;
            else if (!await db.PersonOtherDatesOfBirth.AnyAsync(x => x.Id == s.Id, ct))
                db.PersonOtherDatesOfBirth.Add(new PersonOtherDateOfBirth { Id = s.Id, PersonId = merged.Id, DateOfBirth = s.DateOfBirth });
        }
        foreach (var s in snapshot.Identifiers.Where(s => moves.Identifiers.Contains(s.Id)))
        {
            if (kept.OtherIdentifiers.FirstOrDefault(i => i.Id == s.Id) is { } i) i.PersonId = merged.Id;
            else if (!await db.PersonIdentifiers.AnyAsync(x => x.Id == s.Id, ct))
                db.PersonIdentifiers.Add(new PersonIdentifier { Id = s.Id, PersonId = merged.Id, Kind = s.Kind, Value = s.Value });
        }
        if (kept.Aliases.FirstOrDefault(a => a.Id == moves.AddedAliasId) is { } addedAlias) db.PersonAliases.Remove(addedAlias);
        if (kept.OtherDatesOfBirth.FirstOrDefault(d => d.Id == moves.AddedDateOfBirthId) is { } addedDob) db.PersonOtherDatesOfBirth.Remove(addedDob);
        if (moves.FilledNhsNumber is not null && kept.NhsNumber == moves.FilledNhsNumber) kept.NhsNumber = null;
        if (moves.FilledPncId is not null && kept.PncId == moves.FilledPncId) kept.PncId = null;

        // Team links come back; a team the merge introduced to the kept record loses it unless it has worked with them since.
        var movedBack = moves.Episodes.ToHashSet();
        foreach (var l in moves.TeamLinks)
        {
            db.PersonTeamLinks.Add(PersonTeamLink.For(merged, l.TeamId, l.Since));
            if (!l.AddedToKept) continue;
            var workedSince = await db.Episodes.IgnoreQueryFilters().Where(e => e.PersonId == kept.Id && e.TeamId == l.TeamId)
                .Select(e => e.Id).ToListAsync(ct);
            if (workedSince.Any(id => !movedBack.Contains(id))) continue;
            if (kept.TeamLinks.FirstOrDefault(k => k.TeamId == l.TeamId) is { } link) db.PersonTeamLinks.Remove(link);
        }

        (merged.MergedIntoPersonId, merged.MergedAt, merged.MergedByUserId) = (null, null, null);
        merged.Version = Guid.NewGuid();
        kept.Version = Guid.NewGuid();
        (merge.UndoneAt, merge.UndoneByUserId) = (now, user.UserId ?? "unknown");
        db.Entry(merge).Property(m => m.Version).OriginalValue = expectedVersion;
        if (merge.CandidateId is { } candidateId
            && await db.DuplicateCandidates.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == candidateId, ct) is { } candidate)
            (candidate.Decision, candidate.DecidedAt, candidate.DecidedByUserId, candidate.MergeId) = (null, null, null, null);

        audit.Add(AuditAction.Unmerged, "Person", kept.Id.ToString(), kept.Id, $"Undid merge {merge.Id}: record {merged.Id} restored; moved back: {moves.Describe()}");
        audit.Add(AuditAction.Unmerged, "Person", merged.Id.ToString(), merged.Id, $"Restored from record {kept.Id} (undid merge {merge.Id}); moved back: {moves.Describe()}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("This merge, or one of the two records, changed while it was being undone. Nothing has been changed.");
        }
        return merge;
    }

    private IQueryable<DuplicateCandidate> TeamCandidate(Guid id) =>
        db.DuplicateCandidates.Where(c => c.Id == id && (db.CurrentUser.IsSystem || c.TeamId == db.CurrentUser.TeamId));

    private static IQueryable<Person> WithDetails(IQueryable<Person> q) =>
        q.Include(p => p.Aliases).Include(p => p.OtherDatesOfBirth).Include(p => p.OtherIdentifiers).Include(p => p.TeamLinks).AsSplitQuery();

    private void ExpectVersion(Person p, Guid expected)
    {
        db.Entry(p).Property(x => x.Version).OriginalValue = expected;
        p.Version = Guid.NewGuid();
    }

    private static List<Guid> Ids(IEnumerable<Guid> ids) => [.. ids];
}

/// <summary>The versions the review page was opened at: the pair and both people.</summary>
public readonly record struct DecisionVersions(Guid Candidate, Guid PersonA, Guid PersonB);
