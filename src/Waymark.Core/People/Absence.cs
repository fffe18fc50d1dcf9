using System.Globalization;

namespace Waymark.People;

/// <summary>
/// Why a detail of a person is empty (ADR 18). Meaningful only while the value itself is empty; stored as a nullable
/// column beside each value. The names follow HL7 FHIR's data-absent-reason code system
/// (http://terminology.hl7.org/CodeSystem/data-absent-reason) where one fits: <see cref="NotAsked"/> = <c>not-asked</c>,
/// <see cref="AskedUnknown"/> = <c>asked-unknown</c>, <see cref="Declined"/> = <c>asked-declined</c>; FHIR has no code
/// for "the person has none", so <see cref="None"/> is sent as <c>not-applicable</c> ("there is no proper value for this element").
/// The numbers are stored: never renumber.
/// </summary>
public enum Absence
{
    /// <summary>Nobody asked, or nobody recorded asking (FHIR <c>not-asked</c>). What an empty value recorded before ADR 18 became.</summary>
    NotAsked = 1,
    /// <summary>Asked, and the person (or whoever was asked) did not know (FHIR <c>asked-unknown</c>).</summary>
    AskedUnknown = 2,
    /// <summary>Asked, and the person would not say (FHIR <c>asked-declined</c>).</summary>
    Declined = 3,
    /// <summary>The person has none: no fixed abode, not registered with a GP, no phone, no email address (FHIR <c>not-applicable</c>).</summary>
    None = 4,
}

/// <summary>The details of a person that may be empty for a reason worth saying (<see cref="Absence"/>).</summary>
public enum PersonField { DateOfBirth, Address, Phone, Email, NhsNumber, PncId, GpPractice }

/// <summary>
/// The one place that says how an empty detail reads (pages, letters, the CLI, FHIR), which reasons each detail allows,
/// and how two records' details combine when they are merged (ADR 18).
/// </summary>
public static class Absent
{
    /// <summary>The FHIR extension that carries a reason for a missing value on any element.</summary>
    public const string FhirExtensionUrl = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
    /// <summary>The FHIR code system of <see cref="FhirCode"/>'s codes.</summary>
    public const string FhirCodeSystem = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

    /// <summary>What is shown for an empty value whose reason was never recorded. A safety net: every save records a reason.</summary>
    public const string NotRecorded = "Not recorded";

    /// <summary>Every detail, in the order forms show them.</summary>
    public static IReadOnlyList<PersonField> Fields { get; } = Enum.GetValues<PersonField>();

    /// <summary>The reasons a user may give for <paramref name="field"/> being empty, in the order forms offer them.
    /// "Has none" is offered only where having none is a real state (a home, a GP, a phone, an email address).</summary>
    public static IReadOnlyList<Absence> Allowed(PersonField field) => field switch
    {
        PersonField.Address or PersonField.GpPractice or PersonField.Phone or PersonField.Email =>
            [Absence.None, Absence.AskedUnknown, Absence.Declined, Absence.NotAsked],
        _ => [Absence.AskedUnknown, Absence.Declined, Absence.NotAsked],
    };

    /// <summary>Whether <paramref name="absence"/> is a reason <paramref name="field"/> allows.</summary>
    public static bool IsAllowed(PersonField field, Absence absence) => Allowed(field).Contains(absence);

    /// <summary>How the reason reads on a page, letter or export: "No fixed abode", "Not known", "Declined to say", "Not asked"…</summary>
    public static string Label(PersonField field, Absence absence) => absence switch
    {
        Absence.NotAsked => "Not asked",
        Absence.AskedUnknown => "Not known",
        Absence.Declined => "Declined to say",
        Absence.None => field switch
        {
            PersonField.Address => "No fixed abode",
            PersonField.GpPractice => "Not registered with a GP",
            PersonField.Phone => "No phone",
            PersonField.Email => "No email address",
            _ => "None",
        },
        _ => NotRecorded,
    };

