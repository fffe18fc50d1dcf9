using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Waymark.Teams;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// Identity's sign-in manager, refusing a deactivated account (<see cref="WaymarkUser.DeactivatedAt"/>) at every way in:
/// the password, the authenticator code and the recovery code all pass through <see cref="CanSignInAsync"/>. The sign-in
/// page then shows its one message for every refusal, so it does not tell anyone that the account exists.
/// </summary>
public sealed class WaymarkSignInManager(UserManager<WaymarkUser> userManager, IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<WaymarkUser> claimsFactory, IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<WaymarkUser>> logger,
    IAuthenticationSchemeProvider schemes, IUserConfirmation<WaymarkUser> confirmation)
    : SignInManager<WaymarkUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>False for a deactivated account; otherwise Identity's own checks.</summary>
    public override async Task<bool> CanSignInAsync(WaymarkUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.DeactivatedAt is null && await base.CanSignInAsync(user);
    }
}
