using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Waymark.ActionPlans;
using Waymark.Assessment;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.CriminalJustice;
using Waymark.CrisisPlans;
using Waymark.Duplicates;
using Waymark.Episodes;
using Waymark.Identification;
using Waymark.Liaison;
using Waymark.LiaisonReports;
using Waymark.Persistence;
using Waymark.ProactiveIdentification;
using Waymark.Referrals;
using Waymark.Reminders;
using Waymark.Screening;

namespace Waymark.People;

/// <summary>What happens to a kind of person-linked row when its person is merged into another record.</summary>
public enum OnPersonMerge
{
    /// <summary>The row moves to the kept person; an un-merge moves exactly those rows back, by id.</summary>
    MovesById,
    /// <summary>Moves as <see cref="MovesById"/>, renumbered after the kept person's own; an un-merge restores the old numbers.</summary>
    MovesRenumbered,
    /// <summary>Moves unless the kept person already has the same; an un-merge restores it (from the merge's snapshot if it has gone since).</summary>
    MovesUnlessKeptHasIt,
    /// <summary>Team links: every team that knew the merged person comes to know the kept one.</summary>
    Relinked,
    /// <summary>Stays with the record it was written about; <see cref="PersonLinkedRecord.WhyItStays"/> says why.</summary>
    Stays,
}

/// <summary>
/// One kind of row that refers to a person: which entity, through which properties, and how it behaves when
/// the person is merged or un-merged. Its <see cref="ListRowsAsync"/> finds all of a person's rows of this kind
/// in every team, for merging, retention and subject-access requests alike.
/// </summary>
public abstract class PersonLinkedRecord
{
    private protected PersonLinkedRecord(string name, IReadOnlyList<string> personProperties, OnPersonMerge onMerge, string? whyItStays)
    {
        (Name, PersonProperties, OnMerge, WhyItStays) = (name, personProperties, onMerge, whyItStays);
    }

    /// <summary>The entity type.</summary>
    public abstract Type EntityType { get; }

    /// <summary>
    /// Its name in a merge's record of moved rows (the <see cref="MergeMoves"/> property, and so the list name in
    /// <see cref="PersonMerge.MovedJson"/>); for rows that stay, the entity's name.
    /// </summary>
    public string Name { get; }

    /// <summary>The properties that hold a person's id (a row is the person's when any of them does).</summary>
    public IReadOnlyList<string> PersonProperties { get; }

    /// <summary>What a merge does with it.</summary>
    public OnPersonMerge OnMerge { get; }

    /// <summary>Why a merge leaves it where it is; null for rows that move.</summary>
    public string? WhyItStays { get; }

    /// <summary>All of the person's rows of this kind, in every team (no team filter), in no particular order.</summary>
    public abstract Task<IReadOnlyList<object>> ListRowsAsync(WaymarkDbContext db, Guid personId, CancellationToken ct = default);

    /// <summary>Deletes all of the person's rows of this kind, in every team, in one statement; returns how many (retention, ADR 24).</summary>
    public abstract Task<int> DeleteRowsAsync(WaymarkDbContext db, Guid personId, CancellationToken ct = default);

    internal abstract Task MergeAsync(PersonMergeWork work, CancellationToken ct);

    internal abstract Task UnmergeAsync(PersonMergeWork work, CancellationToken ct);

    /// <inheritdoc />
    public override string ToString() => $"{EntityType.Name} ({OnMerge})";
}

/// <summary>A <see cref="PersonLinkedRecord"/> of entity <typeparamref name="T"/>.</summary>
public sealed class PersonLinkedRecord<T> : PersonLinkedRecord where T : class
{
    private readonly Func<PersonMergeWork, IQueryable<T>, CancellationToken, Task>? _merge;
    private readonly Func<PersonMergeWork, IQueryable<T>, CancellationToken, Task>? _unmerge;

    internal PersonLinkedRecord(string name, IReadOnlyList<string> personProperties, OnPersonMerge onMerge, string? whyItStays,
        Func<PersonMergeWork, IQueryable<T>, CancellationToken, Task>? merge = null,
        Func<PersonMergeWork, IQueryable<T>, CancellationToken, Task>? unmerge = null)
        : base(name, personProperties, onMerge, whyItStays) => (_merge, _unmerge) = (merge, unmerge);

    /// <inheritdoc />
    public override Type EntityType => typeof(T);

