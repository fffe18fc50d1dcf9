using Waymark.Episodes;
using Waymark.People;

namespace Waymark.Identification;

/// <summary>
/// The answers of an identification journey in progress. Kept in the database, not in memory or a
/// cookie, so any app instance can carry on the journey and nothing typed is lost between steps.
/// </summary>
public class IdentificationDraft
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string UserId { get; set; }
    public Guid TeamId { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    public Setting? Setting { get; set; }
    public string? SettingReference { get; set; }
    public DateTimeOffset? IdentifiedAt { get; set; }

    public string? IdentifiedBySource { get; set; }
    public string? IdentificationReason { get; set; }
    public string VulnerabilityPrompts { get; set; } = "";

    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public Sex Sex { get; set; }
    public string? NhsNumber { get; set; }
    public string? PncId { get; set; }
    public string? Postcode { get; set; }
    // Why the date of birth, NHS number, PNC ID or postcode is empty, as the practitioner said (ADR 18); carried to a new person.
    public Absence? DateOfBirthAbsence { get; set; }
    public Absence? NhsNumberAbsence { get; set; }
    public Absence? PncIdAbsence { get; set; }
    public Absence? AddressAbsence { get; set; }

    /// <summary>The known person the practitioner chose, or null with <see cref="IsNewPerson"/> for a new record.</summary>
    public Guid? ExistingPersonId { get; set; }
    public bool IsNewPerson { get; set; }

    public bool HasSetting => Setting is not null && IdentifiedAt is not null;
    public bool HasReason => !string.IsNullOrWhiteSpace(IdentifiedBySource) && !string.IsNullOrWhiteSpace(IdentificationReason);
    /// <summary>A last name is enough: a person known by one name has no first name (<see cref="People.PersonNames"/>).</summary>
    public bool HasPerson => !string.IsNullOrWhiteSpace(FamilyName);
    public bool HasMatchDecision => ExistingPersonId is not null || IsNewPerson;
}
