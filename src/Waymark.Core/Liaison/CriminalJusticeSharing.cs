using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Liaison;

/// <summary>An episode's consents to share with criminal justice agencies and its decisions to share without consent, newest first.</summary>
/// <param name="Consents">Every consent (standing and withdrawn), with its agencies.</param>
/// <param name="WithoutConsent">Every decision to share without consent, with its agencies.</param>
/// <param name="AgencyNames">The names of the agencies they name (only the viewing team's agencies are named).</param>
/// <param name="UserNames">Display names of the users who recorded or withdrew them.</param>
public sealed record EpisodeSharing(IReadOnlyList<CriminalJusticeConsent> Consents, IReadOnlyList<SharingWithoutConsent> WithoutConsent,
    IReadOnlyDictionary<Guid, string> AgencyNames, IReadOnlyDictionary<string, string> UserNames)
{
    /// <summary>The agency's name, or "an agency of another team".</summary>
    public string AgencyName(Guid id) => AgencyNames.TryGetValue(id, out var n) ? n : "an agency of another team";

    /// <summary>The user's display name, or "unknown".</summary>
    public string UserName(string? id) => id is not null && UserNames.TryGetValue(id, out var n) ? n : "unknown";
}

/// <summary>
/// Consent to share with the criminal justice system, its withdrawal, and sharing without consent under a lawful basis
/// (issue 12 item 2), on an open episode of the user's team. Recording is audited beside the change; a decision to
/// share without consent is audited as a disclosure (<see cref="AuditAction.DisclosedWithoutConsent"/>).
/// <see cref="CoverAsync"/> is the rule the liaison report uses before anything is sent.
/// </summary>
public class CriminalJusticeSharing(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The audit trail's record type of a consent.</summary>
    public const string ConsentRecordType = "CriminalJusticeConsent";

    /// <summary>The audit trail's record type of a decision to share without consent.</summary>
    public const string WithoutConsentRecordType = "SharingWithoutConsent";

    /// <summary>
    /// What covers sharing the episode's information with the agency at <paramref name="at"/>: a standing consent that
    /// names it, else a decision to share without consent that names it; null when nothing does (and nothing may be sent).
    /// </summary>
    /// <param name="episodeId">The episode (any the user's team can see; nothing of another's is found).</param>
    /// <param name="agencyId">The agency information would go to.</param>
    /// <param name="at">The moment of sending.</param>
    /// <param name="ct">Cancels the queries.</param>
    public async Task<SharingCover?> CoverAsync(Guid episodeId, Guid agencyId, DateTimeOffset at, CancellationToken ct) =>
        (await CoversAsync(db, episodeId, [agencyId], at, ct))[agencyId];

    /// <summary>
    /// What covers sharing the episode's information with each of <paramref name="agencyIds"/> at <paramref name="at"/>
    /// (<see cref="SharingCover.For"/>; null for an agency nothing covers), from two queries whatever the number of agencies.
    /// The one loader of the rule, for this service and the liaison report's.
    /// </summary>
    /// <param name="db">The request's context (team scoping applies).</param>
    /// <param name="episodeId">The episode whose consents and decisions count.</param>
    /// <param name="agencyIds">The agencies information would go to.</param>
    /// <param name="at">The moment of sending.</param>
    /// <param name="ct">Cancels the queries.</param>
    public static async Task<Dictionary<Guid, SharingCover?>> CoversAsync(WaymarkDbContext db, Guid episodeId, IReadOnlyCollection<Guid> agencyIds,
        DateTimeOffset at, CancellationToken ct)
    {
        var consents = await db.Set<CriminalJusticeConsent>().AsNoTracking().Include(c => c.Agencies)
            .Where(c => c.EpisodeId == episodeId && c.Agencies.Any(a => agencyIds.Contains(a.AgencyId))).ToListAsync(ct);
        var without = await db.Set<SharingWithoutConsent>().AsNoTracking().Include(s => s.Agencies)
            .Where(s => s.EpisodeId == episodeId && s.Agencies.Any(a => agencyIds.Contains(a.AgencyId))).ToListAsync(ct);
        return agencyIds.Distinct().ToDictionary(a => a, a => SharingCover.For(a, at, consents, without));
    }

    /// <summary>The episode's consents and decisions, newest first, with agency and user names (for the episode page).</summary>
    public async Task<EpisodeSharing> ForEpisodeAsync(Guid episodeId, CancellationToken ct = default)
    {
        var consents = await db.Set<CriminalJusticeConsent>().AsNoTracking().Include(c => c.Agencies)
            .Where(c => c.EpisodeId == episodeId).OrderByDescending(c => c.GivenAt).ToListAsync(ct);
        var without = await db.Set<SharingWithoutConsent>().AsNoTracking().Include(s => s.Agencies)
            .Where(s => s.EpisodeId == episodeId).OrderByDescending(s => s.DecidedAt).ToListAsync(ct);
        var agencyIds = consents.SelectMany(c => c.Agencies.Select(a => a.AgencyId)).Concat(without.SelectMany(s => s.Agencies.Select(a => a.AgencyId))).Distinct().ToList();
        var names = agencyIds.Count == 0 ? new Dictionary<Guid, string>()
            : await db.Set<CriminalJusticeAgency>().AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var users = await db.DisplayNamesAsync(consents.SelectMany(c => new[] { c.RecordedByUserId, c.WithdrawnByUserId }).Concat(without.Select(s => s.RecordedByUserId)), ct);
        return new EpisodeSharing(consents, without, names, users);
    }

    /// <summary>Records the person's consent to share with the chosen agencies.</summary>
    /// <exception cref="LacksCapacityException">The practitioner recorded that the person lacks capacity to consent.</exception>
    /// <exception cref="ValidationFailedException">Every problem with what was typed (including agencies not the team's or retired).</exception>
    /// <exception cref="EpisodeRuleException">The episode is closed or another team's.</exception>
    /// <exception cref="KeyNotFoundException">No such episode for this team.</exception>
    public async Task<CriminalJusticeConsent> RecordConsentAsync(Guid episodeId, ConsentInput input, CancellationToken ct = default)
    {
        // Capacity first: without it nothing else on the form matters.
        if (input.HasCapacity == false) throw new LacksCapacityException();
        var episode = await db.OpenEpisodeOfTeamAsync(user, episodeId, "record consent to share", ct);
        var now = clock.GetUtcNow();
        var problems = input.Validate(episode.Dates(now)).ToList();
        problems.AddRange(await AgencyProblemsAsync(input.AgencyIds, nameof(ConsentInput.AgencyIds), ct));
        ValidationFailedException.ThrowIfAny(problems);
        var consent = new CriminalJusticeConsent
        {
            TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = episode.PersonId,
            Information = Codes(input.Information, SharedInformation.All), Purposes = Codes(input.Purposes, SharingPurposes.All),
            Form = input.Form!.Value, CapacityNote = input.CapacityNote!.Trim(), GivenAt = input.GivenAt!.Value,
            RecordedAt = now, RecordedByUserId = user.UserId!,
        };
        consent.Agencies.AddRange(input.AgencyIds.Distinct().Select(id => new CriminalJusticeConsentAgency { ConsentId = consent.Id, AgencyId = id }));
        db.Add(consent);
        audit.Add(AuditAction.Created, ConsentRecordType, consent.Id.ToString(), episode.PersonId,
            $"Consent to share with {consent.Agencies.Count} criminal justice agenc{(consent.Agencies.Count == 1 ? "y" : "ies")} ({consent.Form})");
        await db.SaveChangesAsync(ct);
        return consent;
    }

    /// <summary>Records that the person withdrew a consent (who: the user; when and why as typed).</summary>
    /// <exception cref="SharingRuleException">It is already withdrawn.</exception>
    /// <exception cref="ValidationFailedException">When is missing, before it was given or in the future; the note is too long.</exception>
    /// <exception cref="EpisodeRuleException">The episode is closed or another team's.</exception>
    /// <exception cref="KeyNotFoundException">No such consent on this episode.</exception>
    public async Task WithdrawAsync(Guid episodeId, Guid consentId, WithdrawalInput input, CancellationToken ct = default)
    {
        var episode = await db.OpenEpisodeOfTeamAsync(user, episodeId, "record consent withdrawn", ct);
        var consent = await db.Set<CriminalJusticeConsent>().FirstOrDefaultAsync(c => c.Id == consentId && c.EpisodeId == episode.Id, ct)
            ?? throw new KeyNotFoundException("Consent not found.");
        if (consent.WithdrawnAt is { } when)
            throw new SharingRuleException($"This consent was already withdrawn on {UkTime.ToLocal(when):d MMMM yyyy}.");
        var now = clock.GetUtcNow();
        ValidationFailedException.ThrowIfAny(input.Validate(consent, now));
        (consent.WithdrawnAt, consent.WithdrawnByUserId, consent.WithdrawnNote) = (input.At!.Value, user.UserId, AgencyInput.Clean(input.Note));
        audit.Add(AuditAction.Updated, ConsentRecordType, consent.Id.ToString(), consent.PersonId, "Consent to share with criminal justice agencies withdrawn");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records a decision to share without consent, audited as a disclosure.</summary>
    /// <exception cref="ValidationFailedException">Every problem with what was typed (the second person being the recorder among them).</exception>
    /// <exception cref="EpisodeRuleException">The episode is closed or another team's.</exception>
    /// <exception cref="KeyNotFoundException">No such episode for this team.</exception>
    public async Task<SharingWithoutConsent> RecordWithoutConsentAsync(Guid episodeId, WithoutConsentInput input, CancellationToken ct = default)
    {
        var episode = await db.OpenEpisodeOfTeamAsync(user, episodeId, "record sharing without consent", ct);
        var now = clock.GetUtcNow();
        var me = await db.Users.AsNoTracking().Where(u => u.Id == user.UserId).Select(u => new { u.DisplayName, u.UserName, u.Email }).FirstOrDefaultAsync(ct);
        var problems = input.Validate(episode.Dates(now), [me?.DisplayName, me?.UserName, me?.Email]).ToList();
        problems.AddRange(await AgencyProblemsAsync(input.AgencyIds, nameof(WithoutConsentInput.AgencyIds), ct));
        ValidationFailedException.ThrowIfAny(problems);
        var sharing = new SharingWithoutConsent
        {
            TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = episode.PersonId, Basis = input.Basis!.Value,
            Reason = input.Reason!.Trim(), SecondPersonName = input.SecondPersonName!.Trim(),
            Information = Codes(input.Information, SharedInformation.All), DecidedAt = input.DecidedAt!.Value,
            RecordedAt = now, RecordedByUserId = user.UserId!,
        };
        sharing.Agencies.AddRange(input.AgencyIds.Distinct().Select(id => new SharingWithoutConsentAgency { SharingId = sharing.Id, AgencyId = id }));
        db.Add(sharing);
        var agencyNames = await db.Set<CriminalJusticeAgency>().AsNoTracking().Where(a => input.AgencyIds.Contains(a.Id)).OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(ct);
        audit.Add(AuditAction.DisclosedWithoutConsent, WithoutConsentRecordType, sharing.Id.ToString(), episode.PersonId,
            $"Without consent on the basis '{LawfulBases.Display(sharing.Basis)}', agreed with {sharing.SecondPersonName}, to {string.Join(", ", agencyNames)}");
        await db.SaveChangesAsync(ct);
        return sharing;
    }

    /// <summary>The agencies must be the team's and in use.</summary>
    private async Task<IEnumerable<(string, string)>> AgencyProblemsAsync(IReadOnlyList<Guid> ids, string field, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var wanted = ids.Distinct().ToList();
        var found = await db.Set<CriminalJusticeAgency>().AsNoTracking().CountAsync(a => wanted.Contains(a.Id) && a.RetiredAt == null, ct);
        return found == wanted.Count ? [] : [(field, "Select agencies from your team's list (an agency you chose is retired or not your team's)")];
    }

    /// <summary>The chosen codes, known ones only, in the list's order, space separated.</summary>
    private static string Codes(IEnumerable<string> chosen, IReadOnlyList<(string Code, string Name)> all)
    {
        var set = chosen.ToHashSet(StringComparer.Ordinal);
        return string.Join(' ', all.Where(x => set.Contains(x.Code)).Select(x => x.Code));
    }
}
