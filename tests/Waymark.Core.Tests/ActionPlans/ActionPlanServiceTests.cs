using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.ActionPlans;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Duplicates;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.ActionPlans;

/// <summary>Action plans as stored: a plan started by its first goal, steps, reviews, conflicts, team scoping and merges.</summary>
public abstract class ActionPlanServiceTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    // Monday 2 March 2026, 10:00 UTC (GMT).
    private readonly FakeClock _clock = new();
    private DateOnly Today => UkTime.Today(_clock);

    private ActionPlanService Service(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

    private async Task<string> WorkerAsync(Team team, string name, string role = Roles.Practitioner)
    {
        var user = await NewUserAsync(name, team);
        await using var db = AsSystem();
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync();
        if (roleId is null)
        {
            var newRole = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Roles.Add(newRole);
            roleId = newRole.Id;
        }
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync();
        return user.Id;
    }

    private static FixedUser As(Team team, string userId, string role = Roles.Practitioner) => new(userId, role, team.Id);

    [Fact]
    public async Task The_first_goal_starts_the_plan_steps_and_a_review_follow_and_the_audit_trail_has_no_free_text()
    {
        var team = await NewTeamAsync();
        var amira = await WorkerAsync(team, "Amira Test");
        var person = APerson().KnownTo(team).Build();
        await SaveAsync(person);
        await using (var db = As(As(team, amira)))
        {
            var goal = await Service(db).AddGoalAsync(person.Id, new GoalInput(" I want to find somewhere to live ", "Secret reasons"));
            var second = await Service(db).AddGoalAsync(person.Id, new GoalInput("I want to see my kids", null));
            Assert.Equal(goal.ActionPlanId, second.ActionPlanId);
            await Service(db).AddStepAsync(person.Id, goal.Id, new StepInput("Call the council", StepOwner.Worker, amira, null, Today.AddDays(3)));
            await Service(db).AddStepAsync(person.Id, goal.Id, new StepInput("Ask Mum for a reference", StepOwner.SomeoneElse, null, "Mum", null));
            var plan = (await Service(db).PlanAsync(person.Id))!;
            await Service(db).RecordReviewAsync(person.Id, plan.Id, new ReviewInput(Today, "Went well", Today.AddDays(28)), plan.Version);
        }

        await using var check = AsSystem();
        var stored = await check.Set<ActionPlan>().SingleAsync(p => p.PersonId == person.Id);
        Assert.Equal((team.Id, amira, _clock.Now, (DateOnly?)Today.AddDays(28)), (stored.TeamId, stored.CreatedByUserId, stored.CreatedAt, stored.NextReviewOn));
        Assert.Equal("I want to find somewhere to live", (await check.Set<ActionPlanGoal>().OrderBy(g => g.InTheirWords).FirstAsync(g => g.PersonId == person.Id)).InTheirWords);
        var steps = await check.Set<ActionPlanStep>().Where(s => s.PersonId == person.Id).OrderBy(s => s.What).ToListAsync();
        Assert.Equal([("Ask Mum for a reference", StepOwner.SomeoneElse, null, "Mum"), ("Call the council", StepOwner.Worker, amira, null)],
            steps.Select(s => (s.What, s.Who, s.WorkerUserId, s.SomeoneElse)).ToList());
        var audits = await check.AuditEvents.Where(a => a.PersonId == person.Id).ToListAsync();
        Assert.Equal(6, audits.Count);
        Assert.DoesNotContain(audits, a => (a.Detail ?? "").Contains("Secret", StringComparison.Ordinal) || (a.Detail ?? "").Contains("council", StringComparison.Ordinal));

        await using var read = As(As(team, amira));
        var view = (await Service(read).ViewAsync(person.Id))!;
        Assert.Equal("Amira Test", view.WhoDoes(view.Plans[0].Goals.SelectMany(g => g.Steps).Single(s => s.Who == StepOwner.Worker)));
        Assert.Equal("Call the council", view.StepsToDo.First().What);
        Assert.Single(view.Plans[0].Reviews);
    }

    [Fact]
    public async Task A_step_for_someone_outside_the_team_and_a_step_on_an_achieved_goal_are_refused()
    {
        var team = await NewTeamAsync();
        var other = await NewTeamAsync();
        var amira = await WorkerAsync(team, "Amira Test");
        var stranger = await WorkerAsync(other, "Someone Else");
        var person = APerson().KnownTo(team).Build();
        await SaveAsync(person);
        await using var db = As(As(team, amira));
        var goal = await Service(db).AddGoalAsync(person.Id, new GoalInput("I want a job", null));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).AddStepAsync(person.Id, goal.Id, new StepInput("Help with CV", StepOwner.Worker, stranger, null, null)));
        Assert.Equal("WorkerUserId", refused.Problems.Single().Field);
        await Service(db).EndGoalAsync(person.Id, goal.Id, GoalEnding.Achieved, null, goal.Version);
        await Assert.ThrowsAsync<ActionPlanRuleException>(() => Service(db).AddStepAsync(person.Id, goal.Id, new StepInput("Help with CV", StepOwner.Person, null, null, null)));
        var ended = (await Service(db).GoalAsync(person.Id, goal.Id))!;
        await Assert.ThrowsAsync<ActionPlanRuleException>(() => Service(db).EndGoalAsync(person.Id, goal.Id, GoalEnding.NoLongerWanted, null, ended.Version));
        Assert.Equal((GoalStatus.Achieved, amira, _clock.Now), (ended.Status, ended.AchievedByUserId, ended.AchievedAt!.Value));
    }

    [Fact]
    public async Task Two_editors_of_a_goal_step_or_plan_the_second_gets_a_conflict_and_nothing_is_overwritten()
    {
        var team = await NewTeamAsync();
        var amira = await WorkerAsync(team, "Amira Test");
        var sam = await WorkerAsync(team, "Sam Support", Roles.SupportWorker);
        var person = APerson().KnownTo(team).Build();
        await SaveAsync(person);
        ActionPlanGoal goal;
        ActionPlanStep step;
        await using (var db = As(As(team, amira)))
        {
            goal = await Service(db).AddGoalAsync(person.Id, new GoalInput("I want a flat", null));
            step = await Service(db).AddStepAsync(person.Id, goal.Id, new StepInput("Call the council", StepOwner.Person, null, null, null));
        }
        var plan = (await QueryAsync(db => db.Set<ActionPlan>().SingleAsync(p => p.PersonId == person.Id)));

        await using (var first = As(As(team, amira))) await Service(first).ChangeGoalAsync(person.Id, goal.Id, new GoalInput("I want a flat near Mum", null), goal.Version);
        await using (var second = As(As(team, sam, Roles.SupportWorker)))
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service(second).ChangeGoalAsync(person.Id, goal.Id, new GoalInput("I want a house", null), goal.Version));

        await using (var first = As(As(team, amira))) await Service(first).ChangeStepAsync(person.Id, step.Id, new StepInput("Call the council on Monday", StepOwner.Person, null, null, null), step.Version);
        await using (var second = As(As(team, sam, Roles.SupportWorker)))
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service(second).ChangeStepAsync(person.Id, step.Id, new StepInput("Write to the council", StepOwner.Person, null, null, null), step.Version));

        await using (var first = As(As(team, amira))) await Service(first).SetNextReviewAsync(person.Id, plan.Id, Today.AddDays(7), plan.Version);
        await using (var second = As(As(team, sam, Roles.SupportWorker)))
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service(second).RecordReviewAsync(person.Id, plan.Id, new ReviewInput(Today, "Note", Today.AddDays(30)), plan.Version));

        await using var check = AsSystem();
        Assert.Equal("I want a flat near Mum", (await check.Set<ActionPlanGoal>().SingleAsync(g => g.Id == goal.Id)).InTheirWords);
        Assert.Equal("Call the council on Monday", (await check.Set<ActionPlanStep>().SingleAsync(s => s.Id == step.Id)).What);
        Assert.Equal(Today.AddDays(7), (await check.Set<ActionPlan>().SingleAsync(p => p.Id == plan.Id)).NextReviewOn);
        Assert.Equal(0, await check.Set<ActionPlanReview>().CountAsync(r => r.PersonId == person.Id));
    }

    [Fact]
    public async Task Another_team_cannot_see_or_change_the_plan_and_one_that_knows_the_person_keeps_its_own()
    {
        var team = await NewTeamAsync();
        var other = await NewTeamAsync();
        var amira = await WorkerAsync(team, "Amira Test");
        var olu = await WorkerAsync(other, "Olu Other");
        var person = APerson().KnownTo(team).Build();
        var stranger = APerson().KnownTo(team).Build();
        await SaveAsync(person, stranger);
        ActionPlanGoal goal;
        await using (var db = As(As(team, amira))) goal = await Service(db).AddGoalAsync(stranger.Id, new GoalInput("I want a flat", null));

        await using (var db = As(As(other, olu)))
        {
            Assert.Null(await Service(db).ViewAsync(stranger.Id));
            await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(db).AddGoalAsync(stranger.Id, new GoalInput("Mine", null)));
            await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(db).ChangeGoalAsync(stranger.Id, goal.Id, new GoalInput("Mine", null), goal.Version));
            await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(db).AddStepAsync(stranger.Id, goal.Id, new StepInput("x", StepOwner.Person, null, null, null)));
        }

        // A team that also knows the person sees its own (empty) plan, not the other team's, and starts its own.
        await using (var sys = AsSystem())
        {
            var p = await sys.People.Include(x => x.TeamLinks).SingleAsync(x => x.Id == stranger.Id);
            p.TeamLinks.Add(PersonTeamLink.For(p, other.Id, _clock.Now));
            p.RefreshKeys();
            await sys.SaveChangesAsync();
        }
        await using (var db = As(As(other, olu)))
        {
            Assert.Empty((await Service(db).ViewAsync(stranger.Id))!.Plans);
            await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(db).ChangeGoalAsync(stranger.Id, goal.Id, new GoalInput("Mine", null), goal.Version));
            var own = await Service(db).AddGoalAsync(stranger.Id, new GoalInput("I want to stay well", null));
            Assert.NotEqual(goal.ActionPlanId, own.ActionPlanId);
        }
        Assert.Equal(2, await QueryAsync(db => db.Set<ActionPlan>().CountAsync(p => p.PersonId == stranger.Id)));
    }

    [Fact]
    public async Task Merging_two_records_that_each_have_a_plan_moves_the_merged_ones_plan_and_an_unmerge_puts_it_back()
    {
        var team = await NewTeamAsync();
        var amira = await WorkerAsync(team, "Amira Test");
        var jon = APerson().Named("Jon", "Smyth").BornOn(1985, 12, 3).WithPostcode("NS1 4AB").KnownTo(team).Build();
        var john = APerson().Named("John", "Smith").BornOn(1985, 3, 12).WithPostcode("NS1 4AB").KnownTo(team).Build();
        await SaveAsync(jon, john);
        await using (var db = As(As(team, amira)))
        {
            var g1 = await Service(db).AddGoalAsync(jon.Id, new GoalInput("I want a flat", null));
            await Service(db).AddStepAsync(jon.Id, g1.Id, new StepInput("Call the council", StepOwner.Person, null, null, null));
            var g2 = await Service(db).AddGoalAsync(john.Id, new GoalInput("I want a job", null));
            await Service(db).AddStepAsync(john.Id, g2.Id, new StepInput("Go to the job centre", StepOwner.Person, null, null, null));
            var plan2 = (await Service(db).PlanAsync(john.Id))!;
            await Service(db).RecordReviewAsync(john.Id, plan2.Id, new ReviewInput(Today, "Started", Today.AddDays(14)), plan2.Version);
        }

        var manager = new FixedUser("manager", Roles.TeamManager, team.Id);
        var auditorOf = (WaymarkDbContext db) => new Auditor(db, db.CurrentUser, _clock);
        await using (var db = As(manager)) await new DuplicateScan(db, auditorOf(db), _clock).ScanAsync(team.Id);
        var (a, b) = DuplicateCandidate.Order(jon.Id, john.Id);
        var candidate = await QueryAsync(db => db.DuplicateCandidates.SingleAsync(c => c.TeamId == team.Id && c.PersonAId == a && c.PersonBId == b));
        var versions = candidate.PersonAId == jon.Id ? new DecisionVersions(candidate.Version, jon.Version, john.Version) : new DecisionVersions(candidate.Version, john.Version, jon.Version);
        PersonMerge? merge;
        await using (var db = As(manager)) merge = await new PersonMerging(db, auditorOf(db), db.CurrentUser, _clock).MergeAsync(candidate.Id, jon.Id, versions);
        Assert.NotNull(merge);

        await using (var db = As(As(team, amira)))
        {
            var view = (await Service(db).ViewAsync(jon.Id))!;
            Assert.Equal(2, view.Plans.Count);
            Assert.Equal(["I want a flat", "I want a job"], view.Plans.SelectMany(p => p.Goals).Select(g => g.Goal.InTheirWords).Order().ToList());
            Assert.Equal(Today.AddDays(14), view.NextReviewOn);
            Assert.Single(view.Plans.SelectMany(p => p.Reviews));
        }
        var moves = (await QueryAsync(db => db.PersonMerges.SingleAsync(m => m.Id == merge.Id))).Moves;
        Assert.Equal((1, 1, 1, 1), (moves.ActionPlans!.Count, moves.ActionPlanGoals!.Count, moves.ActionPlanSteps!.Count, moves.ActionPlanReviews!.Count));

        await using (var db = As(manager)) await new PersonMerging(db, auditorOf(db), db.CurrentUser, _clock).UnmergeAsync(merge.Id, (await QueryAsync(d => d.PersonMerges.SingleAsync(m => m.Id == merge.Id))).Version);
        Assert.Equal(1, await QueryAsync(db => db.Set<ActionPlanStep>().CountAsync(s => s.PersonId == john.Id)));
        Assert.Equal(1, await QueryAsync(db => db.Set<ActionPlan>().CountAsync(p => p.PersonId == jon.Id)));
    }

    private async Task<T> QueryAsync<T>(Func<WaymarkDbContext, Task<T>> query)
    {
        await using var db = AsSystem();
        return await query(db);
    }
}

public sealed class ActionPlanServiceTestsOnSqlite(SqliteTestDatabase db) : ActionPlanServiceTests<SqliteTestDatabase>(db);

public sealed class ActionPlanServiceTestsOnPostgres(PostgresTestDatabase db) : ActionPlanServiceTests<PostgresTestDatabase>(db);
