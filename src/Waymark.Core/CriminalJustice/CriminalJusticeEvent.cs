using Waymark.Persistence;

namespace Waymark.CriminalJustice;

/// <summary>What a <see cref="CriminalJusticeEvent"/> records. Stored as numbers: never renumber.</summary>
public enum CriminalJusticeEventKind
{
    Arrest = 1,
    Charge = 2,
    PoliceDecision = 3,
    RemandOrBail = 4,
    Hearing = 5,
    HearingAdjourned = 6,
    HearingVacated = 7,
    CourtOutcome = 8,
    PreSentenceReport = 9,
    /// <summary>The prison referred the person for assessment for transfer to hospital (s47/s48): starts the transfer clock.</summary>
    TransferReferral = 10,
    /// <summary>The person was admitted to hospital from prison: stops the transfer clock.</summary>
    TransferAdmission = 11,
    /// <summary>The first treatment appointment of a mental health treatment requirement: stops the MHTR clock.</summary>
    MhtrFirstAppointment = 12,
}

/// <summary>Words and the URL segment of each <see cref="CriminalJusticeEventKind"/>.</summary>
public static class CriminalJusticeEventKinds
{
    /// <summary>Every kind, in the order the episode page offers them.</summary>
    public static IReadOnlyList<CriminalJusticeEventKind> All { get; } = Enum.GetValues<CriminalJusticeEventKind>();

    /// <summary>"Arrest", "Court hearing" and so on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared kind.</exception>
    public static string Display(CriminalJusticeEventKind k) => k switch
    {
        CriminalJusticeEventKind.Arrest => "Arrest",
        CriminalJusticeEventKind.Charge => "Charge",
        CriminalJusticeEventKind.PoliceDecision => "Police decision",
        CriminalJusticeEventKind.RemandOrBail => "Remand or bail",
        CriminalJusticeEventKind.Hearing => "Court hearing",
        CriminalJusticeEventKind.HearingAdjourned => "Hearing adjourned",
        CriminalJusticeEventKind.HearingVacated => "Hearing vacated",
        CriminalJusticeEventKind.CourtOutcome => "Court outcome",
        CriminalJusticeEventKind.PreSentenceReport => "Pre-sentence report",
        CriminalJusticeEventKind.TransferReferral => "Referral for transfer from prison to hospital",
        CriminalJusticeEventKind.TransferAdmission => "Admission to hospital from prison",
        CriminalJusticeEventKind.MhtrFirstAppointment => "First MHTR treatment appointment",
        _ => throw new ArgumentOutOfRangeException(nameof(k), k, "Not a criminal justice event kind"),
    };

    /// <summary>
    /// <see cref="Display"/> for use inside a sentence ("Record: court hearing", "the first MHTR treatment appointment"):
    /// only the first letter lowered, so an abbreviation such as MHTR keeps its capitals.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared kind.</exception>
    public static string InSentence(CriminalJusticeEventKind k) => LowerFirst(Display(k));

    /// <summary>
    /// <paramref name="words"/> with only its first letter lowered, for use inside a sentence; left as it is when it
    /// starts with an abbreviation ("MHTR …", "PNC …"), so capitals that mean something are kept.
    /// </summary>
    public static string LowerFirst(string words) =>
        words.Length == 0 || (words.Length > 1 && char.IsUpper(words[1])) ? words : string.Concat(char.ToLowerInvariant(words[0]).ToString(), words[1..]);

