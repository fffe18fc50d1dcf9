using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Persistence;

namespace Waymark.Web.Infrastructure;

public static class TeamClaims
{
    /// <summary>The team the user chose to work in for this sign-in.</summary>
    public const string TeamId = "waymark:team";
}

/// <summary>
/// The signed-in user, their role and the team they are working in, read from the auth cookie.
/// The team claim is only trusted while the user is still a member of that team.
/// </summary>
public class HttpCurrentUser(IHttpContextAccessor http, IServiceProvider services) : ICurrentUser
{
    private bool _system;
    private bool _teamChecked;
    private Guid? _team;
    private string? _partner;

    private ClaimsPrincipal? Principal => http.HttpContext?.User;

    public string? UserId => _system ? "system" : _partner ?? Principal?.FindFirstValue(ClaimTypes.NameIdentifier);

    public string? Role => _system ? "System" : _partner is not null ? PartnerRole : Principal?.FindFirstValue(ClaimTypes.Role);

    /// <summary>The role recorded in the audit trail for a partner agency reading the Open Referral API.</summary>
    public const string PartnerRole = "Partner";

    public bool IsSystem => _system;

    public Guid? TeamId
    {
        get
        {
            if (_system) return null;
            if (!_teamChecked) LoadTeamAsync(CancellationToken.None).GetAwaiter().GetResult(); // only outside the request pipeline
            return _team;
        }
    }

    /// <summary>
    /// Reads the team claim and checks the membership still holds (it can be withdrawn while a cookie is
    /// live). Run once per request by the pipeline, before any page asks.
    /// </summary>
    public async Task LoadTeamAsync(CancellationToken ct)
    {
        if (_system || _teamChecked) return;
        _teamChecked = true;
        var claim = Principal?.FindFirstValue(TeamClaims.TeamId);
        if (UserId is not { } userId || !Guid.TryParse(claim, out var teamId)) return;
        // Usually answered from memory. On a miss the request's own context asks: team memberships are not
        // team-filtered, so it needs no system scope of its own (and the team is only read after this returns).
        TeamName = await services.GetRequiredService<TeamMembershipCache>().TeamNameIfMemberAsync(userId, teamId,
            c => services.GetRequiredService<WaymarkDbContext>().TeamMemberships.AsNoTracking()
                .Where(m => m.TeamId == teamId && m.UserId == userId).Select(m => m.Team!.Name).FirstOrDefaultAsync(c), ct);
        _team = TeamName is null ? null : teamId;
    }

    /// <summary>The chosen team's name, once <see cref="TeamId"/> has been read.</summary>
    public string? TeamName { get; private set; }

    public string? DisplayName => Principal?.FindFirstValue(WaymarkClaimsFactory.DisplayName);

    /// <summary>What a partner's audit user id starts with, before the key's id ("api-key:&lt;id&gt;").</summary>
    public const string PartnerUserIdPrefix = "api-key:";

    /// <summary>
    /// A partner agency calling the read API with a team's key: it acts for that team only (whatever
    /// cookie the request may carry) and is audited as "api-key:&lt;id&gt;".
    /// </summary>
    public void ActForPartner(Guid teamId, Guid keyId)
    {
        _partner = PartnerUserIdPrefix + keyId.ToString("D");
        _team = teamId;
        _teamChecked = true;
        TeamName = null;
    }

    /// <summary>For start-up work (migrations, seeding) outside any request.</summary>
    public void ActAsSystem() => _system = true;
}
