using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Contacts;

/// <summary>
/// Contacts (case notes): case workers read them (the person's timeline, one contact); recording, correcting and marking
/// one as entered in error need <see cref="Permission.RecordContacts"/> (docs/security.md, "Contacts").
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Contacts", Policies.CaseWork);
        conventions.AuthorizePage("/Contacts/New", Policies.For(Permission.RecordContacts));
        conventions.AuthorizePage("/Contacts/Correct", Policies.For(Permission.RecordContacts));
        conventions.AuthorizePage("/Contacts/EnteredInError", Policies.For(Permission.RecordContacts));
    }
}
