using Waymark.Access;
using Waymark.Contacts;
using Waymark.Core.Tests.Support;
using Waymark.DropIns;
using Waymark.Episodes;
using Waymark.LongTermAttention;
using Waymark.People;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.LongTermAttention;

/// <summary>The long-term attention list: what is counted, in which period, the rank, the team, paging and one query a page.</summary>
public abstract class LongTermAttentionListTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    // Monday 2 March 2026, 10:00 UTC: the period is 3 March 2025 to 2 March 2026 (UK dates).
    private readonly FakeClock _clock = new();

    private LongTermAttentionList List(Waymark.Persistence.WaymarkDbContext db) => new(db, _clock);

    private static Contact AContact(Team team, Person p, DateTimeOffset at, bool reached = true) => new()
    {
        TeamId = team.Id, PersonId = p.Id, Kind = ContactKind.Telephone, Reached = reached, OccurredAt = at, WorkerUserId = "worker",
        RecordedAt = at, RecordedByUserId = "worker",
    };

    private static IEnumerable<object> ADropIn(Team team, Person p, DateTimeOffset at, DropInReasons reasons)
    {
        var contact = AContact(team, p, at);
        contact.Kind = ContactKind.DropIn;
        yield return contact;
        yield return new DropIn { TeamId = team.Id, PersonId = p.Id, ArrivedAt = at, Reasons = reasons, WhatHelped = "Talked", ContactId = contact.Id, RecordedAt = at, RecordedByUserId = "worker" };
    }

    private Person Named(Team team, string given) => APerson().Named(given, "Attention").BornOn(1990, 3, 2).KnownTo(team).CreatedAt(_clock.Now.AddYears(-3)).Build();

    [Fact]
    public void The_period_is_the_last_12_months_up_to_today_inclusive()
    {
        Assert.Equal((new DateOnly(2025, 3, 3), new DateOnly(2026, 3, 2)), LongTermAttentionList.PeriodEnding(new DateOnly(2026, 3, 2)));
        Assert.Equal((new DateOnly(2025, 3, 1), new DateOnly(2026, 2, 28)), LongTermAttentionList.PeriodEnding(new DateOnly(2026, 2, 28)));
    }

    [Fact]
    public async Task Ranked_by_presentations_then_crises_then_contacts_counting_only_what_the_rules_say()
    {
        var team = await NewTeamAsync();
        var keyWorker = await NewUserAsync("Kim Keyworker", team);
        var now = _clock.Now;
        var a = Named(team, "Ada");   // 2 presentations
        var b = Named(team, "Ben");   // 1 presentation, 2 crises
        var c = Named(team, "Cai");   // 1 presentation, 1 crisis, 5 contacts
        var d = Named(team, "Dee");   // no presentation, 3 contacts
        var e = Named(team, "Eve");   // only things that do not count
        var rows = new List<object> { a, b, c, d, e };
        rows.Add(AnEpisode().For(a).InTeam(team).IdentifiedAt(now.AddDays(-300)).ClosedBecause(ClosureReason.SupportCompleted).Build());
        rows.Add(AnEpisode().For(a).InTeam(team).IdentifiedAt(now.AddDays(-10)).AllocatedTo(keyWorker.Id).Build());
        rows.Add(AnEpisode().For(b).InTeam(team).IdentifiedAt(now.AddDays(-20)).Build());
        rows.Add(AnEpisode().For(c).InTeam(team).IdentifiedAt(now.AddDays(-30)).Build());
        rows.AddRange(ADropIn(team, b, now.AddDays(-5), DropInReasons.FeelingACrisisComing));
        rows.AddRange(ADropIn(team, b, now.AddDays(-6), DropInReasons.FeelingACrisisComing | DropInReasons.Housing));
        rows.AddRange(ADropIn(team, c, now.AddDays(-7), DropInReasons.FeelingACrisisComing));
        for (var i = 0; i < 4; i++) rows.Add(AContact(team, c, now.AddDays(-i - 1)));
        for (var i = 0; i < 3; i++) rows.Add(AContact(team, d, now.AddDays(-i - 1)));
        // Eve: a presentation the day before the period, an unreached contact, a corrected one, one in error, a drop-in that was not a crisis.
        rows.Add(AnEpisode().For(e).InTeam(team).IdentifiedAt(new DateTimeOffset(2025, 3, 2, 23, 59, 0, TimeSpan.Zero)).ClosedBecause(ClosureReason.SupportCompleted).Build());
        rows.Add(AContact(team, e, now.AddDays(-1), reached: false));
        var corrected = AContact(team, e, now.AddDays(-2)); corrected.SupersededAt = now;
        var inError = AContact(team, e, now.AddDays(-2)); inError.EnteredInErrorAt = now; inError.EnteredInErrorByUserId = "worker"; inError.EnteredInErrorReason = "Wrong person";
        rows.Add(corrected); rows.Add(inError);
        // A drop-in that was not a crisis counts only its contact: Eve appears with contacts 1 and crises 0.
        rows.AddRange(ADropIn(team, e, now.AddDays(-3), DropInReasons.Housing));
        await SaveAsync([.. rows]);

        await using var db = As(new FixedUser("manager", Roles.TeamManager, team.Id));
        var page = await List(db).PageAsync(team.Id, 1);

        Assert.Equal(["Ada", "Ben", "Cai", "Dee", "Eve"], page.Rows.Select(r => r.GivenName).ToList());
        Assert.Equal((2, 0, 0), (page.Rows[0].Presentations, page.Rows[0].Crises, page.Rows[0].Contacts));
        Assert.Equal((1, 2, 2), (page.Rows[1].Presentations, page.Rows[1].Crises, page.Rows[1].Contacts));
        Assert.Equal((1, 1, 5), (page.Rows[2].Presentations, page.Rows[2].Crises, page.Rows[2].Contacts));
        Assert.Equal((0, 0, 3), (page.Rows[3].Presentations, page.Rows[3].Crises, page.Rows[3].Contacts));
        Assert.Equal((0, 0, 1), (page.Rows[4].Presentations, page.Rows[4].Crises, page.Rows[4].Contacts));
        Assert.Equal(now.AddDays(-10), page.Rows[0].LastPresentationAt);
        Assert.NotNull(page.Rows[0].OpenEpisodeId);
        Assert.Equal("Kim Keyworker", page.Rows[0].KeyWorkerName);
        Assert.Null(page.Rows[1].KeyWorkerName);
        Assert.Null(page.Rows[4].OpenEpisodeId);
        Assert.Equal(36, page.Rows[0].AgeOn(new DateOnly(2026, 3, 2)));
        Assert.Equal((new DateOnly(2025, 3, 3), new DateOnly(2026, 3, 2), 1, false), (page.From, page.To, page.FirstRank, page.HasNext));
    }

    [Fact]
    public async Task Another_teams_records_are_never_counted_or_listed()
    {
        var team = await NewTeamAsync();
        var other = await NewTeamAsync();
        var ours = Named(team, "Ours");
        var theirs = Named(other, "Theirs");
        var both = APerson().Named("Both", "Attention").KnownTo(team).KnownTo(other).Build();
        await SaveAsync(ours, theirs, both,
            AnEpisode().For(ours).InTeam(team).IdentifiedAt(_clock.Now.AddDays(-3)).Build(),
            AnEpisode().For(theirs).InTeam(other).IdentifiedAt(_clock.Now.AddDays(-3)).Build(),
            AnEpisode().For(both).InTeam(other).IdentifiedAt(_clock.Now.AddDays(-3)).Build(),
            AnEpisode().For(both).InTeam(other).IdentifiedAt(_clock.Now.AddDays(-2)).Build(),
            AContact(team, both, _clock.Now.AddDays(-1)));

        await using var db = As(new FixedUser("manager", Roles.TeamManager, team.Id));
        var page = await List(db).PageAsync(team.Id, 1);

        Assert.Equal(["Ours", "Both"], page.Rows.Select(r => r.GivenName).ToList());
        Assert.Equal((0, 1), (page.Rows[1].Presentations, page.Rows[1].Contacts));
        Assert.Null(page.Rows[1].LastPresentationAt);
    }

    [Fact]
    public async Task At_most_150_people_50_a_page_each_page_one_query()
    {
        var team = await NewTeamAsync();
        var rows = new List<object>();
        for (var i = 0; i < 152; i++)
        {
            var p = Named(team, "P" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            rows.Add(p);
            // More contacts for lower numbers, so the rank is known: P000 first.
            for (var c = 0; c < (i < 3 ? 3 - i : 0) + 1; c++) rows.Add(AContact(team, p, _clock.Now.AddDays(-1 - c)));
        }
        await SaveAsync([.. rows]);

        var counter = new CommandCounter();
        await using var db = As(new FixedUser("manager", Roles.TeamManager, team.Id), counter);
        var list = List(db);
        var first = await list.PageAsync(team.Id, 1);
        Assert.Equal(1, counter.Commands);
        var third = await list.PageAsync(team.Id, 3);
        var fourth = await list.PageAsync(team.Id, 4);

        Assert.Equal((50, true, 1), (first.Rows.Count, first.HasNext, first.FirstRank));
        Assert.Equal(["P000", "P001", "P002"], first.Rows.Take(3).Select(r => r.GivenName).ToList());
        Assert.Equal((50, false, 101), (third.Rows.Count, third.HasNext, third.FirstRank));
        Assert.Empty(fourth.Rows);
        Assert.Equal(2, counter.Commands);
    }

    [Fact]
    public void The_purpose_is_required_and_an_other_reason_needs_words()
    {
        Assert.Equal(("Purpose", "Select why you are opening this list"), (LongTermAttentionPurpose.Describe(null, null).Field, LongTermAttentionPurpose.Describe(null, null).Error));
        Assert.Equal("PurposeOther", LongTermAttentionPurpose.Describe("other", " ").Field);
        Assert.Equal("Other: Quarterly review", LongTermAttentionPurpose.Describe("other", " Quarterly review ").Purpose);
        Assert.StartsWith("Monitoring", LongTermAttentionPurpose.Describe("monitoring", null).Purpose, StringComparison.Ordinal);
        Assert.NotNull(LongTermAttentionPurpose.Describe("other", new string('x', 201)).Error);
    }
}

public sealed class LongTermAttentionListTestsOnSqlite(SqliteTestDatabase db) : LongTermAttentionListTests<SqliteTestDatabase>(db);

public sealed class LongTermAttentionListTestsOnPostgres(PostgresTestDatabase db) : LongTermAttentionListTests<PostgresTestDatabase>(db);
