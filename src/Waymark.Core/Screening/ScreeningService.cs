using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Persistence;

namespace Waymark.Screening;

/// <summary>What a practitioner chose on the screening outcome form; nulls are unanswered questions.</summary>
public sealed record ScreeningOutcomeInput(
    IReadOnlyList<string> Needs,
    RiskLevel? RiskToSelf,
    RiskLevel? RiskToOthers,
    RiskLevel? RiskFromOthers,
    string? RiskNotes,
    Urgency? Urgency,
    ScreeningDecision? Decision,
    string? SignpostedTo,
    string? Notes)
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        foreach (var n in Needs.Where(n => !AssessmentDomains.IsKnown(n)).Distinct())
            yield return (nameof(Needs), $"\"{n}\" is not one of the needs listed");
        if (RiskToSelf is not { } a || !Enum.IsDefined(a)) yield return (nameof(RiskToSelf), "Select the level of risk to self");
        if (RiskToOthers is not { } b || !Enum.IsDefined(b)) yield return (nameof(RiskToOthers), "Select the level of risk to others");
        if (RiskFromOthers is not { } c || !Enum.IsDefined(c)) yield return (nameof(RiskFromOthers), "Select the level of risk from others");
        if (RiskNotes is { Length: > 4000 }) yield return (nameof(RiskNotes), "Risk notes must be 4,000 characters or fewer");
        if (Urgency is not { } u || !Enum.IsDefined(u)) yield return (nameof(Urgency), "Select how urgent a full assessment is");
        if (Decision is not { } d || !Enum.IsDefined(d)) yield return (nameof(Decision), "Select what happens next");
        else if (d == ScreeningDecision.Signpost && string.IsNullOrWhiteSpace(SignpostedTo))
            yield return (nameof(SignpostedTo), "Enter where the person was signposted to");
        if (SignpostedTo is { Length: > 500 }) yield return (nameof(SignpostedTo), "Where signposted must be 500 characters or fewer");
        if (Notes is { Length: > 4000 }) yield return (nameof(Notes), "Notes must be 4,000 characters or fewer");
    }
}

/// <summary>A scored instrument ready to keep: the engine's result flattened to what is stored.</summary>
public sealed record ScoredInstrument(
    string InstrumentId, string InstrumentVersion, string InstrumentTitle,
    IReadOnlyDictionary<string, int?> Answers,
    int? Total, bool Prorated, string? Band,
    IReadOnlyList<string> Flags, IReadOnlyList<string> Outcomes,
    IReadOnlyDictionary<string, int?> Subscales, int MissingCount);