    /// <summary>All of the person's rows of this kind, in every team (no team filter).</summary>
    public IQueryable<T> RowsOf(WaymarkDbContext db, Guid personId) => db.Set<T>().IgnoreQueryFilters().Where(About(personId));

    /// <inheritdoc />
    public override async Task<IReadOnlyList<object>> ListRowsAsync(WaymarkDbContext db, Guid personId, CancellationToken ct = default) =>
        await RowsOf(db, personId).ToListAsync(ct);

    /// <inheritdoc />
    public override Task<int> DeleteRowsAsync(WaymarkDbContext db, Guid personId, CancellationToken ct = default) =>
        RowsOf(db, personId).ExecuteDeleteAsync(ct);

    internal override Task MergeAsync(PersonMergeWork work, CancellationToken ct) =>
        _merge?.Invoke(work, RowsOf(work.Db, work.Merged.Id), ct) ?? Task.CompletedTask;

    internal override Task UnmergeAsync(PersonMergeWork work, CancellationToken ct) =>
        _unmerge?.Invoke(work, RowsOf(work.Db, work.Kept.Id), ct) ?? Task.CompletedTask;

    // x => x.P1 == id || x.P2 == id, with the id read from an object so EF sends it as a parameter, not a literal.
    private Expression<Func<T, bool>> About(Guid personId)
    {
        var x = Expression.Parameter(typeof(T), "x");
        var id = Expression.Property(Expression.Constant(new PersonIdValue(personId)), nameof(PersonIdValue.PersonId));
        Expression? body = null;
        foreach (var name in PersonProperties)
        {
            var property = Expression.Property(x, name);
            var equal = Expression.Equal(property, property.Type == typeof(Guid) ? id : Expression.Convert(id, property.Type));
            body = body is null ? equal : Expression.OrElse(body, equal);
        }
        return Expression.Lambda<Func<T, bool>>(body ?? throw new InvalidOperationException($"{typeof(T).Name} names no person property."), x);
    }

    private sealed class PersonIdValue(Guid personId)
    {
        public Guid PersonId { get; } = personId;
    }
}

/// <summary>A merge or un-merge in progress: the two records (names, dates, identifiers and team links loaded) and what moved.</summary>
internal sealed class PersonMergeWork(WaymarkDbContext db, Person kept, Person merged, MergeMoves moves, MergedPersonSnapshot snapshot)
{
    public WaymarkDbContext Db { get; } = db;
    public Person Kept { get; } = kept;
    public Person Merged { get; } = merged;
    public MergeMoves Moves { get; } = moves;
    /// <summary>The merged record as it was when merged.</summary>
    public MergedPersonSnapshot Snapshot { get; } = snapshot;
}

/// <summary>
/// Every kind of row that refers to a person, and what a merge does with it (ADR 12). Merging and un-merging are
/// driven from this list; retention (destroying all of a person's rows) and subject-access export (listing them)
/// are meant to be. A new table that refers to a person must be added here: a test fails until it is.
/// </summary>
public static class PersonLinkedRecords
{
    /// <summary>The person record itself, which everything here refers to (a merge marks it merged into the kept one).</summary>
    public static Type Root => typeof(Person);

