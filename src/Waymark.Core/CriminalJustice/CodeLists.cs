namespace Waymark.CriminalJustice;

/// <summary>
/// Offence groups for an arrest or charge: the offence categories (no free text of the allegation). Source: Office for
/// National Statistics / Home Office "Crime in England and Wales" police recorded crime offence groups (the user guide's
/// classification of notifiable offences, plus summary non-motoring and summary motoring offences). Stored as numbers:
/// never renumber.
/// </summary>
public enum OffenceCategory
{
    ViolenceAgainstThePerson = 1,
    SexualOffences = 2,
    Robbery = 3,
    Theft = 4,
    CriminalDamageAndArson = 5,
    DrugOffences = 6,
    PossessionOfWeapons = 7,
    PublicOrder = 8,
    MiscellaneousCrimesAgainstSociety = 9,
    Fraud = 10,
    SummaryNonMotoring = 11,
    SummaryMotoring = 12,
}

/// <summary>Words for <see cref="OffenceCategory"/>.</summary>
public static class OffenceCategories
{
    /// <summary>Every category, in the order a form offers them.</summary>
    public static IReadOnlyList<OffenceCategory> All { get; } = Enum.GetValues<OffenceCategory>();

    /// <summary>The ONS offence group's name.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared category.</exception>
    public static string Display(OffenceCategory c) => c switch
    {
        OffenceCategory.ViolenceAgainstThePerson => "Violence against the person",
        OffenceCategory.SexualOffences => "Sexual offences",
        OffenceCategory.Robbery => "Robbery",
        OffenceCategory.Theft => "Theft offences",
        OffenceCategory.CriminalDamageAndArson => "Criminal damage and arson",
        OffenceCategory.DrugOffences => "Drug offences",
        OffenceCategory.PossessionOfWeapons => "Possession of weapons offences",
        OffenceCategory.PublicOrder => "Public order offences",
        OffenceCategory.MiscellaneousCrimesAgainstSociety => "Miscellaneous crimes against society",
        OffenceCategory.Fraud => "Fraud offences",
        OffenceCategory.SummaryNonMotoring => "Summary non-motoring offences",
        OffenceCategory.SummaryMotoring => "Summary motoring offences",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, "Not an offence category"),
    };
}

/// <summary>One police decision code: its Home Office outcome number (or an interim code), words and group.</summary>
/// <param name="Code">"1", "1A", "3", "22", or "RUI" / "BAIL-POLICE" for the interim decisions. Up to 12 characters.</param>
/// <param name="Name">The outcome in words.</param>
/// <param name="Group">The heading a form groups it under ("Charged or summonsed", "No further action", …).</param>
/// <param name="IsInterim">True for decisions before an outcome (released under investigation, bail to return).</param>
public sealed record PoliceDecisionCode(string Code, string Name, string Group, bool IsInterim = false)
{
    /// <summary>"Outcome 3: Caution – adult", "Outcome 17: No further action – prosecution time limit expired", or the interim decision's name.</summary>
    public string Display => IsInterim ? Name
        : Group == PoliceDecisions.NoFurtherAction ? $"Outcome {Code}: No further action – {char.ToLowerInvariant(Name[0])}{Name[1..]}"
        : $"Outcome {Code}: {Name}";
}

/// <summary>
/// Police decisions. Source: Home Office "Crime outcomes in England and Wales" user guide and the Home Office Counting
/// Rules for recorded crime, "Crime outcomes" (outcome types 1–22; 5 offender died and 18 no suspect identified are not
/// decisions about a person the team supports, 19 is not in use). Outcomes 9–17 and 21 are shown under "No further
/// action" as the brief asks. The interim decisions (released under investigation; pre-charge bail to return to the
/// police station, Police and Criminal Evidence Act 1984 s47(3)(c)) are not outcomes but are what custody tells people.
/// Codes are stored as text: never change one.
/// </summary>
public static class PoliceDecisions
{
    /// <summary>The group of outcomes 9–17 and 21.</summary>
    public const string NoFurtherAction = "No further action";

    private const string Charged = "Charged or summonsed", Caution = "Out-of-court disposal", Nfa = NoFurtherAction,
        Other = "Other", Interim = "Before an outcome";

