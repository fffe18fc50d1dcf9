using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Agencies;

/// <summary>
/// Criminal justice agencies: every case worker lists and reads them (reports are addressed to them); adding, changing,
/// importing and exporting are for team managers, as retiring and reinstating are (handlers of the agency page).
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Agencies", Policies.CaseWork);
        conventions.AuthorizePage("/Agencies/New", Policies.ManageTeam);
        conventions.AuthorizePage("/Agencies/Edit", Policies.ManageTeam);
        conventions.AuthorizePage("/Agencies/Import", Policies.ManageTeam);
        conventions.AuthorizePage("/Agencies/Export", Policies.ManageTeam);
    }
}