    /// <summary>The label of a form's radio for <paramref name="absence"/>: the same words as <see cref="Label"/>, said of the person.</summary>
    public static string Choice(PersonField field, Absence absence) => absence switch
    {
        Absence.NotAsked => "Not asked yet",
        Absence.AskedUnknown => "Asked, but not known",
        Absence.Declined => "Asked, but they declined to say",
        _ => Label(field, absence),
    };

    /// <summary>
    /// The value when there is one, otherwise why there is none. Never blank and never a default that says more than
    /// was recorded: an empty value with no reason reads <see cref="NotRecorded"/>.
    /// </summary>
    public static string Show(PersonField field, string? value, Absence? absence) =>
        !string.IsNullOrWhiteSpace(value) ? value : absence is { } a ? Label(field, a) : NotRecorded;

    /// <summary>The date of birth as "3 March 1988", or why there is none.</summary>
    public static string ShowDate(DateOnly? value, Absence? absence) =>
        Show(PersonField.DateOfBirth, value?.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")), absence);

    /// <summary>The reason to store beside <paramref name="value"/>: none while there is a value; the chosen one, or
    /// <see cref="Absence.NotAsked"/> when nobody said (nothing recorded as asked), while it is empty.</summary>
    public static Absence? ToStore(bool hasValue, Absence? chosen) => hasValue ? null : chosen ?? Absence.NotAsked;

    /// <summary>The FHIR data-absent-reason code for <paramref name="absence"/> (null: <c>unknown</c>, "the value is expected to exist but is not known").</summary>
    public static string FhirCode(Absence? absence) => absence switch
    {
        Absence.NotAsked => "not-asked",
        Absence.AskedUnknown => "asked-unknown",
        Absence.Declined => "asked-declined",
        Absence.None => "not-applicable",
        _ => "unknown",
    };

    /// <summary>
    /// How much a reason tells: an answer the person gave (<see cref="Absence.None"/>) tells most, then that they were
    /// asked and would not say, then that they were asked and did not know, then nothing (<see cref="Absence.NotAsked"/>, or no reason).
    /// </summary>
    public static int Strength(Absence? absence) => absence switch
    {
        Absence.None => 4,
        Absence.Declined => 3,
        Absence.AskedUnknown => 2,
        Absence.NotAsked => 1,
        _ => 0,
    };

    /// <summary>
    /// The merge rule for one detail when the kept record has no value (ADR 18): a known value beats any reason for having
    /// none (the caller takes the merged record's value); between two reasons the one that tells more wins
    /// (<see cref="Strength"/>), and on a tie the kept record's stands.
    /// </summary>
    public static Absence? Combine(Absence? kept, Absence? merged) => Strength(merged) > Strength(kept) ? merged : kept;
}

/// <summary>A person's recorded reasons for empty details, copied by read models that do not load the whole <see cref="Person"/>.</summary>
public sealed record PersonAbsences(Absence? DateOfBirth, Absence? Address, Absence? Phone, Absence? Email, Absence? NhsNumber, Absence? PncId, Absence? GpPractice)
{
    /// <summary>No reasons recorded.</summary>
    public static PersonAbsences Empty { get; } = new(null, null, null, null, null, null, null);

    /// <summary>The reasons of <paramref name="p"/> (null for details that have a value).</summary>
    public static PersonAbsences Of(Person p) => new(p.AbsenceOf(PersonField.DateOfBirth), p.AbsenceOf(PersonField.Address), p.AbsenceOf(PersonField.Phone),
        p.AbsenceOf(PersonField.Email), p.AbsenceOf(PersonField.NhsNumber), p.AbsenceOf(PersonField.PncId), p.AbsenceOf(PersonField.GpPractice));

    /// <summary>The reason recorded for <paramref name="field"/>.</summary>
    public Absence? For(PersonField field) => field switch
    {
        PersonField.DateOfBirth => DateOfBirth,
        PersonField.Address => Address,
        PersonField.Phone => Phone,
        PersonField.Email => Email,
        PersonField.NhsNumber => NhsNumber,
        PersonField.PncId => PncId,
        PersonField.GpPractice => GpPractice,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
