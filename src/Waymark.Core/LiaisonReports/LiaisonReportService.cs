using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.CriminalJustice;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.Persistence;
using Waymark.Screening;

namespace Waymark.LiaisonReports;

/// <summary>One recommendation on the form.</summary>
/// <param name="Code">A <see cref="LiaisonRecommendations"/> code.</param>
/// <param name="Detail">Optional detail, up to 1000 characters.</param>
/// <param name="PersonConsents">Treatment requirements: whether the person consents to it; null while not known (a draft may hold that; sending refuses it).</param>
/// <param name="ProviderAgrees">Treatment requirements: whether a provider agrees; null while not known (a draft may hold that; sending refuses it).</param>
/// <param name="Provider">Treatment requirements: the provider, up to 200 characters (optional).</param>
public sealed record RecommendationInput(string Code, string? Detail, bool? PersonConsents = null, bool? ProviderAgrees = null, string? Provider = null);

/// <summary>What the liaison report form holds.</summary>
public sealed record LiaisonReportInput(
    IReadOnlyList<Guid> AgencyIds,
    string? Vulnerabilities, string? Screening, string? Assessment, string? Priorities, string? EffectOnProcess,
    IReadOnlyList<RecommendationInput> Recommendations, string? FurtherInformation, string? CorrectionNote = null)
{
    /// <summary>The longest a text section may be, in characters.</summary>
    public const int MaxText = 4000;

    /// <summary>
    /// Every problem, as (field, message). Fields are the input's members; a recommendation's are
    /// "Detail[code]", "PersonConsents[code]", "ProviderAgrees[code]" and "Provider[code]".
    /// </summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (AgencyIds.Count == 0) yield return (nameof(AgencyIds), "Select at least one agency to address the report to");
        if (string.IsNullOrWhiteSpace(Vulnerabilities)) yield return (nameof(Vulnerabilities), "Enter the person's vulnerabilities and needs in plain words");
        foreach (var (field, value, name) in new[]
        {
            (nameof(Vulnerabilities), Vulnerabilities, "Vulnerabilities and needs"),
            (nameof(Screening), Screening, "Screening outcome"),
            (nameof(Assessment), Assessment, "Assessment"),
            (nameof(Priorities), Priorities, "What matters to them"),
            (nameof(EffectOnProcess), EffectOnProcess, "How this affects the process"),
            (nameof(FurtherInformation), FurtherInformation, "Anything else"),
        })
            if (value is { Length: > MaxText }) yield return (field, $"{name} must be 4,000 characters or fewer");
        if (CorrectionNote is { Length: > 1000 }) yield return (nameof(CorrectionNote), "What was wrong must be 1,000 characters or fewer");
        foreach (var r in Recommendations)
        {
            var rec = LiaisonRecommendations.Find(r.Code);
            if (rec is null) { yield return (nameof(Recommendations), "Select recommendations from the list"); continue; }
            if (r.Detail is { Length: > 1000 }) yield return ($"Detail[{r.Code}]", $"{rec.Name}: the detail must be 1,000 characters or fewer");
            if (!rec.IsTreatmentRequirement) continue;
            // Unanswered consent or provider agreement is allowed in a draft (stored as not known); only sending refuses
            // it (LiaisonReport.Send, TreatmentEligibility).
            if (r.Provider is { Length: > 200 }) yield return ($"Provider[{r.Code}]", $"{rec.Name}: the provider must be 200 characters or fewer");
        }
    }
}

/// <summary>
/// A report of an episode as its list shows it: its latest version, its latest sent version (a correction's draft does
/// not hide that a version went), when it was first sent and when version 1 was started (to tell two reports to the
/// same agency apart).
/// </summary>
/// <param name="Latest">The latest version (a draft or sent).</param>
/// <param name="FirstSentAt">When any version was first sent, or null.</param>
/// <param name="AgencyNames">The latest version's addressees, by name, in order.</param>
/// <param name="LatestSent">The newest sent version, or null when none was sent.</param>
/// <param name="SentToNames">The addressees of <paramref name="LatestSent"/>, by name, in order (empty when none was sent).</param>
/// <param name="StartedAt">When version 1 was created.</param>
public sealed record LiaisonReportSummary(LiaisonReport Latest, DateTimeOffset? FirstSentAt, IReadOnlyList<string> AgencyNames,
    LiaisonReport? LatestSent, IReadOnlyList<string> SentToNames, DateTimeOffset StartedAt);

