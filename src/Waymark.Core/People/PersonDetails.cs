using Waymark.Identifiers;

namespace Waymark.People;

/// <summary>The editable details of a person, as entered, before they are applied to a <see cref="Person"/>.</summary>
public record PersonDetails
{
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? PreferredName { get; init; }
    public IReadOnlyList<(string Given, string Family)> Aliases { get; init; } = [];
    public DateOnly? DateOfBirth { get; init; }
    public IReadOnlyList<DateOnly> OtherDatesOfBirth { get; init; } = [];
    public Sex Sex { get; init; }
    public string? Gender { get; init; }
    public string? EthnicCategory { get; init; }
    public string? FirstLanguage { get; init; }
    public bool InterpreterNeeded { get; init; }
    public string? CommunicationNeeds { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public bool ConsentToText { get; init; }
    public bool ConsentToEmail { get; init; }
    /// <summary>Why each empty detail is empty, as the user said (ADR 18). A reason given for a detail that has a value is
    /// ignored: the value wins. An empty detail with no reason given is stored as <see cref="Absence.NotAsked"/>.</summary>
    public IReadOnlyDictionary<PersonField, Absence> Absences { get; init; } = new Dictionary<PersonField, Absence>();
    public string? Address { get; init; }
    public string? Postcode { get; init; }
    public string? NhsNumber { get; init; }
    public string? PncId { get; init; }
    public IReadOnlyList<(string Kind, string Value)> OtherIdentifiers { get; init; } = [];
    public string? GpPractice { get; init; }
    public bool Veteran { get; init; }
    public bool CareLeaver { get; init; }
    public bool ParentOrCarer { get; init; }

    public static PersonDetails From(Person p) => new()
    {
        GivenName = p.GivenName, FamilyName = p.FamilyName, PreferredName = p.PreferredName,
        Aliases = p.Aliases.Select(a => (a.GivenName, a.FamilyName)).ToList(),
        DateOfBirth = p.DateOfBirth, OtherDatesOfBirth = p.OtherDatesOfBirth.Select(d => d.DateOfBirth).ToList(),
        Sex = p.Sex, Gender = p.Gender, EthnicCategory = p.EthnicCategory, FirstLanguage = p.FirstLanguage,
        InterpreterNeeded = p.InterpreterNeeded, CommunicationNeeds = p.CommunicationNeeds, Phone = p.Phone, Email = p.Email,
        ConsentToText = p.ConsentToText, ConsentToEmail = p.ConsentToEmail, Absences = AbsencesOf(p),
        Address = p.Address, Postcode = p.Postcode, NhsNumber = p.NhsNumber, PncId = p.PncId,
        OtherIdentifiers = p.OtherIdentifiers.Select(i => (i.Kind, i.Value)).ToList(), GpPractice = p.GpPractice,
        Veteran = p.Veteran, CareLeaver = p.CareLeaver, ParentOrCarer = p.ParentOrCarer,
    };

    /// <summary>
    /// These details without the reasons that are only still there from <paramref name="stored"/>: a reason the form showed
    /// as stored and the user left as it was, beside a value the user has now entered (a person of no fixed abode who has
    /// found a home: the address is typed, the old radio left ticked). The value wins. A reason the user changed stays, so
    /// "has none" newly chosen beside an old value is still refused by <see cref="Validate"/>.
    /// </summary>
    public PersonDetails WithoutStaleReasons(Person stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return this with
        {
            Absences = Absences.Where(a => !(HasValue(a.Key) && stored.AbsenceOf(a.Key) == a.Value))
                .ToDictionary(a => a.Key, a => a.Value),
        };
    }

    /// <summary>The reasons <paramref name="p"/> records for its empty details.</summary>
    public static Dictionary<PersonField, Absence> AbsencesOf(Person p) =>
        Absent.Fields.Where(f => p.AbsenceOf(f) is not null).ToDictionary(f => f, f => p.AbsenceOf(f)!.Value);

    /// <summary>The reason given for <paramref name="field"/>, or null.</summary>
    public Absence? AbsenceOf(PersonField field) => Absences.TryGetValue(field, out var a) ? a : null;

    /// <summary>
    /// These details with the identity details of <paramref name="p"/> instead of these: names, aliases, dates of birth, sex,
    /// gender, ethnic category, NHS number, PNC ID and other identifiers. Used for a user whose role may change contact
    /// details but not identity (<see cref="Waymark.Access.Permission.EditIdentityDetails"/>): identity drives matching and merging.
    /// </summary>
    public PersonDetails KeepingIdentityOf(Person p)
    {
        var stored = From(p);
        return this with
        {
            GivenName = stored.GivenName, FamilyName = stored.FamilyName, PreferredName = stored.PreferredName,
            Aliases = stored.Aliases, DateOfBirth = stored.DateOfBirth, OtherDatesOfBirth = stored.OtherDatesOfBirth,
            Sex = stored.Sex, Gender = stored.Gender, EthnicCategory = stored.EthnicCategory,
            NhsNumber = stored.NhsNumber, PncId = stored.PncId, OtherIdentifiers = stored.OtherIdentifiers,
            Absences = new Dictionary<PersonField, Absence>(Absences.Where(a => !IsIdentity(a.Key))
                .Concat(stored.Absences.Where(a => IsIdentity(a.Key)))),
        };
    }

    private static bool IsIdentity(PersonField f) => f is PersonField.DateOfBirth or PersonField.NhsNumber or PersonField.PncId;

    /// <summary>Applies these details, normalising identifiers; call <see cref="Validate"/> first.</summary>
    public void ApplyTo(Person p)
    {
        p.GivenName = GivenName?.Trim() ?? "";
        p.FamilyName = FamilyName!.Trim();
        p.PreferredName = Clean(PreferredName);
        p.DateOfBirth = DateOfBirth;
        p.Sex = Sex;
        p.Gender = Clean(Gender);
        p.EthnicCategory = Clean(EthnicCategory);
        p.FirstLanguage = Clean(FirstLanguage);
        p.InterpreterNeeded = InterpreterNeeded;
        p.CommunicationNeeds = Clean(CommunicationNeeds);
        p.Phone = Clean(Phone);
        p.Email = Clean(Email);
        p.ConsentToText = Reminders.ReminderConsent.CanText(ConsentToText, p.Phone);
        p.ConsentToEmail = Reminders.ReminderConsent.CanEmail(ConsentToEmail, p.Email);
        p.Address = Clean(Address);
        p.Postcode = UkPostcode.Normalise(Postcode);
        p.NhsNumber = Identifiers.NhsNumber.Normalise(NhsNumber);
        p.PncId = Identifiers.PncId.Normalise(PncId);
        p.GpPractice = Clean(GpPractice);
        (p.Veteran, p.CareLeaver, p.ParentOrCarer) = (Veteran, CareLeaver, ParentOrCarer);
        foreach (var f in Absent.Fields) p.SetAbsence(f, AbsenceOf(f));

        // Child rows are replaced wholesale: the form always shows the complete list.
        p.Aliases.Clear();
        p.Aliases.AddRange(Aliases.Select(a => new PersonAlias { PersonId = p.Id, GivenName = a.Given.Trim(), FamilyName = a.Family.Trim() }));
        p.OtherDatesOfBirth.Clear();
        p.OtherDatesOfBirth.AddRange(OtherDatesOfBirth.Distinct().Where(d => d != DateOfBirth).Select(d => new PersonOtherDateOfBirth { PersonId = p.Id, DateOfBirth = d }));
        p.OtherIdentifiers.Clear();
        p.OtherIdentifiers.AddRange(OtherIdentifiers.Select(i => new PersonIdentifier { PersonId = p.Id, Kind = i.Kind.Trim(), Value = i.Value.Trim() }));
        p.RefreshKeys();
    }

    /// <summary>Whether these details have a value for <paramref name="field"/> (an address counts when either the address or the postcode is given).</summary>
    public bool HasValue(PersonField field) => field switch
    {
        PersonField.DateOfBirth => DateOfBirth is not null,
        PersonField.Address => Clean(Address) is not null || Clean(Postcode) is not null,
        PersonField.Phone => Clean(Phone) is not null,
        PersonField.Email => Clean(Email) is not null,
        PersonField.NhsNumber => Clean(NhsNumber) is not null,
        PersonField.PncId => Clean(PncId) is not null,
        PersonField.GpPractice => Clean(GpPractice) is not null,
        _ => false,
    };

    /// <summary>The form field that holds the reason for <paramref name="field"/>: "PhoneAbsence" and so on.</summary>
    public static string AbsenceFieldName(PersonField field) => field + "Absence";

    /// <summary>"phone number", "GP practice"…: the detail as named in messages.</summary>
    public static string Describe(PersonField field) => field switch
    {
        PersonField.DateOfBirth => "date of birth",
        PersonField.Address => "address",
        PersonField.Phone => "phone number",
        PersonField.Email => "email address",
        PersonField.NhsNumber => "NHS number",
        PersonField.PncId => "PNC ID",
        PersonField.GpPractice => "GP practice",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Field name → message, in the order the form shows them, for new details. Empty when valid.</summary>
    /// <param name="today">Today's UK date.</param>
    public List<(string Field, string Message)> Validate(DateOnly today) => Validate(today, null);

    /// <summary>
    /// Field name → message, in the order the form shows them. Empty when valid. Dates of birth are judged by
    /// <see cref="DateLimits.DateOfBirthProblem"/>, except those <paramref name="current"/> already holds.
    /// </summary>
    /// <param name="today">Today's UK date.</param>
    /// <param name="current">The record as stored, when these details change it; null for a new person.</param>
    public List<(string Field, string Message)> Validate(DateOnly today, Person? current)
    {
        var errors = new List<(string, string)>();
        void Len(string field, string? value, int max, string label)
        {
            if (value is { } v && v.Trim().Length > max) errors.Add((field, $"{label} must be {max} characters or fewer"));
        }
        // A person known by one name has it as their family name and no given name (PersonNames: the NHS PDS convention).
        Len(nameof(GivenName), GivenName, 100, "First name");
        if (string.IsNullOrWhiteSpace(FamilyName)) errors.Add((nameof(FamilyName), "Enter their last name. If they are known by one name only, enter it here and leave first name blank"));
        Len(nameof(FamilyName), FamilyName, 100, "Last name");
        Len(nameof(PreferredName), PreferredName, 100, "Preferred name");
        if (Aliases.Any(a => string.IsNullOrWhiteSpace(a.Family)))
            errors.Add((nameof(Aliases), "Enter each other name as a first and last name (or one name alone), one per line"));
        else if (Aliases.Any(a => a.Given.Length > 100 || a.Family.Length > 100) || Aliases.Count > 20)
            errors.Add((nameof(Aliases), "Enter up to 20 other names, each name 100 characters or fewer"));
        // One rule for every date of birth (DateLimits.DateOfBirthProblem); a date the record already holds is not
        // re-judged, so a record with an old out-of-rule date can still have its phone number added.
        if (DateOfBirth is { } dob && dob != current?.DateOfBirth && DateLimits.DateOfBirthProblem(dob, today) is { } dobProblem)
            errors.Add((nameof(DateOfBirth), dobProblem));
        var storedOthers = current?.OtherDatesOfBirth.Select(d => d.DateOfBirth).Append(current.DateOfBirth ?? default).ToHashSet() ?? [];
        if (OtherDatesOfBirth.Where(d => !storedOthers.Contains(d))
                .Select(d => DateLimits.DateOfBirthProblem(d, today, $"Other date of birth {d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}"))
                .FirstOrDefault(m => m is not null) is { } otherProblem)
            errors.Add((nameof(OtherDatesOfBirth), otherProblem));
        if (OtherDatesOfBirth.Count > 10) errors.Add((nameof(OtherDatesOfBirth), "Enter up to 10 other dates of birth"));
        Len(nameof(Gender), Gender, 100, "Gender");
        if (!People.EthnicCategory.IsKnownCode(Clean(EthnicCategory))) errors.Add((nameof(EthnicCategory), "Select an ethnic category from the list"));
        Len(nameof(FirstLanguage), FirstLanguage, 100, "First language");
        Len(nameof(CommunicationNeeds), CommunicationNeeds, 2000, "Communication needs");
        if (Clean(Phone) is { } phone && Support.PhoneNumbers.Problem(phone) is { } phoneProblem)
            errors.Add((nameof(Phone), phoneProblem));
        if (Clean(Email) is { } email && Support.EmailAddresses.Problem(email) is { } emailProblem)
            errors.Add((nameof(Email), emailProblem));
        if (ConsentToText && !Support.PhoneNumbers.IsUkMobile(Clean(Phone)))
            errors.Add((nameof(ConsentToText), "Enter a mobile number, like 07700 900 123, to record consent to text messages"));
        if (ConsentToEmail && Clean(Email) is null) errors.Add((nameof(ConsentToEmail), "Enter an email address to record consent to email"));
        Len(nameof(Address), Address, 500, "Address");
        if (Clean(Postcode) is { } pc && !UkPostcode.IsValid(pc)) errors.Add((nameof(Postcode), "Enter a real postcode, like NS1 4AB"));
        if (!string.IsNullOrWhiteSpace(NhsNumber) && !Identifiers.NhsNumber.IsValid(NhsNumber))
            errors.Add((nameof(NhsNumber), "Enter a valid NHS number: 10 numbers, like 943 476 5919"));
        else if (Identifiers.NhsNumber.IsPlaceholder(NhsNumber))
            errors.Add((nameof(NhsNumber), Identifiers.NhsNumber.PlaceholderMessage));
        if (!string.IsNullOrWhiteSpace(PncId) && !Identifiers.PncId.IsValid(PncId))
            errors.Add((nameof(PncId), "Enter a valid PNC ID, like 2001/0000023C (year, serial number and check letter)"));
        if (OtherIdentifiers.Any(i => string.IsNullOrWhiteSpace(i.Kind) || string.IsNullOrWhiteSpace(i.Value)))
            errors.Add((nameof(OtherIdentifiers), "Enter each other identifier as 'type: value', one per line"));
        else if (OtherIdentifiers.Any(i => i.Kind.Length > 100 || i.Value.Length > 100) || OtherIdentifiers.Count > 20)
            errors.Add((nameof(OtherIdentifiers), "Enter up to 20 other identifiers, each part 100 characters or fewer"));
        Len(nameof(GpPractice), GpPractice, 200, "GP practice");
        foreach (var (field, absence) in Absences)
        {
            if (!Absent.IsAllowed(field, absence))
                errors.Add((AbsenceFieldName(field), $"Choose why there is no {Describe(field)} from the list"));
            // "Has none" contradicts a value typed beside it (a person housed again, still ticked no fixed abode): ask which.
            // The other reasons only say why a value is missing, so a value typed over them simply replaces them.
            else if (absence == Absence.None && HasValue(field))
                errors.Add((AbsenceFieldName(field), $"You entered their {Describe(field)} and chose “{Absent.Label(field, absence)}”. Remove one of them"));
        }
        return errors;
    }
}
