using Microsoft.AspNetCore.Identity;

namespace Waymark.Teams;

public class WaymarkUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public List<TeamMembership> Memberships { get; set; } = [];
}
