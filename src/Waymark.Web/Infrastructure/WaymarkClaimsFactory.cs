using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Waymark.Teams;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// Adds the user's display name to the sign-in cookie so pages can greet them without a query, and
/// <see cref="PasswordChangeRequired"/> while they must set a new password (read by <see cref="TeamAndTwoFactorFilter"/>).
/// </summary>
public class WaymarkClaimsFactory(UserManager<WaymarkUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<WaymarkUser, IdentityRole>(users, roles, options)
{
    public const string DisplayName = "waymark:name";
    /// <summary>Present ("true") while <see cref="WaymarkUser.PasswordChangeRequiredAt"/> is set: every page but the account pages sends them to change it.</summary>
    public const string PasswordChangeRequired = "waymark:pwchange";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(WaymarkUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(DisplayName, user.DisplayName));
        if (user.PasswordChangeRequiredAt is not null) id.AddClaim(new Claim(PasswordChangeRequired, "true"));
        return id;
    }
}
