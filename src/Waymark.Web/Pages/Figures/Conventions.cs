using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Figures;

/// <summary>The team's figures: team managers only (<see cref="Policies.ManageTeam"/>).</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Figures", Policies.ManageTeam);
    }
}
