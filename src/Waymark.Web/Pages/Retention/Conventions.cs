using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Retention;

/// <summary>Retention and destruction (issue 16 item 2): administrators (<see cref="Permission.ManageRetention"/>).</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Retention", Policies.For(Permission.ManageRetention));
    }
}
