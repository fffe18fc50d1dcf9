namespace Waymark.Teams;

/// <summary>The roles of PRODUCT.md. Names are stored in Identity, so never rename one.</summary>
public static class Roles
{
    public const string Practitioner = nameof(Practitioner);
    public const string SupportWorker = nameof(SupportWorker);
    public const string Volunteer = nameof(Volunteer);
    public const string TeamManager = nameof(TeamManager);
    public const string Commissioner = nameof(Commissioner);
    public const string Administrator = nameof(Administrator);

    public static readonly IReadOnlyList<string> All =
        [Practitioner, SupportWorker, Volunteer, TeamManager, Commissioner, Administrator];

    /// <summary>Roles that work with identifiable people's records (commissioners see aggregates only; volunteers only their mentees' shared plans).</summary>
    public static readonly IReadOnlyList<string> CaseWorkers = [Practitioner, SupportWorker, TeamManager];

    public static string Display(string role) => role switch
    {
        SupportWorker => "Support worker",
        TeamManager => "Team manager",
        _ => role,
    };
}
