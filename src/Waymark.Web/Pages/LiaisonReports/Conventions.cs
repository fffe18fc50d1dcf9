using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.LiaisonReports;

/// <summary>
/// Liaison reports: every case worker may read them (support workers included); writing, previewing to send and sending
/// are clinical liaison, so they need <see cref="Permission.Screen"/> (practitioners and team managers).
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/LiaisonReports", Policies.CaseWork);
        conventions.AuthorizePage("/LiaisonReports/New", Policies.For(Permission.Screen));
        conventions.AuthorizePage("/LiaisonReports/Edit", Policies.For(Permission.Screen));
        conventions.AuthorizePage("/LiaisonReports/Preview", Policies.For(Permission.Screen));
    }
}
