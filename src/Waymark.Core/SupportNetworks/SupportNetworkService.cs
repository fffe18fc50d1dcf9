using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.SupportNetworks;

/// <summary>A refusal of a support-network change (another team's member, already removed), in words for the page.</summary>
public sealed class SupportNetworkRuleException(string message) : DomainRuleException(message);

/// <summary>
/// A person's support network (issue 14 item 5): listing, adding, changing (version-checked) and removing members (kept,
/// with who, when and why), and the one check of a member chosen for a contact (<see cref="ContactProblemOfAsync"/>).
/// </summary>
public class SupportNetworkService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>How many members a person may have listed at once: 50 (the list is not paged).</summary>
    public const int MaxMembers = 50;
    private const string ConflictMessage = "Someone else changed this member of the support network while you were working on it. Nothing has been saved: look at it as it is now.";
    private const string AnotherTeams = "This member was added by another team. You can see them, but only that team can change them.";

    private DbSet<SupportNetworkMember> Members => db.Set<SupportNetworkMember>();

    /// <summary>The person's full name, when the team knows them; null otherwise.</summary>
    public Task<string?> PersonNameAsync(Guid personId, CancellationToken ct = default) =>
        PersonNames.FullAsync(db, personId, ct);

    /// <summary>The person's members (current first, by name; then removed ones when asked), at most <see cref="MaxMembers"/> + removed.</summary>
    public async Task<IReadOnlyList<SupportNetworkMember>> ListAsync(Guid personId, bool includeRemoved = false, CancellationToken ct = default)
    {
        var q = Members.AsNoTracking().Where(m => m.PersonId == personId);
        if (!includeRemoved) q = q.Where(m => m.RemovedAt == null);
        return await q.OrderBy(m => m.RemovedAt != null).ThenBy(m => m.Name).Take(MaxMembers * 2).ToListAsync(ct);
    }

    /// <summary>The team's current members of the person's network, by name (the contact form's choice; those marked "do not contact" are shown so, and refused).</summary>
    public async Task<IReadOnlyList<SupportNetworkMember>> ContactableAsync(Guid personId, CancellationToken ct = default)
    {
        var team = user.TeamId;
        return await Members.AsNoTracking().Where(m => m.PersonId == personId && m.TeamId == team && m.RemovedAt == null)
            .OrderBy(m => m.Name).Take(MaxMembers).ToListAsync(ct);
    }

    /// <summary>One member the team can see; null when none.</summary>
    public Task<SupportNetworkMember?> FindAsync(Guid id, CancellationToken ct = default) =>
        Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);

    /// <summary>Why the user may not change or remove <paramref name="m"/>, or null when they may.</summary>
    public string? WhyNotChange(SupportNetworkMember m) =>
        m.TeamId != user.TeamId ? AnotherTeams : m.RemovedAt is not null ? "This member has been removed from the support network, so they cannot be changed." : null;

    /// <summary>Adds a member to the person's support network.</summary>
    /// <exception cref="KeyNotFoundException">No such person the team knows.</exception>
    /// <exception cref="ValidationFailedException">Every problem with the input.</exception>
    public async Task<SupportNetworkMember> AddAsync(Guid personId, SupportNetworkInput input, CancellationToken ct = default)
    {
        var teamId = user.TeamId ?? throw new InvalidOperationException("A support network is kept by a member of a team.");
        if (!await db.People.AnyAsync(p => p.Id == personId, ct)) throw new KeyNotFoundException("Person not found.");
        ValidationFailedException.ThrowIfAny(input.Validate());
        if (await Members.CountAsync(m => m.PersonId == personId && m.RemovedAt == null, ct) >= MaxMembers)
            throw ValidationFailedException.For("", $"A support network can list up to {MaxMembers} people. Remove someone first.");
        var now = clock.GetUtcNow();
        var m = new SupportNetworkMember
        {
            TeamId = teamId, PersonId = personId, AddedAt = now, AddedByUserId = user.UserId!,
            ConsentRecordedAt = now, ConsentRecordedByUserId = user.UserId!,
        };
        Apply(m, input);
        Members.Add(m);
        audit.Add(AuditAction.Created, "SupportNetworkMember", m.Id.ToString(), personId, Coded(m));
        await db.SaveChangesAsync(ct);
        return m;
    }

    /// <summary>Changes a member; a change of consent is recorded with who and when.</summary>
    /// <exception cref="KeyNotFoundException">No such member the team can see.</exception>
    /// <exception cref="SupportNetworkRuleException">Another team's member, or removed.</exception>
    /// <exception cref="ValidationFailedException">Every problem with the input.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed it since <paramref name="version"/>.</exception>
    public async Task ChangeAsync(Guid id, Guid version, SupportNetworkInput input, CancellationToken ct = default)
    {
        var m = await ToChangeAsync(id, ct);
        ValidationFailedException.ThrowIfAny(input.Validate());
        db.ExpectVersion(m, version);
        var now = clock.GetUtcNow();
        if (input.ConsentToContact != m.ConsentToContact) (m.ConsentRecordedAt, m.ConsentRecordedByUserId) = (now, user.UserId!);
        Apply(m, input);
        (m.ChangedAt, m.ChangedByUserId) = (now, user.UserId);
        audit.Add(AuditAction.Updated, "SupportNetworkMember", m.Id.ToString(), m.PersonId, Coded(m));
        await db.SaveOrConflictAsync(ConflictMessage, ct);
    }

    /// <summary>Removes a member (kept, with who, when and why).</summary>
    /// <exception cref="KeyNotFoundException">No such member the team can see.</exception>
    /// <exception cref="SupportNetworkRuleException">Another team's member, or removed already.</exception>
    /// <exception cref="ValidationFailedException">No reason, or too long a reason (field "Reason").</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed it since <paramref name="version"/>.</exception>
    public async Task RemoveAsync(Guid id, Guid version, string? reason, CancellationToken ct = default)
    {
        if (SupportNetworkInput.Clean(reason) is not { } why) throw ValidationFailedException.For("Reason", "Enter why they are being removed");
        if (why.Length > SupportNetworkInput.MaxReason) throw ValidationFailedException.For("Reason", $"The reason must be {SupportNetworkInput.MaxReason} characters or fewer");
        var m = await ToChangeAsync(id, ct);
        db.ExpectVersion(m, version);
        (m.RemovedAt, m.RemovedByUserId, m.RemovedReason) = (clock.GetUtcNow(), user.UserId, why);
        audit.Add(AuditAction.Updated, "SupportNetworkMember", m.Id.ToString(), m.PersonId, "Removed from the support network");
        await db.SaveOrConflictAsync(ConflictMessage, ct);
    }

    /// <summary>
    /// Why <paramref name="memberId"/> cannot be the member a contact with <paramref name="personId"/> was with, or null
    /// when they can: the member must be in that person's network kept by the user's team (not another person's, nor
    /// another team's), not removed, and not marked "do not contact" (the reason is given). Read through
    /// <paramref name="db"/>, for the contact service (which has the context, not this service). One query.
    /// </summary>
    public static async Task<string?> ContactProblemOfAsync(WaymarkDbContext db, Guid personId, Guid memberId, CancellationToken ct = default)
    {
        var team = db.CurrentUser.TeamId;
        var m = await db.Set<SupportNetworkMember>().AsNoTracking().Where(x => x.Id == memberId && x.PersonId == personId && x.TeamId == team)
            .Select(x => new { x.Name, x.RemovedAt, x.DoNotContact, x.DoNotContactReason }).FirstOrDefaultAsync(ct);
        if (m is null || m.RemovedAt is not null) return "Select someone from the person's support network";
        if (m.DoNotContact) return $"{m.Name} must not be contacted: {m.DoNotContactReason}";
        return null;
    }

    /// <summary>
    /// The person's current (not removed) members marked "do not contact" whose name or phone number matches one of
    /// <paramref name="people"/> (typed elsewhere, for example the crisis plan's people who can help; issue 14): names compared
    /// ignoring case and every space (<see cref="NameKey"/>), phone numbers by their digits only (a leading 44 read as 0).
    /// Members kept by any team the user can see count: keeping someone away from the person is everyone's concern.
    /// One query, none when no row has a name or phone.
    /// </summary>
    /// <param name="db">The context (the caller's service has it).</param>
    /// <param name="personId">The person.</param>
    /// <param name="people">The rows typed, in order (name, phone; either may be empty).</param>
    /// <returns>For each matching row: its index in <paramref name="people"/>, whether the name (else the phone) matched, the member's
    /// name and recorded reason, and whether only the first word of the typed name matched the member's first name
    /// (<see cref="FirstNameKey"/>; "Idris" for "Idris Demo-Sibling": a possible match the user may confirm is someone else;
    /// a full match or phone match is preferred). Issue 14.</returns>
    public static async Task<IReadOnlyList<(int Index, bool ByName, string Name, string Reason, bool FirstNameOnly)>> DoNotContactMatchesAsync(
        WaymarkDbContext db, Guid personId, IReadOnlyList<(string? Name, string? Phone)> people, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (people.All(p => string.IsNullOrWhiteSpace(p.Name) && string.IsNullOrWhiteSpace(p.Phone))) return [];
        var members = await db.Set<SupportNetworkMember>().AsNoTracking().Where(m => m.PersonId == personId && m.DoNotContact && m.RemovedAt == null)
            .Select(m => new { m.Name, m.Phone, m.DoNotContactReason }).ToListAsync(ct);
        var found = new List<(int, bool, string, string, bool)>();
        for (var i = 0; i < people.Count; i++)
        {
            var (name, phone, first) = (NameKey(people[i].Name), PhoneKey(people[i].Phone), FirstNameKey(people[i].Name));
            (int, bool, string, string, bool)? firstNameOnly = null;
            var matched = false;
            foreach (var m in members)
            {
                var byName = name.Length > 0 && name == NameKey(m.Name);
                if (byName || (phone.Length > 0 && phone == PhoneKey(m.Phone)))
                {
                    found.Add((i, byName, m.Name, m.DoNotContactReason ?? "no reason recorded", false));
                    matched = true;
                    break;
                }
                if (firstNameOnly is null && first.Length > 0 && first == FirstNameKey(m.Name))
                    firstNameOnly = (i, true, m.Name, m.DoNotContactReason ?? "no reason recorded", true);
            }
            if (!matched && firstNameOnly is { } f) found.Add(f);
        }
        return found;
    }

    /// <summary>A name compared by <see cref="DoNotContactMatchesAsync"/>: lower case, with no whitespace ("" for none).</summary>
    public static string NameKey(string? name) =>
        new string((name ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();

    /// <summary>The first word of a name, lower case, letters, digits, hyphens and apostrophes only ("" for none).</summary>
    public static string FirstNameKey(string? name) =>
        new string((name ?? "").Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault("")
            .Where(c => char.IsLetterOrDigit(c) || c is '-' or '\'').ToArray()).ToLowerInvariant();

    /// <summary>A phone number compared by <see cref="DoNotContactMatchesAsync"/>: its digits only, a leading 44 (UK code) as 0 ("" for none).</summary>
    public static string PhoneKey(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.StartsWith("44", StringComparison.Ordinal) && digits.Length > 10 ? "0" + digits[2..] : digits;
    }

    /// <summary>
    /// The names and relationships of members, by id (for the timeline and a contact's page); removed ones included. Read
    /// through <paramref name="db"/>; no query when there are no ids.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> LabelsOfAsync(WaymarkDbContext db, IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0) return new Dictionary<Guid, string>();
        var rows = await db.Set<SupportNetworkMember>().AsNoTracking().Where(m => list.Contains(m.Id)).Select(m => new { m.Id, m.Name, m.Relationship, m.RelationshipWords }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => $"{r.Name} ({Relationships.Describe(r.Relationship, r.RelationshipWords)})");
    }

    private async Task<SupportNetworkMember> ToChangeAsync(Guid id, CancellationToken ct)
    {
        var m = await Members.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new KeyNotFoundException("Member not found.");
        if (WhyNotChange(m) is { } why) throw new SupportNetworkRuleException(why);
        return m;
    }

    private static void Apply(SupportNetworkMember m, SupportNetworkInput i)
    {
        m.Name = SupportNetworkInput.Clean(i.Name)!;
        m.Relationship = i.Relationship!.Value;
        m.RelationshipWords = SupportNetworkInput.Clean(i.RelationshipWords);
        m.Phone = SupportNetworkInput.Clean(i.Phone);
        m.Email = SupportNetworkInput.Clean(i.Email);
        m.Address = SupportNetworkInput.Clean(i.Address);
        m.ConsentToContact = i.ConsentToContact!.Value;
        m.DoNotContact = i.DoNotContact;
        m.DoNotContactReason = i.DoNotContact ? SupportNetworkInput.Clean(i.DoNotContactReason) : null;
        m.IsCarer = i.IsCarer;
        m.IsAppropriateAdult = i.IsAppropriateAdult;
        m.Notes = SupportNetworkInput.Clean(i.Notes);
    }

    // Coded words only: no names, numbers or reasons in the audit trail.
    private static string Coded(SupportNetworkMember m) =>
        $"{Relationships.Display(m.Relationship)}; consent {(m.ConsentToContact ? "yes" : "no")}{(m.DoNotContact ? "; do not contact" : "")}{(m.IsCarer ? "; carer" : "")}{(m.IsAppropriateAdult ? "; appropriate adult" : "")}";
}
