using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Persistence;

namespace Waymark.Assessment;

public sealed record AssessedNeedInput(string Domain, NeedFinding? Finding, Severity? Severity, string? Notes, int? PersonPriority, string? InTheirWords);

/// <summary>What the assessment form holds. Validation is stricter when the practitioner completes it.</summary>
public sealed record AssessmentInput(
    IReadOnlyList<AssessedNeedInput> Needs,
    string? WhatMattersToMe,
    string? RiskSummary,
    bool? AdultSafeguardingConcern, string? AdultSafeguardingDetails, string? AdultSafeguardingAction,
    bool? ChildSafeguardingConcern, string? ChildSafeguardingDetails, string? ChildSafeguardingAction)
{
    public const int MaxPriority = 20;

    /// <summary>Field keys are "Needs[domain].Finding" etc., so a form can put each message by its field.</summary>
    public IEnumerable<(string Field, string Message)> Validate(bool completing)
    {
        var priorities = new Dictionary<int, string>();
        foreach (var n in Needs)
        {
            var domain = AssessmentDomains.Find(n.Domain);
            if (domain is null) { yield return ("Needs", $"\"{n.Domain}\" is not an assessment domain"); continue; }
            var key = $"Needs[{n.Domain}]";
            if (n.Finding is { } f && !Enum.IsDefined(f)) yield return ($"{key}.Finding", $"{domain.Name}: select an answer from the list");
            if (n.Severity is { } s && !Enum.IsDefined(s)) yield return ($"{key}.Severity", $"{domain.Name}: select a severity from the list");
            else if (n.Severity is not null && n.Finding != NeedFinding.Need) yield return ($"{key}.Severity", $"{domain.Name}: severity is only for a need; choose 'Need' or clear the severity");
            else if (completing && n.Finding == NeedFinding.Need && n.Severity is null) yield return ($"{key}.Severity", $"{domain.Name}: select how severe the need is");
            if (n.Notes is { Length: > 4000 }) yield return ($"{key}.Notes", $"{domain.Name}: notes must be 4,000 characters or fewer");
            if (n.InTheirWords is { Length: > 1000 }) yield return ($"{key}.InTheirWords", $"{domain.Name}: the person's words must be 1,000 characters or fewer");
            if (n.PersonPriority is { } p)
            {
                if (p is < 1 or > MaxPriority) yield return ($"{key}.PersonPriority", $"{domain.Name}: priority must be a number from 1 to {MaxPriority}");
                else if (n.Finding != NeedFinding.Need) yield return ($"{key}.PersonPriority", $"{domain.Name}: only a need can be one of the person's priorities; choose 'Need' or clear the priority");
                else if (priorities.TryGetValue(p, out var other)) yield return ($"{key}.PersonPriority", $"{domain.Name}: priority {p} is already given to {AssessmentDomains.NameOf(other)}; give each need a different number");
                else priorities[p] = n.Domain;
            }
            else if (!string.IsNullOrWhiteSpace(n.InTheirWords) && n.Finding != NeedFinding.Need)
                yield return ($"{key}.InTheirWords", $"{domain.Name}: the person's words go with a need; choose 'Need' or clear them");
        }
        // Areas left unanswered are "not assessed"; a completed assessment must have looked at something.
        if (completing && !Needs.Any(n => n.Finding is NeedFinding.Need or NeedFinding.NoNeed))
            yield return ("Needs", "Record whether there is a need in at least one area before completing the assessment");
        if (WhatMattersToMe is { Length: > 4000 }) yield return (nameof(WhatMattersToMe), "What matters to the person must be 4,000 characters or fewer");
        if (RiskSummary is { Length: > 8000 }) yield return (nameof(RiskSummary), "Risk summary must be 8,000 characters or fewer");
        if (completing && string.IsNullOrWhiteSpace(RiskSummary)) yield return (nameof(RiskSummary), "Enter a risk summary");
        foreach (var e in Safeguarding("Adult", AdultSafeguardingConcern, AdultSafeguardingDetails, AdultSafeguardingAction, completing)) yield return e;
        foreach (var e in Safeguarding("Child", ChildSafeguardingConcern, ChildSafeguardingDetails, ChildSafeguardingAction, completing)) yield return e;
    }

    private static IEnumerable<(string, string)> Safeguarding(string who, bool? concern, string? details, string? action, bool completing)
    {
        var name = who == "Adult" ? "adults" : "children";
        if (completing && concern is null) yield return ($"{who}SafeguardingConcern", $"Select whether there are safeguarding concerns for {name}");
        if (concern == true && string.IsNullOrWhiteSpace(details)) yield return ($"{who}SafeguardingDetails", $"Describe the safeguarding concern for {name}");
        if (concern == true && string.IsNullOrWhiteSpace(action)) yield return ($"{who}SafeguardingAction", $"Enter the action taken on the safeguarding concern for {name}");
        if (details is { Length: > 4000 }) yield return ($"{who}SafeguardingDetails", "Safeguarding details must be 4,000 characters or fewer");
        if (action is { Length: > 4000 }) yield return ($"{who}SafeguardingAction", "Action taken must be 4,000 characters or fewer");
    }
}

