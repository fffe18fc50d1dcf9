using Waymark.Persistence;

namespace Waymark.Referrals;

/// <summary>
/// A reminder to find out what happened to a sent referral. Tasks are created when it is sent (at the
/// team's intervals) and closed automatically once the outcome is known; done and closed are who-and-when.
/// </summary>
public class FollowUpTask : ITeamOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid ReferralId { get; set; }
    public Guid EpisodeId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>1 for the first follow-up of a referral, then 2, 3…</summary>
    public int Number { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public required string AssignedToUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneByUserId { get; set; }
    public string? DoneNote { get; set; }
    /// <summary>Closed without being done, e.g. the outcome became known.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedReason { get; set; }

    public bool IsOpen => DoneAt is null && ClosedAt is null;
    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueAt < now;
}

/// <summary>Parses and checks a team's follow-up intervals ("7, 28": days after sending).</summary>
public static class FollowUpIntervals
{
    public const string Default = "7,28";
    public const int MaxDays = 365;

    public static IReadOnlyList<int>? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var days = new List<int>();
        foreach (var part in text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) || d is < 1 or > MaxDays) return null;
            days.Add(d);
        }
        days = days.Distinct().Order().ToList();
        return days.Count is 0 or > 6 ? null : days;
    }

    public static string Format(IEnumerable<int> days) => string.Join(",", days);
}