    /// <summary>"arrest", "hearing", … for /episodes/{id}/criminal-justice/{slug}.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared kind.</exception>
    public static string Slug(CriminalJusticeEventKind k) => k switch
    {
        CriminalJusticeEventKind.Arrest => "arrest",
        CriminalJusticeEventKind.Charge => "charge",
        CriminalJusticeEventKind.PoliceDecision => "police-decision",
        CriminalJusticeEventKind.RemandOrBail => "remand-or-bail",
        CriminalJusticeEventKind.Hearing => "hearing",
        CriminalJusticeEventKind.HearingAdjourned => "hearing-adjourned",
        CriminalJusticeEventKind.HearingVacated => "hearing-vacated",
        CriminalJusticeEventKind.CourtOutcome => "court-outcome",
        CriminalJusticeEventKind.PreSentenceReport => "pre-sentence-report",
        CriminalJusticeEventKind.TransferReferral => "transfer-referral",
        CriminalJusticeEventKind.TransferAdmission => "transfer-admission",
        CriminalJusticeEventKind.MhtrFirstAppointment => "mhtr-first-appointment",
        _ => throw new ArgumentOutOfRangeException(nameof(k), k, "Not a criminal justice event kind"),
    };

    /// <summary>The kind whose <see cref="Slug"/> is <paramref name="slug"/>, or null.</summary>
    public static CriminalJusticeEventKind? FromSlug(string? slug) =>
        All.Cast<CriminalJusticeEventKind?>().FirstOrDefault(k => Slug(k!.Value) == slug);

    /// <summary>Whether the kind is about an earlier hearing (it names the hearing it adjourns or vacates).</summary>
    public static bool IsAboutHearing(CriminalJusticeEventKind k) => k is CriminalJusticeEventKind.HearingAdjourned or CriminalJusticeEventKind.HearingVacated;
}

