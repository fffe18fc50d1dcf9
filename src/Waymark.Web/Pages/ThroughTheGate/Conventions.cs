using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ThroughTheGate;

/// <summary>Through the gate (release plans): case workers read them; making, changing, releasing, cancelling and following up need <see cref="Permission.RecordContacts"/>.</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/ThroughTheGate", Policies.CaseWork);
        conventions.AuthorizePage("/ThroughTheGate/Edit", Policies.For(Permission.RecordContacts));
        conventions.AuthorizePage("/ThroughTheGate/Released", Policies.For(Permission.RecordContacts));
        conventions.AuthorizePage("/ThroughTheGate/Cancel", Policies.For(Permission.RecordContacts));
        conventions.AuthorizePage("/ThroughTheGate/FollowUp", Policies.For(Permission.RecordContacts));
    }
}
