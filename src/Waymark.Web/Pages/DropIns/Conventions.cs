using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.DropIns;

/// <summary>
/// Drop-ins (issue 14 item 3; docs/security.md, "Drop-ins"): case workers see the day's list and a drop-in; recording one
/// needs <see cref="Permission.RecordContacts"/> (it writes a contact); reopening support from one needs
/// <see cref="Permission.RecordIdentification"/> (a handler attribute on the drop-in page: a support worker records the
/// drop-in but cannot reopen).
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/DropIns", Policies.CaseWork);
        conventions.AuthorizePage("/DropIns/New", Policies.For(Permission.RecordContacts));
    }
}
