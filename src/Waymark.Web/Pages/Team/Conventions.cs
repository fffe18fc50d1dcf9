using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Team;

/// <summary>Team settings and team figures: team managers only.</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Team", Policies.ManageTeam);
    }
}