    /// <summary>
    /// Every kind, each after the kinds it depends on (its foreign keys point only to earlier ones or to the person),
    /// so creating or moving goes in this order and destroying goes in <see cref="InDeletionOrder"/>.
    /// </summary>
    public static IReadOnlyList<PersonLinkedRecord> All { get; } =
    [
        TeamLinks(),
        Stays<PersonMatchKey>("Derived from the person's names and team links; SaveChanges rebuilds the kept person's keys and the merged person's go with their team links.", nameof(PersonMatchKey.PersonId)),
        Aliases(),
        OtherDatesOfBirth(),
        Identifiers(),
        MovesById<Episode>(nameof(MergeMoves.Episodes), m => m.Episodes, nameof(Episode.PersonId), (x, p) => x.PersonId = p),
        MovesById<ScreeningOutcome>(nameof(MergeMoves.ScreeningOutcomes), m => m.ScreeningOutcomes, nameof(ScreeningOutcome.PersonId), (x, p) => x.PersonId = p),
        MovesById<InstrumentCompletion>(nameof(MergeMoves.InstrumentCompletions), m => m.InstrumentCompletions, nameof(InstrumentCompletion.PersonId), (x, p) => x.PersonId = p),
        MovesById<PsychosocialAssessment>(nameof(MergeMoves.Assessments), m => m.Assessments, nameof(PsychosocialAssessment.PersonId), (x, p) => x.PersonId = p),
        // Referrals and what hangs off them (follow-ups, outcomes, consent) are the person's too.
        MovesById<Referral>(nameof(MergeMoves.Referrals), m => m.Referrals, nameof(Referral.PersonId), (x, p) => x.PersonId = p),
        MovesById<FollowUpTask>(nameof(MergeMoves.FollowUpTasks), m => m.FollowUpTasks, nameof(FollowUpTask.PersonId), (x, p) => x.PersonId = p),
        MovesById<Outcome>(nameof(MergeMoves.Outcomes), m => m.Outcomes, nameof(Outcome.PersonId), (x, p) => x.PersonId = p),
        MovesById<ConsentToShare>(nameof(MergeMoves.Consents), m => m.Consents, nameof(ConsentToShare.PersonId), (x, p) => x.PersonId = p),
        // Consent to share with the criminal justice system and decisions to share without it are the person's, like the episode they belong to.
        MovesById<CriminalJusticeConsent>(nameof(MergeMoves.CriminalJusticeConsents), m => m.CriminalJusticeConsents, nameof(CriminalJusticeConsent.PersonId), (x, p) => x.PersonId = p),
        MovesById<SharingWithoutConsent>(nameof(MergeMoves.SharingsWithoutConsent), m => m.SharingsWithoutConsent, nameof(SharingWithoutConsent.PersonId), (x, p) => x.PersonId = p),
        // Criminal justice events and the clocks they drive are the person's, like the episode they belong to.
        MovesById<CriminalJusticeEvent>(nameof(MergeMoves.CriminalJusticeEvents), m => m.CriminalJusticeEvents, nameof(CriminalJusticeEvent.PersonId), (x, p) => x.PersonId = p),
        MovesById<CriminalJusticeClock>(nameof(MergeMoves.CriminalJusticeClocks), m => m.CriminalJusticeClocks, nameof(CriminalJusticeClock.PersonId), (x, p) => x.PersonId = p),
        // A custody or court list row matched to the merged person was about the same human being: it follows them.
        MovesById<ProactiveListRow>(nameof(MergeMoves.ProactiveListRows), m => m.ProactiveListRows, nameof(ProactiveListRow.PersonId), (x, p) => x.PersonId = p),
        // Keeping in touch (docs/support.md): contacts, appointments, their reminders and planned-end changes are the
        // person's history, like the episodes they belong to.
        MovesById<PlannedEndChange>(nameof(MergeMoves.PlannedEndChanges), m => m.PlannedEndChanges, nameof(PlannedEndChange.PersonId), (x, p) => x.PersonId = p),
        MovesById<Appointment>(nameof(MergeMoves.Appointments), m => m.Appointments, nameof(Appointment.PersonId), (x, p) => x.PersonId = p),
        // The people around the person (issue 14); before contacts, which may name one of them.
        MovesById<Waymark.SupportNetworks.SupportNetworkMember>(nameof(MergeMoves.SupportNetworkMembers), m => m.SupportNetworkMembers ??= [], nameof(Waymark.SupportNetworks.SupportNetworkMember.PersonId), (x, p) => x.PersonId = p),
        MovesById<Contact>(nameof(MergeMoves.Contacts), m => m.Contacts, nameof(Contact.PersonId), (x, p) => x.PersonId = p),
        MovesById<Reminder>(nameof(MergeMoves.Reminders), m => m.Reminders, nameof(Reminder.PersonId), (x, p) => x.PersonId = p),
        FormulationRevisions(),
        // Identifications in progress that chose the merged person (any user's: they would otherwise add an episode to a merged record).
        MovesById<IdentificationDraft>(nameof(MergeMoves.IdentificationDrafts), m => m.IdentificationDrafts, nameof(IdentificationDraft.ExistingPersonId), (x, p) => x.ExistingPersonId = p),
        // Liaison reports (every version) are about the person, like the episode they belong to; what was sent stays as sent.
        MovesById<LiaisonReport>(nameof(MergeMoves.LiaisonReports), m => m.LiaisonReports ??= [], nameof(LiaisonReport.PersonId), (x, p) => x.PersonId = p),
        // Drop-ins (issue 14) are the person's history, like their contacts.
        MovesById<Waymark.DropIns.DropIn>(nameof(MergeMoves.DropIns), m => m.DropIns ??= [], nameof(Waymark.DropIns.DropIn.PersonId), (x, p) => x.PersonId = p),
        // A mentoring pairing (issue 14) is with the human being: it follows them, ended or active.
        MentoringPairings(),
        // Action plans (goals, steps, reviews) are the person's: a kept person who had a plan of their own then has two, both shown (docs/support.md "Action plans").
        MovesById<ActionPlan>(nameof(MergeMoves.ActionPlans), m => m.ActionPlans ??= [], nameof(ActionPlan.PersonId), (x, p) => x.PersonId = p),
        MovesById<ActionPlanGoal>(nameof(MergeMoves.ActionPlanGoals), m => m.ActionPlanGoals ??= [], nameof(ActionPlanGoal.PersonId), (x, p) => x.PersonId = p),
        MovesById<ActionPlanStep>(nameof(MergeMoves.ActionPlanSteps), m => m.ActionPlanSteps ??= [], nameof(ActionPlanStep.PersonId), (x, p) => x.PersonId = p),
        MovesById<ActionPlanReview>(nameof(MergeMoves.ActionPlanReviews), m => m.ActionPlanReviews ??= [], nameof(ActionPlanReview.PersonId), (x, p) => x.PersonId = p),
        // Crisis plans (every version, and the texted copies) are the person's: both people's plans move, so the kept
        // person may hold two plans with a team; the one changed most recently is shown as current (docs/support.md).
        MovesById<CrisisPlan>(nameof(MergeMoves.CrisisPlans), m => m.CrisisPlans ??= [], nameof(CrisisPlan.PersonId), (x, p) => x.PersonId = p),
        MovesById<CrisisPlanVersion>(nameof(MergeMoves.CrisisPlanVersions), m => m.CrisisPlanVersions ??= [], nameof(CrisisPlanVersion.PersonId), (x, p) => x.PersonId = p),
        MovesById<CrisisPlanShare>(nameof(MergeMoves.CrisisPlanShares), m => m.CrisisPlanShares ??= [], nameof(CrisisPlanShare.PersonId), (x, p) => x.PersonId = p),
        // Through the gate: a release plan is the person's, like the episode it belongs to.
        MovesById<Waymark.ThroughTheGate.ReleasePlan>(nameof(MergeMoves.ReleasePlans), m => m.ReleasePlans, nameof(Waymark.ThroughTheGate.ReleasePlan.PersonId), (x, p) => x.PersonId = p),
        // Unmet needs (issue 15) are the person's history, like the referrals they stand beside.
        MovesById<UnmetNeed>(nameof(MergeMoves.UnmetNeeds), m => m.UnmetNeeds ??= [], nameof(UnmetNeed.PersonId), (x, p) => x.PersonId = p),
        // A legal hold (issue 16) is on the human being's records: it follows them, so a merge cannot free records from it.
        MovesById<Waymark.Retention.LegalHold>(nameof(MergeMoves.LegalHolds), m => m.LegalHolds ??= [], nameof(Waymark.Retention.LegalHold.PersonId), (x, p) => x.PersonId = p),
        Stays<MatchDecision>("What a practitioner decided about that record when shown it; the team's matching model learns from it as made.", nameof(MatchDecision.PersonId)),
        Stays<DuplicateCandidate>("A pair has its own rules: the merge decides its own pair and deletes the merged record's other undecided pairs (PersonMerging).", nameof(DuplicateCandidate.PersonAId), nameof(DuplicateCandidate.PersonBId)),
        Stays<PersonMerge>("The merge's own record names both people, so it can be undone.", nameof(PersonMerge.KeptPersonId), nameof(PersonMerge.MergedPersonId)),
        Stays<AuditEvent>("The trail never moves: each event stays about the record it was written for.", nameof(AuditEvent.PersonId)),
    ];