/// <summary>
/// One criminal justice event or decision on an episode, as a who-and-when record (ADR 4): an arrest, a charge, a
/// police decision, remand or bail, a hearing (and its adjournment or vacation), a court outcome, probation's
/// pre-sentence report date, a transfer from prison to hospital, the first treatment appointment of an MHTR.
/// Append-only: a correction is a new event that names the one it supersedes (<see cref="SupersedesId"/>), which is
/// kept. Only the fields of its <see cref="Kind"/> are set; everything is coded (no free text of the allegation), except
/// bail conditions.
/// </summary>
public class CriminalJusticeEvent : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid EpisodeId { get; set; }
    public Guid PersonId { get; set; }
    public CriminalJusticeEventKind Kind { get; set; }

    /// <summary>The UK date it happened (for a hearing, the hearing's date; for a pre-sentence report, the date it is due).</summary>
    public DateOnly On { get; set; }
    /// <summary>A hearing's date and time (UK time as typed, stored as an instant); null for other kinds.</summary>
    public DateTimeOffset? HearingAt { get; set; }

    /// <summary>Arrest, charge: the offence group.</summary>
    public OffenceCategory? Offence { get; set; }
    /// <summary>Police decision: a <see cref="PoliceDecisions"/> code. Up to 12 characters.</summary>
    public string? PoliceDecision { get; set; }
    /// <summary>Remand or bail.</summary>
    public RemandOrBail? RemandOrBail { get; set; }
    /// <summary>Conditional bail: the conditions as stated by the police or court. Up to 1000 characters.</summary>
    public string? BailConditions { get; set; }
    /// <summary>Hearing: the court (an agency of a court kind); transfer referral: the prison.</summary>
    public Guid? AgencyId { get; set; }
    /// <summary>Hearing: what it is for.</summary>
    public HearingType? HearingType { get; set; }
    /// <summary>Hearing: the person should be supported at court (the key worker is reminded the day before).</summary>
    public bool SupportAtCourt { get; set; }
    /// <summary>Hearing adjourned or vacated: the hearing it is about.</summary>
    public Guid? HearingId { get; set; }
    /// <summary>Court outcome.</summary>
    public CourtOutcome? CourtOutcome { get; set; }
    /// <summary>Community or suspended sentence order: <see cref="OrderRequirements"/> codes, space separated. Up to 500 characters.</summary>
    public string? Requirements { get; set; }
    /// <summary>Fine: the team will help with a payment plan (the key worker sees a reminder in their tasks).</summary>
    public bool PaymentPlanHelp { get; set; }
    /// <summary>Hospital orders, remands to hospital and admissions from prison: a <see cref="LegalStatuses"/> code.</summary>
    public string? LegalStatus { get; set; }
    /// <summary>Transfer referral: s47 or s48.</summary>
    public TransferSection? TransferSection { get; set; }

    /// <summary>The earlier event this one corrects (kept, shown as superseded).</summary>
    public Guid? SupersedesId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }

    /// <summary>A hearing's type, court and UK date and time: "Trial at Northshire Magistrates' Court, 8 December 2026 10:00".</summary>
    /// <param name="agencyName">The name of an agency by id, or null when unknown.</param>
    public string HearingName(Func<Guid, string?> agencyName)
    {
        ArgumentNullException.ThrowIfNull(agencyName);
        var court = AgencyId is { } a ? agencyName(a) : null;
        return $"{(HearingType is { } t ? HearingTypes.Display(t) : "Hearing")}{(court is null ? "" : $" at {court}")}"
               + (HearingAt is { } at ? $", {UkTime.ToLocal(at).ToString("d MMMM yyyy HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}" : "");
    }

    /// <summary>The requirement codes, in stored order.</summary>
    public IEnumerable<string> RequirementCodes => (Requirements ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether it is a court outcome with a mental health treatment requirement (it starts the MHTR clock).</summary>
    public bool StartsMhtr => Kind == CriminalJusticeEventKind.CourtOutcome && RequirementCodes.Contains(OrderRequirements.MentalHealthTreatment);

    /// <summary>
    /// What happened, in one line of words (no names of people). An adjournment or vacation names its hearing: "Trial at
    /// Northshire Magistrates' Court, 8 December 2026 10:00" (UK time).
    /// </summary>
    /// <param name="agencyName">The name of an agency by id, or null when unknown.</param>
    /// <param name="hearing">The hearing event by id (for an adjournment or vacation), or null when unknown; null leaves the hearing out.</param>
    public string Summary(Func<Guid, string?> agencyName, Func<Guid, CriminalJusticeEvent?>? hearing = null)
    {
        ArgumentNullException.ThrowIfNull(agencyName);
        string? agency = AgencyId is { } a ? agencyName(a) : null;
        return Kind switch
        {
            CriminalJusticeEventKind.HearingAdjourned or CriminalJusticeEventKind.HearingVacated =>
                HearingId is { } hid && hearing?.Invoke(hid) is { Kind: CriminalJusticeEventKind.Hearing } h ? h.HearingName(agencyName) : "",
            CriminalJusticeEventKind.Arrest or CriminalJusticeEventKind.Charge => Offence is { } o ? OffenceCategories.Display(o) : "",
            CriminalJusticeEventKind.PoliceDecision => PoliceDecisions.Find(PoliceDecision)?.Display ?? PoliceDecision ?? "",
            CriminalJusticeEventKind.RemandOrBail => (RemandOrBail is { } r ? RemandsOrBail.Display(r) : "")
                + (BailConditions is { } c ? $": {c}" : ""),
            CriminalJusticeEventKind.Hearing => $"{(HearingType is { } t ? HearingTypes.Display(t) : "Hearing")}{(agency is null ? "" : $" at {agency}")}"
                + (SupportAtCourt ? "; the person should be supported at court" : ""),
            CriminalJusticeEventKind.CourtOutcome => (CourtOutcome is { } co ? CourtOutcomes.Display(co) : "")
                + (RequirementCodes.Any() ? " with " + string.Join(", ", RequirementCodes.Select(c => CriminalJusticeEventKinds.LowerFirst(OrderRequirements.Display(c)))) : "")
                + (PaymentPlanHelp ? "; the team will help with a payment plan" : ""),
            CriminalJusticeEventKind.TransferReferral => $"Referred for assessment for transfer under {(TransferSection == CriminalJustice.TransferSection.S48 ? "s48" : "s47")}{(agency is null ? "" : $" from {agency}")}",
            _ => "",
        } + (LegalStatus is { } ls && Kind != CriminalJusticeEventKind.Hearing ? $" (legal status {LegalStatuses.Display(ls)})" : "");
    }
}
