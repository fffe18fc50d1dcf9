using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Waymark.Access;
using Waymark.Persistence;

namespace Waymark.Core.Tests.Conventions;

/// <summary>
/// Every table is scoped to the current team by convention (Persistence/TeamScoping.cs) or says why not:
/// a new entity cannot be added without deciding, and no marker can be present without its filter.
/// </summary>
public class TeamScopingConventionTests
{
    private static IEnumerable<IEntityType> Entities(WaymarkDbContext db) => db.Model.GetEntityTypes().Where(e => !e.IsOwned());

    private static string Describe(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(DesignTimeModels.Providers), MemberType = typeof(DesignTimeModels))]
    public void Every_entity_with_a_team_or_person_id_is_scoped_by_convention_or_exempted_with_a_reason(DatabaseProvider provider)
    {
        using var db = DesignTimeModels.Context(provider);
        var undeclared = Entities(db)
            .Where(e => e.FindProperty("TeamId") is not null || e.FindProperty("PersonId") is not null)
            .Where(e => TeamScoping.ScopeOf(e.ClrType) == TeamScope.Undeclared)
            .Select(e => e.ClrType.Name).ToList();
        Assert.True(undeclared.Count == 0,
            $"These entities have a TeamId or PersonId but no team scope: {Describe(undeclared)}. Implement ITeamOwned or IPersonHistory, " +
            "add a filter to TeamScoping.ExplicitFilters, or mark the class [NotTeamScoped(\"why\")].");
    }

    [Theory]
    [MemberData(nameof(DesignTimeModels.Providers), MemberType = typeof(DesignTimeModels))]
    public void Every_Waymark_entity_declares_its_scope_and_every_exemption_gives_a_reason(DatabaseProvider provider)
    {
        using var db = DesignTimeModels.Context(provider);
        var ours = Entities(db).Where(e => e.ClrType.Namespace?.StartsWith("Waymark.", StringComparison.Ordinal) == true).ToList();
        var undeclared = ours.Where(e => TeamScoping.ScopeOf(e.ClrType) == TeamScope.Undeclared).Select(e => e.ClrType.Name).ToList();
        Assert.True(undeclared.Count == 0, $"These entities neither carry a team scope nor [NotTeamScoped(\"why\")]: {Describe(undeclared)}.");

        var unexplained = ours.Where(e => TeamScoping.ScopeOf(e.ClrType) == TeamScope.Exempt)
            .Where(e => string.IsNullOrWhiteSpace(e.ClrType.GetCustomAttributes(typeof(NotTeamScopedAttribute), false).Cast<NotTeamScopedAttribute>().Single().Reason))
            .Select(e => e.ClrType.Name).ToList();
        Assert.True(unexplained.Count == 0, $"[NotTeamScoped] needs a reason on: {Describe(unexplained)}.");
        Assert.All(TeamScoping.ExplicitFilters, f => Assert.False(string.IsNullOrWhiteSpace(f.Value), $"{f.Key.Name} needs a reason."));
    }

    [Theory]
    [MemberData(nameof(DesignTimeModels.Providers), MemberType = typeof(DesignTimeModels))]
    public void Each_scoped_entity_has_its_filter_and_no_exempt_one_has_one(DatabaseProvider provider)
    {
        using var db = DesignTimeModels.Context(provider);
        var unfiltered = new List<string>();
        var stray = new List<string>();
        foreach (var e in Entities(db))
        {
            var scoped = TeamScoping.ScopeOf(e.ClrType) is TeamScope.TeamOwned or TeamScope.PersonHistory or TeamScope.Explicit;
            var filtered = e.GetDeclaredQueryFilters().Count > 0;
            if (scoped && !filtered) unfiltered.Add(e.ClrType.Name);
            if (!scoped && filtered) stray.Add(e.ClrType.Name);
        }
        Assert.True(unfiltered.Count == 0, $"Marked as team-scoped but with no query filter in the model: {Describe(unfiltered)}.");
        Assert.True(stray.Count == 0, $"Filtered outside the convention (declare it in Persistence/TeamScoping.cs): {Describe(stray)}.");
    }

    [Theory]
    [MemberData(nameof(DesignTimeModels.Providers), MemberType = typeof(DesignTimeModels))]
    public void The_filtered_entities_and_their_shapes_are_those_filtered_before_the_convention(DatabaseProvider provider)
    {
        // Pinned from the hand-written filters the convention replaced: any change here is a change of who sees what.
        using var db = DesignTimeModels.Context(provider);
        var shapes = Entities(db).Where(e => e.GetDeclaredQueryFilters().Count > 0)
            .ToDictionary(e => e.ClrType.Name, e => TeamScoping.ScopeOf(e.ClrType));
        Assert.Equal(new Dictionary<string, TeamScope>
        {
            ["PersonMatchKey"] = TeamScope.TeamOwned, ["MatchDecision"] = TeamScope.TeamOwned, ["FollowUpTask"] = TeamScope.TeamOwned,
            ["ConsentToShare"] = TeamScope.TeamOwned, ["Organisation"] = TeamScope.TeamOwned, ["LocalService"] = TeamScope.TeamOwned,
            ["DirectoryApiKey"] = TeamScope.TeamOwned, ["DuplicateCandidate"] = TeamScope.TeamOwned,
            ["CriminalJusticeAgency"] = TeamScope.TeamOwned, ["CriminalJusticeConsent"] = TeamScope.PersonHistory, ["SharingWithoutConsent"] = TeamScope.PersonHistory,
            ["ProactiveList"] = TeamScope.TeamOwned, ["ProactiveListRow"] = TeamScope.TeamOwned, ["ProactiveScreeningSettings"] = TeamScope.TeamOwned,
            ["Episode"] = TeamScope.PersonHistory, ["InstrumentCompletion"] = TeamScope.PersonHistory, ["ScreeningOutcome"] = TeamScope.PersonHistory,
            ["PsychosocialAssessment"] = TeamScope.PersonHistory, ["FormulationRevision"] = TeamScope.PersonHistory, ["Referral"] = TeamScope.PersonHistory,
            ["Outcome"] = TeamScope.PersonHistory,
            ["LiaisonReport"] = TeamScope.PersonHistory,
            ["CriminalJusticeEvent"] = TeamScope.PersonHistory, ["CriminalJusticeClock"] = TeamScope.PersonHistory, ["CriminalJusticeClockSettings"] = TeamScope.TeamOwned,
            ["Contact"] = TeamScope.PersonHistory, ["Appointment"] = TeamScope.PersonHistory, ["Reminder"] = TeamScope.PersonHistory,
            ["ActionPlan"] = TeamScope.PersonHistory, ["ActionPlanGoal"] = TeamScope.PersonHistory, ["ActionPlanStep"] = TeamScope.PersonHistory, ["ActionPlanReview"] = TeamScope.PersonHistory,
            ["PlannedEndChange"] = TeamScope.PersonHistory, ["CalendarFeed"] = TeamScope.TeamOwned, ["SupportSettings"] = TeamScope.TeamOwned,
            ["DropIn"] = TeamScope.PersonHistory, ["SupportNetworkMember"] = TeamScope.PersonHistory,
            ["MentoringPairing"] = TeamScope.PersonHistory,
            ["CrisisPlan"] = TeamScope.PersonHistory, ["CrisisPlanVersion"] = TeamScope.PersonHistory, ["CrisisPlanShare"] = TeamScope.PersonHistory,
            ["ReleasePlan"] = TeamScope.PersonHistory,
            ["UnmetNeed"] = TeamScope.PersonHistory,
            ["LegalHold"] = TeamScope.PersonHistory,
            ["FeedbackResponse"] = TeamScope.TeamOwned, ["TrainingSession"] = TeamScope.TeamOwned, ["SupervisionSession"] = TeamScope.TeamOwned,
            ["Person"] = TeamScope.Explicit, ["IdentificationDraft"] = TeamScope.Explicit, ["PersonMerge"] = TeamScope.Explicit,
        }.OrderBy(x => x.Key, StringComparer.Ordinal), shapes.OrderBy(x => x.Key, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DesignTimeModels.Providers), MemberType = typeof(DesignTimeModels))]
    public void Each_context_sends_its_own_team_as_a_parameter(DatabaseProvider provider)
    {
        // The filters must read the team from the context instance (a parameter), never bake one team into the model.
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        string Sql(Guid team)
        {
            var scoped = provider == DatabaseProvider.Sqlite
                ? new SqliteWaymarkDbContext(new DbContextOptionsBuilder<SqliteWaymarkDbContext>().UseSqlite("Data Source=design.db").Options).ActingFor(new FixedUser("u", "Practitioner", team))
                : new PostgresWaymarkDbContext(new DbContextOptionsBuilder<PostgresWaymarkDbContext>().UseNpgsql("Host=localhost;Database=design").Options).ActingFor(new FixedUser("u", "Practitioner", team));
            using (scoped) return scoped.Episodes.ToQueryString() + "\n" + scoped.DuplicateCandidates.ToQueryString();
        }
        var (sqlA, sqlB) = (Sql(a), Sql(b));
        Assert.Contains("CurrentTeamId", sqlA, StringComparison.Ordinal);
        Assert.Contains("PersonTeamLinks", sqlA, StringComparison.Ordinal); // the person-history shape's EXISTS
        Assert.Contains(a.ToString(), sqlA, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(a.ToString(), sqlB, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(sqlA.Replace(a.ToString(), "TEAM", StringComparison.OrdinalIgnoreCase), sqlB.Replace(b.ToString(), "TEAM", StringComparison.OrdinalIgnoreCase));
    }
}
