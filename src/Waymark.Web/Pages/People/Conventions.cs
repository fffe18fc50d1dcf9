using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.People;

/// <summary>People's records: case workers; changing details needs <see cref="Permission.EditContactDetails"/> (identity details, checked by the page, need <see cref="Permission.EditIdentityDetails"/>).</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/People", Policies.CaseWork);
        conventions.AuthorizePage("/People/Edit", Policies.For(Permission.EditContactDetails));
    }
}
