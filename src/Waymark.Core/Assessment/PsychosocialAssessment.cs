using Waymark.Persistence;

namespace Waymark.Assessment;

public enum NeedFinding { NoNeed = 1, Need = 2, NotAssessed = 3, PersonDeclined = 4 }

public enum Severity { Low = 1, Moderate = 2, High = 3 }

public static class NeedChoices
{
    public static string Display(NeedFinding f) => f switch
    {
        NeedFinding.NoNeed => "No need",
        NeedFinding.Need => "Need",
        NeedFinding.NotAssessed => "Not assessed",
        _ => "Person did not want to say",
    };

    public static string Display(Severity s) => s.ToString();

    public static string TagColour(Severity s) => s switch
    {
        Severity.High => "nhsuk-tag--red",
        Severity.Moderate => "nhsuk-tag--orange",
        _ => "nhsuk-tag--yellow",
    };
}

/// <summary>
/// The full psycho-social assessment of one episode: each domain's need, with the person's own
/// priorities at the core; the risk summary; safeguarding. One per episode; practitioners may save
/// it many times before completing it (a who-and-when milestone), and two saves of the same version
/// never overwrite each other (<see cref="IVersioned"/>).
/// </summary>
public class PsychosocialAssessment : IVersioned, IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid EpisodeId { get; set; }
    public Guid PersonId { get; set; }

    public List<AssessedNeed> Needs { get; set; } = [];

    /// <summary>In the person's own words: what they want to change, what matters to them.</summary>
    public string? WhatMattersToMe { get; set; }
    public string? RiskSummary { get; set; }
    public bool? AdultSafeguardingConcern { get; set; }
    public string? AdultSafeguardingDetails { get; set; }
    public string? AdultSafeguardingAction { get; set; }
    public bool? ChildSafeguardingConcern { get; set; }
    public string? ChildSafeguardingDetails { get; set; }
    public string? ChildSafeguardingAction { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public required string StartedByUserId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedByUserId { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedByUserId { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The needs found, basic needs first.</summary>
    public IEnumerable<AssessedNeed> NeedsFound =>
        Needs.Where(n => n.Finding == NeedFinding.Need).OrderBy(n => AssessmentDomains.OrderOf(n.Domain));

    /// <summary>What the person ranked, most important first.</summary>
    public IEnumerable<AssessedNeed> PersonsPriorities =>
        Needs.Where(n => n.PersonPriority is not null)
            .OrderBy(n => n.PersonPriority).ThenBy(n => AssessmentDomains.OrderOf(n.Domain));
}

/// <summary>One domain of an assessment.</summary>
[NotTeamScoped("Read through its assessment, which is filtered.")]
public class AssessedNeed
{
    public Guid AssessmentId { get; set; }
    public required string Domain { get; set; }
    public NeedFinding Finding { get; set; }
    public Severity? Severity { get; set; }
    public string? Notes { get; set; }
    /// <summary>The person's own ranking: 1 is what matters most to them; null if not ranked.</summary>
    public int? PersonPriority { get; set; }
    /// <summary>The need as the person put it ("I need somewhere to sleep that isn't the hostel").</summary>
    public string? InTheirWords { get; set; }
}
