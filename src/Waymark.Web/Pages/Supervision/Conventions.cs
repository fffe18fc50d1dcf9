using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Supervision;

/// <summary>
/// Staff supervision (issue 15 item 7; docs/security.md): the team's list and recording a session are for team
/// managers (<see cref="Policies.ManageTeam"/>); "/supervision/mine", a worker's own status, for every case worker.
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions) =>
        conventions.AddFolderApplicationModelConvention("/Supervision", model =>
            model.EndpointMetadata.Add(new AuthorizeAttribute(model.ViewEnginePath == "/Supervision/Mine" ? Policies.CaseWork : Policies.ManageTeam)));
}