/// <summary>
/// Screening on an episode: completed instruments and the outcome (need, risk, urgency, decision).
/// Only the team holding an open episode may add to it; everything is audited with the change.
/// </summary>
public class ScreeningService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    public Task<ScreeningOutcome?> LatestOutcomeAsync(Guid episodeId, CancellationToken ct = default) =>
        db.ScreeningOutcomes.AsNoTracking().Where(o => o.EpisodeId == episodeId)
            .OrderByDescending(o => o.Sequence).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<ScreeningOutcome>> OutcomesAsync(Guid episodeId, CancellationToken ct = default) =>
        await db.ScreeningOutcomes.AsNoTracking().Where(o => o.EpisodeId == episodeId)
            .OrderByDescending(o => o.Sequence).ToListAsync(ct);

    public async Task<IReadOnlyList<InstrumentCompletion>> CompletionsAsync(Guid episodeId, CancellationToken ct = default) =>
        await db.InstrumentCompletions.AsNoTracking().Where(c => c.EpisodeId == episodeId)
            .OrderByDescending(c => c.CompletedAt).ToListAsync(ct);

    public Task<InstrumentCompletion?> CompletionAsync(Guid id, CancellationToken ct = default) =>
        db.InstrumentCompletions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<InstrumentCompletion> SaveCompletionAsync(Guid episodeId, ScoredInstrument s, CancellationToken ct = default)
    {
        var episode = await db.OpenEpisodeOfTeamAsync(user, episodeId, "add a screening", ct);
        var c = new InstrumentCompletion
        {
            TeamId = episode.TeamId,
            EpisodeId = episode.Id,
            PersonId = episode.PersonId,
            InstrumentId = s.InstrumentId,
            InstrumentVersion = s.InstrumentVersion,
            InstrumentTitle = s.InstrumentTitle,
            AnswersJson = JsonSerializer.Serialize(s.Answers),
            Total = s.Total,
            Prorated = s.Prorated,
            Band = s.Band,
            Flags = s.Flags.Count == 0 ? null : string.Join('\n', s.Flags),
            Outcomes = s.Outcomes.Count == 0 ? null : string.Join('\n', s.Outcomes),
            SubscalesJson = s.Subscales.Count == 0 ? null : JsonSerializer.Serialize(s.Subscales),
            MissingCount = s.MissingCount,
            CompletedAt = clock.GetUtcNow(),
            CompletedByUserId = user.UserId!,
        };
        db.InstrumentCompletions.Add(c);
        audit.Add(AuditAction.Created, "InstrumentCompletion", c.Id.ToString(), episode.PersonId,
            $"{s.InstrumentId} {s.InstrumentVersion}: score {s.Total?.ToString() ?? "not calculated"}{(s.Flags.Count > 0 ? $", {s.Flags.Count} flag(s)" : "")}");
        await db.SaveChangesAsync(ct);
        return c;
    }

    /// <summary>
    /// Records a new outcome if the latest is still number <paramref name="basedOnSequence"/> (0 for none):
    /// sets when the assessment is due from the team's targets and marks the episode screened.
    /// </summary>
    public async Task<ScreeningOutcome> RecordOutcomeAsync(Guid episodeId, int basedOnSequence, ScreeningOutcomeInput input, CancellationToken ct = default)
    {
        ValidationFailedException.ThrowIfAny(input.Validate());
        var episode = await db.OpenEpisodeOfTeamAsync(user, episodeId, "record a screening outcome", ct);
        var latest = await db.ScreeningOutcomes.Where(o => o.EpisodeId == episodeId).MaxAsync(o => (int?)o.Sequence, ct) ?? 0;
        if (latest != basedOnSequence) throw new ConcurrencyConflictException(OutcomeConflict);

        var targets = await AssessmentTargetSettings.Of(db, episode.TeamId, ct);
        var now = clock.GetUtcNow();
        var outcome = new ScreeningOutcome
        {
            TeamId = episode.TeamId,
            EpisodeId = episode.Id,
            PersonId = episode.PersonId,
            Sequence = basedOnSequence + 1,
            Needs = string.Join(' ', AssessmentDomains.InListingOrder(input.Needs)),
            RiskToSelf = input.RiskToSelf!.Value,
            RiskToOthers = input.RiskToOthers!.Value,
            RiskFromOthers = input.RiskFromOthers!.Value,
            RiskNotes = Clean(input.RiskNotes),
            Urgency = input.Urgency!.Value,
            Decision = input.Decision!.Value,
            SignpostedTo = input.Decision == ScreeningDecision.Signpost ? Clean(input.SignpostedTo) : null,
            Notes = Clean(input.Notes),
            RecordedAt = now,
            RecordedByUserId = user.UserId!,
        };
        outcome.AssessmentDueAt = targets.DueAt(outcome.Decision, outcome.Urgency, now);
        db.ScreeningOutcomes.Add(outcome);

        if (episode.ScreenedAt is null) episode.RecordScreened(user.UserId!, now);
        // Once assessed, the due time is history; before that, the latest outcome decides it.
        if (episode.AssessedAt is null) episode.AssessmentDueAt = outcome.AssessmentDueAt;
        audit.Add(AuditAction.Created, "ScreeningOutcome", outcome.Id.ToString(), episode.PersonId,
            $"Outcome {outcome.Sequence}: {ScreeningChoices.Display(outcome.Decision)}, urgency {outcome.Urgency}, risk to self {outcome.RiskToSelf}, to others {outcome.RiskToOthers}, from others {outcome.RiskFromOthers}");
        // Outcomes are numbered 1, 2, 3…: someone else's outcome with our number is the same race.
        await db.SaveOrConflictAsync(OutcomeConflict, uniqueNumberIsConflict: true, ct);
        return outcome;
    }

    private const string OutcomeConflict =
        "Someone else recorded a screening outcome for this episode while you were working on yours. Yours has not been saved. Read their outcome below, then record yours again if it still needs changing.";

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
