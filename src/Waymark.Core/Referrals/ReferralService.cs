using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.ServiceDirectory;

namespace Waymark.Referrals;

public sealed record ReferralInput(Guid? ServiceId, string? Need, ReferralMethod? Method, bool? Supported, string? SupportPlan, string? Note)
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (ServiceId is null) yield return (nameof(ServiceId), "Choose a service");
        if (Need is null || !AssessmentDomains.IsKnown(Need)) yield return (nameof(Need), "Choose the need this referral addresses");
        if (Method is not { } m || !Enum.IsDefined(m)) yield return (nameof(Method), "Select how the referral is made");
        if (Supported is null) yield return (nameof(Supported), "Select whether the referral is supported");
        else if (Supported == true && string.IsNullOrWhiteSpace(SupportPlan)) yield return (nameof(SupportPlan), "Say how the person will be supported, for example who goes with them to the first appointment");
        if (SupportPlan is { Length: > 1000 }) yield return (nameof(SupportPlan), "Support plan must be 1,000 characters or fewer");
        if (Note is { Length: > 2000 }) yield return (nameof(Note), "Note must be 2,000 characters or fewer");
    }
}

public sealed record StepInput(ReferralStep? Step, DateTimeOffset? At, DeclineReason? DeclineReason, DateTimeOffset? AppointmentAt, string? Note)
{
    public IEnumerable<(string Field, string Message)> Validate(DateTimeOffset now)
    {
        if (Step is not { } s || !Enum.IsDefined(s) || s == ReferralStep.Drafted) { yield return (nameof(Step), "Select what happened"); yield break; }
        if (At is { } at && at > now.AddMinutes(5)) yield return (nameof(At), "The date cannot be in the future");
        if (s == ReferralStep.Declined && (DeclineReason is not { } r || !Enum.IsDefined(r))) yield return (nameof(DeclineReason), "Select why the service declined");
        if (s == ReferralStep.AppointmentBooked && AppointmentAt is null) yield return (nameof(AppointmentAt), "Enter the date of the appointment");
        if (Note is { Length: > 2000 }) yield return (nameof(Note), "Note must be 2,000 characters or fewer");
    }
}

/// <summary>A service that meets one of the person's needs, for choosing where to refer.</summary>
public sealed record ServiceSuggestion(Guid ServiceId, string Name, string Organisation, string? Phone, bool DropIn, string? Eligibility,
    bool? AcceptsOffendingHistory, bool? AcceptsCoOccurringSubstanceUse, DateTimeOffset? LastVerifiedAt);

public sealed record NeedSuggestions(string Need, int? PersonPriority, string? InTheirWords, IReadOnlyList<ServiceSuggestion> Services);

