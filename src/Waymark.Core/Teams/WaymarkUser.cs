using Microsoft.AspNetCore.Identity;
using Waymark.Persistence;

namespace Waymark.Teams;

[NotTeamScoped("Sign-in accounts; a user reaches teams through TeamMembership.")]
public class WaymarkUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public List<TeamMembership> Memberships { get; set; } = [];
}
