using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Web.Infrastructure;

/// <summary>The claim naming the server-side session (<see cref="UserSession"/>) a sign-in cookie belongs to.</summary>
public static class SessionClaims
{
    /// <summary>The <see cref="UserSession.Id"/>, as a GUID string.</summary>
    public const string SessionId = "waymark:sid";

    /// <summary>The session id in <paramref name="principal"/>, if it has a well-formed one.</summary>
    public static Guid? Of(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(SessionId), out var id) ? id : null;
}

/// <summary>
/// Issues the sign-in cookie with the team the user works in (when they have one team, or chose one) and the
/// server-side session it belongs to (started here, or continued when an already signed-in user changes team or enrols).
/// </summary>
public class TeamSignIn(SignInManager<WaymarkUser> signIn, WaymarkDbContext db, UserSessions sessions, IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    /// <summary>
    /// The user whose sign-in waits for its second factor, or null: none, or one begun before all their sessions were
    /// last ended (sign out everywhere, a password or two-factor reset), which is an earlier sign-in and is refused
    /// too. A refused one is ended here (its cookie removed), so the user starts again from the password.
    /// </summary>
    public async Task<WaymarkUser?> PendingTwoFactorUserAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return null;
        var pending = await signIn.Context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (UserSessions.PendingSignInStillValid(user, pending.Properties?.IssuedUtc)) return user;
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        return null;
    }

    public Task<List<Team>> TeamsOfAsync(string userId) =>
        db.TeamMemberships.Where(m => m.UserId == userId).Select(m => m.Team!).OrderBy(t => t.Name).ToListAsync();

    /// <summary>
    /// Signs in for <paramref name="teamId"/>, or the user's only team; returns false if they must still choose.
    /// <paramref name="continueSession"/>: the user is already signed in (choosing a team, enrolling in two-factor), so
    /// their current session goes on (same start, so the same absolute end); otherwise a new session starts.
    /// </summary>
    public async Task<bool> SignInAsync(WaymarkUser user, Guid? teamId, bool usedTwoFactor, bool continueSession = false)
    {
        var teams = await TeamsOfAsync(user.Id);
        // A commissioner works across all their teams (the commissioning pages read every membership), so one with
        // several is signed in for the first rather than asked to choose one it would not mean anything to pick.
        var team = teamId is { } id ? teams.FirstOrDefault(t => t.Id == id)
            : teams.Count == 1 || (teams.Count > 1 && await signIn.UserManager.IsInRoleAsync(user, Roles.Commissioner)) ? teams[0] : null;
        var current = continueSession && signIn.Context.User.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id
            ? SessionClaims.Of(signIn.Context.User) : null;
        var sessionId = current is { } live && await sessions.SetTeamAsync(live, user.Id, team?.Id)
            ? live
            : await sessions.StartAsync(user.Id, team?.Id);
        var claims = new List<Claim> { new("amr", usedTwoFactor ? "mfa" : "pwd"), new(SessionClaims.SessionId, sessionId.ToString()) };
        if (team is not null) claims.Add(new Claim(TeamClaims.TeamId, team.Id.ToString()));
        DropEarlierSignInCookie(signIn.Context.Response);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, claims);
        return team is not null;
    }

    /// <summary>
    /// Identity's own sign-in (password, authenticator or recovery code) has already set a cookie in this response, with
    /// no session: it would be refused. Only the cookie issued here is sent, so that a client which keeps the first of two
    /// cookies of one name (or sends both back) is not signed out.
    /// </summary>
    private void DropEarlierSignInCookie(HttpResponse response)
    {
        var name = cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name + "=";
        var setCookies = response.Headers.SetCookie;
        if (setCookies.Any(c => c?.StartsWith(name, StringComparison.Ordinal) == true))
            response.Headers.SetCookie = setCookies.Where(c => c?.StartsWith(name, StringComparison.Ordinal) != true).ToArray();
    }
}

/// <summary>
/// Accepts a sign-in cookie only while its server-side session is live: not ended (signed out, signed out everywhere,
/// password or two-factor reset, withdrawn from the team) and started less than <see cref="SecurityOptions.AbsoluteSessionHours"/>
/// ago. Runs on every authenticated request, after Identity's security stamp check: one primary-key read.
/// </summary>
public static class SessionValidation
{
    /// <summary>The cookie's OnValidatePrincipal: Identity's security stamp check, then the session check.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal?.Identity?.IsAuthenticated != true) return;
        var http = context.HttpContext;
        var userId = context.Principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var state = SessionState.Ended;
        if (SessionClaims.Of(context.Principal) is { } sessionId && userId is not null)
        {
            var hours = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.AbsoluteSessionHours;
            state = await http.RequestServices.GetRequiredService<UserSessions>()
                .CheckAsync(sessionId, userId, TimeSpan.FromHours(hours), http.RequestAborted);
        }
        if (state == SessionState.Active) return;
        context.RejectPrincipal();
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