    /// <summary><see cref="All"/> with each kind before the kinds it depends on reversed: the order to destroy a person's rows in.</summary>
    public static IEnumerable<PersonLinkedRecord> InDeletionOrder => All.Reverse();

    /// <summary>Every row of every kind that refers to the person, in every team, kind by kind in <see cref="All"/> order.</summary>
    public static async Task<IReadOnlyList<(PersonLinkedRecord Kind, IReadOnlyList<object> Rows)>> RowsOfAsync(WaymarkDbContext db, Guid personId, CancellationToken ct = default)
    {
        var found = new List<(PersonLinkedRecord, IReadOnlyList<object>)>();
        foreach (var kind in All) found.Add((kind, await kind.ListRowsAsync(db, personId, ct)));
        return found;
    }

    internal static async Task MergeAsync(PersonMergeWork work, CancellationToken ct)
    {
        foreach (var kind in All) await kind.MergeAsync(work, ct);
    }

    internal static async Task UnmergeAsync(PersonMergeWork work, CancellationToken ct)
    {
        foreach (var kind in All) await kind.UnmergeAsync(work, ct);
    }

    private static PersonLinkedRecord<T> Stays<T>(string why, params string[] personProperties) where T : class =>
        new(typeof(T).Name, personProperties, OnPersonMerge.Stays, why);