    /// <summary>Every decision, in the order a form offers them.</summary>
    public static IReadOnlyList<PoliceDecisionCode> All { get; } =
    [
        new("1", "Charged or summonsed", Charged),
        new("1A", "Charged or summonsed – alternative offence", Charged),
        new("2", "Caution – youth", Caution),
        new("3", "Caution – adult", Caution),
        new("4", "Taken into consideration (TIC)", Caution),
        new("6", "Penalty notice for disorder", Caution),
        new("7", "Cannabis or khat warning", Caution),
        new("8", "Community resolution", Caution),
        new("22", "Diversionary, educational or intervention activity; no further action in the public interest", Caution),
        new("9", "Prosecution not in the public interest (CPS decision)", Nfa),
        new("10", "Formal action not in the public interest (police decision)", Nfa),
        new("11", "Prosecution prevented: suspect below the age of criminal responsibility", Nfa),
        new("12", "Prosecution prevented: suspect too ill (physical or mental health) to prosecute", Nfa),
        new("13", "Prosecution prevented: victim or key witness dead or too ill to give evidence", Nfa),
        new("14", "Evidential difficulties: victim does not support action (suspect not identified)", Nfa),
        new("15", "Evidential difficulties: suspect identified, victim supports action", Nfa),
        new("16", "Evidential difficulties: suspect identified, victim does not support action", Nfa),
        new("17", "Prosecution time limit expired", Nfa),
        new("21", "Further investigation not in the public interest (police decision)", Nfa),
        new("20", "Action undertaken by another body or agency", Other),
        new("RUI", "Released under investigation", Interim, IsInterim: true),
        new("BAIL-POLICE", "Bail to return to the police station", Interim, IsInterim: true),
    ];

    /// <summary>The decision with <paramref name="code"/> (exact), or null.</summary>
    public static PoliceDecisionCode? Find(string? code) => All.FirstOrDefault(d => d.Code == code);

    /// <summary>"Charged or summonsed" for outcome 1 and 1A: the decisions after which the person goes to court.</summary>
    public static bool IsCharge(string code) => code is "1" or "1A";
}

/// <summary>How the person left custody or court to wait for the next step. Stored as numbers: never renumber.</summary>
public enum RemandOrBail
{
    /// <summary>Unconditional bail to appear at court.</summary>
    BailToCourt = 1,
    /// <summary>Conditional bail (the conditions are recorded as text, e.g. "reside at …, curfew 19:00–07:00").</summary>
    ConditionalBail = 2,
    /// <summary>Kept in police custody to be taken before the next court sitting (PACE 1984 s38, s46).</summary>
    RemandedInPoliceCustody = 3,
    /// <summary>Remanded in custody (prison) by the court (Bail Act 1976).</summary>
    RemandedInCustody = 4,
    /// <summary>Remanded to hospital for a report on their mental condition (Mental Health Act 1983 s35).</summary>
    RemandedToHospitalS35 = 5,
    /// <summary>Remanded to hospital for treatment (Mental Health Act 1983 s36; Crown Court only).</summary>
    RemandedToHospitalS36 = 6,
}

/// <summary>Words and rules for <see cref="RemandOrBail"/>.</summary>
public static class RemandsOrBail
{
    /// <summary>Every value, in the order a form offers them.</summary>
    public static IReadOnlyList<RemandOrBail> All { get; } = Enum.GetValues<RemandOrBail>();

    /// <summary>The decision in words.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared value.</exception>
    public static string Display(RemandOrBail r) => r switch
    {
        RemandOrBail.BailToCourt => "Bail to court",
        RemandOrBail.ConditionalBail => "Conditional bail",
        RemandOrBail.RemandedInPoliceCustody => "Remanded in police custody to court",
        RemandOrBail.RemandedInCustody => "Remanded in custody (prison) by the court",
        RemandOrBail.RemandedToHospitalS35 => "Remanded to hospital for a report (Mental Health Act s35)",
        RemandOrBail.RemandedToHospitalS36 => "Remanded to hospital for treatment (Mental Health Act s36)",
        _ => throw new ArgumentOutOfRangeException(nameof(r), r, "Not a remand or bail decision"),
    };

    /// <summary>The Mental Health Act legal status a remand to hospital gives (07 s35, 08 s36), else null.</summary>
    public static string? LegalStatus(RemandOrBail r) => r switch
    {
        RemandOrBail.RemandedToHospitalS35 => "07",
        RemandOrBail.RemandedToHospitalS36 => "08",
        _ => null,
    };
}

/// <summary>What a court hearing is for. Stored as numbers: never renumber.</summary>
public enum HearingType
{
    FirstAppearance = 1,
    Plea = 2,
    BailApplication = 3,
    Trial = 4,
    Sentencing = 5,
    Mention = 6,
    SendingToCrownCourt = 7,
    Review = 8,
}