/// <summary>
/// The psycho-social assessment of an episode. A save applies only to the version the practitioner
/// loaded; completing it records the episode's "assessed" milestone.
/// </summary>
public class AssessmentService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    public Task<PsychosocialAssessment?> FindAsync(Guid episodeId, CancellationToken ct = default) =>
        db.Assessments.AsNoTracking().Include(a => a.Needs).FirstOrDefaultAsync(a => a.EpisodeId == episodeId, ct);

    /// <summary>
    /// Saves the assessment. <paramref name="expectedVersion"/> is null when the practitioner started a
    /// new one; if someone else saved first (or started one meanwhile) nothing is written.
    /// </summary>
    public async Task<PsychosocialAssessment> SaveAsync(Guid episodeId, Guid? expectedVersion, AssessmentInput input, bool complete, CancellationToken ct = default)
    {
        ValidationFailedException.ThrowIfAny(input.Validate(complete));
        var episode = await db.OpenEpisodeOfTeamAsync(user, episodeId, "change its assessment", ct);

        var now = clock.GetUtcNow();
        var a = await db.Assessments.Include(x => x.Needs).FirstOrDefaultAsync(x => x.EpisodeId == episodeId, ct);
        var created = a is null;
        if (a is null)
        {
            if (expectedVersion is not null) throw new ConcurrencyConflictException(Conflict);
            a = new PsychosocialAssessment
            {
                TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = episode.PersonId,
                StartedAt = now, StartedByUserId = user.UserId!, UpdatedByUserId = user.UserId!,
            };
            db.Assessments.Add(a);
        }
        else
        {
            if (expectedVersion is not { } v || v != a.Version) throw new ConcurrencyConflictException(Conflict);
            db.ExpectVersion(a, v);
        }

        var changed = Apply(a, input);
        a.UpdatedAt = now;
        a.UpdatedByUserId = user.UserId!;
        var detail = created ? "Started" : "Saved";
        if (complete && a.CompletedAt is null)
        {
            (a.CompletedAt, a.CompletedByUserId) = (now, user.UserId);
            if (episode.AssessedAt is null) episode.RecordAssessed(user.UserId!, now);
            detail = created ? "Started and completed" : "Completed";
        }
        audit.Add(created ? AuditAction.Created : AuditAction.Updated, "Assessment", a.Id.ToString(), a.PersonId,
            $"{detail}; needs found: {a.Needs.Count(n => n.Finding == NeedFinding.Need)}" + (changed.Count > 0 ? "; changed: " + string.Join(", ", changed) : ""));
        // A unique violation: someone else started this episode's assessment meanwhile.
        await db.SaveOrConflictAsync(Conflict, uniqueNumberIsConflict: true, ct);
        return a;
    }

    /// <summary>Copies the form onto the assessment, updating domain rows in place; returns what changed.</summary>
    private List<string> Apply(PsychosocialAssessment a, AssessmentInput input)
    {
        var changed = new List<string>();
        var wanted = input.Needs
            .Where(n => n.Finding is not null || n.PersonPriority is not null || !string.IsNullOrWhiteSpace(n.Notes) || !string.IsNullOrWhiteSpace(n.InTheirWords))
            .ToDictionary(n => n.Domain);
        foreach (var row in a.Needs.Where(r => !wanted.ContainsKey(r.Domain)).ToList())
        {
            a.Needs.Remove(row);
            db.AssessedNeeds.Remove(row);
            changed.Add(row.Domain);
        }
        foreach (var n in wanted.Values.OrderBy(n => AssessmentDomains.OrderOf(n.Domain)))
        {
            var row = a.Needs.FirstOrDefault(r => r.Domain == n.Domain);
            if (row is null)
            {
                row = new AssessedNeed { AssessmentId = a.Id, Domain = n.Domain };
                a.Needs.Add(row);
                changed.Add(n.Domain);
            }
            else if (row.Finding != (n.Finding ?? 0) || row.Severity != n.Severity || row.Notes != Clean(n.Notes)
                     || row.PersonPriority != n.PersonPriority || row.InTheirWords != Clean(n.InTheirWords))
                changed.Add(n.Domain);
            row.Finding = n.Finding ?? NeedFinding.NotAssessed;
            row.Severity = n.Finding == NeedFinding.Need ? n.Severity : null;
            row.Notes = Clean(n.Notes);
            row.PersonPriority = n.Finding == NeedFinding.Need ? n.PersonPriority : null;
            row.InTheirWords = n.Finding == NeedFinding.Need ? Clean(n.InTheirWords) : null;
        }
        void Set(string name, string? before, string? after, Action<string?> set)
        {
            after = Clean(after);
            if (before != after) changed.Add(name);
            set(after);
        }
        Set("what matters", a.WhatMattersToMe, input.WhatMattersToMe, v => a.WhatMattersToMe = v);
        Set("risk summary", a.RiskSummary, input.RiskSummary, v => a.RiskSummary = v);
        if (a.AdultSafeguardingConcern != input.AdultSafeguardingConcern || a.ChildSafeguardingConcern != input.ChildSafeguardingConcern) changed.Add("safeguarding");
        a.AdultSafeguardingConcern = input.AdultSafeguardingConcern;
        a.ChildSafeguardingConcern = input.ChildSafeguardingConcern;
        Set("adult safeguarding", a.AdultSafeguardingDetails, input.AdultSafeguardingConcern == true ? input.AdultSafeguardingDetails : null, v => a.AdultSafeguardingDetails = v);
        Set("adult safeguarding action", a.AdultSafeguardingAction, input.AdultSafeguardingConcern == true ? input.AdultSafeguardingAction : null, v => a.AdultSafeguardingAction = v);
        Set("child safeguarding", a.ChildSafeguardingDetails, input.ChildSafeguardingConcern == true ? input.ChildSafeguardingDetails : null, v => a.ChildSafeguardingDetails = v);
        Set("child safeguarding action", a.ChildSafeguardingAction, input.ChildSafeguardingConcern == true ? input.ChildSafeguardingAction : null, v => a.ChildSafeguardingAction = v);
        return changed.Distinct().ToList();
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private const string Conflict =
        "Someone else saved this assessment while you were working on it. Your changes have not been saved. The assessment below is as they left it; add your changes again.";
}
