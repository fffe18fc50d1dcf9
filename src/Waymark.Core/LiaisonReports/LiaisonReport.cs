using Waymark.Liaison;
using Waymark.Persistence;

namespace Waymark.LiaisonReports;

/// <summary>How a sent liaison report reached the agencies. Stored as numbers: never renumber.</summary>
public enum SendingMethod
{
    SecureEmail = 1,
    PrintedAndHandedOver = 2,
    ReadOutByPhone = 3,
    ReadOutInPerson = 4,
    Post = 5,
}

/// <summary>Words for <see cref="SendingMethod"/>.</summary>
public static class SendingMethods
{
    /// <summary>Every method, in the order a form offers them.</summary>
    public static IReadOnlyList<SendingMethod> All { get; } = Enum.GetValues<SendingMethod>();

    /// <summary>"By secure email" and so on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared method.</exception>
    public static string Display(SendingMethod method) => method switch
    {
        SendingMethod.SecureEmail => "By secure email (the PDF attached)",
        SendingMethod.PrintedAndHandedOver => "Printed and handed over",
        SendingMethod.ReadOutByPhone => "Read out by phone",
        SendingMethod.ReadOutInPerson => "Read out in person",
        SendingMethod.Post => "By post",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a sending method"),
    };
}

/// <summary>
/// One section of a liaison report: what it is called and which <see cref="SharedInformation"/> code the sharing cover
/// must include for it to be sent.
/// </summary>
/// <param name="Information">The <see cref="SharedInformation"/> code.</param>
/// <param name="Heading">The heading the agency reads.</param>
/// <param name="Text">The section's text on a version (recommendations are listed separately).</param>
public sealed record ReportSection(string Information, string Heading, Func<LiaisonReport, string?> Text);

/// <summary>The sections of a liaison report, in the order it reads.</summary>
public static class LiaisonReportSections
{
    /// <summary>The recommendations' information code.</summary>
    public const string Recommendations = "recommendations";

    /// <summary>Every text section, in reading order; the recommendations follow <c>effect-on-process</c>.</summary>
    public static IReadOnlyList<ReportSection> Text { get; } =
    [
        new("vulnerabilities", "Vulnerabilities and needs", r => r.Vulnerabilities),
        new("screening", "Screening outcome", r => r.Screening),
        new("assessment", "Assessment", r => r.Assessment),
        new("priorities", "What matters to them, in their words", r => r.Priorities),
        new("effect-on-process", "How this affects the process", r => r.EffectOnProcess),
    ];

    /// <summary>The information code of the free text ("Anything else"): it describes the person's needs.</summary>
    public const string FurtherInformation = "vulnerabilities";
}

