using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.SupportNetworks;

/// <summary>
/// A person's support network (issue 14 item 5; docs/security.md, "Families and support networks"): case workers read
/// it (<see cref="Permission.WorkWithCaseRecords"/>); adding, changing and removing members needs
/// <see cref="Permission.EditContactDetails"/>.
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/SupportNetworks", Policies.For(Permission.WorkWithCaseRecords));
        conventions.AuthorizePage("/SupportNetworks/Add", Policies.For(Permission.EditContactDetails));
        conventions.AuthorizePage("/SupportNetworks/Change", Policies.For(Permission.EditContactDetails));
        conventions.AuthorizePage("/SupportNetworks/Remove", Policies.For(Permission.EditContactDetails));
    }
}