    // The row's person reference changes and its id is recorded; an un-merge changes back exactly those rows.
    private static PersonLinkedRecord<T> MovesById<T>(string name, Func<MergeMoves, List<Guid>> moved, string personProperty, Action<T, Guid> setPerson)
        where T : class =>
        new(name, [personProperty], OnPersonMerge.MovesById, null,
            merge: async (w, rows, ct) =>
            {
                foreach (var row in await rows.ToListAsync(ct))
                {
                    setPerson(row, w.Kept.Id);
                    moved(w.Moves).Add(IdOf(w.Db, row));
                }
            },
            unmerge: async (w, rows, ct) =>
            {
                var ids = moved(w.Moves);
                foreach (var row in await rows.Where(x => ids.Contains(EF.Property<Guid>(x, "Id"))).ToListAsync(ct))
                    setPerson(row, w.Merged.Id);
            });

    // Mentoring pairings move by id, but a person has one active mentor per team (a unique index): where the kept person
    // already has one in the team, the merged person's active pairing is ended as it moves ("Records merged"), so the
    // kept person keeps their mentor. An un-merge moves every moved pairing back; one ended by the merge stays ended
    // (a team manager pairs again if wanted).
    private static PersonLinkedRecord<Mentoring.MentoringPairing> MentoringPairings() =>
        new(nameof(MergeMoves.MentoringPairings), [nameof(Mentoring.MentoringPairing.PersonId)], OnPersonMerge.MovesById, null,
            merge: async (w, rows, ct) =>
            {
                var keptId = w.Kept.Id;
                var keptActiveTeams = await w.Db.Set<Mentoring.MentoringPairing>().IgnoreQueryFilters()
                    .Where(p => p.PersonId == keptId && p.EndedAt == null).Select(p => p.TeamId).ToListAsync(ct);
                foreach (var row in await rows.ToListAsync(ct))
                {
                    if (row.EndedAt is null && keptActiveTeams.Contains(row.TeamId))
                    {
                        row.EndedAt = DateTimeOffset.UtcNow;
                        row.EndedByUserId = w.Db.CurrentUser.UserId;
                        row.EndReason = "Records merged: the person already had a mentor in this team";
                    }
                    row.PersonId = keptId;
                    w.Moves.MentoringPairings.Add(row.Id);
                }
            },
            unmerge: async (w, rows, ct) =>
            {
                var ids = w.Moves.MentoringPairings;
                foreach (var row in await rows.Where(x => ids.Contains(x.Id)).ToListAsync(ct)) row.PersonId = w.Merged.Id;
            });

    private static Guid IdOf(WaymarkDbContext db, object row) => (Guid)db.Entry(row).Property("Id").CurrentValue!;

