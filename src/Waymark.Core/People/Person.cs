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
    public string? Address { get; set; }
    public string? Postcode { get; set; }
    public string? NhsNumber { get; set; }
    public string? PncId { get; set; }
    public string? GpPractice { get; set; }
    public bool Veteran { get; set; }
    public bool CareLeaver { get; set; }
    public bool ParentOrCarer { get; set; }

    // Why each detail is empty (ADR 18): null while the detail has a value. AddressAbsence covers address and postcode
    // together; None there is "no fixed abode".
    public Absence? DateOfBirthAbsence { get; set; }
    public Absence? AddressAbsence { get; set; }
    public Absence? PhoneAbsence { get; set; }
    public Absence? EmailAbsence { get; set; }
    public Absence? NhsNumberAbsence { get; set; }
    public Absence? PncIdAbsence { get; set; }
    public Absence? GpPracticeAbsence { get; set; }
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

    /// <summary>Recorded as having no fixed abode: no address or postcode, and said to have none (ADR 18).</summary>
    public bool NoFixedAbode => AddressAbsence == Absence.None && !HasValue(PersonField.Address);

    /// <summary>The address and postcode on one line ("1 High Street, Newtown, NS1 4AB"), or null when neither is recorded.</summary>
    public string? AddressLine => PersonFieldValues.AddressLine(Address, Postcode);

    /// <summary>Whether <paramref name="field"/> has a value (an address counts when either the address or the postcode is recorded).</summary>
    public bool HasValue(PersonField field) => field switch
    {
        PersonField.DateOfBirth => DateOfBirth is not null,
        PersonField.Address => !string.IsNullOrWhiteSpace(Address) || !string.IsNullOrWhiteSpace(Postcode),
        PersonField.Phone => !string.IsNullOrWhiteSpace(Phone),
        PersonField.Email => !string.IsNullOrWhiteSpace(Email),
        PersonField.NhsNumber => !string.IsNullOrWhiteSpace(NhsNumber),
        PersonField.PncId => !string.IsNullOrWhiteSpace(PncId),
        PersonField.GpPractice => !string.IsNullOrWhiteSpace(GpPractice),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>Why <paramref name="field"/> is empty (null while it has a value, or when no reason was recorded).</summary>
    public Absence? AbsenceOf(PersonField field) => HasValue(field) ? null : field switch
    {
        PersonField.DateOfBirth => DateOfBirthAbsence,
        PersonField.Address => AddressAbsence,
        PersonField.Phone => PhoneAbsence,
        PersonField.Email => EmailAbsence,
        PersonField.NhsNumber => NhsNumberAbsence,
        PersonField.PncId => PncIdAbsence,
        PersonField.GpPractice => GpPracticeAbsence,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>Sets why <paramref name="field"/> is empty (stored as null when it has a value, see <see cref="Absent.ToStore"/>).</summary>
    public void SetAbsence(PersonField field, Absence? absence)
    {
        var stored = Absent.ToStore(HasValue(field), absence);
        switch (field)
        {
            case PersonField.DateOfBirth: DateOfBirthAbsence = stored; break;
            case PersonField.Address: AddressAbsence = stored; break;
            case PersonField.Phone: PhoneAbsence = stored; break;
            case PersonField.Email: EmailAbsence = stored; break;
            case PersonField.NhsNumber: NhsNumberAbsence = stored; break;
            case PersonField.PncId: PncIdAbsence = stored; break;
            case PersonField.GpPractice: GpPracticeAbsence = stored; break;
            default: throw new ArgumentOutOfRangeException(nameof(field));
        }
    }

    /// <summary>
    /// <paramref name="field"/> as it reads on every page, letter and export: the value (NHS numbers spaced 3-3-4, dates as
    /// "3 March 1988", the address with its postcode), or why there is none (<see cref="Absent.Show"/>).
    /// </summary>
    public string Show(PersonField field) => field switch
    {
        PersonField.DateOfBirth => Absent.ShowDate(DateOfBirth, AbsenceOf(field)),
        PersonField.Address => Absent.Show(field, AddressLine, AbsenceOf(field)),
        PersonField.Phone => Absent.Show(field, Phone, AbsenceOf(field)),
        PersonField.Email => Absent.Show(field, Email, AbsenceOf(field)),
        PersonField.NhsNumber => Absent.Show(field, NhsNumber is { } n ? Identifiers.NhsNumber.Format(n) : null, AbsenceOf(field)),
        PersonField.PncId => Absent.Show(field, PncId, AbsenceOf(field)),
        PersonField.GpPractice => Absent.Show(field, GpPractice, AbsenceOf(field)),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

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

/// <summary>Formatting of person details shared by <see cref="Person"/> and the read models that copy its columns.</summary>
public static class PersonFieldValues
{
    /// <summary>"address, postcode", either part alone, or null when neither is recorded.</summary>
    public static string? AddressLine(string? address, string? postcode)
    {
        var parts = new[] { address, postcode }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
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
