using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.CriminalJustice;

/// <summary>
/// Criminal justice events: case workers record them (<see cref="Waymark.Access.Permission.Refer"/> on the handler;
/// docs/security.md, "Criminal justice events and clocks", says why); the clocks list and the clock targets are for team managers.
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/CriminalJustice", Policies.CaseWork);
        conventions.AuthorizePage("/CriminalJustice/Clocks", Policies.ManageTeam);
        conventions.AuthorizePage("/CriminalJustice/ClockTargets", Policies.ManageTeam);
    }
}
