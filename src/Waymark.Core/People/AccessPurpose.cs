using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;

namespace Waymark.People;

/// <summary>
/// Caldicott's first principle, "justify the purpose": once a team's work with someone has ended
/// (its episodes with them are all closed), opening their record asks why, and the reason goes in the audit.
/// </summary>
public static class AccessPurpose
{
    public static readonly IReadOnlyList<(string Code, string Text)> Reasons =
    [
        ("returned", "They have come back to us (re-presentation or drop-in)"),
        ("follow-up", "Following up after their episode closed"),
        ("safeguarding", "A safeguarding concern"),
        ("information-request", "A request for information with a lawful basis (court, police or probation)"),
        ("audit", "Audit or quality review"),
        ("other", "Another reason"),
    ];

    public const int MaxOtherLength = 200;

    /// <summary>True when the current team's episodes with the person have all closed, so a reason is needed.</summary>
    public static async Task<bool> IsNeededAsync(WaymarkDbContext db, Guid personId, CancellationToken ct = default)
    {
        var team = db.CurrentUser.TeamId;
        // One query: is each of the team's episodes with them open?
        var open = await db.Episodes.Where(e => e.PersonId == personId && e.TeamId == team)
            .Select(e => e.ClosedAt == null).Distinct().ToListAsync(ct);
        return open.Count > 0 && !open.Contains(true);
    }

    /// <summary>The reason as it is audited, or an error message for the form.</summary>
    public static (string? Purpose, string? Error) Describe(string? code, string? other)
    {
        var reason = Reasons.FirstOrDefault(r => r.Code == code);
        if (reason.Code is null) return (null, "Select why you are opening this record");
        if (code != "other") return (reason.Text, null);
        if (string.IsNullOrWhiteSpace(other)) return (null, "Enter why you are opening this record");
        if (other.Trim().Length > MaxOtherLength) return (null, $"The reason must be {MaxOtherLength} characters or fewer");
        return ($"Other: {other.Trim()}", null);
    }
}
