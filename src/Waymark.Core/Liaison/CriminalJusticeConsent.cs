using Waymark.Persistence;
using Waymark.Referrals;

namespace Waymark.Liaison;

/// <summary>
/// What may be shared with criminal justice agencies, as codes stored space separated in
/// <see cref="CriminalJusticeConsent.Information"/>. Source: issue 12 item 3 (the liaison report's parts) and 004
/// recommendation 4 (share what the process needs, no more).
/// </summary>
public static class SharedInformation
{
    /// <summary>(code, words) in the order a form offers them.</summary>
    public static IReadOnlyList<(string Code, string Name)> All { get; } =
    [
        ("vulnerabilities", "Vulnerabilities and needs, in plain words"),
        ("screening", "The screening outcome"),
        ("assessment", "A summary of the assessment"),
        ("priorities", "What matters to the person, in their words"),
        ("effect-on-process", "How their needs affect the criminal justice process"),
        ("recommendations", "Recommendations (for example an appropriate adult or a support address for bail)"),
    ];

    /// <summary>The words for <paramref name="code"/>, or the code itself when it is not declared.</summary>
    public static string Display(string code) => All.FirstOrDefault(x => x.Code == code).Name ?? code;

    /// <summary>Whether <paramref name="code"/> is declared.</summary>
    public static bool IsKnown(string code) => All.Any(x => x.Code == code);
}

/// <summary>
/// Why information is shared with criminal justice agencies, as codes stored space separated in
/// <see cref="CriminalJusticeConsent.Purposes"/>. Source: 003 "Throughout the pathway" (informing decisions on
/// detention, charge, bail and sentencing) and the NHS England L&amp;D operating model.
/// </summary>
public static class SharingPurposes
{
    /// <summary>(code, words) in the order a form offers them.</summary>
    public static IReadOnlyList<(string Code, string Name)> All { get; } =
    [
        ("detention-and-interview", "Decisions while detained: care in custody, interview, an appropriate adult"),
        ("charging", "Charging and out-of-court decisions, including diversion"),
        ("bail-and-remand", "Bail and remand decisions"),
        ("court-and-sentencing", "Court hearings, pre-sentence reports and sentencing"),
        ("supervision", "Supervision by probation or a youth offending team"),
    ];

    /// <summary>The words for <paramref name="code"/>, or the code itself when it is not declared.</summary>
    public static string Display(string code) => All.FirstOrDefault(x => x.Code == code).Name ?? code;

    /// <summary>Whether <paramref name="code"/> is declared.</summary>
    public static bool IsKnown(string code) => All.Any(x => x.Code == code);
}

/// <summary>
/// The person's consent to share information about their needs with criminal justice agencies during an episode:
/// what, with which agencies, for what purpose, how it was given, their capacity to give it, when, and who recorded
/// it. Separate from consent to share with a service the person is referred to (<see cref="ConsentToShare"/>).
/// Never edited: withdrawal is recorded on it (who and when); a new consent is a new row.
/// </summary>
public class CriminalJusticeConsent : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid EpisodeId { get; set; }
    public Guid PersonId { get; set; }

    /// <summary><see cref="SharedInformation"/> codes, space separated; at least one.</summary>
    public string Information { get; set; } = "";
    /// <summary><see cref="SharingPurposes"/> codes, space separated; at least one.</summary>
    public string Purposes { get; set; } = "";
    /// <summary>The agencies it covers (at least one).</summary>
    public List<CriminalJusticeConsentAgency> Agencies { get; set; } = [];

    public ConsentForm Form { get; set; }
    /// <summary>
    /// How the practitioner judged the person's capacity to consent to this (Mental Capacity Act 2005 s3: understand,
    /// retain, weigh, communicate). Up to 1000 characters; required. A person without capacity cannot consent: their
    /// information is shared only under a recorded lawful basis (<see cref="SharingWithoutConsent"/>).
    /// </summary>
    public required string CapacityNote { get; set; }
    /// <summary>When the person gave it (UK time as typed, stored as an instant).</summary>
    public DateTimeOffset GivenAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnByUserId { get; set; }
    /// <summary>What the person said, or why it was withdrawn. Up to 1000 characters; optional.</summary>
    public string? WithdrawnNote { get; set; }

    public IEnumerable<string> InformationCodes => Information.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public IEnumerable<string> PurposeCodes => Purposes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether it stood at <paramref name="at"/>: given by then and not withdrawn by then.</summary>
    public bool StandsAt(DateTimeOffset at) => GivenAt <= at && (WithdrawnAt is null || WithdrawnAt > at);

    /// <summary>Whether it names <paramref name="agencyId"/>.</summary>
    public bool Names(Guid agencyId) => Agencies.Any(a => a.AgencyId == agencyId);
}

/// <summary>An agency a <see cref="CriminalJusticeConsent"/> covers.</summary>
[NotTeamScoped("A part of its consent, only ever loaded with it (through the consent's own team and person filter).")]
public class CriminalJusticeConsentAgency
{
    public Guid ConsentId { get; set; }
    public Guid AgencyId { get; set; }
}

