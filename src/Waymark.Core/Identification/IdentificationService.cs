using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Identification;

/// <summary>Turns a finished identification journey into a person (new or known) and a new episode, atomically.</summary>
public class IdentificationService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Days after which an unfinished journey is discarded.</summary>
    public static readonly TimeSpan DraftLifetime = TimeSpan.FromDays(7);

    public async Task<IdentificationDraft> StartAsync(CancellationToken ct = default)
    {
        var draft = new IdentificationDraft
        {
            UserId = user.UserId ?? throw new InvalidOperationException("No user."),
            TeamId = user.TeamId ?? throw new InvalidOperationException("No team chosen."),
            StartedAt = clock.GetUtcNow(),
        };
        db.IdentificationDrafts.Add(draft);
        // Housekeeping: a user's abandoned journeys are removed as they start a new one.
        var cutoff = clock.GetUtcNow() - DraftLifetime;
        var stale = await db.IdentificationDrafts.Where(d => d.StartedAt < cutoff).ToListAsync(ct);
        db.IdentificationDrafts.RemoveRange(stale);
        await db.SaveChangesAsync(ct);
        return draft;
    }

    public Task<IdentificationDraft?> FindDraftAsync(Guid id, CancellationToken ct = default) =>
        db.IdentificationDrafts.FirstOrDefaultAsync(d => d.Id == id, ct);

    /// <summary>Creates the episode (and the person when new) with its audit events in one transaction.</summary>
    public async Task<Episode> CompleteAsync(IdentificationDraft draft, CancellationToken ct = default)
    {
        if (!draft.HasSetting || !draft.HasReason || !draft.HasPerson || !draft.HasMatchDecision)
            throw new EpisodeRuleException("Some answers are missing. Check each section before you confirm.");
        var now = clock.GetUtcNow();
        if (draft.ExistingPersonId is null && draft.DateOfBirth is { } typedDob && DateLimits.DateOfBirthProblem(typedDob, UkTime.DateOf(now)) is { } dobProblem)
            throw new EpisodeRuleException(dobProblem + ". Change the person's details.");
        var teamId = draft.TeamId;

        Person person;
        if (draft.ExistingPersonId is { } existingId)
        {
            person = await db.People.Include(p => p.TeamLinks).FirstOrDefaultAsync(p => p.Id == existingId, ct)
                ?? throw new EpisodeRuleException("The person you chose is no longer available. Search again.");
        }
        else
        {
            person = new Person
            {
                GivenName = draft.GivenName?.Trim() ?? "",
                FamilyName = draft.FamilyName!.Trim(),
                DateOfBirth = draft.DateOfBirth,
                Sex = draft.Sex,
                NhsNumber = Identifiers.NhsNumber.Normalise(draft.NhsNumber),
                PncId = Identifiers.PncId.Normalise(draft.PncId),
                Postcode = UkPostcode.Normalise(draft.Postcode),
                CreatedAt = now,
                CreatedBy = user.UserId!,
            };
            person.SetAbsence(PersonField.DateOfBirth, draft.DateOfBirthAbsence);
            person.SetAbsence(PersonField.NhsNumber, draft.NhsNumberAbsence);
            person.SetAbsence(PersonField.PncId, draft.PncIdAbsence);
            person.SetAbsence(PersonField.Address, draft.AddressAbsence);
            // Not asked at identification: phone, email and GP practice are asked later, on the person's page.
            foreach (var f in new[] { PersonField.Phone, PersonField.Email, PersonField.GpPractice }) person.SetAbsence(f, null);
            person.RefreshKeys();
            db.People.Add(person);
            audit.Add(AuditAction.Created, "Person", person.Id.ToString(), person.Id, "Created at identification");
        }
        if (person.TeamLinks.All(l => l.TeamId != teamId))
            person.TeamLinks.Add(PersonTeamLink.For(person, teamId, now));

        var identifiedAt = draft.IdentifiedAt!.Value;
        var age = person.DateOfBirth is { } dob
            ? Age.On(dob, UkTime.DateOf(identifiedAt))
            : (int?)null;
        var episode = new Episode
        {
            PersonId = person.Id,
            TeamId = teamId,
            Setting = draft.Setting!.Value,
            SettingReference = draft.SettingReference,
            IdentifiedBySource = draft.IdentifiedBySource!,
            IdentificationReason = draft.IdentificationReason!,
            VulnerabilityPrompts = draft.VulnerabilityPrompts,
            AgeAtIdentification = age,
            IsYouth = age is < 18,
            IdentifiedAt = identifiedAt,
            IdentifiedByUserId = user.UserId!,
            RecordedAt = now,
        };
        db.Episodes.Add(episode);
        audit.Add(AuditAction.Created, "Episode", episode.Id.ToString(), person.Id,
            $"Identified in {Settings.Display(episode.Setting)}");
        db.IdentificationDrafts.Remove(draft);
        await db.SaveChangesAsync(ct);
        return episode;
    }
}
