using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Team;

/// <summary>
/// Team settings and team figures: team managers only. The team's members pages: team managers and administrators
/// (an administrator resets a member's two-factor authentication there).
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <summary>The pages of this folder that need <see cref="Permission.ManageMembers"/> rather than <see cref="Policies.ManageTeam"/>.</summary>
    public static readonly IReadOnlySet<string> MembersPages = new HashSet<string>(StringComparer.Ordinal) { "/Team/Members", "/Team/Member" };

    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AddFolderApplicationModelConvention("/Team", model =>
            model.EndpointMetadata.Add(new AuthorizeAttribute(MembersPages.Contains(model.ViewEnginePath) ? Policies.For(Permission.ManageMembers) : Policies.ManageTeam)));
    }
}