    // Formulation versions are numbered per team and person: the merged person's follow the kept
    // person's own in the same team, in their order, and the old numbers are kept for an un-merge.
    private static PersonLinkedRecord<FormulationRevision> FormulationRevisions() =>
        new(nameof(MergeMoves.FormulationRevisions), [nameof(FormulationRevision.PersonId)], OnPersonMerge.MovesRenumbered, null,
            merge: async (w, rows, ct) =>
            {
                var revisions = await rows.OrderBy(x => x.Number).ToListAsync(ct);
                var keptId = w.Kept.Id;
                var keptMax = await w.Db.FormulationRevisions.IgnoreQueryFilters().Where(x => x.PersonId == keptId)
                    .GroupBy(x => x.TeamId).Select(g => new { Team = g.Key, Max = g.Max(x => x.Number) }).ToDictionaryAsync(x => x.Team, x => x.Max, ct);
                foreach (var group in revisions.GroupBy(r => r.TeamId))
                {
                    var offset = keptMax.GetValueOrDefault(group.Key);
                    foreach (var r in group)
                    {
                        w.Moves.FormulationRevisions.Add(new MovedRevision(r.Id, r.Number, r.Number + offset));
                        (r.PersonId, r.Number) = (keptId, r.Number + offset);
                    }
                }
            },
            unmerge: async (w, rows, ct) =>
            {
                var ids = w.Moves.FormulationRevisions.Select(r => r.Id).ToList();
                foreach (var r in await rows.Where(x => ids.Contains(x.Id)).ToListAsync(ct))
                    (r.PersonId, r.Number) = (w.Merged.Id, w.Moves.FormulationRevisions.First(m => m.Id == r.Id).FromNumber);
            });

    // Other names move unless the kept person already has them; the merged record's own name stays findable on
    // the kept record as another name. Child rows go back by id; any the kept record's later edits replaced are
    // made again from the snapshot.
    private static PersonLinkedRecord<PersonAlias> Aliases() =>
        new(nameof(MergeMoves.Aliases), [nameof(PersonAlias.PersonId)], OnPersonMerge.MovesUnlessKeptHasIt, null,
            merge: (w, _, _) =>
            {
                var (kept, merged) = (w.Kept, w.Merged);
                var names = kept.Aliases.Select(a => (a.GivenNameKey, a.FamilyNameKey)).Append((kept.GivenNameKey, kept.FamilyNameKey)).ToHashSet();
                foreach (var a in merged.Aliases.ToList())
                    if (names.Add((a.GivenNameKey, a.FamilyNameKey))) { a.PersonId = kept.Id; w.Moves.Aliases.Add(a.Id); }
                if (names.Add((merged.GivenNameKey, merged.FamilyNameKey)))
                {
                    var alias = new PersonAlias { PersonId = kept.Id, GivenName = merged.GivenName, FamilyName = merged.FamilyName };
                    alias.RefreshKeys();
                    w.Db.PersonAliases.Add(alias);
                    w.Moves.AddedAliasId = alias.Id;
                }
                return Task.CompletedTask;
            },
            unmerge: async (w, _, ct) =>
            {
                var (db, kept, merged) = (w.Db, w.Kept, w.Merged);
                foreach (var s in w.Snapshot.Aliases.Where(s => w.Moves.Aliases.Contains(s.Id)))
                {
                    if (kept.Aliases.FirstOrDefault(a => a.Id == s.Id) is { } a) a.PersonId = merged.Id;
                    else if (!await db.PersonAliases.AnyAsync(x => x.Id == s.Id, ct))
                    {
                        var again = new PersonAlias { Id = s.Id, PersonId = merged.Id, GivenName = s.GivenName, FamilyName = s.FamilyName };
                        again.RefreshKeys();
                        db.PersonAliases.Add(again);
                    }
                }
                if (kept.Aliases.FirstOrDefault(a => a.Id == w.Moves.AddedAliasId) is { } added) db.PersonAliases.Remove(added);
            });

    private static PersonLinkedRecord<PersonOtherDateOfBirth> OtherDatesOfBirth() =>
        new(nameof(MergeMoves.OtherDatesOfBirth), [nameof(PersonOtherDateOfBirth.PersonId)], OnPersonMerge.MovesUnlessKeptHasIt, null,
            merge: (w, _, _) =>
            {
                var (kept, merged) = (w.Kept, w.Merged);
                var dates = kept.OtherDatesOfBirth.Select(d => d.DateOfBirth).ToHashSet();
                if (kept.DateOfBirth is { } keptDob) dates.Add(keptDob);
                foreach (var d in merged.OtherDatesOfBirth.ToList())
                    if (dates.Add(d.DateOfBirth)) { d.PersonId = kept.Id; w.Moves.OtherDatesOfBirth.Add(d.Id); }
                if (merged.DateOfBirth is { } mergedDob && dates.Add(mergedDob))
                {
                    var dob = new PersonOtherDateOfBirth { PersonId = kept.Id, DateOfBirth = mergedDob };
                    w.Db.PersonOtherDatesOfBirth.Add(dob);
                    w.Moves.AddedDateOfBirthId = dob.Id;
                }
                return Task.CompletedTask;
            },
            unmerge: async (w, _, ct) =>
            {
                var (db, kept, merged) = (w.Db, w.Kept, w.Merged);
                foreach (var s in w.Snapshot.OtherDatesOfBirth.Where(s => w.Moves.OtherDatesOfBirth.Contains(s.Id)))
                {
                    if (kept.OtherDatesOfBirth.FirstOrDefault(d => d.Id == s.Id) is { } d) d.PersonId = merged.Id;
                    else if (!await db.PersonOtherDatesOfBirth.AnyAsync(x => x.Id == s.Id, ct))
                        db.PersonOtherDatesOfBirth.Add(new PersonOtherDateOfBirth { Id = s.Id, PersonId = merged.Id, DateOfBirth = s.DateOfBirth });
                }
                if (kept.OtherDatesOfBirth.FirstOrDefault(d => d.Id == w.Moves.AddedDateOfBirthId) is { } added) db.PersonOtherDatesOfBirth.Remove(added);
            });

