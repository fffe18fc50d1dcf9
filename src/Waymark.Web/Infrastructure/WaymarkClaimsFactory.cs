using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Waymark.Teams;

namespace Waymark.Web.Infrastructure;

/// <summary>Adds the user's display name to the sign-in cookie so pages can greet them without a query.</summary>
public class WaymarkClaimsFactory(UserManager<WaymarkUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<WaymarkUser, IdentityRole>(users, roles, options)
{
    public const string DisplayName = "waymark:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(WaymarkUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(DisplayName, user.DisplayName));
        return id;
    }
}
