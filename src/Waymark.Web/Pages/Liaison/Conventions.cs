using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Liaison;

/// <summary>
/// Consent to share with the criminal justice system: whoever holds <see cref="Permission.ShareWithCriminalJustice"/>
/// (practitioners, support workers, team managers); sharing without consent needs <see cref="Permission.ShareWithoutConsent"/>
/// (practitioners and team managers). docs/security.md, "Consent to share with the criminal justice system".
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Liaison", Policies.For(Permission.ShareWithCriminalJustice));
        conventions.AuthorizePage("/Liaison/WithoutConsent", Policies.For(Permission.ShareWithoutConsent));
    }
}