/// <summary>Words for <see cref="HearingType"/>. Source: HMCTS hearing types as listed on court lists.</summary>
public static class HearingTypes
{
    /// <summary>Every type, in the order a form offers them.</summary>
    public static IReadOnlyList<HearingType> All { get; } = Enum.GetValues<HearingType>();

    /// <summary>The type in words.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared type.</exception>
    public static string Display(HearingType t) => t switch
    {
        HearingType.FirstAppearance => "First appearance",
        HearingType.Plea => "Plea hearing",
        HearingType.BailApplication => "Bail application",
        HearingType.Trial => "Trial",
        HearingType.Sentencing => "Sentencing",
        HearingType.Mention => "Mention",
        HearingType.SendingToCrownCourt => "Sending to the Crown Court",
        HearingType.Review => "Review hearing",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "Not a hearing type"),
    };
}

/// <summary>What a court decided. Stored as numbers: never renumber.</summary>
public enum CourtOutcome
{
    AbsoluteDischarge = 1,
    ConditionalDischarge = 2,
    Fine = 3,
    /// <summary>A community order (Sentencing Act 2020 s200), with its requirements.</summary>
    CommunityOrder = 4,
    /// <summary>A suspended sentence order (Sentencing Act 2020 s286), with its requirements.</summary>
    SuspendedSentenceOrder = 5,
    ImmediateCustody = 6,
    /// <summary>Hospital order (Mental Health Act 1983 s37).</summary>
    HospitalOrderS37 = 7,
    /// <summary>Hospital order with a restriction order (Mental Health Act 1983 s37 with s41).</summary>
    RestrictedHospitalOrderS37S41 = 8,
    /// <summary>Interim hospital order (Mental Health Act 1983 s38).</summary>
    InterimHospitalOrderS38 = 9,
    /// <summary>Hospital and limitation directions (Mental Health Act 1983 s45A).</summary>
    HospitalAndLimitationDirectionS45A = 10,
    /// <summary>Remand to hospital for a report (Mental Health Act 1983 s35).</summary>
    RemandToHospitalS35 = 11,
    /// <summary>Remand to hospital for treatment (Mental Health Act 1983 s36).</summary>
    RemandToHospitalS36 = 12,
}

/// <summary>Words and rules for <see cref="CourtOutcome"/>.</summary>
public static class CourtOutcomes
{
    /// <summary>Every outcome, in the order a form offers them.</summary>
    public static IReadOnlyList<CourtOutcome> All { get; } = Enum.GetValues<CourtOutcome>();

    /// <summary>The outcome in words.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared outcome.</exception>
    public static string Display(CourtOutcome o) => o switch
    {
        CourtOutcome.AbsoluteDischarge => "Absolute discharge",
        CourtOutcome.ConditionalDischarge => "Conditional discharge",
        CourtOutcome.Fine => "Fine",
        CourtOutcome.CommunityOrder => "Community order",
        CourtOutcome.SuspendedSentenceOrder => "Suspended sentence order",
        CourtOutcome.ImmediateCustody => "Immediate custody",
        CourtOutcome.HospitalOrderS37 => "Hospital order (Mental Health Act s37)",
        CourtOutcome.RestrictedHospitalOrderS37S41 => "Hospital order with restrictions (Mental Health Act s37/41)",
        CourtOutcome.InterimHospitalOrderS38 => "Interim hospital order (Mental Health Act s38)",
        CourtOutcome.HospitalAndLimitationDirectionS45A => "Hospital and limitation direction (Mental Health Act s45A)",
        CourtOutcome.RemandToHospitalS35 => "Remand to hospital for a report (Mental Health Act s35)",
        CourtOutcome.RemandToHospitalS36 => "Remand to hospital for treatment (Mental Health Act s36)",
        _ => throw new ArgumentOutOfRangeException(nameof(o), o, "Not a court outcome"),
    };

    /// <summary>Whether the outcome carries requirements (a community order or a suspended sentence order).</summary>
    public static bool HasRequirements(CourtOutcome o) => o is CourtOutcome.CommunityOrder or CourtOutcome.SuspendedSentenceOrder;

    /// <summary>
    /// The Mental Health Act legal status code the outcome gives (<see cref="LegalStatuses"/>): 07 s35, 08 s36, 09 s37
    /// with s41, 10 s37, 12 s38, 37 s45A; null for an outcome that is not under the Act.
    /// </summary>
    public static string? LegalStatus(CourtOutcome o) => o switch
    {
        CourtOutcome.RemandToHospitalS35 => "07",
        CourtOutcome.RemandToHospitalS36 => "08",
        CourtOutcome.RestrictedHospitalOrderS37S41 => "09",
        CourtOutcome.HospitalOrderS37 => "10",
        CourtOutcome.InterimHospitalOrderS38 => "12",
        CourtOutcome.HospitalAndLimitationDirectionS45A => "37",
        _ => null,
    };
}

