using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.People;

/// <summary>People's records: case workers only.</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/People", Policies.CaseWork);
    }
}
