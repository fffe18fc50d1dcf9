using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ProactiveIdentification;

/// <summary>
/// Proactive identification from custody and court lists: importing lists, deciding matches and the screening queue are
/// for those who record identifications (practitioners and team managers; see docs/security.md, "Custody and court lists"). Choosing the
/// team's rules and the coverage figures are team settings and figures: team managers only.
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/ProactiveIdentification", Policies.For(Permission.RecordIdentification));
        conventions.AuthorizePage("/ProactiveIdentification/Rules", Policies.ManageTeam);
        conventions.AuthorizePage("/ProactiveIdentification/Figures", Policies.ManageTeam);
    }
}