/// <summary>
/// The requirements a community order or suspended sentence order may carry, as codes stored space separated in
/// <see cref="CriminalJusticeEvent.Requirements"/>. Source: Sentencing Act 2020 Schedule 9 (community requirements),
/// Parts 1–14.
/// </summary>
public static class OrderRequirements
{
    /// <summary>The mental health treatment requirement's code (Schedule 9 Part 11): it starts the MHTR clock.</summary>
    public const string MentalHealthTreatment = "mental-health-treatment";

    /// <summary>(code, words) in Schedule 9 order.</summary>
    public static IReadOnlyList<(string Code, string Name)> All { get; } =
    [
        ("unpaid-work", "Unpaid work"),
        ("rehabilitation-activity", "Rehabilitation activity"),
        ("programme", "Programme"),
        ("prohibited-activity", "Prohibited activity"),
        ("curfew", "Curfew"),
        ("exclusion", "Exclusion"),
        ("residence", "Residence"),
        ("foreign-travel-prohibition", "Foreign travel prohibition"),
        (MentalHealthTreatment, "Mental health treatment (MHTR)"),
        ("drug-rehabilitation", "Drug rehabilitation"),
        ("alcohol-treatment", "Alcohol treatment"),
        ("alcohol-abstinence-monitoring", "Alcohol abstinence and monitoring"),
        ("attendance-centre", "Attendance centre"),
        ("electronic-monitoring", "Electronic monitoring"),
    ];

    /// <summary>The words for <paramref name="code"/>, or the code itself when it is not declared.</summary>
    public static string Display(string code) => All.FirstOrDefault(x => x.Code == code).Name ?? code;

    /// <summary>Whether <paramref name="code"/> is declared.</summary>
    public static bool IsKnown(string code) => All.Any(x => x.Code == code);
}

/// <summary>
/// Mental Health Act legal status codes. Source: NHS Data Model and Dictionary, "Mental Health Act Legal Status
/// Classification Code" (the codes of the Mental Health Services Data Set). Only the codes a criminal justice event
/// can give are offered (remands and orders of Part III of the Act, transfers from prison); the others (01 informal,
/// 02–06 civil sections, 19–20 places of safety, 35–36 guardianship, 98/99) are recorded elsewhere, if at all.
/// Codes are stored as text: never change one.
/// </summary>
public static class LegalStatuses
{
    /// <summary>(code, words), in code order.</summary>
    public static IReadOnlyList<(string Code, string Name)> All { get; } =
    [
        ("07", "07 – Section 35 (remand to hospital for a report)"),
        ("08", "08 – Section 36 (remand to hospital for treatment)"),
        ("09", "09 – Section 37 with section 41 restrictions"),
        ("10", "10 – Section 37 (hospital order)"),
        ("12", "12 – Section 38 (interim hospital order)"),
        ("15", "15 – Section 47 with section 49 restrictions (sentenced prisoner transferred)"),
        ("16", "16 – Section 47 (sentenced prisoner transferred)"),
        ("17", "17 – Section 48 with section 49 restrictions (remand prisoner transferred)"),
        ("18", "18 – Section 48 (remand prisoner transferred)"),
        ("37", "37 – Section 45A (hospital and limitation directions)"),
    ];

    /// <summary>The codes a transfer from prison to hospital gives (s47, s48, with or without s49 restrictions).</summary>
    public static IReadOnlyList<string> Transfers { get; } = ["15", "16", "17", "18"];

    /// <summary>The words for <paramref name="code"/>, or the code itself when it is not declared.</summary>
    public static string Display(string code) => All.FirstOrDefault(x => x.Code == code).Name ?? code;

    /// <summary>Whether <paramref name="code"/> is declared.</summary>
    public static bool IsKnown(string? code) => All.Any(x => x.Code == code);
}

/// <summary>The section a prisoner is referred for transfer to hospital under. Stored as numbers: never renumber.</summary>
public enum TransferSection
{
    /// <summary>Mental Health Act 1983 s47: a sentenced prisoner.</summary>
    S47 = 1,
    /// <summary>Mental Health Act 1983 s48: a remand or other unsentenced prisoner.</summary>
    S48 = 2,
}
