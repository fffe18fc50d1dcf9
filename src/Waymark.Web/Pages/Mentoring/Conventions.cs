using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Mentoring;

/// <summary>
/// Volunteer mentoring (docs/security.md, "Volunteer mentors"): the mentor's own pages need <see cref="Permission.Mentor"/>
/// (volunteers only: case workers see a mentee's whole record through their own pages); pairing a mentor with a person
/// and ending it (<see cref="ManagerPages"/>) need <see cref="Permission.ManageTeam"/>. One policy per page, so the two
/// never combine into one nobody holds.
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <summary>The pages of this folder for team managers rather than mentors.</summary>
    public static readonly IReadOnlySet<string> ManagerPages = new HashSet<string>(StringComparer.Ordinal) { "/Mentoring/Pair", "/Mentoring/End" };

    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AddFolderApplicationModelConvention("/Mentoring", model =>
            model.EndpointMetadata.Add(new AuthorizeAttribute(ManagerPages.Contains(model.ViewEnginePath)
                ? Policies.For(Permission.ManageTeam) : Policies.For(Permission.Mentor))));
    }
}
