using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Administration;

/// <summary>Administration of user accounts in the browser (issue 16 item 4): administrators only (<see cref="Permission.AdministerUsers"/>).</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Administration", Policies.For(Permission.AdministerUsers));
    }
}
