using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Commissioning;

/// <summary>
/// The commissioner view (figures under disclosure control) and the monthly dataset: commissioners only
/// (<see cref="Permission.ViewCommissionedFigures"/>; docs/security.md). Which teams a commissioner may see is decided on
/// the server from their team memberships, never from the address.
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions) =>
        conventions.AuthorizeFolder("/Commissioning", Policies.For(Permission.ViewCommissionedFigures));
}
