using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Identification;

/// <summary>
/// Records a practitioner's answer to "do we know this person?": the one they chose is
/// <see cref="MatchVerdict.SamePerson"/>, every other candidate they were shown is
/// <see cref="MatchVerdict.NotThisPerson"/> (all of them when they chose "a new person"). The team's
/// model takes these into account when it is next estimated (<see cref="TeamMatchModels"/>).
/// </summary>
public class MatchDecisions(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>
    /// Adds the decisions and their audit events to the unit of work (the caller saves them with the
    /// draft). A second answer in the same journey replaces the first: only the last one stands.
    /// </summary>
    public async Task RecordAsync(IdentificationDraft draft, IReadOnlyList<MatchCandidate> shown, Guid? chosen, CancellationToken ct = default)
    {
        var userId = user.UserId ?? throw new InvalidOperationException("No user.");
        var earlier = await db.MatchDecisions.Where(d => d.DraftId == draft.Id && d.UserId == userId).ToListAsync(ct);
        db.MatchDecisions.RemoveRange(earlier);
        var now = clock.GetUtcNow();
        for (var i = 0; i < shown.Count; i++)
        {
            var c = shown[i];
            var decision = new MatchDecision
            {
                TeamId = draft.TeamId,
                UserId = userId,
                At = now,
                DraftId = draft.Id,
                GivenName = draft.GivenName,
                FamilyName = draft.FamilyName,
                DateOfBirth = draft.DateOfBirth,
                Sex = draft.Sex,
                NhsNumber = Identifiers.NhsNumber.Normalise(draft.NhsNumber),
                PncId = Identifiers.PncId.Normalise(draft.PncId),
                Postcode = draft.Postcode,
                PersonId = c.Person.Id,
                Rank = i + 1,
                Weight = c.Score,
                Verdict = c.Person.Id == chosen ? MatchVerdict.SamePerson : MatchVerdict.NotThisPerson,
            };
            db.MatchDecisions.Add(decision);
            audit.Add(AuditAction.Created, "MatchDecision", decision.Id.ToString(), c.Person.Id,
                (decision.Verdict == MatchVerdict.SamePerson ? "Confirmed as the person being identified" : "Not the person being identified")
                + $" (candidate {i + 1} of {shown.Count})");
        }
    }
}