/// <summary>
/// Onward referrals from an episode, their lifecycle, the follow-ups that chase them and the outcomes.
/// Thin orchestration: each change loads what it needs, checks the team holds the episode
/// (<see cref="EpisodesToChange"/>), lets the <see cref="Referral"/> record the step (it refuses illegal ones
/// itself), and commits with its audit event. Time comes from the injected clock, so follow-up rules are
/// testable without waiting.
/// </summary>
public class ReferralService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    public const int SuggestionsPerNeed = 5;

    /// <summary>
    /// Services for the person's needs: from the latest assessment (or else the latest screening), basic needs
    /// first, each with active services that take the person's age, most recently verified first and never verified last.
    /// </summary>
    public async Task<IReadOnlyList<NeedSuggestions>> SuggestAsync(Guid episodeId, CancellationToken ct = default)
    {
        var episode = await db.Episodes.AsNoTracking().Include(e => e.Person).FirstOrDefaultAsync(e => e.Id == episodeId, ct)
            ?? throw new KeyNotFoundException("Episode not found.");
        var age = episode.Person!.AgeOn(UkTime.Today(clock));
        var assessed = await db.AssessedNeeds.AsNoTracking()
            .Where(n => db.Assessments.Any(a => a.Id == n.AssessmentId && a.EpisodeId == episodeId) && n.Finding == NeedFinding.Need)
            .ToListAsync(ct);
        var needs = assessed.Select(n => (n.Domain, n.PersonPriority, n.InTheirWords)).ToList();
        if (needs.Count == 0)
        {
            var screened = await db.ScreeningOutcomes.AsNoTracking().Where(o => o.EpisodeId == episodeId)
                .OrderByDescending(o => o.Sequence).Select(o => o.Needs).FirstOrDefaultAsync(ct);
            needs = (screened ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(d => (d, (int?)null, (string?)null)).ToList();
        }
        var result = new List<NeedSuggestions>();
        // One bounded query per need (at most the number of domains), each an index seek on (Domain, ServiceId).
        foreach (var (domain, priority, words) in needs.OrderBy(n => AssessmentDomains.OrderOf(n.Domain)))
        {
            var services = await db.Services.AsNoTracking()
                .Where(s => s.Status == ServiceStatus.Active && s.Needs.Any(n => n.Domain == domain)
                    && (age == null || ((s.MinimumAge == null || s.MinimumAge <= age) && (s.MaximumAge == null || s.MaximumAge >= age))))
                // Never verified last, said outright: PostgreSQL sorts NULL first in a descending order, SQLite last.
                .OrderBy(s => s.LastVerifiedAt == null).ThenByDescending(s => s.LastVerifiedAt).ThenBy(s => s.Name)
                .Take(SuggestionsPerNeed)
                .Select(s => new ServiceSuggestion(s.Id, s.Name, s.Organisation!.Name, s.Phone, s.DropIn, s.Eligibility,
                    s.AcceptsOffendingHistory, s.AcceptsCoOccurringSubstanceUse, s.LastVerifiedAt))
                .ToListAsync(ct);
            result.Add(new NeedSuggestions(domain, priority, words, services));
        }
        return result;
    }

    public Task<Referral?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Referrals.AsNoTracking().Include(r => r.Events).FirstOrDefaultAsync(r => r.Id == id, ct);

    public async Task<IReadOnlyList<Referral>> ForEpisodeAsync(Guid episodeId, CancellationToken ct = default) =>
        await db.Referrals.AsNoTracking().Include(r => r.Events).Where(r => r.EpisodeId == episodeId)
            .OrderByDescending(r => r.CreatedAt).AsSplitQuery().ToListAsync(ct);

    /// <summary>Makes a referral (a draft, or sent straight away with its follow-ups).</summary>
    /// <exception cref="ValidationFailedException">The input has problems (all of them are listed).</exception>
    /// <exception cref="KeyNotFoundException">The episode is not one the team can see.</exception>
    /// <exception cref="EpisodeRuleException">The episode is another team's, or closed.</exception>
    /// <exception cref="ReferralRuleException">The service is not in the team's directory, or not taking referrals.</exception>
    public async Task<Referral> CreateAsync(Guid episodeId, ReferralInput input, bool send, CancellationToken ct = default)
    {
        ValidationFailedException.ThrowIfAny(input.Validate());
        var episode = await db.OpenEpisodeOfTeamAsync(user, episodeId, "make a referral", ct);
        var service = await db.Services.AsNoTracking().Where(s => s.Id == input.ServiceId)
            .Select(s => new { s.Id, s.Name, s.Status }).FirstOrDefaultAsync(ct)
            ?? throw new ReferralRuleException("That service is not in your team's directory.");
        if (service.Status != ServiceStatus.Active) throw new ReferralRuleException($"{service.Name} is not taking referrals (its directory entry is not active).");
        var now = clock.GetUtcNow();
        var referral = new Referral
        {
            TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = episode.PersonId, ServiceId = service.Id, ServiceName = service.Name,
            Need = input.Need!, Method = input.Method!.Value, Supported = input.Supported!.Value,
            SupportPlan = input.Supported == true ? Clean(input.SupportPlan) : null, Note = Clean(input.Note),
            CreatedAt = now, CreatedByUserId = user.UserId!,
        };
        referral.Draft(user.UserId!, now);
        if (send) referral.Send(user.UserId!, now, now);
        db.Referrals.Add(referral); // with its events: a new graph is added whole
        audit.Add(AuditAction.Created, "Referral", referral.Id.ToString(), episode.PersonId,
            $"To {service.Name} for {input.Need}; {(referral.Supported ? "supported" : "not supported")}");
        if (send) await ScheduleFollowUpsAsync(referral, episode, now, now, ct);
        await db.SaveChangesAsync(ct);
        return referral;
    }

    /// <summary>
    /// Records the next step if the referral is still at <paramref name="expectedVersion"/> and the referral allows it;
    /// "sent" schedules the follow-ups, and a step that makes the outcome known closes the open ones.
    /// </summary>
    /// <exception cref="ValidationFailedException">The input has problems (all of them are listed).</exception>
    /// <exception cref="KeyNotFoundException">No such referral the team can see.</exception>
    /// <exception cref="EpisodeRuleException">The episode is another team's, or closed.</exception>
    /// <exception cref="ReferralRuleException">The referral refuses the step (the message says why).</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed the referral since it was loaded.</exception>
    public async Task<Referral> RecordStepAsync(Guid referralId, Guid expectedVersion, StepInput input, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        ValidationFailedException.ThrowIfAny(input.Validate(now));
        var referral = await db.Referrals.Include(r => r.Events).FirstOrDefaultAsync(r => r.Id == referralId, ct)
            ?? throw new KeyNotFoundException("Referral not found.");
        var episode = await db.OpenEpisodeOfTeamAsync(user, referral.EpisodeId, "change its referrals", ct);
        if (referral.Version != expectedVersion) throw new ConcurrencyConflictException(Conflict);
        var step = input.Step!.Value;
        var at = input.At ?? now;
        // The episode's one rule for dates: nothing before the person was identified, nothing absurdly far ahead.
        var dates = episode.Dates(now);
        ValidationFailedException.ThrowIfAny(
        [
            .. dates.Past(at) is { } whyAt ? [(nameof(StepInput.At), whyAt)] : Array.Empty<(string, string)>(),
            .. step == ReferralStep.AppointmentBooked && input.AppointmentAt is { } appt && dates.Planned(appt, "The appointment date") is { } whyAppt
                ? [(nameof(StepInput.AppointmentAt), whyAppt)] : Array.Empty<(string, string)>(),
        ]);
        // "Sent" has never kept the form's note; keeping it would change what users see.
        var note = step == ReferralStep.Sent ? null : input.Note;
        // Added explicitly: EF would take a new event with a key set in code for an existing row and UPDATE it.
        db.ReferralEvents.Add(referral.Record(step, user.UserId!, at, now, input.DeclineReason, input.AppointmentAt, note));
        if (step == ReferralStep.Sent) await ScheduleFollowUpsAsync(referral, episode, at, now, ct);
        if (ReferralLifecycle.IsOutcomeKnown(step))
        {
            // Nothing left to chase: close the open follow-ups, saying why.
            var open = await db.FollowUpTasks.Where(t => t.ReferralId == referral.Id && t.DoneAt == null && t.ClosedAt == null).ToListAsync(ct);
            foreach (var t in open) (t.ClosedAt, t.ClosedReason) = (now, $"Outcome known: {ReferralLifecycle.Display(step).ToLowerInvariant()}");
        }
        db.ExpectVersion(referral, expectedVersion);
        audit.Add(AuditAction.Updated, "Referral", referral.Id.ToString(), referral.PersonId,
            ReferralLifecycle.Display(step) + (input.DeclineReason is { } r && step == ReferralStep.Declined ? $": {ReferralLifecycle.Display(r)}" : ""));
        await db.SaveOrConflictAsync(Conflict, ct);
        return referral;
    }

    /// <summary>Schedules a follow-up at each of the team's intervals after sending, for the key worker or else the referrer.</summary>
    private async Task ScheduleFollowUpsAsync(Referral referral, Episode episode, DateTimeOffset sentAt, DateTimeOffset now, CancellationToken ct)
    {
        var intervals = await IntervalsAsync(episode.TeamId, ct);
        var number = 1;
        foreach (var days in intervals)
            db.FollowUpTasks.Add(new FollowUpTask
            {
                TeamId = referral.TeamId, ReferralId = referral.Id, EpisodeId = referral.EpisodeId, PersonId = referral.PersonId,
                Number = number++, DueAt = sentAt.AddDays(days), AssignedToUserId = episode.KeyWorkerId ?? user.UserId!, CreatedAt = now,
            });
    }

    /// <summary>
    /// Marks a follow-up done. If the referral's outcome is still not known and nothing else is due, the next
    /// follow-up is scheduled after the team's longest interval: a referral is chased until its outcome is known.
    /// </summary>
    public async Task<FollowUpTask> CompleteTaskAsync(Guid taskId, string? note, CancellationToken ct = default)
    {
        if (note is { Length: > 2000 }) throw ValidationFailedException.For(nameof(note), "Note must be 2,000 characters or fewer");
        var task = await db.FollowUpTasks.FirstOrDefaultAsync(t => t.Id == taskId, ct) ?? throw new KeyNotFoundException("Follow-up not found.");
        if (task.TeamId != user.TeamId && !user.IsSystem) throw new ReferralRuleException("This follow-up belongs to another team.");
        if (!task.IsOpen) throw new ReferralRuleException(task.DoneAt is not null ? "This follow-up has already been done." : $"This follow-up was closed: {task.ClosedReason}.");
        var now = clock.GetUtcNow();
        (task.DoneAt, task.DoneByUserId, task.DoneNote) = (now, user.UserId, Clean(note));
        var referral = await db.Referrals.AsNoTracking().Include(r => r.Events).FirstAsync(r => r.Id == task.ReferralId, ct);
        FollowUpTask? next = null;
        var othersOpen = await db.FollowUpTasks.AnyAsync(t => t.ReferralId == task.ReferralId && t.Id != task.Id && t.DoneAt == null && t.ClosedAt == null, ct);
        if (!ReferralLifecycle.IsOutcomeKnown(referral.Status) && !othersOpen)
        {
            var intervals = await IntervalsAsync(task.TeamId, ct);
            var last = await db.FollowUpTasks.Where(t => t.ReferralId == task.ReferralId).MaxAsync(t => t.Number, ct);
            next = new FollowUpTask
            {
                TeamId = task.TeamId, ReferralId = task.ReferralId, EpisodeId = task.EpisodeId, PersonId = task.PersonId,
                Number = last + 1, DueAt = now.AddDays(intervals[^1]), AssignedToUserId = task.AssignedToUserId, CreatedAt = now,
            };
            db.FollowUpTasks.Add(next);
        }
        audit.Add(AuditAction.Updated, "FollowUpTask", task.Id.ToString(), task.PersonId,
            $"Follow-up {task.Number} done" + (next is null ? "" : $"; next due {next.DueAt:yyyy-MM-dd}"));
        await db.SaveOrConflictAsync("Someone else updated this follow-up at the same time. Check it and try again.", ct);
        return task;
    }

    public async Task<Outcome> RecordOutcomeAsync(Guid episodeId, Guid? referralId, OutcomeCode? code, DateOnly? on, string? note, CancellationToken ct = default)
    {
        var episode = await db.EpisodeOfTeamAsync(user, episodeId, ct); // an outcome may come after the episode closed
        var problems = new List<ValidationProblem>();
        if (code is not { } c || !Enum.IsDefined(c)) problems.Add(new(nameof(code), "Select the outcome"));
        if (on is not { } day) problems.Add(new(nameof(on), "Enter when it happened"));
        else if (episode.Dates(clock.GetUtcNow()).PastDay(day) is { } why) problems.Add(new(nameof(on), why));
        if (note is { Length: > 2000 }) problems.Add(new(nameof(note), "Note must be 2,000 characters or fewer"));
        // "Other" was the workaround for police and court decisions, which are criminal justice events, not the team's
        // outcomes (issue 12 item 4): it now has to say what changed for the person.
        else if (code == OutcomeCode.Other && string.IsNullOrWhiteSpace(note))
            problems.Add(new(nameof(note), "Say in the note what changed for the person. A police or court decision is recorded as a criminal justice event, not an outcome"));
        if (problems.Count > 0) throw new ValidationFailedException(problems);
        if (referralId is { } rid && !await db.Referrals.AnyAsync(r => r.Id == rid && r.EpisodeId == episodeId, ct))
            throw ValidationFailedException.For(nameof(referralId), "Choose one of this episode's referrals, or none");
        var outcome = new Outcome
        {
            TeamId = episode.TeamId, EpisodeId = episodeId, PersonId = episode.PersonId, ReferralId = referralId, Code = code!.Value, On = on!.Value,
            Note = Clean(note), RecordedAt = clock.GetUtcNow(), RecordedByUserId = user.UserId!,
        };
        db.Outcomes.Add(outcome);
        audit.Add(AuditAction.Created, "Outcome", outcome.Id.ToString(), episode.PersonId, Outcome.Display(outcome.Code));
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    public async Task<ConsentToShare> RecordConsentAsync(Guid referralId, string? what, string? withWhom, ConsentForm? form, DateTimeOffset? givenAt, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrWhiteSpace(what)) problems.Add(new(nameof(what), "Enter what the person agreed can be shared"));
        if (string.IsNullOrWhiteSpace(withWhom)) problems.Add(new(nameof(withWhom), "Enter who it can be shared with"));
        if (what is { Length: > 2000 } || withWhom is { Length: > 500 }) problems.Add(new(nameof(what), "That is too long to record"));
        if (form is not { } f || !Enum.IsDefined(f)) problems.Add(new(nameof(form), "Select how consent was given"));
        if (givenAt is not { } given) problems.Add(new(nameof(givenAt), "Enter when consent was given"));
        else if (given > now.AddMinutes(5)) problems.Add(new(nameof(givenAt), "The date cannot be in the future"));
        if (problems.Count > 0) throw new ValidationFailedException(problems);
        var referral = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(r => r.Id == referralId, ct) ?? throw new KeyNotFoundException("Referral not found.");
        var episode = await db.EpisodeOfTeamAsync(user, referral.EpisodeId, ct); // consent may be recorded after the episode closed
        if (episode.Dates(now).PastDay(UkTime.DateOf(givenAt!.Value), "The date consent was given") is { } why) throw ValidationFailedException.For(nameof(givenAt), why);
        var consent = new ConsentToShare
        {
            TeamId = referral.TeamId, ReferralId = referralId, PersonId = referral.PersonId, What = what!.Trim(), WithWhom = withWhom!.Trim(),
            Form = form!.Value, GivenAt = givenAt!.Value, RecordedAt = now, RecordedByUserId = user.UserId!,
        };
        db.Consents.Add(consent);
        audit.Add(AuditAction.Created, "Consent", consent.Id.ToString(), referral.PersonId, $"To share with {consent.WithWhom} ({consent.Form})");
        await db.SaveChangesAsync(ct);
        return consent;
    }

    public async Task WithdrawConsentAsync(Guid consentId, CancellationToken ct = default)
    {
        var consent = await db.Consents.FirstOrDefaultAsync(c => c.Id == consentId, ct) ?? throw new KeyNotFoundException("Consent not found.");
        if (consent.TeamId != user.TeamId && !user.IsSystem) throw new ReferralRuleException("This consent was recorded by another team.");
        if (!consent.Stands) return;
        (consent.WithdrawnAt, consent.WithdrawnByUserId) = (clock.GetUtcNow(), user.UserId);
        audit.Add(AuditAction.Updated, "Consent", consent.Id.ToString(), consent.PersonId, "Consent withdrawn");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The team's follow-up days; the default if what is stored no longer parses.</summary>
    private async Task<IReadOnlyList<int>> IntervalsAsync(Guid teamId, CancellationToken ct) =>
        FollowUpIntervals.Parse(await db.Teams.Where(t => t.Id == teamId).Select(t => t.FollowUpDays).FirstAsync(ct))
            ?? FollowUpIntervals.Parse(FollowUpIntervals.Default)!;

    private const string Conflict =
        "Someone else updated this referral while you were looking at it. Your change has not been saved. Check the referral as it is now and try again.";

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
