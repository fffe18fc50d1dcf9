using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.ServiceDirectory;

namespace Waymark.Referrals;

/// <summary>A step the referral rules refuse, with a message saying why.</summary>
public class ReferralRuleException(string message) : Exception(message);

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
/// Every change checks the team holds the episode, obeys <see cref="ReferralLifecycle"/>, and commits
/// with its audit event. Time comes from the injected clock, so follow-up rules are testable without waiting.
/// </summary>
public class ReferralService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    public const int SuggestionsPerNeed = 5;

    /// <summary>
    /// Services for the person's needs: from the latest assessment (or else the latest screening), basic needs
    /// first, each with active services that take the person's age, recently verified first.
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
                .OrderByDescending(s => s.LastVerifiedAt).ThenBy(s => s.Name)
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
    public async Task<Referral> CreateAsync(Guid episodeId, ReferralInput input, bool send, CancellationToken ct = default)
    {
        var problems = input.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(problems[0].Message, problems[0].Field);
        var episode = await EpisodeToChangeAsync(episodeId, ct);
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
        db.Referrals.Add(referral);
        AddEvent(referral, new ReferralEvent { ReferralId = referral.Id, Step = ReferralStep.Drafted, At = now, RecordedAt = now, ByUserId = user.UserId! });
        audit.Add(AuditAction.Created, "Referral", referral.Id.ToString(), episode.PersonId,
            $"To {service.Name} for {input.Need}; {(referral.Supported ? "supported" : "not supported")}");
        if (send) await SendAsync(referral, episode, now, now, ct);
        await db.SaveChangesAsync(ct);
        return referral;
    }

    /// <summary>Records the next step if the referral is still at <paramref name="expectedVersion"/> and the rules allow it.</summary>
    public async Task<Referral> RecordStepAsync(Guid referralId, Guid expectedVersion, StepInput input, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var problems = input.Validate(now).ToList();
        if (problems.Count > 0) throw new ArgumentException(problems[0].Message, problems[0].Field);
        var referral = await db.Referrals.Include(r => r.Events).FirstOrDefaultAsync(r => r.Id == referralId, ct)
            ?? throw new KeyNotFoundException("Referral not found.");
        var episode = await EpisodeToChangeAsync(referral.EpisodeId, ct);
        if (referral.Version != expectedVersion) throw Conflict();
        var step = input.Step!.Value;
        if (ReferralLifecycle.WhyNot(referral.Status, step) is { } why) throw new ReferralRuleException(why);
        var at = input.At ?? now;
        if (referral.Events.Count > 0 && at < referral.Events.Min(e => e.At))
            throw new ReferralRuleException("The date cannot be before the referral was made.");

        if (step == ReferralStep.Sent)
            await SendAsync(referral, episode, at, now, ct);
        else
            AddEvent(referral, new ReferralEvent
            {
                ReferralId = referral.Id, Step = step, At = at, RecordedAt = now, ByUserId = user.UserId!,
                DeclineReason = step == ReferralStep.Declined ? input.DeclineReason : null,
                AppointmentAt = step == ReferralStep.AppointmentBooked ? input.AppointmentAt : null,
                Note = Clean(input.Note),
            });
        if (ReferralLifecycle.IsOutcomeKnown(step))
        {
            // Nothing left to chase: close the open follow-ups, saying why.
            var open = await db.FollowUpTasks.Where(t => t.ReferralId == referral.Id && t.DoneAt == null && t.ClosedAt == null).ToListAsync(ct);
            foreach (var t in open) (t.ClosedAt, t.ClosedReason) = (now, $"Outcome known: {ReferralLifecycle.Display(step).ToLowerInvariant()}");
        }
        db.Entry(referral).Property(r => r.Version).OriginalValue = expectedVersion;
        referral.Version = Guid.NewGuid();
        audit.Add(AuditAction.Updated, "Referral", referral.Id.ToString(), referral.PersonId,
            ReferralLifecycle.Display(step) + (input.DeclineReason is { } r && step == ReferralStep.Declined ? $": {ReferralLifecycle.Display(r)}" : ""));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict();
        }
        return referral;
    }

    /// <summary>Records "sent" and schedules a follow-up at each of the team's intervals, for the key worker or else the referrer.</summary>
    private async Task SendAsync(Referral referral, Episode episode, DateTimeOffset sentAt, DateTimeOffset now, CancellationToken ct)
    {
        AddEvent(referral, new ReferralEvent { ReferralId = referral.Id, Step = ReferralStep.Sent, At = sentAt, RecordedAt = now, ByUserId = user.UserId! });
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
        if (note is { Length: > 2000 }) throw new ArgumentException("Note must be 2,000 characters or fewer", nameof(note));
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
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Someone else updated this follow-up at the same time. Check it and try again.");
        }
        return task;
    }

    public async Task<Outcome> RecordOutcomeAsync(Guid episodeId, Guid? referralId, OutcomeCode? code, DateOnly? on, string? note, CancellationToken ct = default)
    {
        if (code is not { } c || !Enum.IsDefined(c)) throw new ArgumentException("Select the outcome", nameof(code));
        if (on is not { } day) throw new ArgumentException("Enter when it happened", nameof(on));
        if (day > UkTime.Today(clock)) throw new ArgumentException("The date cannot be in the future", nameof(on));
        if (note is { Length: > 2000 }) throw new ArgumentException("Note must be 2,000 characters or fewer", nameof(note));
        var episode = await EpisodeToChangeAsync(episodeId, ct, allowClosed: true);
        if (referralId is { } rid && !await db.Referrals.AnyAsync(r => r.Id == rid && r.EpisodeId == episodeId, ct))
            throw new ArgumentException("Choose one of this episode's referrals, or none", nameof(referralId));
        var outcome = new Outcome
        {
            TeamId = episode.TeamId, EpisodeId = episodeId, PersonId = episode.PersonId, ReferralId = referralId, Code = c, On = day,
            Note = Clean(note), RecordedAt = clock.GetUtcNow(), RecordedByUserId = user.UserId!,
        };
        db.Outcomes.Add(outcome);
        audit.Add(AuditAction.Created, "Outcome", outcome.Id.ToString(), episode.PersonId, Outcome.Display(c));
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    public async Task<ConsentToShare> RecordConsentAsync(Guid referralId, string? what, string? withWhom, ConsentForm? form, DateTimeOffset? givenAt, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(what)) throw new ArgumentException("Enter what the person agreed can be shared", nameof(what));
        if (string.IsNullOrWhiteSpace(withWhom)) throw new ArgumentException("Enter who it can be shared with", nameof(withWhom));
        if (what.Length > 2000 || withWhom.Length > 500) throw new ArgumentException("That is too long to record", nameof(what));
        if (form is not { } f || !Enum.IsDefined(f)) throw new ArgumentException("Select how consent was given", nameof(form));
        var now = clock.GetUtcNow();
        if (givenAt is not { } given) throw new ArgumentException("Enter when consent was given", nameof(givenAt));
        if (given > now.AddMinutes(5)) throw new ArgumentException("The date cannot be in the future", nameof(givenAt));
        var referral = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(r => r.Id == referralId, ct) ?? throw new KeyNotFoundException("Referral not found.");
        await EpisodeToChangeAsync(referral.EpisodeId, ct, allowClosed: true);
        var consent = new ConsentToShare
        {
            TeamId = referral.TeamId, ReferralId = referralId, PersonId = referral.PersonId, What = what.Trim(), WithWhom = withWhom.Trim(),
            Form = f, GivenAt = given, RecordedAt = now, RecordedByUserId = user.UserId!,
        };
        db.Consents.Add(consent);
        audit.Add(AuditAction.Created, "Consent", consent.Id.ToString(), referral.PersonId, $"To share with {consent.WithWhom} ({f})");
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

    // Added explicitly: EF would take a new event with a key set in code for an existing row and UPDATE it.
    private void AddEvent(Referral referral, ReferralEvent e)
    {
        e.Sequence = referral.Events.Count == 0 ? 1 : referral.Events.Max(x => x.Sequence) + 1;
        db.ReferralEvents.Add(e);
        if (!referral.Events.Contains(e)) referral.Events.Add(e);
    }

    private async Task<Episode> EpisodeToChangeAsync(Guid episodeId, CancellationToken ct, bool allowClosed = false)
    {
        var e = await db.Episodes.FirstOrDefaultAsync(x => x.Id == episodeId, ct) ?? throw new KeyNotFoundException("Episode not found.");
        if (e.TeamId != user.TeamId && !user.IsSystem)
            throw new ReferralRuleException("This episode belongs to another team. You can see it, but only that team can change it.");
        if (!allowClosed && !e.IsOpen)
            throw new ReferralRuleException("This episode is closed, so its referrals cannot change. Open a new episode instead.");
        return e;
    }

    private static ConcurrencyConflictException Conflict() => new(
        "Someone else updated this referral while you were looking at it. Your change has not been saved. Check the referral as it is now and try again.");

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