/// <summary>
/// The lawful bases on which an L&amp;D team may share information with a criminal justice agency without the person's
/// consent. Sources: the common law duty of confidentiality and its public-interest exception (GMC "Confidentiality"
/// 2017 paras 63–70; NHS Code of Practice on Confidentiality); UK GDPR Article 6(1)(d)/(e) and 9(2)(c); Data
/// Protection Act 2018 Schedule 1 paras 10 and 18; Care Act 2014 s42 and Children Act 1989/2004 for safeguarding.
/// Stored as numbers: never renumber.
/// </summary>
public enum LawfulBasis
{
    /// <summary>Serious risk of harm to the person (vital interests; they cannot or will not consent).</summary>
    SeriousRiskToPerson = 1,
    /// <summary>Serious risk of harm to others (public interest).</summary>
    SeriousRiskToOthers = 2,
    /// <summary>Safeguarding a child or an adult at risk.</summary>
    Safeguarding = 3,
    /// <summary>Preventing or detecting a serious crime.</summary>
    PreventionOrDetectionOfSeriousCrime = 4,
    /// <summary>The person lacks capacity to consent and sharing is in their best interests (Mental Capacity Act 2005 s4).</summary>
    BestInterests = 5,
    /// <summary>A court order or another legal duty requires it.</summary>
    LegalDuty = 6,
}

/// <summary>Words for <see cref="LawfulBasis"/>.</summary>
public static class LawfulBases
{
    /// <summary>Every basis, in the order a form offers them.</summary>
    public static IReadOnlyList<LawfulBasis> All { get; } = Enum.GetValues<LawfulBasis>();

    /// <summary>The basis in words.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared basis.</exception>
    public static string Display(LawfulBasis basis) => basis switch
    {
        LawfulBasis.SeriousRiskToPerson => "Serious risk of harm to the person",
        LawfulBasis.SeriousRiskToOthers => "Serious risk of harm to others",
        LawfulBasis.Safeguarding => "Safeguarding a child or an adult at risk",
        LawfulBasis.PreventionOrDetectionOfSeriousCrime => "Preventing or detecting a serious crime",
        LawfulBasis.BestInterests => "The person lacks capacity and sharing is in their best interests",
        LawfulBasis.LegalDuty => "A court order or another legal duty",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, "Not a lawful basis"),
    };
}

/// <summary>
/// A decision to share information with criminal justice agencies without the person's consent, under a recorded
/// <see cref="LawfulBasis"/>, with the reason and the name of a second person who agreed (Caldicott principle 7: the
/// duty to share can be as important as the duty to protect confidentiality; decisions are recorded and checked).
/// Audited as a disclosure. Never edited.
/// </summary>
public class SharingWithoutConsent : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid EpisodeId { get; set; }
    public Guid PersonId { get; set; }

    public LawfulBasis Basis { get; set; }
    /// <summary>Why sharing without consent is justified and proportionate. Up to 2000 characters; required.</summary>
    public required string Reason { get; set; }
    /// <summary>The second person who agreed (name and role as typed, e.g. "Sam Clinician, team manager"). Up to 200 characters; required.</summary>
    public required string SecondPersonName { get; set; }
    /// <summary><see cref="SharedInformation"/> codes, space separated; at least one.</summary>
    public string Information { get; set; } = "";
    /// <summary>The agencies it covers (at least one).</summary>
    public List<SharingWithoutConsentAgency> Agencies { get; set; } = [];

    /// <summary>When the decision was made.</summary>
    public DateTimeOffset DecidedAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }

    public IEnumerable<string> InformationCodes => Information.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether it names <paramref name="agencyId"/>.</summary>
    public bool Names(Guid agencyId) => Agencies.Any(a => a.AgencyId == agencyId);
}

/// <summary>An agency a <see cref="SharingWithoutConsent"/> covers.</summary>
[NotTeamScoped("A part of its decision to share, only ever loaded with it (through the decision's own team and person filter).")]
public class SharingWithoutConsentAgency
{
    public Guid SharingId { get; set; }
    public Guid AgencyId { get; set; }
}

/// <summary>What allows information to reach one agency at one moment: a standing consent, or a recorded lawful basis.</summary>
/// <param name="Consent">The consent that covers it, when one does (preferred over a lawful basis).</param>
/// <param name="WithoutConsent">Otherwise the decision to share without consent that covers it.</param>
public sealed record SharingCover(CriminalJusticeConsent? Consent, SharingWithoutConsent? WithoutConsent)
{
    /// <summary>
    /// What covers sharing with <paramref name="agencyId"/> at <paramref name="at"/>: the latest consent that names it
    /// and stands then, else the latest decision to share without consent that names it, made by then; null when
    /// nothing does (and so nothing may be sent). The rule of issue 12 item 3.
    /// </summary>
    public static SharingCover? For(Guid agencyId, DateTimeOffset at,
        IEnumerable<CriminalJusticeConsent> consents, IEnumerable<SharingWithoutConsent> withoutConsent)
    {
        var consent = consents.Where(c => c.Names(agencyId) && c.StandsAt(at)).MaxBy(c => c.GivenAt);
        if (consent is not null) return new SharingCover(consent, null);
        var basis = withoutConsent.Where(s => s.Names(agencyId) && s.DecidedAt <= at).MaxBy(s => s.DecidedAt);
        return basis is null ? null : new SharingCover(null, basis);
    }
}
