using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Duplicates;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Screening;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

/// <summary>The duplicate scan, merging with a full record of what moved, and un-merging exactly, on each provider.</summary>
public abstract class DuplicatesTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new();

    private static FixedUser ManagerOf(Team team, string userId = "manager") => new(userId, Roles.TeamManager, team.Id);

    private DuplicateScan Scan(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), _clock);
    private PersonMerging Merging(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

    /// <summary>A team with a planted pair (Jon Smyth 03/12/1985 and John Smith 12/03/1985, same postcode) among clearly different people.</summary>
    private async Task<(Team Team, Person Jon, Person John)> PlantedPairAsync()
    {
        var team = await NewTeamAsync();
        var jon = APerson().Named("Jon", "Smyth").BornOn(1985, 12, 3).WithPostcode("NS1 4AB").KnownTo(team).Build();
        var john = APerson().Named("John", "Smith").BornOn(1985, 3, 12).WithPostcode("NS1 4AB").KnownTo(team).Build();
        var others = new[]
        {
            APerson().Named("Priya", "Okonkwo").BornOn(1990, 6, 1).WithSex(Sex.Female).KnownTo(team).Build(),
            APerson().Named("Kwame", "Mensah").BornOn(1971, 2, 20).KnownTo(team).Build(),
            APerson().Named("Siobhan", "Gallagher").BornOn(2001, 11, 30).WithSex(Sex.Female).KnownTo(team).Build(),
        };
        await SaveAsync([jon, john, .. others]);
        return (team, jon, john);
    }

    private async Task<DuplicateCandidate> ScanForPairAsync(Team team, Person a, Person b)
    {
        await using (var db = As(ManagerOf(team))) await Scan(db).ScanAsync(team.Id);
        await using var check = AsSystem();
        var (x, y) = DuplicateCandidate.Order(a.Id, b.Id);
        return await check.DuplicateCandidates.SingleAsync(c => c.TeamId == team.Id && c.PersonAId == x && c.PersonBId == y);
    }

    [Fact]
    public async Task A_scan_raises_the_planted_pair_once_with_its_reasons_and_nothing_else()
    {
        var (team, jon, john) = await PlantedPairAsync();

        var candidate = await ScanForPairAsync(team, jon, john);

        Assert.True(candidate.PersonAId.CompareTo(candidate.PersonBId) < 0);
        Assert.Null(candidate.Decision);
        Assert.True(candidate.Probability >= 0.05);
        Assert.Contains("known nickname", candidate.Reasons, StringComparison.Ordinal);
        Assert.Contains("day and month swapped", candidate.Reasons, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(db => db.DuplicateCandidates.Where(c => c.TeamId == team.Id)));
        await using var check = AsSystem();
        var scanned = await check.AuditEvents.SingleAsync(e => e.TeamId == team.Id && e.Action == AuditAction.Scanned);
        Assert.Equal("manager", scanned.UserId);
        // Nothing is ever merged by a scan.
        Assert.Equal(0, await CountAsync(db => db.People.Where(p => (p.Id == jon.Id || p.Id == john.Id) && p.MergedAt != null)));
    }

    [Fact]
    public async Task A_rescan_replaces_undecided_pairs_and_never_raises_a_pair_judged_not_the_same_person()
    {
        var (team, jon, john) = await PlantedPairAsync();
        var first = await ScanForPairAsync(team, jon, john);
        await using (var db = As(ManagerOf(team)))
            Assert.True(await Merging(db).NotSamePersonAsync(first.Id, first.Version));

        await using (var db = As(ManagerOf(team))) await Scan(db).ScanAsync(team.Id);
        var result = await ScanAgainAsync(team);

        await using var check = AsSystem();
        var rows = await check.DuplicateCandidates.Where(c => c.TeamId == team.Id).ToListAsync();
        var only = Assert.Single(rows);
        Assert.Equal(first.Id, only.Id);
        Assert.Equal((DuplicateDecision.NotSamePerson, "manager"), (only.Decision, only.DecidedByUserId));
        Assert.Equal((1, 0), (result.AlreadyDecided, result.Saved));
        Assert.Equal(2, await check.AuditEvents.CountAsync(e => e.RecordType == "DuplicateCandidate" && (e.PersonId == jon.Id || e.PersonId == john.Id)));
    }

    private async Task<ScanResult> ScanAgainAsync(Team team)
    {
        await using var db = As(ManagerOf(team));
        return await Scan(db).ScanAsync(team.Id);
    }

    /// <summary>Where every row of both people is, as one comparable value.</summary>
    private async Task<string> FingerprintAsync(params Guid[] people)
    {
        await using var db = AsSystem();
        var lines = new List<string>();
        foreach (var id in people)
        {
            var p = await db.People.IgnoreQueryFilters().Include(x => x.Aliases).Include(x => x.OtherDatesOfBirth).Include(x => x.OtherIdentifiers)
                .Include(x => x.TeamLinks).AsSplitQuery().SingleAsync(x => x.Id == id);
            lines.Add($"{id}: {p.GivenName} {p.FamilyName} {p.DateOfBirth} nhs={p.NhsNumber} pnc={p.PncId} merged={p.MergedIntoPersonId}");
            lines.AddRange(p.Aliases.Select(a => $"  alias {a.Id} {a.GivenName} {a.FamilyName}").Order());
            lines.AddRange(p.OtherDatesOfBirth.Select(d => $"  dob {d.Id} {d.DateOfBirth}").Order());
            lines.AddRange(p.OtherIdentifiers.Select(i => $"  id {i.Id} {i.Kind} {i.Value}").Order());
            lines.AddRange(p.TeamLinks.Select(l => $"  team {l.TeamId} {l.Since:O}").Order());
            lines.AddRange((await db.Episodes.Where(e => e.PersonId == id).Select(e => e.Id).ToListAsync()).Select(e => $"  episode {e}").Order());
            lines.AddRange((await db.ScreeningOutcomes.Where(e => e.PersonId == id).Select(e => e.Id).ToListAsync()).Select(e => $"  outcome {e}").Order());
            lines.AddRange((await db.InstrumentCompletions.Where(e => e.PersonId == id).Select(e => e.Id).ToListAsync()).Select(e => $"  completion {e}").Order());
            lines.AddRange((await db.FormulationRevisions.Where(e => e.PersonId == id).Select(e => e.Id + " #" + e.Number).ToListAsync()).Select(e => $"  formulation {e}").Order());
            lines.AddRange((await db.Referrals.Where(e => e.PersonId == id).Select(e => e.Id).ToListAsync()).Select(e => $"  referral {e}").Order());
            lines.AddRange((await db.FollowUpTasks.Where(e => e.PersonId == id).Select(e => e.Id).ToListAsync()).Select(e => $"  follow-up {e}").Order());
            lines.AddRange((await db.Outcomes.Where(e => e.PersonId == id).Select(e => e.Id).ToListAsync()).Select(e => $"  outcome {e}").Order());
            lines.AddRange((await db.Consents.Where(e => e.PersonId == id).Select(e => e.Id).ToListAsync()).Select(e => $"  consent {e}").Order());
        }
        return string.Join('\n', lines);
    }

    private async Task<(Team Team, Team Other, Person Kept, Person Merged, Episode KeptEpisode, Episode MergedEpisode, DuplicateCandidate Candidate)> RichPairAsync()
    {
        var team = await NewTeamAsync();
        var other = await NewTeamAsync();
        var kept = APerson().Named("John", "Smith").BornOn(1985, 3, 12).WithPostcode("NS1 4AB").KnownTo(team).Build();
        var merged = APerson().Named("Jon", "Smyth").BornOn(1985, 12, 3).WithPostcode("NS1 4AB").WithPncId("85/0012345Z")
            .AlsoKnownAs("Jonny", "Smith").AlsoGaveDateOfBirth(1985, 3, 13).KnownTo(team).KnownTo(other).Build();
        merged.OtherIdentifiers.Add(new PersonIdentifier { PersonId = merged.Id, Kind = "Custody record", Value = "NS-123456" });
        var keptEpisode = AnEpisode().For(kept).InTeam(team).Build();
        var mergedEpisode = AnEpisode().For(merged).InTeam(team).Build();
        var otherEpisode = AnEpisode().For(merged).InTeam(other).Build();
        var outcome = new ScreeningOutcome { TeamId = team.Id, EpisodeId = mergedEpisode.Id, PersonId = merged.Id, Sequence = 1, RecordedAt = _clock.Now, RecordedByUserId = "amira" };
        var completion = new InstrumentCompletion
        {
            TeamId = team.Id, EpisodeId = mergedEpisode.Id, PersonId = merged.Id, InstrumentId = "phq-9", InstrumentVersion = "1", InstrumentTitle = "PHQ-9",
            AnswersJson = "{}", CompletedAt = _clock.Now, CompletedByUserId = "amira",
        };
        FormulationRevision Revision(Person p, int n) => new()
        {
            TeamId = team.Id, PersonId = p.Id, Number = n, CoreProblems = "c", HowTheyRelate = "h", WhatMaintainsThem = "w", Plan = "p",
            WrittenAt = _clock.Now, WrittenByUserId = "amira",
        };
        var org = new Waymark.ServiceDirectory.Organisation { TeamId = team.Id, Name = "Council" };
        var service = new Waymark.ServiceDirectory.LocalService { TeamId = team.Id, OrganisationId = org.Id, Name = "Housing Options" };
        var referral = new Waymark.Referrals.Referral
        {
            TeamId = team.Id, EpisodeId = mergedEpisode.Id, PersonId = merged.Id, ServiceId = service.Id, ServiceName = service.Name, Need = "housing",
            CreatedAt = _clock.Now, CreatedByUserId = "amira",
        };
        var task = new Waymark.Referrals.FollowUpTask { TeamId = team.Id, ReferralId = referral.Id, EpisodeId = mergedEpisode.Id, PersonId = merged.Id, Number = 1, DueAt = _clock.Now.AddDays(7), AssignedToUserId = "amira", CreatedAt = _clock.Now };
        var result = new Waymark.Referrals.Outcome { TeamId = team.Id, EpisodeId = mergedEpisode.Id, PersonId = merged.Id, ReferralId = referral.Id, Code = Waymark.Referrals.OutcomeCode.HousingSecured, On = new DateOnly(2026, 3, 1), RecordedAt = _clock.Now, RecordedByUserId = "amira" };
        var consent = new Waymark.Referrals.ConsentToShare { TeamId = team.Id, ReferralId = referral.Id, PersonId = merged.Id, What = "w", WithWhom = "Housing Options", GivenAt = _clock.Now, RecordedAt = _clock.Now, RecordedByUserId = "amira" };
        await SaveAsync(kept, merged, keptEpisode, mergedEpisode, otherEpisode, outcome, completion,
            Revision(kept, 1), Revision(kept, 2), Revision(merged, 1), org, service, referral, task, result, consent);
        var candidate = await ScanForPairAsync(team, kept, merged);
        return (team, other, kept, merged, keptEpisode, mergedEpisode, candidate);
    }

    private static DecisionVersions Versions(DuplicateCandidate c, Person a, Person b) =>
        c.PersonAId == a.Id ? new(c.Version, a.Version, b.Version) : new(c.Version, b.Version, a.Version);

    [Fact]
    public async Task Merging_moves_everything_records_it_row_by_row_and_hides_the_merged_record()
    {
        var (team, other, kept, merged, _, mergedEpisode, candidate) = await RichPairAsync();

        PersonMerge? merge;
        await using (var db = As(ManagerOf(team)))
            merge = await Merging(db).MergeAsync(candidate.Id, kept.Id, Versions(candidate, kept, merged));

        Assert.NotNull(merge);
        await using var check = AsSystem();
        Assert.Equal(0, await check.Episodes.CountAsync(e => e.PersonId == merged.Id));
        Assert.Equal(3, await check.Episodes.CountAsync(e => e.PersonId == kept.Id));
        Assert.Equal(kept.Id, (await check.ScreeningOutcomes.SingleAsync(o => o.EpisodeId == mergedEpisode.Id)).PersonId);
        Assert.Equal(kept.Id, (await check.InstrumentCompletions.SingleAsync(o => o.EpisodeId == mergedEpisode.Id)).PersonId);
        // The merged person's formulation follows the kept person's two versions.
        Assert.Equal([1, 2, 3], await check.FormulationRevisions.Where(r => r.PersonId == kept.Id).OrderBy(r => r.Number).Select(r => r.Number).ToListAsync());

        var k = await check.People.Include(p => p.Aliases).Include(p => p.OtherDatesOfBirth).Include(p => p.OtherIdentifiers).Include(p => p.TeamLinks)
            .AsSplitQuery().SingleAsync(p => p.Id == kept.Id);
        Assert.Equal(["Jon Smyth", "Jonny Smith"], k.Aliases.Select(a => a.ToString()).Order());
        Assert.Equal([new DateOnly(1985, 3, 13), new DateOnly(1985, 12, 3)], k.OtherDatesOfBirth.Select(d => d.DateOfBirth).Order());
        Assert.Equal("Custody record: NS-123456", Assert.Single(k.OtherIdentifiers).ToString());
        Assert.Equal("85/0012345Z", k.PncId);
        Assert.Equal(new[] { team.Id, other.Id }.Order(), k.TeamLinks.Select(l => l.TeamId).Order());
        Assert.NotEqual(kept.Version, k.Version);

        var m = await check.People.Include(p => p.TeamLinks).SingleAsync(p => p.Id == merged.Id);
        Assert.Equal((kept.Id, "manager", _clock.Now), (m.MergedIntoPersonId, m.MergedByUserId, m.MergedAt!.Value));
        Assert.Empty(m.TeamLinks);

        var stored = await check.PersonMerges.SingleAsync(x => x.Id == merge.Id);
        var moves = stored.Moves;
        Assert.Equal(2, moves.Episodes.Count);
        Assert.Single(moves.ScreeningOutcomes);
        Assert.Single(moves.InstrumentCompletions);
        Assert.Equal((1, 1, 1, 1), (moves.Referrals.Count, moves.FollowUpTasks.Count, moves.Outcomes.Count, moves.Consents.Count));
        Assert.Equal(kept.Id, (await check.Referrals.SingleAsync(r => r.EpisodeId == mergedEpisode.Id)).PersonId);
        Assert.Equal(kept.Id, (await check.FollowUpTasks.SingleAsync(r => r.EpisodeId == mergedEpisode.Id)).PersonId);
        Assert.Equal(new MovedRevision(moves.FormulationRevisions[0].Id, 1, 3), Assert.Single(moves.FormulationRevisions));
        Assert.Equal((1, 1, 1), (moves.Aliases.Count, moves.OtherDatesOfBirth.Count, moves.Identifiers.Count));
        Assert.Equal([false, true], moves.TeamLinks.OrderBy(l => l.AddedToKept).Select(l => l.AddedToKept));
        Assert.Equal(("Jon", "Smyth", "85/0012345Z"), (stored.Snapshot.GivenName, stored.Snapshot.FamilyName, stored.Snapshot.PncId));
        Assert.Equal((DuplicateDecision.Merged, merge.Id), ((await check.DuplicateCandidates.SingleAsync(c => c.Id == candidate.Id)).Decision, (await check.DuplicateCandidates.SingleAsync(c => c.Id == candidate.Id)).MergeId));
        Assert.Equal(2, await check.AuditEvents.CountAsync(e => e.Action == AuditAction.Merged && (e.PersonId == kept.Id || e.PersonId == merged.Id)));

        // Gone from the team's searches; the other team now finds the kept record.
        await using var asTeam = As(PractitionerIn(team));
        var found = await new PersonSearch(asTeam).SearchAsync(new PersonSearchCriteria("Smyth", null, null, null));
        Assert.Equal([kept.Id], found.Items.Select(p => p.Id));
        Assert.Null(await asTeam.People.FirstOrDefaultAsync(p => p.Id == merged.Id));
        await using var asOther = As(PractitionerIn(other));
        Assert.NotNull(await asOther.People.FirstOrDefaultAsync(p => p.Id == kept.Id));
    }

    [Fact]
    public async Task Unmerging_puts_back_exactly_what_moved_and_returns_the_pair_to_the_queue()
    {
        var (team, _, kept, merged, _, _, candidate) = await RichPairAsync();
        var before = await FingerprintAsync(kept.Id, merged.Id);
        PersonMerge merge;
        await using (var db = As(ManagerOf(team)))
            merge = (await Merging(db).MergeAsync(candidate.Id, kept.Id, Versions(candidate, kept, merged)))!;
        Assert.NotEqual(before, await FingerprintAsync(kept.Id, merged.Id));

        await using (var db = As(ManagerOf(team, "other-manager")))
            Assert.NotNull(await Merging(db).UnmergeAsync(merge.Id, merge.Version));

        Assert.Equal(before, await FingerprintAsync(kept.Id, merged.Id));
        await using var check = AsSystem();
        var stored = await check.PersonMerges.SingleAsync(m => m.Id == merge.Id);
        Assert.Equal(("other-manager", _clock.Now), (stored.UndoneByUserId, stored.UndoneAt!.Value));
        Assert.Null((await check.DuplicateCandidates.SingleAsync(c => c.Id == candidate.Id)).Decision);
        Assert.Equal(2, await check.AuditEvents.CountAsync(e => e.Action == AuditAction.Unmerged && (e.PersonId == kept.Id || e.PersonId == merged.Id)));
        // Undoing twice is refused.
        await using var again = As(ManagerOf(team));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Merging(again).UnmergeAsync(merge.Id, merge.Version));
    }

    [Fact]
    public async Task A_merge_stored_in_the_format_written_before_the_person_linked_registry_still_undoes_exactly()
    {
        var (team, _, kept, merged, _, _, candidate) = await RichPairAsync();
        var before = await FingerprintAsync(kept.Id, merged.Id);
        PersonMerge merge;
        await using (var db = As(ManagerOf(team)))
            merge = (await Merging(db).MergeAsync(candidate.Id, kept.Id, Versions(candidate, kept, merged)))!;

        // Rewrite what moved by hand, list by list, exactly as the merge code before the registry serialised it.
        await using (var db = AsSystem())
        {
            var stored = await db.PersonMerges.SingleAsync(m => m.Id == merge.Id);
            var m = stored.Moves;
            static string Ids(IEnumerable<Guid> ids) => "[" + string.Join(",", ids.Select(i => $"\"{i}\"")) + "]";
            static string Id(Guid? id) => id is { } g ? $"\"{g}\"" : "null";
            static string Text(string? s) => s is null ? "null" : $"\"{s}\"";
            var revisions = string.Join(",", m.FormulationRevisions.Select(r => $$"""{"id":"{{r.Id}}","fromNumber":{{r.FromNumber}},"toNumber":{{r.ToNumber}}}"""));
            var links = string.Join(",", m.TeamLinks.Select(l => $$"""{"teamId":"{{l.TeamId}}","since":{{System.Text.Json.JsonSerializer.Serialize(l.Since)}},"addedToKept":{{(l.AddedToKept ? "true" : "false")}}}"""));
            stored.MovedJson = $$"""{"episodes":{{Ids(m.Episodes)}},"screeningOutcomes":{{Ids(m.ScreeningOutcomes)}},"instrumentCompletions":{{Ids(m.InstrumentCompletions)}},"assessments":{{Ids(m.Assessments)}},"referrals":{{Ids(m.Referrals)}},"followUpTasks":{{Ids(m.FollowUpTasks)}},"outcomes":{{Ids(m.Outcomes)}},"consents":{{Ids(m.Consents)}},"formulationRevisions":[{{revisions}}],"identificationDrafts":{{Ids(m.IdentificationDrafts)}},"aliases":{{Ids(m.Aliases)}},"otherDatesOfBirth":{{Ids(m.OtherDatesOfBirth)}},"identifiers":{{Ids(m.Identifiers)}},"teamLinks":[{{links}}],"addedAliasId":{{Id(m.AddedAliasId)}},"addedDateOfBirthId":{{Id(m.AddedDateOfBirthId)}},"filledNhsNumber":{{Text(m.FilledNhsNumber)}},"filledPncId":{{Text(m.FilledPncId)}},"rowCount":{{m.RowCount}}}""";
            await db.SaveChangesAsync();
            merge = stored;
        }

        await using (var db = As(ManagerOf(team)))
            Assert.NotNull(await Merging(db).UnmergeAsync(merge.Id, merge.Version));

        Assert.Equal(before, await FingerprintAsync(kept.Id, merged.Id));
    }

    [Fact]
    public async Task A_merge_based_on_an_old_version_of_either_person_is_refused_and_nothing_moves()
    {
        var (team, jon, john) = await PlantedPairAsync();
        var candidate = await ScanForPairAsync(team, jon, john);
        var episode = AnEpisode().For(jon).InTeam(team).Build();
        await SaveAsync(episode);
        var versions = Versions(candidate, jon, john);
        await using (var edit = As(PractitionerIn(team)))
        {
            (await edit.People.SingleAsync(p => p.Id == john.Id)).Phone = "07700 900001";
            await edit.SaveChangesAsync();
        }
        var before = await FingerprintAsync(jon.Id, john.Id);

        await using var db = As(ManagerOf(team));
        var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Merging(db).MergeAsync(candidate.Id, john.Id, versions));

        Assert.Contains("Nothing has been merged", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync(jon.Id, john.Id));
        Assert.Equal(0, await CountAsync(x => x.PersonMerges.Where(m => m.KeptPersonId == john.Id)));
        Assert.Equal(0, await CountAsync(x => x.AuditEvents.Where(a => a.Action == AuditAction.Merged && a.PersonId == john.Id)));
    }

    [Fact]
    public async Task Another_teams_manager_cannot_see_scan_merge_or_undo_the_teams_pairs()
    {
        var (team, jon, john) = await PlantedPairAsync();
        var candidate = await ScanForPairAsync(team, jon, john);
        var otherTeam = await NewTeamAsync();

        await using (var db = As(ManagerOf(otherTeam)))
        {
            Assert.Null(await db.DuplicateCandidates.FirstOrDefaultAsync(c => c.Id == candidate.Id));
            Assert.Null(await Merging(db).MergeAsync(candidate.Id, jon.Id, Versions(candidate, jon, john)));
            Assert.False(await Merging(db).NotSamePersonAsync(candidate.Id, candidate.Version));
            var (_, records) = await Scan(db).LoadAsync(team.Id);
            Assert.Empty(records); // the team filter still applies to a scan run for another team
        }
        PersonMerge merge;
        await using (var db = As(ManagerOf(team)))
            merge = (await Merging(db).MergeAsync(candidate.Id, jon.Id, Versions(candidate, jon, john)))!;
        await using (var db = As(ManagerOf(otherTeam)))
            Assert.Null(await Merging(db).UnmergeAsync(merge.Id, merge.Version));
        Assert.Equal(0, await CountAsync(x => x.PersonMerges.Where(m => m.Id == merge.Id && m.UndoneAt != null)));
    }
}

public sealed class DuplicatesTestsOnSqlite(SqliteTestDatabase db) : DuplicatesTests<SqliteTestDatabase>(db);

public sealed class DuplicatesTestsOnPostgres(PostgresTestDatabase db) : DuplicatesTests<PostgresTestDatabase>(db);
