using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Feedback;

/// <summary>
/// Users' experience (issue 15 item 6; docs/security.md): the device form, the paper sheet and typing a sheet in
/// need <see cref="Permission.RecordFeedback"/> (practitioners, support workers, team managers); the free text
/// ("/feedback/comments") is for team managers only (<see cref="Policies.ManageTeam"/>).
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Feedback", Policies.For(Permission.RecordFeedback));
        conventions.AuthorizePage("/Feedback/Comments", Policies.ManageTeam);
    }
}
