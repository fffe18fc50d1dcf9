using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Web.Infrastructure;

/// <summary>Issues the sign-in cookie with the team the user works in (when they have one team, or chose one).</summary>
public class TeamSignIn(SignInManager<WaymarkUser> signIn, WaymarkDbContext db)
{
    public Task<List<Team>> TeamsOfAsync(string userId) =>
        db.TeamMemberships.Where(m => m.UserId == userId).Select(m => m.Team!).OrderBy(t => t.Name).ToListAsync();

    /// <summary>Signs in for <paramref name="teamId"/>, or the user's only team; returns false if they must still choose.</summary>
    public async Task<bool> SignInAsync(WaymarkUser user, Guid? teamId, bool usedTwoFactor)
    {
        var teams = await TeamsOfAsync(user.Id);
        var team = teamId is { } id ? teams.FirstOrDefault(t => t.Id == id) : teams.Count == 1 ? teams[0] : null;
        var claims = new List<Claim> { new("amr", usedTwoFactor ? "mfa" : "pwd") };
        if (team is not null) claims.Add(new Claim(TeamClaims.TeamId, team.Id.ToString()));
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, claims);
        return team is not null;
    }
}
