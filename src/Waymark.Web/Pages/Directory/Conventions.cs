using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Directory;

/// <summary>The service directory: case workers; importing and exporting it is for team managers.</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Directory", Policies.CaseWork);
        conventions.AuthorizePage("/Directory/Import", Policies.ManageTeam);
        conventions.AuthorizePage("/Directory/Export", Policies.ManageTeam);
    }
}
