using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Appointments;

/// <summary>Appointments: case workers read them; booking, outcomes and rescheduling need <see cref="Permission.RecordContacts"/>.</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Appointments", Policies.CaseWork);
        conventions.AuthorizePage("/Appointments/Book", Policies.For(Permission.RecordContacts));
        conventions.AuthorizePage("/Appointments/Outcome", Policies.For(Permission.RecordContacts));
        conventions.AuthorizePage("/Appointments/Reschedule", Policies.For(Permission.RecordContacts));
    }
}
