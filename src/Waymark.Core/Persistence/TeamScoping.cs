using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Waymark.Duplicates;
using Waymark.Identification;
using Waymark.People;

namespace Waymark.Persistence;

/// <summary>
/// A row that belongs to one team: only that team sees it (a system actor sees every team's).
/// Marking an entity with this is all it takes to scope it; <see cref="TeamScoping"/> applies the filter.
/// </summary>
public interface ITeamOwned
{
    /// <summary>The team the row belongs to.</summary>
    Guid TeamId { get; }
}

/// <summary>
/// Part of a person's history: seen by the team that holds it and by every team that knows the person
/// (has a <see cref="PersonTeamLink"/>), because a team that works with someone may know their whole history.
/// Changing it is still only for the holding team; the services check that.
/// </summary>
public interface IPersonHistory
{
    /// <summary>The team that holds the work.</summary>
    Guid TeamId { get; }

    /// <summary>The person it is about.</summary>
    Guid PersonId { get; }
}

/// <summary>An entity deliberately left without a team filter; <see cref="Reason"/> says why.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotTeamScopedAttribute(string reason) : Attribute
{
    /// <summary>Why every team (or nobody but the code that reaches it through a filtered row) may read it.</summary>
    public string Reason { get; } = reason;
}

/// <summary>How an entity type is kept to the current team.</summary>
public enum TeamScope
{
    /// <summary>Neither scoped nor exempted: a mistake, which the convention tests catch.</summary>
    Undeclared,
    /// <summary><see cref="ITeamOwned"/>.</summary>
    TeamOwned,
    /// <summary><see cref="IPersonHistory"/>.</summary>
    PersonHistory,
    /// <summary>A filter of its own, declared in <see cref="TeamScoping.ExplicitFilters"/>.</summary>
    Explicit,
    /// <summary><see cref="NotTeamScopedAttribute"/>.</summary>
    Exempt,
}

/// <summary>
/// The one place that says which rows each team sees. Entity types are scoped by the marker they carry
/// (<see cref="ITeamOwned"/>, <see cref="IPersonHistory"/>); the few with a shape of their own are listed in
/// <see cref="ExplicitFilters"/> and filtered in <c>WaymarkDbContext.ApplyTeamScoping</c> below; the rest
/// carry <see cref="NotTeamScopedAttribute"/>.
/// </summary>
public static class TeamScoping
{
    /// <summary>Entity types whose filter is written out by hand, and why theirs is not one of the two shapes.</summary>
    public static IReadOnlyDictionary<Type, string> ExplicitFilters { get; } = new Dictionary<Type, string>
    {
        [typeof(Person)] = "A person has no team of their own: any team linked to them sees them.",
        [typeof(IdentificationDraft)] = "A draft is the user's own work in progress: their team and them only.",
        [typeof(PersonMerge)] = "The merging team, and any team that knows the kept person, so a merged record's old address can say where the person is now.",
    };

    /// <summary>How <paramref name="entity"/> is scoped.</summary>
    public static TeamScope ScopeOf(Type entity)
    {
        var owned = typeof(ITeamOwned).IsAssignableFrom(entity);
        var history = typeof(IPersonHistory).IsAssignableFrom(entity);
        var explicitly = ExplicitFilters.ContainsKey(entity);
        var exempt = entity.GetCustomAttribute<NotTeamScopedAttribute>() is not null;
        if ((owned ? 1 : 0) + (history ? 1 : 0) + (explicitly ? 1 : 0) + (exempt ? 1 : 0) > 1)
            throw new InvalidOperationException($"{entity.Name} is scoped more than one way; choose one.");
        return owned ? TeamScope.TeamOwned : history ? TeamScope.PersonHistory
            : explicitly ? TeamScope.Explicit : exempt ? TeamScope.Exempt : TeamScope.Undeclared;
    }
}

public abstract partial class WaymarkDbContext
{
    private static readonly MethodInfo ScopeToTeamMethod =
        typeof(WaymarkDbContext).GetMethod(nameof(ScopeToTeam), BindingFlags.Instance | BindingFlags.NonPublic)!;
    private static readonly MethodInfo ScopeToPersonHistoryMethod =
        typeof(WaymarkDbContext).GetMethod(nameof(ScopeToPersonHistory), BindingFlags.Instance | BindingFlags.NonPublic)!;

    /// <summary>Applies every team filter: by marker, then the explicit ones.</summary>
    private void ApplyTeamScoping(ModelBuilder b)
    {
        foreach (var entity in b.Model.GetEntityTypes().Where(e => !e.IsOwned() && !e.HasSharedClrType).ToList())
        {
            // Instance methods, so each filter's lambda captures this context: EF then reads CurrentTeamId
            // afresh, as a parameter, for every query on every context instance.
            var method = TeamScoping.ScopeOf(entity.ClrType) switch
            {
                TeamScope.TeamOwned => ScopeToTeamMethod,
                TeamScope.PersonHistory => ScopeToPersonHistoryMethod,
                _ => null,
            };
            method?.MakeGenericMethod(entity.ClrType).Invoke(this, [b]);
        }

        // The explicit ones (reasons in TeamScoping.ExplicitFilters).
        b.Entity<Person>().HasQueryFilter(p => SeesAllTeams || p.TeamLinks.Any(l => l.TeamId == CurrentTeamId));
        b.Entity<IdentificationDraft>().HasQueryFilter(x => SeesAllTeams || (x.TeamId == CurrentTeamId && x.UserId == _user.UserId));
        b.Entity<PersonMerge>().HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId
            || Set<PersonTeamLink>().Any(l => l.PersonId == x.KeptPersonId && l.TeamId == CurrentTeamId));
    }

    private void ScopeToTeam<T>(ModelBuilder b) where T : class, ITeamOwned =>
        b.Entity<T>().HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId);

    // Its own team's rows are tested first so caseload queries need no join to decide visibility.
    private void ScopeToPersonHistory<T>(ModelBuilder b) where T : class, IPersonHistory =>
        b.Entity<T>().HasQueryFilter(x => SeesAllTeams || x.TeamId == CurrentTeamId
            || Set<PersonTeamLink>().Any(l => l.PersonId == x.PersonId && l.TeamId == CurrentTeamId));
}
