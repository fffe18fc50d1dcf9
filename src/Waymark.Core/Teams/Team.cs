using Waymark.Persistence;

namespace Waymark.Teams;

/// <summary>An L&amp;D service covering named custody suites and courts.</summary>
[NotTeamScoped("The teams themselves: not a record about anyone.")]
public class Team
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    /// <summary>Custody suites and courts the team covers, one per line.</summary>
    public string Covers { get; set; } = "";
    /// <summary>Open episodes the team can hold before a warning shows; null means no limit.</summary>
    public int? CaseloadCapacity { get; set; }
    /// <summary>Default open episodes per worker before a warning; a membership may override it.</summary>
    public int? WorkerCapacity { get; set; }
    /// <summary>Assessment-due targets by urgency, in minutes (see <see cref="Waymark.Screening.AssessmentTargets"/>).</summary>
    public int ImmediateAssessmentMinutes { get; set; } = Waymark.Screening.AssessmentTargets.Default.ImmediateMinutes;
    public int TodayAssessmentMinutes { get; set; } = Waymark.Screening.AssessmentTargets.Default.TodayMinutes;
    public int RoutineAssessmentMinutes { get; set; } = Waymark.Screening.AssessmentTargets.Default.RoutineMinutes;

    public Waymark.Screening.AssessmentTargets AssessmentTargets =>
        new(ImmediateAssessmentMinutes, TodayAssessmentMinutes, RoutineAssessmentMinutes);

    /// <summary>Days after sending a referral when its follow-ups fall due, e.g. "7,28".</summary>
    public string FollowUpDays { get; set; } = Waymark.Referrals.FollowUpIntervals.Default;

    public List<TeamMembership> Members { get; set; } = [];
}

[NotTeamScoped("Decides which team a user acts for, so it is read before any team is known; team pages name their team explicitly.")]
public class TeamMembership
{
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public required string UserId { get; set; }
    public WaymarkUser? User { get; set; }
    /// <summary>This worker's own limit, e.g. a part-time worker; null falls back to the team's.</summary>
    public int? CaseloadCapacity { get; set; }
}
