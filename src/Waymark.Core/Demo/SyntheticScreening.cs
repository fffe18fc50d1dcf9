using Waymark.Assessment;
using Waymark.Episodes;
using Waymark.Screening;

namespace Waymark.Demo;

/// <summary>
/// Screening outcomes, assessments and formulations for the demo's synthetic episodes, so the person page and
/// the caseload show what a working team sees. Its own random source, so the people made are unchanged.
/// </summary>
public sealed class SyntheticScreening(int seed)
{
    private readonly Random _rng = new(seed);

    // What people say matters to them, by domain: made up, in the plain words people use.
    private static readonly Dictionary<string, string[]> Words = new()
    {
        ["housing"] = ["Somewhere to sleep that isn't the hostel", "A key of my own", "Not going back on the street"],
        ["money"] = ["Get my benefits sorted", "Stop the debt letters", "Enough to eat to the end of the week"],
        ["food"] = ["Something to eat today", "Not relying on the food bank"],
        ["mental-health"] = ["Stop the voices at night", "Feel less on edge", "Someone to talk to who gets it"],
        ["self-harm"] = ["Get through the nights", "Not hurting myself when it gets bad"],
        ["substance-use"] = ["Get back on my script", "Cut down the drinking"],
        ["risk-from-others"] = ["Get away from the people at my flat", "Feel safe going home"],
        ["learning-disability"] = ["Someone to help with the letters"],
        ["brain-injury"] = ["Find out why I keep forgetting things"],
        ["physical-health"] = ["Get my leg seen to"],
        ["gp-registration"] = ["Get a doctor"],
        ["family-social"] = ["See my kids again"],
        ["education"] = ["Help with reading forms"],
    };

    private static readonly string[] MattersToMe =
    [
        "Staying out of trouble and seeing my kids.",
        "A place to live and a bit of peace.",
        "Not ending up back in here.",
        "Getting my head straight.",
    ];

    /// <summary>Adds a screening outcome to a screened episode and an assessment to an assessed one.</summary>
    public (ScreeningOutcome? Outcome, PsychosocialAssessment? Assessment) For(Episode e, string userId, DateTimeOffset now)
    {
        if (e.ScreenedAt is not { } screenedAt) return (null, null);
        var needs = e.Vulnerabilities.Select(AssessmentDomains.FromIdentificationPrompt).OfType<string>().Distinct().ToList();
        if (needs.Contains("money") && _rng.Next(2) == 0) needs.Add("food");
        var urgency = needs.Contains("self-harm") ? Urgency.Immediate : _rng.Next(3) == 0 ? Urgency.Routine : Urgency.Today;
        var decision = _rng.Next(10) switch { 0 => ScreeningDecision.Signpost, 1 => ScreeningDecision.NoFurtherAction, _ => ScreeningDecision.FullAssessment };
        if (e.AssessedAt is not null) decision = ScreeningDecision.FullAssessment;
        var outcome = new ScreeningOutcome
        {
            TeamId = e.TeamId, EpisodeId = e.Id, PersonId = e.PersonId, Sequence = 1,
            Needs = string.Join(' ', AssessmentDomains.InListingOrder(needs)),
            RiskToSelf = needs.Contains("self-harm") ? RiskLevel.High : (RiskLevel)_rng.Next(0, 2),
            RiskToOthers = (RiskLevel)_rng.Next(0, 2),
            RiskFromOthers = needs.Contains("risk-from-others") ? RiskLevel.Medium : RiskLevel.None,
            Urgency = urgency,
            Decision = decision,
            SignpostedTo = decision == ScreeningDecision.Signpost ? "Citizens Advice drop-in" : null,
            RecordedAt = screenedAt,
            RecordedByUserId = userId,
        };
        outcome.AssessmentDueAt = AssessmentTargets.Default.DueAt(decision, urgency, screenedAt);
        // As ScreeningService does: screening (before the assessment) sets when the assessment is due, and it stays.
        e.AssessmentDueAt = outcome.AssessmentDueAt;
        if (e.AssessedAt is not { } assessedAt) return (outcome, null);

        var a = new PsychosocialAssessment
        {
            TeamId = e.TeamId, EpisodeId = e.Id, PersonId = e.PersonId,
            WhatMattersToMe = MattersToMe[_rng.Next(MattersToMe.Length)],
            RiskSummary = outcome.RiskToSelf == RiskLevel.High
                ? "Recent self-harm; no current plan. Agreed safety plan; sister is a protective factor."
                : "No current thoughts of self-harm. Low risk to others.",
            AdultSafeguardingConcern = needs.Contains("risk-from-others"),
            AdultSafeguardingDetails = needs.Contains("risk-from-others") ? "Others using his flat to deal from (cuckooing)." : null,
            AdultSafeguardingAction = needs.Contains("risk-from-others") ? "Adult safeguarding referral made the same day." : null,
            ChildSafeguardingConcern = false,
            StartedAt = assessedAt, StartedByUserId = userId, UpdatedAt = assessedAt, UpdatedByUserId = userId,
            CompletedAt = assessedAt, CompletedByUserId = userId,
        };
        var priority = 1;
        // Basic needs usually come first for the person too; the order is theirs.
        foreach (var code in AssessmentDomains.InListingOrder(needs))
        {
            var words = Words.TryGetValue(code, out var w) ? w[_rng.Next(w.Length)] : null;
            a.Needs.Add(new AssessedNeed
            {
                AssessmentId = a.Id, Domain = code, Finding = NeedFinding.Need,
                Severity = (Severity)_rng.Next(1, 4),
                PersonPriority = priority <= 3 ? priority : null,
                InTheirWords = priority <= 3 ? words : null,
            });
            priority++;
        }
        foreach (var code in new[] { "gp-registration", "physical-health" }.Where(c => !needs.Contains(c)))
            a.Needs.Add(new AssessedNeed { AssessmentId = a.Id, Domain = code, Finding = NeedFinding.NoNeed });
        return (outcome, a);
    }

    /// <summary>A first formulation for an assessed person: a living narrative, not a diagnosis.</summary>
    public FormulationRevision Formulation(Episode e, string userId) => new()
    {
        TeamId = e.TeamId, PersonId = e.PersonId, EpisodeId = e.Id, Number = 1,
        CoreProblems = "Low mood and poor sleep since losing his tenancy; drinking more to cope.",
        HowTheyRelate = "No address means no benefits; no money means more time on the street and more drinking, which worsens mood.",
        WhatMaintainsThem = "No ID to claim benefits; distrust of services after being turned away twice.",
        Plan = "Supported visit to the council's housing options team; replace ID; GP registration; review in two weeks.",
        WrittenAt = e.AssessedAt!.Value.AddHours(2),
        WrittenByUserId = userId,
    };
}