/// <summary>
/// Liaison reports of an episode (issue 12 item 3): drafted from what is recorded, edited as a versioned draft, sent
/// (only with cover for every addressee at that moment; audited as a disclosure), then frozen; corrected as new versions.
/// Every change loads the open episode of the user's team (<see cref="EpisodesToChange.OpenEpisodeOfTeamAsync"/>).
/// </summary>
public class LiaisonReportService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    private DbSet<LiaisonReport> Reports => db.Set<LiaisonReport>();

    /// <summary>The version with <paramref name="id"/>, with its addressees and recommendations, if the team can see it.</summary>
    public Task<LiaisonReport?> FindAsync(Guid id, CancellationToken ct = default) =>
        Reports.AsNoTracking().AsSplitQuery().Include(r => r.Addressees).Include(r => r.Recommendations).FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>Every version of the report <paramref name="reportId"/>, newest first.</summary>
    public async Task<IReadOnlyList<LiaisonReport>> VersionsAsync(Guid reportId, CancellationToken ct = default) =>
        await Reports.AsNoTracking().Where(r => r.ReportId == reportId).OrderByDescending(r => r.Number).ToListAsync(ct);

    /// <summary>The episode's reports, newest first, each as its latest version with the first time it was sent.</summary>
    public async Task<IReadOnlyList<LiaisonReportSummary>> OfEpisodeAsync(Guid episodeId, CancellationToken ct = default)
    {
        var all = await Reports.AsNoTracking().Include(r => r.Addressees).Where(r => r.EpisodeId == episodeId).ToListAsync(ct);
        var names = await AgencyNamesAsync(all.SelectMany(r => r.Addressees.Select(a => a.AgencyId)), ct);
        return all.GroupBy(r => r.ReportId)
            .Select(g =>
            {
                List<string> Names(LiaisonReport r) => r.Addressees.Select(a => names.GetValueOrDefault(a.AgencyId, "an agency")).Order(StringComparer.CurrentCulture).ToList();
                var latest = g.MaxBy(r => r.Number)!;
                var sent = g.Where(r => r.IsSent).MaxBy(r => r.Number);
                return new LiaisonReportSummary(latest, g.Min(r => r.SentAt), Names(latest), sent, sent is null ? [] : Names(sent), g.Min(r => r.CreatedAt));
            })
            .OrderByDescending(s => s.StartedAt).ToList();
    }

    /// <summary>
    /// The time from the episode's identification to its first sent liaison report (any report), or null when none has
    /// been sent (derived: Episode.IdentifiedAt → the earliest SentAt).
    /// </summary>
    public async Task<TimeSpan?> IdentificationToSentAsync(Episode episode, CancellationToken ct = default)
    {
        var first = await Reports.AsNoTracking().Where(r => r.EpisodeId == episode.Id && r.SentAt != null).MinAsync(r => r.SentAt, ct);
        return ReportTimes.IdentificationToSent(episode.IdentifiedAt, first);
    }

    /// <summary>The team's agencies in use, by kind then name (what a report can be addressed to).</summary>
    public async Task<IReadOnlyList<CriminalJusticeAgency>> AgenciesInUseAsync(CancellationToken ct = default) =>
        (await db.Set<CriminalJusticeAgency>().AsNoTracking().Where(a => a.RetiredAt == null && a.TeamId == user.TeamId).ToListAsync(ct))
            .OrderBy(a => a.Kind).ThenBy(a => a.Name, StringComparer.CurrentCulture).ToList();

    /// <summary>The team's agencies with these ids (retired or not), by name.</summary>
    public async Task<IReadOnlyList<CriminalJusticeAgency>> AgenciesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default) =>
        (await db.Set<CriminalJusticeAgency>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct)).OrderBy(a => a.Name, StringComparer.CurrentCulture).ToList();

    /// <summary>Names of agencies (the team's, retired or not), by id.</summary>
    public async Task<Dictionary<Guid, string>> AgencyNamesAsync(IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0) return [];
        return await db.Set<CriminalJusticeAgency>().AsNoTracking().Where(a => list.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
    }

    /// <summary>
    /// A new report's form, drafted from what is recorded for the episode: the latest screening outcome (needs, risks,
    /// urgency, decision), the assessment (needs found, risk summary) and the person's priorities in their words
    /// (ranked needs and "what matters to me"). Nothing is saved.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such episode for this team.</exception>
    public async Task<LiaisonReportInput> DraftAsync(Guid episodeId, CancellationToken ct = default)
    {
        var episode = await db.Episodes.AsNoTracking().FirstOrDefaultAsync(e => e.Id == episodeId, ct) ?? throw new KeyNotFoundException("Episode not found.");
        var screening = await db.ScreeningOutcomes.AsNoTracking().Where(s => s.EpisodeId == episodeId).OrderByDescending(s => s.Sequence).FirstOrDefaultAsync(ct);
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Needs).FirstOrDefaultAsync(a => a.EpisodeId == episodeId, ct);
        var vulnerabilities = episode.Vulnerabilities.Any()
            ? "Identified because of: " + string.Join(", ", episode.Vulnerabilities.Select(Vulnerability.NameOf).Select(Lower)) + "."
            : null;
        return new LiaisonReportInput([], vulnerabilities, ScreeningText(screening), AssessmentText(assessment), PrioritiesText(assessment), null, [], null);
    }

    /// <summary>The latest screening outcome in plain words, or null when there is none.</summary>
    public static string? ScreeningText(ScreeningOutcome? s)
    {
        if (s is null) return null;
        var needs = s.NeedCodes.Select(AssessmentDomains.NameOf).Select(Lower).ToList();
        var lines = new List<string>
        {
            $"Screened on {UkTime.DateOf(s.RecordedAt).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}.",
            needs.Count == 0 ? "No needs were found." : $"Needs found: {string.Join(", ", needs)}.",
            $"Risk to themselves: {Lower(ScreeningChoices.Display(s.RiskToSelf))}; to others: {Lower(ScreeningChoices.Display(s.RiskToOthers))}; from others: {Lower(ScreeningChoices.Display(s.RiskFromOthers))}.",
            $"Next step: {Lower(ScreeningChoices.Display(s.Decision))}" + (s.Decision == ScreeningDecision.Signpost && s.SignpostedTo is { } to ? $" to {to}." : "."),
        };
        return string.Join("\n", lines);
    }

    /// <summary>The assessment's needs found (with severity) and risk summary, or null when there is none.</summary>
    public static string? AssessmentText(PsychosocialAssessment? a)
    {
        if (a is null) return null;
        var needs = a.NeedsFound.Select(n => Lower(AssessmentDomains.NameOf(n.Domain)) + (n.Severity is { } sv ? $" ({Lower(NeedChoices.Display(sv))})" : "")).ToList();
        var lines = new List<string> { needs.Count == 0 ? "No needs were found in the assessment." : $"Needs found in the assessment: {string.Join(", ", needs)}." };
        if (a.RiskSummary is { } risk) lines.Add($"Risk: {risk}");
        return string.Join("\n", lines);
    }

    /// <summary>What matters to the person in their words (their ranked needs, then "what matters to me"), or null.</summary>
    public static string? PrioritiesText(PsychosocialAssessment? a)
    {
        if (a is null) return null;
        var lines = a.PersonsPriorities.Select(n => $"{n.PersonPriority}. {AssessmentDomains.NameOf(n.Domain)}" + (n.InTheirWords is { } w ? $": “{w}”" : "")).ToList();
        if (a.WhatMattersToMe is { } m) lines.Add($"“{m}”");
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    /// <summary>Starts a report on an open episode of the team: version 1, a draft.</summary>
    /// <exception cref="ValidationFailedException">The input has problems, or an agency is not one of the team's in use.</exception>
    /// <exception cref="EpisodeRuleException">The episode is closed or another team's.</exception>
    /// <exception cref="KeyNotFoundException">No such episode.</exception>
    public async Task<LiaisonReport> CreateAsync(Guid episodeId, LiaisonReportInput input, CancellationToken ct = default)
    {
        ValidationFailedException.ThrowIfAny(input.Validate());
        var episode = await db.OpenEpisodeOfTeamAsync(user, episodeId, "write a liaison report", ct);
        await EnsureAgenciesAsync(input.AgencyIds, [], ct);
        var now = clock.GetUtcNow();
        var report = new LiaisonReport
        {
            TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = episode.PersonId, Number = 1,
            CreatedAt = now, CreatedByUserId = user.UserId!, UpdatedAt = now, UpdatedByUserId = user.UserId!,
        };
        report.ReportId = report.Id;
        report.Apply(input, user.UserId!, now);
        Reports.Add(report);
        audit.Add(AuditAction.Created, "LiaisonReport", report.Id.ToString(), report.PersonId, "Version 1 drafted");
        // A report is expected now: the identification → report sent clock runs (once per episode).
        if (LiaisonReportClock.Start(await ReportClockAsync(episode.Id, ct), episode.TeamId, episode.Id, episode.PersonId, episode.IdentifiedAt, report.ReportId) is { } started)
            db.Add(started);
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>Saves the draft <paramref name="id"/> over the version the practitioner loaded.</summary>
    /// <exception cref="ValidationFailedException">The input has problems.</exception>
    /// <exception cref="LiaisonReportRuleException">The version has been sent (frozen).</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else saved or sent it since <paramref name="expectedVersion"/>.</exception>
    public async Task<LiaisonReport> SaveAsync(Guid id, Guid expectedVersion, LiaisonReportInput input, CancellationToken ct = default)
    {
        ValidationFailedException.ThrowIfAny(input.Validate());
        var report = await TrackedAsync(id, ct);
        await db.OpenEpisodeOfTeamAsync(user, report.EpisodeId, "change its liaison report", ct);
        if (report.Version != expectedVersion && !report.IsSent) throw new ConcurrencyConflictException(Conflict);
        await EnsureAgenciesAsync(input.AgencyIds, report.Addressees.Select(a => a.AgencyId), ct);
        report.Apply(input, user.UserId!, clock.GetUtcNow());
        db.ExpectVersion(report, expectedVersion);
        audit.Add(AuditAction.Updated, "LiaisonReport", report.Id.ToString(), report.PersonId, $"Version {report.Number} draft saved");
        await db.SaveOrConflictAsync(Conflict, ct);
        return report;
    }

    private Task<CriminalJusticeClock?> ReportClockAsync(Guid episodeId, CancellationToken ct) =>
        db.Set<CriminalJusticeClock>().FirstOrDefaultAsync(c => c.EpisodeId == episodeId && c.Kind == ClockKind.IdentificationToReport, ct);

    /// <summary>What covers each addressee of <paramref name="report"/> at <paramref name="at"/> (null for none).</summary>
    public Task<Dictionary<Guid, SharingCover?>> CoversAsync(LiaisonReport report, DateTimeOffset at, CancellationToken ct = default)
        => CriminalJusticeSharing.CoversAsync(db, report.EpisodeId, report.Addressees.Select(a => a.AgencyId).ToList(), at, ct);

    /// <summary>
    /// Sends the draft <paramref name="id"/>: only when consent or a recorded lawful basis covers every addressee now;
    /// sections whose information is not covered for all of them are left out. Audited as a disclosure (an
    /// <see cref="AuditAction.Exported"/> event whose purpose says so, naming the agencies, how and what went).
    /// </summary>
    /// <returns>The version as sent, and the headings of the sections left out.</returns>
    /// <exception cref="ValidationFailedException">The note is too long.</exception>
    /// <exception cref="LiaisonReportRuleException">Already sent, not covered (<see cref="LiaisonReportNotCoveredException"/>), or its rules refuse (see <see cref="LiaisonReport.Send"/>).</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else saved or sent it since <paramref name="expectedVersion"/>.</exception>
    public async Task<(LiaisonReport Report, IReadOnlyList<string> LeftOut)> SendAsync(Guid id, Guid expectedVersion, SendingMethod how, string? note, CancellationToken ct = default)
    {
        if (note is { Length: > 500 }) throw ValidationFailedException.For("SentNote", "The note must be 500 characters or fewer");
        var report = await TrackedAsync(id, ct);
        var episode = await db.OpenEpisodeOfTeamAsync(user, report.EpisodeId, "send its liaison report", ct);
        if (report.IsSent) report.EnsureDraft();
        if (report.Version != expectedVersion) throw new ConcurrencyConflictException(SendConflict);
        var now = clock.GetUtcNow();
        var covers = await CoversAsync(report, now, ct);
        var names = await AgencyNamesAsync(report.Addressees.Select(a => a.AgencyId), ct);
        var person = await db.People.AsNoTracking().Where(p => p.Id == episode.PersonId).Select(p => p.DateOfBirth).FirstOrDefaultAsync(ct);
        int? age = person is { } dob ? People.Age.On(dob, UkTime.DateOf(now)) : null;
        var left = report.Send(covers, a => names.GetValueOrDefault(a, "an agency"), age, how, note, user.UserId!, now);
        db.ExpectVersion(report, expectedVersion);
        var reportClock = await ReportClockAsync(episode.Id, ct);
        if (reportClock is null && LiaisonReportClock.Start(null, episode.TeamId, episode.Id, episode.PersonId, episode.IdentifiedAt, report.ReportId) is { } started)
            db.Add(reportClock = started);
        LiaisonReportClock.Stop(reportClock!, now, report.ReportId);
        var bases = report.Addressees.Select(a => covers[a.AgencyId]!).Select(c => c.Consent is not null ? "consent" : "lawful basis: " + LawfulBases.Display(c.WithoutConsent!.Basis)).Distinct();
        audit.Add(AuditAction.Exported, "LiaisonReport", report.Id.ToString(), report.PersonId,
            $"Version {report.Number} sent to {string.Join(", ", report.Addressees.Select(a => names.GetValueOrDefault(a.AgencyId, a.AgencyId.ToString())))}; "
            + $"{SendingMethods.Display(how)}; under {string.Join(", ", bases)}; information: {report.SentInformation}"
            + (left.Count > 0 ? $"; left out: {string.Join(", ", left)}" : ""),
            purpose: "Disclosure to criminal justice agencies");
        await db.SaveOrConflictAsync(SendConflict, ct);
        return (report, left);
    }

    /// <summary>
    /// Starts a correction of the sent version <paramref name="id"/>: the next version, a draft with its content. Only
    /// the latest version can be corrected, and only when it has been sent.
    /// </summary>
    /// <exception cref="LiaisonReportRuleException">Not sent, or not the latest version (the newer one is named).</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else started the same correction at the same moment.</exception>
    public async Task<LiaisonReport> CorrectAsync(Guid id, CancellationToken ct = default)
    {
        var report = await TrackedAsync(id, ct);
        await db.OpenEpisodeOfTeamAsync(user, report.EpisodeId, "correct its liaison report", ct);
        var latest = await Reports.AsNoTracking().Where(r => r.ReportId == report.ReportId).MaxAsync(r => r.Number, ct);
        if (latest != report.Number)
            throw new LiaisonReportRuleException($"Version {latest} of this report already exists. Correct or edit the latest version instead.");
        var next = report.Correction(user.UserId!, clock.GetUtcNow());
        Reports.Add(next);
        audit.Add(AuditAction.Created, "LiaisonReport", next.Id.ToString(), next.PersonId, $"Version {next.Number} drafted to correct version {report.Number}");
        await db.SaveOrConflictAsync("Someone else started a correction of this report at the same moment. Open the report's latest version.", uniqueNumberIsConflict: true, ct);
        return next;
    }

    private async Task<LiaisonReport> TrackedAsync(Guid id, CancellationToken ct) =>
        await Reports.AsSplitQuery().Include(r => r.Addressees).Include(r => r.Recommendations).FirstOrDefaultAsync(r => r.Id == id, ct)
        ?? throw new KeyNotFoundException("Liaison report not found.");

    // An addressee must be one of the team's agencies in use; one already on the draft may stay after it is retired.
    private async Task EnsureAgenciesAsync(IEnumerable<Guid> ids, IEnumerable<Guid> already, CancellationToken ct)
    {
        var wanted = ids.Except(already).Distinct().ToList();
        if (wanted.Count == 0) return;
        var found = await db.Set<CriminalJusticeAgency>().CountAsync(a => wanted.Contains(a.Id) && a.RetiredAt == null && a.TeamId == user.TeamId, ct);
        if (found != wanted.Count) throw ValidationFailedException.For(nameof(LiaisonReportInput.AgencyIds), "Select agencies from the list");
    }

    private static string Lower(string s) => s.Length > 1 && !char.IsUpper(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    private const string Conflict =
        "Someone else saved or sent this report while you were editing it. Your changes have not been saved; they are still in the form below. Check the report as it is now, then save again.";

    private const string SendConflict =
        "Someone else changed or sent this report after you opened it, so it has not been sent. Check the report as it is now and send it again if it is still right.";
}
