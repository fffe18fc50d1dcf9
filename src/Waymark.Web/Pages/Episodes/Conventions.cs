using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Episodes;

/// <summary>Episodes: case workers; allocating a key worker is for team managers.</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Episodes", Policies.CaseWork);
        conventions.AuthorizePage("/Episodes/Allocate", Policies.ManageTeam);
    }
}
