using Waymark.Persistence;

namespace Waymark.CrisisPlans;

/// <summary>
/// A person's crisis plan with one team (docs/support.md, "Crisis plans"): made with the person, in their own words.
/// The plan itself only says who started it and which version is the latest; what it says is in its
/// <see cref="CrisisPlanVersion"/>s, one per save, every one kept unchanged. One plan per person per team, except after
/// a merge, when the kept person may hold two: the one changed most recently (<see cref="LatestAt"/>) is the current one.
/// </summary>
public class CrisisPlan : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The number of the latest version (1, 2, 3…).</summary>
    public int LatestNumber { get; set; }
    /// <summary>When the latest version was saved.</summary>
    public DateTimeOffset LatestAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByUserId { get; set; }
}

/// <summary>
/// One saved version of a <see cref="CrisisPlan"/>: every section as the person put it, who was there, whether it was
/// agreed with the person and when, and who recorded it. Never changed once saved; a change is a new version numbered
/// one more than the version it was based on (unique per plan, so two people saving from the same version cannot both
/// succeed). Each list section holds one item per line (<see cref="CrisisPlanText.Lines"/>).
/// </summary>
public class CrisisPlanVersion : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CrisisPlanId { get; set; }
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>1 for the first version, then one more each save.</summary>
    public int Number { get; set; }
    /// <summary>Warning signs and triggers: one per line.</summary>
    public string WarningSigns { get; set; } = "";
    /// <summary>What I can do myself: one per line.</summary>
    public string SelfHelp { get; set; } = "";
    /// <summary>People and places that help: one per line.</summary>
    public string HelpfulPeopleAndPlaces { get; set; } = "";
    /// <summary>People who can help me in a crisis and how to reach them, stored by <see cref="CrisisContact.Encode"/>.</summary>
    public string CrisisContacts { get; set; } = "";
    /// <summary>The person's own services and crisis lines (beyond the team's and the national ones): one per line.</summary>
    public string OwnServices { get; set; } = "";
    /// <summary>Making my surroundings safe: one per line.</summary>
    public string SafeSurroundings { get; set; } = "";
    /// <summary>Practical things (children, pets, bills, who to tell): one per line.</summary>
    public string PracticalThings { get; set; } = "";
    /// <summary>Who was there when it was made or changed, e.g. "Sam, and Sam's sister Jo". Up to 200 characters.</summary>
    public string WhoWasThere { get; set; } = "";
    /// <summary>Whether the person agreed this version.</summary>
    public bool AgreedWithPerson { get; set; }
    /// <summary>The UK date the person agreed it; null when not agreed.</summary>
    public DateOnly? AgreedOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }

    /// <summary>The people who can help in a crisis, in the order typed.</summary>
    public IReadOnlyList<CrisisContact> Contacts => CrisisContact.Decode(CrisisContacts);
}

/// <summary>
/// A copy of a crisis plan's numbers sent to the person by text through GOV.UK Notify: who sent which version and
/// when, and Notify's id or why it did not go. Kept as sent.
/// </summary>
public class CrisisPlanShare : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    public Guid CrisisPlanVersionId { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public required string SentByUserId { get; set; }
    /// <summary>Notify's notification id when it accepted the text; null when it did not.</summary>
    public string? NotifyId { get; set; }
    /// <summary>Why the text did not go (Notify's refusal, or that Notify could not be reached); null when it went. Up to 500 characters.</summary>
    public string? Failure { get; set; }
}

/// <summary>One person who can help in a crisis.</summary>
/// <param name="Name">Their name, up to <see cref="CrisisPlanText.MaxName"/> characters.</param>
/// <param name="Relationship">Who they are to the person ("sister", "neighbour"), up to <see cref="CrisisPlanText.MaxName"/> characters; may be empty.</param>
/// <param name="Phone">How to reach them: a phone number (<see cref="Support.PhoneNumbers.Problem"/>).</param>
public sealed record CrisisContact(string Name, string Relationship, string Phone)
{
    /// <summary>"Name (relationship): phone", or "Name: phone" with no relationship.</summary>
    public override string ToString() => string.IsNullOrEmpty(Relationship) ? $"{Name}: {Phone}" : $"{Name} ({Relationship}): {Phone}";

    /// <summary>Stores contacts one per line, the three parts separated by tabs (which cleaned values never hold).</summary>
    public static string Encode(IEnumerable<CrisisContact> contacts) =>
        string.Join('\n', contacts.Select(c => $"{c.Name}\t{c.Relationship}\t{c.Phone}"));

    /// <summary>Reads what <see cref="Encode"/> stored; lines not in that form are skipped.</summary>
    public static IReadOnlyList<CrisisContact> Decode(string? stored) =>
        (stored ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t')).Where(p => p.Length == 3).Select(p => new CrisisContact(p[0], p[1], p[2])).ToList();
}
