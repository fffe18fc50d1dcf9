namespace Waymark.Access;

/// <summary>
/// Who is acting and for which team. The data layer scopes every query of people's records to
/// <see cref="TeamId"/>; a system actor (the CLI, the demo seeder) sees all teams.
/// </summary>
public interface ICurrentUser
{
    string? UserId { get; }
    string? Role { get; }
    Guid? TeamId { get; }
    bool IsSystem { get; }
}

/// <summary>For command-line tools and start-up work that act for no single team.</summary>
public sealed class SystemUser(string name = "system") : ICurrentUser
{
    public string? UserId { get; } = name;
    public string? Role => "System";
    public Guid? TeamId => null;
    public bool IsSystem => true;
}

/// <summary>A fixed user and team, for tests and background jobs acting for one team.</summary>
public sealed class FixedUser(string userId, string role, Guid teamId) : ICurrentUser
{
    public string? UserId { get; } = userId;
    public string? Role { get; } = role;
    public Guid? TeamId { get; } = teamId;
    public bool IsSystem => false;
}
