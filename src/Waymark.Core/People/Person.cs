using Waymark.Persistence;

namespace Waymark.People;

public enum Sex { NotKnown = 0, Male = 1, Female = 2, NotSpecified = 9 }

/// <summary>Someone the service has identified. Demographics only: what happened to them lives on episodes.</summary>
public class Person : IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public string? PreferredName { get; set; }
    public string GivenNameKey { get; set; } = "";
    public string FamilyNameKey { get; set; } = "";
    public DateOnly? DateOfBirth { get; set; }
    public Sex Sex { get; set; }
    public string? Gender { get; set; }
    /// <summary>NHS Data Dictionary ethnic category code (A–Z, 99 not stated).</summary>
    public string? EthnicCategory { get; set; }
    public string? FirstLanguage { get; set; }
    public bool InterpreterNeeded { get; set; }
    public string? CommunicationNeeds { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public bool ConsentToText { get; set; }
    public bool ConsentToEmail { get; set; }
    public bool NoFixedAbode { get; set; }
    public string? Address { get; set; }
    public string? Postcode { get; set; }
    public string? NhsNumber { get; set; }
    public string? PncId { get; set; }
    public string? GpPractice { get; set; }
    public bool Veteran { get; set; }
    public bool CareLeaver { get; set; }
    public bool ParentOrCarer { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    // Merged into another record of the same person (ADR 12): who, when and into whom. The row is kept,
    // so an un-merge can restore it; with its team links moved away, no team finds it any more.
    public Guid? MergedIntoPersonId { get; set; }
    public DateTimeOffset? MergedAt { get; set; }
    public string? MergedByUserId { get; set; }
    public bool IsMerged => MergedAt is not null;

    public List<PersonAlias> Aliases { get; set; } = [];
    public List<PersonOtherDateOfBirth> OtherDatesOfBirth { get; set; } = [];
    public List<PersonIdentifier> OtherIdentifiers { get; set; } = [];
    public List<PersonTeamLink> TeamLinks { get; set; } = [];
    public List<Episodes.Episode> Episodes { get; set; } = [];

    /// <summary>"Given Family", or the one name of a person known by one name (<see cref="PersonNames"/>).</summary>
    public string FullName => PersonNames.Full(GivenName, FamilyName);

    /// <summary>"Family, Given" for sorted lists, or the one name alone.</summary>
    public string SortName => PersonNames.SortName(GivenName, FamilyName);

    /// <summary>Keeps the indexed search keys in step with the names; called whenever names change.</summary>
    public void RefreshKeys()
    {
        GivenNameKey = NameKey.For(GivenName);
        FamilyNameKey = NameKey.For(FamilyName);
        foreach (var a in Aliases) a.RefreshKeys();
        foreach (var l in TeamLinks) (l.GivenNameKey, l.FamilyNameKey) = (GivenNameKey, FamilyNameKey);
    }

    public int? AgeOn(DateOnly day) => DateOfBirth is { } dob ? Age.On(dob, day) : null;
}

[NotTeamScoped("Read through its person, which is filtered; searches that query it directly join the team's own links (PersonSearch, DuplicateScan).")]
public class PersonAlias
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PersonId { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public string GivenNameKey { get; set; } = "";
    public string FamilyNameKey { get; set; } = "";

    public void RefreshKeys()
    {
        GivenNameKey = NameKey.For(GivenName);
        FamilyNameKey = NameKey.For(FamilyName);
    }

    public override string ToString() => PersonNames.Full(GivenName, FamilyName);
}

/// <summary>A date of birth the person has given on another occasion (people give wrong or transposed dates).</summary>
[NotTeamScoped("Read through its person, which is filtered; searches that query it directly join the team's own links (PersonSearch, DuplicateScan).")]
public class PersonOtherDateOfBirth
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PersonId { get; set; }
    public DateOnly DateOfBirth { get; set; }
}

[NotTeamScoped("Read through its person, which is filtered; searches that query it directly join the team's own links (PersonSearch, DuplicateScan).")]
public class PersonIdentifier
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PersonId { get; set; }
    /// <summary>e.g. "Custody record", "Prison number", "Local authority ID".</summary>
    public required string Kind { get; set; }
    public required string Value { get; set; }
    public override string ToString() => $"{Kind}: {Value}";
}

/// <summary>
/// Which teams may see a person: every team that has or had an episode with them. Kept as its own
/// indexed table so the access filter is one index probe, not a scan of episodes.
/// </summary>
[NotTeamScoped("The filters themselves read it: whether a team sees a person is decided from every team's links.")]
public class PersonTeamLink
{
    public Guid PersonId { get; set; }
    public Guid TeamId { get; set; }
    public DateTimeOffset Since { get; set; }
    // Copies of the person's name keys, so a team's name search is a range on one team's index
    // (TeamId, FamilyNameKey) instead of every team's matches probed one by one.
    public string GivenNameKey { get; set; } = "";
    public string FamilyNameKey { get; set; } = "";

    public static PersonTeamLink For(Person person, Guid teamId, DateTimeOffset since) => new()
    {
        PersonId = person.Id, TeamId = teamId, Since = since,
        GivenNameKey = NameKey.For(person.GivenName), FamilyNameKey = NameKey.For(person.FamilyName),
    };
}

public static class Age
{
    /// <summary>Whole years on <paramref name="day"/>. Someone born on 29 February turns a year older on
    /// 1 March in other years, as in the law of England and Wales.</summary>
    public static int On(DateOnly dob, DateOnly day)
    {
        var age = day.Year - dob.Year;
        if (day.Month < dob.Month || (day.Month == dob.Month && day.Day < dob.Day)) age--;
        return age;
    }
}
