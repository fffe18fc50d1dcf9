using Waymark.Persistence;

namespace Waymark.ServiceDirectory;

/// <summary>Open Referral UK's service statuses.</summary>
public enum ServiceStatus { Active = 1, Inactive = 2, Defunct = 3, TemporarilyClosed = 4 }

/// <summary>An organisation that runs local services (Open Referral UK "organization").</summary>
public class Organisation : ITeamOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public string? Website { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>
    /// '|' then the name folded for accent- and case-blind search (<see cref="People.NameKey.Fold"/>); kept by
    /// SaveChanges. Never empty, so a row not yet worked out (empty) is told apart.
    /// </summary>
    public string SearchText { get; set; } = "";
    public List<LocalService> Services { get; set; } = [];

    /// <summary>Works out <see cref="SearchText"/> from the name; called by SaveChanges whenever the row is saved.</summary>
    public void RefreshSearchText() => SearchText = "|" + People.NameKey.Fold(Name);
}

/// <summary>
/// A service in the team's local directory: what needs it meets, who it takes, how to refer and who to
/// ring. Each team keeps its own directory ("an encyclopaedic knowledge of local social and health
/// economies"), so it is team-scoped like people. Fields map onto Open Referral UK (HSDS 3.0 UK profile).
/// </summary>
public class LocalService : IVersioned, ITeamOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }

    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public string? Url { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public ServiceStatus Status { get; set; } = ServiceStatus.Active;

    /// <summary>Ages taken, inclusive; null is no limit.</summary>
    public int? MinimumAge { get; set; }
    public int? MaximumAge { get; set; }
    /// <summary>Eligibility and entry thresholds in the service's words.</summary>
    public string? Eligibility { get; set; }
    /// <summary>Whether the service takes people with an offending history; null when not known.</summary>
    public bool? AcceptsOffendingHistory { get; set; }
    /// <summary>Whether it takes people who also use drugs or alcohol; null when not known.</summary>
    public bool? AcceptsCoOccurringSubstanceUse { get; set; }
    public string? HowToRefer { get; set; }
    /// <summary>What a referral must include for this service to accept it.</summary>
    public string? ReferralRequirements { get; set; }
    public bool DropIn { get; set; }
    public string? DropInDetails { get; set; }

    public DateTimeOffset? LastVerifiedAt { get; set; }
    /// <summary>Who checked the entry was right (a user id, or an assurer's email from an import).</summary>
    public string? LastVerifiedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>
    /// Name, description and eligibility folded for accent- and case-blind search (<see cref="People.NameKey.Fold"/>),
    /// joined by '|' so a search never matches across two of them ("Tŷ Croeso" is found by "ty croeso"). Kept by SaveChanges.
    /// </summary>
    public string SearchText { get; set; } = "";

    /// <summary>Works out <see cref="SearchText"/>; called by SaveChanges whenever the row is saved.</summary>
    public void RefreshSearchText() =>
        SearchText = string.Join('|', People.NameKey.Fold(Name), People.NameKey.Fold(Description), People.NameKey.Fold(Eligibility));

    public List<ServiceNeed> Needs { get; set; } = [];
    public List<ServiceLocation> Locations { get; set; } = [];
    public List<ServiceArea> Areas { get; set; } = [];
    public List<OpeningTime> OpeningTimes { get; set; } = [];
    public List<ServiceContact> Contacts { get; set; } = [];

    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Not verified within <paramref name="maxAge"/> (or never): flagged so someone checks it.</summary>
    public bool IsStale(DateTimeOffset now, TimeSpan maxAge) => LastVerifiedAt is not { } v || now - v > maxAge;
}

/// <summary>A need the service meets, as an assessment domain code (see Waymark.Assessment.AssessmentDomains).</summary>
[NotTeamScoped("Read through its service, which is filtered.")]
public class ServiceNeed
{
    public Guid ServiceId { get; set; }
    public required string Domain { get; set; }
}

[NotTeamScoped("Read through its service, which is filtered; the Open Referral importer looks its ids up across every team to avoid collisions.")]
public class ServiceLocation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ServiceId { get; set; }
    public string? Name { get; set; }
    public required string Address { get; set; }
    public string? Town { get; set; }
    public required string Postcode { get; set; }
    /// <summary>The outward code ("NE1"), for searching by area.</summary>
    public required string PostcodeDistrict { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}

/// <summary>An area the service covers, as a postcode district ("NE1") or area ("NE").</summary>
[NotTeamScoped("Read through its service, which is filtered.")]
public class ServiceArea
{
    public Guid ServiceId { get; set; }
    public required string District { get; set; }
}

/// <summary>When the service is open (UK local time); drop-in sessions are marked.</summary>
[NotTeamScoped("Read through its service, which is filtered; the Open Referral importer looks its ids up across every team to avoid collisions.")]
public class OpeningTime
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ServiceId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
    public bool DropIn { get; set; }
}

/// <summary>A named contact: "who to ring, and what works". Relationship notes are the team's own and never exported.</summary>
[NotTeamScoped("Read through its service, which is filtered; the Open Referral importer looks its ids up across every team to avoid collisions.")]
public class ServiceContact
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ServiceId { get; set; }
    public required string Name { get; set; }
    public string? Role { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? RelationshipNotes { get; set; }
}
