using Waymark.Assessment;
using Waymark.Persistence;

namespace Waymark.Screening;

public enum RiskLevel { None = 0, Low = 1, Medium = 2, High = 3 }

/// <summary>How soon the person needs a full assessment.</summary>
public enum Urgency { Immediate = 1, Today = 2, Routine = 3 }

public enum ScreeningDecision { FullAssessment = 1, NoFurtherAction = 2, Signpost = 3 }

public static class ScreeningChoices
{
    public static string Display(RiskLevel r) => r switch
    {
        RiskLevel.None => "None identified",
        _ => r.ToString(),
    };

    public static string TagColour(RiskLevel r) => r switch
    {
        RiskLevel.High => "nhsuk-tag--red",
        RiskLevel.Medium => "nhsuk-tag--orange",
        RiskLevel.Low => "nhsuk-tag--yellow",
        _ => "nhsuk-tag--grey",
    };

    public static string Display(Urgency u) => u switch
    {
        Urgency.Immediate => "Immediate",
        Urgency.Today => "Today",
        _ => "Routine",
    };

    public static string TagColour(Urgency u) => u switch
    {
        Urgency.Immediate => "nhsuk-tag--red",
        Urgency.Today => "nhsuk-tag--orange",
        _ => "nhsuk-tag--blue",
    };

    public static string Display(ScreeningDecision d) => d switch
    {
        ScreeningDecision.FullAssessment => "Full assessment",
        ScreeningDecision.NoFurtherAction => "No further action",
        _ => "Signpost",
    };
}

/// <summary>
/// What a screening concluded: the needs found, the level of risk and the urgency, and what happens
/// next. Never edited: a later view is a new outcome with the next <see cref="Sequence"/>, so the
/// history shows how the picture changed, and two practitioners cannot both add outcome n+1.
/// </summary>
public class ScreeningOutcome : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid EpisodeId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>1 for the first outcome of an episode, then 2, 3… (unique per episode).</summary>
    public int Sequence { get; set; }

    /// <summary>Assessment domain codes (<see cref="AssessmentDomains"/>), space separated.</summary>
    public string Needs { get; set; } = "";
    public RiskLevel RiskToSelf { get; set; }
    public RiskLevel RiskToOthers { get; set; }
    public RiskLevel RiskFromOthers { get; set; }
    public string? RiskNotes { get; set; }
    public Urgency Urgency { get; set; }
    public ScreeningDecision Decision { get; set; }
    /// <summary>Where the person was signposted, when that was the decision.</summary>
    public string? SignpostedTo { get; set; }
    public string? Notes { get; set; }
    /// <summary>Set from the team's targets when the decision is a full assessment.</summary>
    public DateTimeOffset? AssessmentDueAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }

    public IEnumerable<string> NeedCodes => AssessmentDomains.InListingOrder(Needs.Split(' ', StringSplitOptions.RemoveEmptyEntries));

}
