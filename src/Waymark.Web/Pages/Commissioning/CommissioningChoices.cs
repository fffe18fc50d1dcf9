using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Commissioning;

namespace Waymark.Web.Pages.Commissioning;

/// <summary>The team choice both commissioning pages offer: all the commissioner's teams, or one of them.</summary>
public static class CommissioningChoices
{
    /// <summary>"All my teams" (value empty) then each team by name (value its id).</summary>
    public static List<SelectListItem> TeamItems(IReadOnlyList<CommissionedTeam> teams) =>
        [new("All my teams", ""), .. teams.Select(t => new SelectListItem(t.Name, t.Id.ToString()))];

    /// <summary>
    /// The teams chosen: all of <paramref name="mine"/> when <paramref name="team"/> is empty, the one named when it is
    /// one of them, or null when it is anything else (not a team id, or someone else's team: the page answers 404).
    /// </summary>
    public static IReadOnlyList<CommissionedTeam>? Chosen(IReadOnlyList<CommissionedTeam> mine, string? team)
    {
        if (string.IsNullOrEmpty(team)) return mine;
        return Guid.TryParse(team, out var id) && mine.FirstOrDefault(t => t.Id == id) is { } one ? [one] : null;
    }

    /// <summary>The teams as the coded detail of an audit event: their ids, comma-separated.</summary>
    public static string AuditTeams(IReadOnlyList<CommissionedTeam> teams) => string.Join(',', teams.Select(t => t.Id));
}
