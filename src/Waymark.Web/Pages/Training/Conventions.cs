using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Training;

/// <summary>
/// Training the team delivers to criminal justice staff (issue 15 item 7; docs/security.md): case workers see the
/// list; recording or changing a session needs <see cref="Permission.RecordContacts"/>, since the practitioner or support
/// worker who delivered it is the one who knows the numbers (team managers hold it too).
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Training", Policies.CaseWork);
        conventions.AuthorizePage("/Training/New", Policies.For(Permission.RecordContacts));
        conventions.AuthorizePage("/Training/Edit", Policies.For(Permission.RecordContacts));
    }
}