/// <summary>
/// One version of a liaison report: a short report to criminal justice agencies about a person's needs, drafted from
/// what the team recorded (screening, assessment, the person's priorities) and the practitioner's own words and
/// recommendations (issue 12 item 3). A version is a draft until it is sent; then it is frozen. A correction is the next
/// version (<see cref="Number"/> + 1, same <see cref="ReportId"/>) starting from the sent one's content; every version
/// stays readable. The draft is <see cref="IVersioned"/>: two practitioners saving the same draft cannot overwrite each other.
/// </summary>
public class LiaisonReport : IPersonHistory, IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid EpisodeId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The report this is a version of: version 1's <see cref="Id"/> (so version 1 has ReportId == Id).</summary>
    public Guid ReportId { get; set; }
    /// <summary>1 for the first version, then 2, 3… for corrections (unique per report).</summary>
    public int Number { get; set; }

    /// <summary>Relevant vulnerabilities and needs in plain words. Up to 4000 characters; required.</summary>
    public string? Vulnerabilities { get; set; }
    /// <summary>The screening outcome (drafted from the latest one). Up to 4000 characters.</summary>
    public string? Screening { get; set; }
    /// <summary>A summary of the assessment (drafted from it). Up to 4000 characters.</summary>
    public string? Assessment { get; set; }
    /// <summary>The person's priorities in their words (drafted from the assessment). Up to 4000 characters.</summary>
    public string? Priorities { get; set; }
    /// <summary>How the person's needs affect the criminal justice process. Up to 4000 characters.</summary>
    public string? EffectOnProcess { get; set; }
    /// <summary>Anything else, free text. Up to 4000 characters.</summary>
    public string? FurtherInformation { get; set; }
    /// <summary>For a correction: what was wrong in the version before. Up to 1000 characters.</summary>
    public string? CorrectionNote { get; set; }

    /// <summary>The agencies it is addressed to (at least one to send).</summary>
    public List<LiaisonReportAddressee> Addressees { get; set; } = [];
    /// <summary>The recommendations, from <see cref="LiaisonRecommendations"/>.</summary>
    public List<LiaisonReportRecommendation> Recommendations { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByUserId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedByUserId { get; set; }

    /// <summary>When it was sent; null while it is a draft.</summary>
    public DateTimeOffset? SentAt { get; set; }
    public string? SentByUserId { get; set; }
    public SendingMethod? SentHow { get; set; }
    /// <summary>Who it was given to or read to, or anything else about sending it. Up to 500 characters; optional.</summary>
    public string? SentNote { get; set; }
    /// <summary>
    /// The <see cref="SharedInformation"/> codes the sharing cover allowed for every addressee when it was sent, space
    /// separated; sections outside them were left out of what was sent.
    /// </summary>
    public string? SentInformation { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Whether it has been sent (and so is frozen).</summary>
    public bool IsSent => SentAt is not null;

    /// <summary>The codes in <see cref="SentInformation"/>.</summary>
    public IReadOnlyList<string> SentInformationCodes => (SentInformation ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Whether a section with <paramref name="information"/> is part of this version as the agencies got it: every
    /// section of a draft is; of a sent version, only those the cover allowed.
    /// </summary>
    public bool Includes(string information) => !IsSent || SentInformationCodes.Contains(information);

    /// <summary>Refuses any change to a sent version.</summary>
    /// <exception cref="LiaisonReportRuleException">It has been sent.</exception>
    public void EnsureDraft()
    {
        if (IsSent)
            throw new LiaisonReportRuleException(
                $"Version {Number} of this report has been sent, so it cannot be changed. To correct it, write a correction: a new version that keeps this one.");
    }

    /// <summary>Replaces the draft's content with <paramref name="input"/> (already validated).</summary>
    /// <exception cref="LiaisonReportRuleException">It has been sent.</exception>
    public void Apply(LiaisonReportInput input, string userId, DateTimeOffset at)
    {
        EnsureDraft();
        Vulnerabilities = Clean(input.Vulnerabilities);
        Screening = Clean(input.Screening);
        Assessment = Clean(input.Assessment);
        Priorities = Clean(input.Priorities);
        EffectOnProcess = Clean(input.EffectOnProcess);
        FurtherInformation = Clean(input.FurtherInformation);
        CorrectionNote = Number > 1 ? Clean(input.CorrectionNote) : null;
        var agencies = input.AgencyIds.Distinct().ToList();
        Addressees.RemoveAll(a => !agencies.Contains(a.AgencyId));
        foreach (var id in agencies.Where(id => Addressees.All(a => a.AgencyId != id)))
            Addressees.Add(new LiaisonReportAddressee { ReportVersionId = Id, AgencyId = id });
        var wanted = input.Recommendations.GroupBy(r => r.Code).Select(g => g.First()).ToList();
        Recommendations.RemoveAll(r => wanted.All(w => w.Code != r.Code));
        foreach (var w in wanted)
        {
            var row = Recommendations.FirstOrDefault(r => r.Code == w.Code);
            if (row is null)
            {
                row = new LiaisonReportRecommendation { ReportVersionId = Id, Code = w.Code };
                Recommendations.Add(row);
            }
            var treatment = LiaisonRecommendations.Find(w.Code)?.IsTreatmentRequirement == true;
            row.Detail = Clean(w.Detail);
            row.PersonConsents = treatment ? w.PersonConsents : null;
            row.ProviderAgrees = treatment ? w.ProviderAgrees : null;
            row.Provider = treatment ? Clean(w.Provider) : null;
        }
        (UpdatedAt, UpdatedByUserId) = (at, userId);
    }

    /// <summary>
    /// What would be left out if it were sent with <paramref name="covered"/> information: the headings of the sections
    /// with content whose code is not covered.
    /// </summary>
    public IReadOnlyList<string> LeftOutWith(IReadOnlyCollection<string> covered)
    {
        var left = new List<string>();
        foreach (var s in LiaisonReportSections.Text)
            if (!string.IsNullOrWhiteSpace(s.Text(this)) && !covered.Contains(s.Information)) left.Add(s.Heading);
        if (Recommendations.Count > 0 && !covered.Contains(LiaisonReportSections.Recommendations)) left.Add("Recommendations");
        if (!string.IsNullOrWhiteSpace(FurtherInformation) && !covered.Contains(LiaisonReportSections.FurtherInformation)) left.Add("Anything else");
        return left;
    }

    /// <summary>
    /// The information every addressee's cover allows: the intersection of the covers' <see cref="SharedInformation"/>
    /// codes, or null when some addressee has no cover. A cover is a standing consent or a recorded lawful basis
    /// (<see cref="SharingCover.For"/>).
    /// </summary>
    public static IReadOnlyList<string>? CoveredInformation(IReadOnlyCollection<SharingCover?> covers)
    {
        if (covers.Count == 0 || covers.Any(c => c is null)) return null;
        IEnumerable<string>? codes = null;
        foreach (var c in covers)
        {
            var these = c!.Consent?.InformationCodes ?? c.WithoutConsent!.InformationCodes;
            codes = codes is null ? these.ToList() : codes.Intersect(these).ToList();
        }
        return SharedInformation.All.Select(x => x.Code).Where(codes!.Contains).ToList();
    }

    /// <summary>
    /// Sends this version: records who, when and how, and which information went (the sections the covers allow for
    /// every addressee; the others are left out, not sent). It is then frozen. The rule of issue 12 item 3: nothing goes
    /// to an agency unless consent covers it, or a lawful basis is recorded, at the moment of sending.
    /// </summary>
    /// <param name="covers">What covers each addressee at <paramref name="at"/> (<see cref="SharingCover.For"/>); null for none.</param>
    /// <param name="agencyName">The name of an agency, for the refusal's message.</param>
    /// <param name="ageOnDate">The person's age on the UK date of <paramref name="at"/>, or null when unknown (treatment requirements).</param>
    /// <param name="how">How it is sent.</param>
    /// <param name="note">Who it was given to or read to (optional, up to 500 characters; already validated).</param>
    /// <param name="userId">Who sends it.</param>
    /// <param name="at">When.</param>
    /// <returns>The headings of the sections left out because a cover did not include their information.</returns>
    /// <exception cref="LiaisonReportRuleException">Already sent, no addressee, an addressee is not covered (<see cref="LiaisonReportNotCoveredException"/>),
    /// a treatment requirement's eligibility fails, or nothing with content is covered.</exception>
    public IReadOnlyList<string> Send(IReadOnlyDictionary<Guid, SharingCover?> covers, Func<Guid, string> agencyName, int? ageOnDate,
        SendingMethod how, string? note, string userId, DateTimeOffset at)
    {
        EnsureDraft();
        if (!Enum.IsDefined(how)) throw new ArgumentOutOfRangeException(nameof(how), how, "Not a sending method");
        if (Addressees.Count == 0) throw new LiaisonReportRuleException("Choose at least one agency to send the report to.");
        var uncovered = Addressees.Where(a => !covers.TryGetValue(a.AgencyId, out var c) || c is null).Select(a => a.AgencyId).ToList();
        if (uncovered.Count > 0) throw new LiaisonReportNotCoveredException(uncovered, uncovered.Select(agencyName).ToList());
        if (string.IsNullOrWhiteSpace(Vulnerabilities))
            throw new LiaisonReportRuleException("The report says nothing about the person's vulnerabilities and needs. Edit it and describe them in plain words.");
        foreach (var r in Recommendations.Where(r => LiaisonRecommendations.Find(r.Code)?.IsTreatmentRequirement == true))
        {
            var problems = TreatmentEligibility.Problems(ageOnDate, r.PersonConsents, r.ProviderAgrees);
            if (problems.Count > 0)
                throw new LiaisonReportRuleException($"“{LiaisonRecommendations.Display(r.Code)}” cannot be recommended: {string.Join("; ", problems)}. Edit the report to change or remove it.");
        }
        var covered = CoveredInformation(Addressees.Select(a => covers[a.AgencyId]).ToList())!;
        var left = LeftOutWith(covered);
        var anyContent = LiaisonReportSections.Text.Any(s => !string.IsNullOrWhiteSpace(s.Text(this)) && covered.Contains(s.Information))
            || (Recommendations.Count > 0 && covered.Contains(LiaisonReportSections.Recommendations))
            || (!string.IsNullOrWhiteSpace(FurtherInformation) && covered.Contains(LiaisonReportSections.FurtherInformation));
        if (!anyContent)
            throw new LiaisonReportRuleException("Nothing written in this report is covered by the consent or lawful basis for every agency it is addressed to, so there is nothing to send.");
        (SentAt, SentByUserId, SentHow, SentNote, SentInformation) = (at, userId, how, Clean(note), string.Join(' ', covered));
        return left;
    }

    /// <summary>
    /// The correction of this sent version: version <see cref="Number"/> + 1 of the same report, a draft starting from
    /// this version's content, addressees and recommendations. This version is not changed.
    /// </summary>
    /// <exception cref="LiaisonReportRuleException">This version is still a draft (edit it instead).</exception>
    public LiaisonReport Correction(string userId, DateTimeOffset at)
    {
        if (!IsSent) throw new LiaisonReportRuleException($"Version {Number} has not been sent yet: edit it instead of correcting it.");
        var next = new LiaisonReport
        {
            TeamId = TeamId, EpisodeId = EpisodeId, PersonId = PersonId, ReportId = ReportId, Number = Number + 1,
            Vulnerabilities = Vulnerabilities, Screening = Screening, Assessment = Assessment, Priorities = Priorities,
            EffectOnProcess = EffectOnProcess, FurtherInformation = FurtherInformation,
            CreatedAt = at, CreatedByUserId = userId, UpdatedAt = at, UpdatedByUserId = userId,
        };
        next.Addressees = Addressees.Select(a => new LiaisonReportAddressee { ReportVersionId = next.Id, AgencyId = a.AgencyId }).ToList();
        next.Recommendations = Recommendations.Select(r => new LiaisonReportRecommendation
        {
            ReportVersionId = next.Id, Code = r.Code, Detail = r.Detail, PersonConsents = r.PersonConsents, ProviderAgrees = r.ProviderAgrees, Provider = r.Provider,
        }).ToList();
        return next;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>An agency a <see cref="LiaisonReport"/> version is addressed to.</summary>
[NotTeamScoped("Read through its report version, which is filtered.")]
public class LiaisonReportAddressee
{
    public Guid ReportVersionId { get; set; }
    public Guid AgencyId { get; set; }
}

/// <summary>One recommendation of a <see cref="LiaisonReport"/> version.</summary>
[NotTeamScoped("Read through its report version, which is filtered.")]
public class LiaisonReportRecommendation
{
    public Guid ReportVersionId { get; set; }
    /// <summary>A <see cref="LiaisonRecommendations"/> code.</summary>
    public required string Code { get; set; }
    /// <summary>Optional detail in plain words ("a support address at …"). Up to 1000 characters.</summary>
    public string? Detail { get; set; }
    /// <summary>Treatment requirements only: whether the person consents to (is willing to comply with) it.</summary>
    public bool? PersonConsents { get; set; }
    /// <summary>Treatment requirements only: whether the treatment provider agrees to take them.</summary>
    public bool? ProviderAgrees { get; set; }
    /// <summary>Treatment requirements only: the provider, as typed. Up to 200 characters.</summary>
    public string? Provider { get; set; }
}

/// <summary>A step on a liaison report its rules refuse (sent versions are frozen, sending needs cover, …).</summary>
public class LiaisonReportRuleException(string message) : DomainRuleException(message);

/// <summary>Sending is refused: no consent or lawful basis covers these addressees at the moment of sending.</summary>
/// <param name="agencyIds">The agencies not covered.</param>
/// <param name="agencyNames">Their names, in the same order.</param>
public class LiaisonReportNotCoveredException(IReadOnlyList<Guid> agencyIds, IReadOnlyList<string> agencyNames)
    : LiaisonReportRuleException(
        $"The report cannot be sent: no consent or recorded lawful basis covers sharing with {string.Join(" or ", agencyNames)} now. Record the person's consent to share with {(agencyNames.Count == 1 ? "it" : "them")}, or a decision to share without consent, first.")
{
    /// <summary>The agencies not covered.</summary>
    public IReadOnlyList<Guid> AgencyIds => agencyIds;
    /// <summary>Their names.</summary>
    public IReadOnlyList<string> AgencyNames => agencyNames;
}

/// <summary>The time from identification to the first sent version of a liaison report (issue 12 items 3 and 6).</summary>
public static class ReportTimes
{
    /// <summary>The time from <paramref name="identifiedAt"/> to <paramref name="firstSentAt"/>, or null when nothing was sent.</summary>
    public static TimeSpan? IdentificationToSent(DateTimeOffset identifiedAt, DateTimeOffset? firstSentAt) =>
        firstSentAt is { } s ? s - identifiedAt : null;

    /// <summary>"40 minutes", "2 hours 5 minutes", "3 days 4 hours" (whole minutes, rounded down; never negative).</summary>
    public static string Display(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        static string Unit(int n, string one) => $"{n} {one}{(n == 1 ? "" : "s")}";
        if (span.TotalDays >= 1) return span.Hours == 0 ? Unit(span.Days, "day") : $"{Unit(span.Days, "day")} {Unit(span.Hours, "hour")}";
        if (span.TotalHours >= 1) return span.Minutes == 0 ? Unit(span.Hours, "hour") : $"{Unit(span.Hours, "hour")} {Unit(span.Minutes, "minute")}";
        return Unit(span.Minutes, "minute");
    }
}
