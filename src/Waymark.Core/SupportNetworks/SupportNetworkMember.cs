using Waymark.Persistence;

namespace Waymark.SupportNetworks;

/// <summary>How a member of the support network is related to the person. Stored as numbers: never renumber.</summary>
public enum Relationship
{
    Parent = 1,
    Partner = 2,
    Child = 3,
    Sibling = 4,
    OtherFamily = 5,
    Friend = 6,
    Carer = 7,
    Neighbour = 8,
    Other = 9,
}

/// <summary>The words for each <see cref="Relationship"/>.</summary>
public static class Relationships
{
    /// <summary>Every relationship, in the order the form lists them.</summary>
    public static IReadOnlyList<Relationship> All { get; } = Enum.GetValues<Relationship>();

    /// <summary>The relationship in plain words ("Parent").</summary>
    public static string Display(Relationship r) => r switch
    {
        Relationship.Parent => "Parent",
        Relationship.Partner => "Partner",
        Relationship.Child => "Child",
        Relationship.Sibling => "Brother or sister",
        Relationship.OtherFamily => "Other family",
        Relationship.Friend => "Friend",
        Relationship.Carer => "Carer",
        Relationship.Neighbour => "Neighbour",
        Relationship.Other => "Other",
        _ => "Other",
    };

    /// <summary>The member's relationship as shown: the coded words, with the typed words when there are some ("Other family (aunt)").</summary>
    public static string Describe(Relationship r, string? words) =>
        string.IsNullOrWhiteSpace(words) ? Display(r) : r == Relationship.Other ? words.Trim() : $"{Display(r)} ({words.Trim()})";
}

/// <summary>
/// One of the people around a person (issue 14 item 5; ../shared/seeds/001 "Families and support networks"): family,
/// friends, carers, the appropriate adult. With contact details, the person's consent to contact them (who recorded it
/// and when), and "do not contact" with a reason. Changed with a version check; removed with who, when and why, never
/// deleted.
/// </summary>
public class SupportNetworkMember : IPersonHistory, IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>Their name; up to <see cref="SupportNetworkInput.MaxName"/> characters.</summary>
    public string Name { get; set; } = "";
    public Relationship Relationship { get; set; }
    /// <summary>More about the relationship ("aunt", "support worker at the hostel"); required for Other.</summary>
    public string? RelationshipWords { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    /// <summary>Whether the person consents to the team contacting them.</summary>
    public bool ConsentToContact { get; set; }
    /// <summary>When the consent answer was last recorded (or changed).</summary>
    public DateTimeOffset ConsentRecordedAt { get; set; }
    public required string ConsentRecordedByUserId { get; set; }
    /// <summary>The team must not contact them; <see cref="DoNotContactReason"/> says why.</summary>
    public bool DoNotContact { get; set; }
    public string? DoNotContactReason { get; set; }
    public bool IsCarer { get; set; }
    /// <summary>They are, or have been, the person's appropriate adult (in custody).</summary>
    public bool IsAppropriateAdult { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public required string AddedByUserId { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public string? ChangedByUserId { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
    public string? RemovedByUserId { get; set; }
    public string? RemovedReason { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The relationship as shown.</summary>
    public string RelationshipText => Relationships.Describe(Relationship, RelationshipWords);
}
