using System.Diagnostics;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Instruments;
using Waymark.Persistence;
using Waymark.Screening;

namespace Waymark.Bench.Screening;

/// <summary>Wall times of one completed screening, in milliseconds: the whole of it and each of its three saves.</summary>
internal readonly record struct ScreeningTimes(double Whole, double Phq9, double Bjmhs, double Outcome);

/// <summary>
/// A practitioner finishing a screening in custody, saved as the web app saves it: the PHQ-9 and the BJMHS,
/// each scored and saved in its own request, then the outcome. Every save gets a fresh DbContext, Auditor and
/// ScreeningService, as a scoped web request does, so each time includes what a request pays for them.
/// </summary>
internal sealed class CompletedScreening(Func<ICurrentUser, WaymarkDbContext> contextFor, InstrumentDefinition phq9, InstrumentDefinition bjmhs)
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    private static readonly string[] SignpostedTo =
        ["NHS Talking Therapies", "Citizens Advice", "Local drug and alcohol service", "Council housing options team", "Their GP", "Victim Support"];

    private static readonly string[] OftenFound = ["housing", "money", "substance-use", "physical-health", "trauma", "family-social", "gp-registration"];

    /// <summary>Saves one screening of <paramref name="episodeId"/>; answers and outcome come from <paramref name="random"/>.</summary>
    public async Task<ScreeningTimes> SaveAsync(Guid episodeId, ICurrentUser practitioner, Random random, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var (phq9Result, phq9Ms) = await SaveInstrumentAsync(episodeId, phq9, practitioner, random, ct);
        var (bjmhsResult, bjmhsMs) = await SaveInstrumentAsync(episodeId, bjmhs, practitioner, random, ct);

        var input = Outcome(phq9Result, bjmhsResult, random);
        var outcomeStart = Stopwatch.GetTimestamp();
        await using (var db = contextFor(practitioner))
        {
            var screening = new ScreeningService(db, new Auditor(db, practitioner, Clock), practitioner, Clock);
            await screening.RecordOutcomeAsync(episodeId, 0, input, ct);
        }
        var end = Stopwatch.GetTimestamp();
        return new ScreeningTimes(
            Stopwatch.GetElapsedTime(start, end).TotalMilliseconds, phq9Ms, bjmhsMs,
            Stopwatch.GetElapsedTime(outcomeStart, end).TotalMilliseconds);
    }

    /// <summary>The POST of the instrument page: score, then keep the result as the page builds it.</summary>
    private async Task<(InstrumentResult Result, double Ms)> SaveInstrumentAsync(
        Guid episodeId, InstrumentDefinition def, ICurrentUser practitioner, Random random, CancellationToken ct)
    {
        var answers = Answers(def, random);
        var start = Stopwatch.GetTimestamp();
        var result = InstrumentScorer.Score(def, answers);
        if (!result.IsValid) throw new InvalidOperationException($"{def.Id}: generated answers were refused: {result.Errors[0]}");
        await using (var db = contextFor(practitioner))
        {
            var screening = new ScreeningService(db, new Auditor(db, practitioner, Clock), practitioner, Clock);
            await screening.SaveCompletionAsync(episodeId, new ScoredInstrument(
                def.Id, def.Version, def.Title, answers, result.Total, result.Prorated, result.Band?.Label,
                [.. result.Flags.Select(f => f.Message)], [.. result.Outcomes.Select(o => o.Label)],
                result.Subscales.ToDictionary(s => s.Label, s => s.Score), result.Missing.Length), ct);
        }
        return (result, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    /// <summary>
    /// Every item answered, leaning to the lower options as most people's answers do; one screening in
    /// twenty leaves one optional item unanswered (the practitioner ticks "not answered").
    /// </summary>
    private static Dictionary<string, int?> Answers(InstrumentDefinition def, Random random)
    {
        var optional = def.Items.Where(i => !i.Required).ToList();
        var skip = optional.Count > 0 && random.Next(20) == 0 ? optional[random.Next(optional.Count)].Id : null;
        var answers = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var item in def.Items)
        {
            var n = item.Options.Length;
            answers[item.Id] = item.Id == skip ? null : item.Options[Math.Min(random.Next(n), random.Next(n))].Value;
        }
        return answers;
    }

    /// <summary>An outcome a practitioner could plausibly record after those two instruments.</summary>
    private static ScreeningOutcomeInput Outcome(InstrumentResult phq9, InstrumentResult bjmhs, Random random)
    {
        var selfHarm = phq9.Flags.Length > 0;
        var mentalHealth = selfHarm || bjmhs.Outcomes.Length > 0 || phq9.Total >= 10;
        var needs = new List<string>();
        if (mentalHealth) needs.Add("mental-health");
        if (selfHarm) needs.Add("self-harm");
        for (var i = random.Next(3); i > 0; i--) needs.Add(OftenFound[random.Next(OftenFound.Length)]);
        if (random.Next(10) == 0) needs.Add(AssessmentDomains.All[random.Next(AssessmentDomains.All.Count)].Code);

        var toSelf = selfHarm ? (random.Next(5) < 2 ? RiskLevel.High : RiskLevel.Medium) : Weighted(random, 55, 30, 13, 2);
        var toOthers = Weighted(random, 65, 25, 8, 2);
        var fromOthers = Weighted(random, 55, 30, 12, 3);
        var highest = new[] { toSelf, toOthers, fromOthers }.Max();

        var decision = mentalHealth || highest >= RiskLevel.Medium ? ScreeningDecision.FullAssessment
            : random.Next(10) switch { < 5 => ScreeningDecision.FullAssessment, < 8 => ScreeningDecision.Signpost, _ => ScreeningDecision.NoFurtherAction };
        var urgency = highest switch
        {
            RiskLevel.High => Urgency.Immediate,
            RiskLevel.Medium => Urgency.Today,
            _ => random.Next(3) == 0 ? Urgency.Today : Urgency.Routine,
        };
        return new ScreeningOutcomeInput(
            needs, toSelf, toOthers, fromOthers,
            highest >= RiskLevel.Medium ? "Discussed with the custody sergeant; observation level reviewed before release." : null,
            urgency, decision,
            decision == ScreeningDecision.Signpost ? SignpostedTo[random.Next(SignpostedTo.Length)] : null,
            random.Next(3) == 0 ? "Seen in the cell with the custody nurse present. Agreed to contact after release." : null);
    }

    /// <summary>None, low, medium or high with the given percentages.</summary>
    private static RiskLevel Weighted(Random random, int none, int low, int medium, int high)
    {
        var r = random.Next(none + low + medium + high);
        return r < none ? RiskLevel.None : r < none + low ? RiskLevel.Low : r < none + low + medium ? RiskLevel.Medium : RiskLevel.High;
    }
}
