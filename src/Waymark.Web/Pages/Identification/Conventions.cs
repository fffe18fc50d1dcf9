using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Identification;

/// <summary>The identification journey: case workers only.</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Identification", Policies.CaseWork);
    }
}