    private static PersonLinkedRecord<PersonIdentifier> Identifiers() =>
        new(nameof(MergeMoves.Identifiers), [nameof(PersonIdentifier.PersonId)], OnPersonMerge.MovesUnlessKeptHasIt, null,
            merge: (w, _, _) =>
            {
                var keptIdentifiers = w.Kept.OtherIdentifiers.Select(i => (i.Kind, i.Value)).ToHashSet();
                foreach (var i in w.Merged.OtherIdentifiers.ToList())
                    if (keptIdentifiers.Add((i.Kind, i.Value))) { i.PersonId = w.Kept.Id; w.Moves.Identifiers.Add(i.Id); }
                return Task.CompletedTask;
            },
            unmerge: async (w, _, ct) =>
            {
                var (db, kept, merged) = (w.Db, w.Kept, w.Merged);
                foreach (var s in w.Snapshot.Identifiers.Where(s => w.Moves.Identifiers.Contains(s.Id)))
                {
                    if (kept.OtherIdentifiers.FirstOrDefault(i => i.Id == s.Id) is { } i) i.PersonId = merged.Id;
                    else if (!await db.PersonIdentifiers.AnyAsync(x => x.Id == s.Id, ct))
                        db.PersonIdentifiers.Add(new PersonIdentifier { Id = s.Id, PersonId = merged.Id, Kind = s.Kind, Value = s.Value });
                }
            });

    // Team links move: every team that knew the merged person now sees the kept one, and none sees the merged record.
    // Un-merging brings them back; a team the merge introduced to the kept record loses it unless it has worked with them since.
    private static PersonLinkedRecord<PersonTeamLink> TeamLinks() =>
        new(nameof(MergeMoves.TeamLinks), [nameof(PersonTeamLink.PersonId)], OnPersonMerge.Relinked, null,
            merge: (w, _, _) =>
            {
                var keptTeams = w.Kept.TeamLinks.Select(l => l.TeamId).ToHashSet();
                foreach (var link in w.Merged.TeamLinks.ToList())
                {
                    var added = keptTeams.Add(link.TeamId);
                    w.Moves.TeamLinks.Add(new MovedTeamLink(link.TeamId, link.Since, added));
                    w.Db.PersonTeamLinks.Remove(link);
                    if (added) w.Db.PersonTeamLinks.Add(PersonTeamLink.For(w.Kept, link.TeamId, link.Since));
                }
                return Task.CompletedTask;
            },
            unmerge: async (w, _, ct) =>
            {
                var (db, kept) = (w.Db, w.Kept);
                var movedBack = w.Moves.Episodes.ToHashSet();
                foreach (var l in w.Moves.TeamLinks)
                {
                    db.PersonTeamLinks.Add(PersonTeamLink.For(w.Merged, l.TeamId, l.Since));
                    if (!l.AddedToKept) continue;
                    var workedSince = await db.Episodes.IgnoreQueryFilters().Where(e => e.PersonId == kept.Id && e.TeamId == l.TeamId)
                        .Select(e => e.Id).ToListAsync(ct);
                    if (workedSince.Any(id => !movedBack.Contains(id))) continue;
                    if (kept.TeamLinks.FirstOrDefault(k => k.TeamId == l.TeamId) is { } link) db.PersonTeamLinks.Remove(link);
                }
            });
}
