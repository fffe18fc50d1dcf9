using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Account;

/// <summary>Signing in, the second factor (a code or a recovery code) and what to do about a forgotten password are open to anyone; the other account pages need a signed-in user of any role.</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Account");
        conventions.AllowAnonymousToPage("/Account/SignIn");
        conventions.AllowAnonymousToPage("/Account/TwoFactor");
        conventions.AllowAnonymousToPage("/Account/RecoveryCode");
        conventions.AllowAnonymousToPage("/Account/ForgottenPassword");
    }
}
