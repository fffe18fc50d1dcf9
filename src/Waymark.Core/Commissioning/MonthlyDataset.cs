using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.Episodes;
using Waymark.Figures;
using Waymark.Persistence;
using Waymark.Referrals;

namespace Waymark.Commissioning;

/// <summary>
/// One row of the monthly dataset: one episode active in the month, pseudonymised (no name, date of birth, NHS number,
/// PNC ID or other identifier, no free text). Every field is defined in docs/dataset.md; the values are as they stood
/// at the end of the month (a step recorded after it is not shown), so the same month exported again gives the same rows.
/// Dates are given as their UK month only ("yyyy-MM": <c>IdentifiedMonth</c>, <c>ClosedMonth</c>), never the day: an exact
/// date with setting, sex, ethnicity and age band made almost every row unique, so someone holding custody records could
/// match rows to people (issue 15; ICO anonymisation code: minimise quasi-identifiers). Timeliness is kept as days counted
/// from identification.
/// Counts and days are never negative (they are counted forward from identification), so no number is altered by the
/// CSV writer's neutralising of a leading "-".
/// </summary>
public sealed record DatasetRow(
    string DatasetMonth,
    string TeamTypeCode,
    string Team,
    string PersonKey,
    string EpisodeKey,
    string AgeBand,
    string Sex,
    string EthnicCategory,
    bool Youth,
    string Setting,
    string SourceOfReferral,
    string IdentifiedMonth,
    bool Screened,
    int? DaysToScreening,
    bool Assessed,
    int? DaysToAssessment,
    bool ReportSent,
    int? DaysToReport,
    string NeedsFound,
    int ReferralsMade,
    int ReferralsAccepted,
    int ReferralsDeclined,
    string CjsDecisions,
    string? ClosedMonth,
    string? ClosureReason,
    string NewOrKnown);

/// <summary>
/// The monthly dataset for a commissioner (docs/dataset.md): one <see cref="DatasetRow"/> per episode of the chosen
/// teams ACTIVE in the month, i.e. identified on or before its last day (UK date) and not closed before its first day.
/// Rows are read 10,000 episodes at a time (one query for the episodes with their person's coded fields and counts, then
/// one query each for their needs, referrals, reports and criminal justice decisions), so a national month never sits
/// in memory and no query runs per episode.
/// </summary>
public class MonthlyDataset(WaymarkDbContext db, TimeProvider clock)
{
    /// <summary>MHSDS service or team type code D02, "Criminal Justice Liaison and Diversion Service".</summary>
    public const string TeamTypeCode = "D02";

    /// <summary>Episodes read per batch.</summary>
    public const int BatchSize = 10_000;

    /// <summary>
    /// The rows, batch by batch, keyed with <paramref name="commissionerUserId"/>'s own secret (made on first use). The
    /// caller has checked that <paramref name="teams"/> are the commissioner's own (<see cref="CommissionedTeams"/>).
    /// </summary>
    public async IAsyncEnumerable<DatasetRow> RowsAsync(string commissionerUserId, Month month, IReadOnlyList<CommissionedTeam> teams,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(teams);
        var secret = await CommissionerKeys.SecretForAsync(db, commissionerUserId, clock.GetUtcNow(), ct);
        using var hmac = new System.Security.Cryptography.HMACSHA256(secret);
        var start = UkTime.FromLocal(month.FirstDay, TimeOnly.MinValue);
        var end = UkTime.FromLocal(month.LastDay.AddDays(1), TimeOnly.MinValue);
        var teamIds = teams.Select(t => t.Id).ToList();
        var teamNames = teams.ToDictionary(t => t.Id, t => t.Name);
        var active = db.Episodes.IgnoreQueryFilters().AsNoTracking()
            .Where(e => teamIds.Contains(e.TeamId) && e.IdentifiedAt < end && (e.ClosedAt == null || e.ClosedAt >= start));
        Guid? after = null;
        while (true)
        {
            var page = after is { } last ? active.Where(e => e.Id.CompareTo(last) > 0) : active;
            var batch = await page.OrderBy(e => e.Id).Take(BatchSize)
                .Select(e => new EpisodeFacts(
                    e.Id, e.PersonId, e.TeamId, e.AgeAtIdentification, e.Person!.Sex, e.Person.EthnicCategory, e.IsYouth, e.Setting,
                    e.IdentifiedAt, e.ScreenedAt, e.AssessedAt, e.ClosedAt, e.ClosureReason,
                    db.Episodes.IgnoreQueryFilters().Any(p => p.PersonId == e.PersonId && p.TeamId == e.TeamId && p.IdentifiedAt < e.IdentifiedAt)))
                .ToListAsync(ct);
            if (batch.Count == 0) yield break;
            after = batch[^1].Id;
            var ids = batch.Select(b => b.Id).ToList();

            // Two indexed lookups (assessments by episode, then needs by assessment) rather than a join a planner may
            // answer by scanning every assessed need.
            var assessments = await db.Assessments.IgnoreQueryFilters().AsNoTracking()
                .Where(a => ids.Contains(a.EpisodeId) && a.CompletedAt != null && a.CompletedAt < end)
                .Select(a => new { a.Id, a.EpisodeId }).ToListAsync(ct);
            var assessmentIds = assessments.Select(a => a.Id).ToList();
            var episodeOf = assessments.ToDictionary(a => a.Id, a => a.EpisodeId);
            var needs = assessmentIds.Count == 0 ? Enumerable.Empty<(Guid, string)>().ToLookup(x => x.Item1, x => x.Item2)
                : (await db.AssessedNeeds.IgnoreQueryFilters().AsNoTracking()
                    .Where(n => assessmentIds.Contains(n.AssessmentId) && n.Finding == NeedFinding.Need)
                    .Select(n => new { n.AssessmentId, n.Domain }).ToListAsync(ct))
                  .ToLookup(x => episodeOf[x.AssessmentId], x => x.Domain);
            var referralSteps = (await db.ReferralEvents.IgnoreQueryFilters().AsNoTracking()
                    .Where(ev => ev.At < end && (ev.Step == ReferralStep.Sent || ev.Step == ReferralStep.Accepted || ev.Step == ReferralStep.Declined))
                    .Join(db.Referrals.IgnoreQueryFilters().Where(r => ids.Contains(r.EpisodeId)), ev => ev.ReferralId, r => r.Id,
                        (ev, r) => new { r.EpisodeId, ev.ReferralId, ev.Step })
                    .Distinct().ToListAsync(ct))
                .ToLookup(x => x.EpisodeId);
            var reports = (await db.Set<Waymark.LiaisonReports.LiaisonReport>().IgnoreQueryFilters().AsNoTracking()
                    .Where(r => ids.Contains(r.EpisodeId) && r.SentAt != null && r.SentAt < end)
                    .GroupBy(r => r.EpisodeId).Select(g => new { EpisodeId = g.Key, First = g.Min(r => r.SentAt) })
                    .ToListAsync(ct))
                .ToDictionary(x => x.EpisodeId, x => x.First!.Value);
            var lastDay = month.LastDay;
            var decisions = (await db.Set<Waymark.CriminalJustice.CriminalJusticeEvent>().IgnoreQueryFilters().AsNoTracking()
                    .Where(c => ids.Contains(c.EpisodeId) && c.On <= lastDay
                        && !db.Set<Waymark.CriminalJustice.CriminalJusticeEvent>().IgnoreQueryFilters().Any(later => later.SupersedesId == c.Id)
                        && ((c.Kind == Waymark.CriminalJustice.CriminalJusticeEventKind.PoliceDecision && c.PoliceDecision != null)
                            || (c.Kind == Waymark.CriminalJustice.CriminalJusticeEventKind.CourtOutcome && c.CourtOutcome != null)))
                    .Select(c => new { c.EpisodeId, c.On, c.PoliceDecision, c.CourtOutcome })
                    .ToListAsync(ct))
                .ToLookup(x => x.EpisodeId);

            foreach (var e in batch)
            {
                var identified = UkTime.DateOf(e.IdentifiedAt);
                int? Days(DateTimeOffset? at) => at is { } a && a < end ? Math.Max(0, UkTime.DateOf(a).DayNumber - identified.DayNumber) : null;
                var steps = referralSteps[e.Id].ToList();
                DateTimeOffset? reportAt = reports.TryGetValue(e.Id, out var sent) ? sent : null;
                var closed = e.ClosedAt is { } c && c < end ? c : (DateTimeOffset?)null;
                yield return new DatasetRow(
                    month.Code,
                    TeamTypeCode,
                    teamNames[e.TeamId],
                    CommissionerKey.Pseudonym(hmac, "person", e.PersonId),
                    CommissionerKey.Pseudonym(hmac, "episode", e.Id),
                    DatasetCodes.AgeBand(e.Age),
                    DatasetCodes.Sex(e.Sex),
                    DatasetCodes.Ethnicity(e.Ethnicity),
                    e.Youth,
                    DatasetCodes.Setting(e.Setting),
                    DatasetCodes.SourceOfReferral(e.Setting),
                    identified.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                    Days(e.ScreenedAt) is not null,
                    Days(e.ScreenedAt),
                    Days(e.AssessedAt) is not null,
                    Days(e.AssessedAt),
                    reportAt is not null,
                    Days(reportAt),
                    string.Join(';', AssessmentDomains.InListingOrder(needs[e.Id])),
                    steps.Where(s => s.Step == ReferralStep.Sent).Select(s => s.ReferralId).Distinct().Count(),
                    steps.Where(s => s.Step == ReferralStep.Accepted).Select(s => s.ReferralId).Distinct().Count(),
                    steps.Where(s => s.Step == ReferralStep.Declined).Select(s => s.ReferralId).Distinct().Count(),
                    string.Join(';', decisions[e.Id].OrderBy(d => d.On)
                        .Select(d => d.PoliceDecision is { } pd ? "PD-" + pd : "CO-" + (int)d.CourtOutcome!.Value)),
                    closed is { } at ? UkTime.DateOf(at).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) : null,
                    closed is not null && e.ClosureReason is { } why ? DatasetCodes.Closure(why) : null,
                    e.Known ? "K" : "N");
            }
            if (batch.Count < BatchSize) yield break;
        }
    }

    private sealed record EpisodeFacts(
        Guid Id, Guid PersonId, Guid TeamId, int? Age, People.Sex Sex, string? Ethnicity, bool Youth, Setting Setting,
        DateTimeOffset IdentifiedAt, DateTimeOffset? ScreenedAt, DateTimeOffset? AssessedAt, DateTimeOffset? ClosedAt,
        ClosureReason? ClosureReason, bool Known);
}

/// <summary>The dataset's code lists (docs/dataset.md defines each).</summary>
public static class DatasetCodes
{
    /// <summary>Age bands at identification: "10-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"; "0-9" below; "NK" not known.</summary>
    public static string AgeBand(int? age) => age switch
    {
        null or < 0 => "NK",
        < 10 => "0-9",
        < 18 => "10-17",
        < 25 => "18-24",
        < 35 => "25-34",
        < 45 => "35-44",
        < 55 => "45-54",
        < 65 => "55-64",
        _ => "65+",
    };

    /// <summary>NHS Data Dictionary PERSON GENDER CODE (as recorded): 0 not known, 1 male, 2 female, 9 not specified.</summary>
    public static string Sex(People.Sex sex) => ((int)sex).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>NHS Data Dictionary ETHNIC CATEGORY (A–S, Z not stated, 99 not known); nothing recorded is "99".</summary>
    public static string Ethnicity(string? code) => People.EthnicCategory.IsKnownCode(code) && code is not null ? code : "99";

    /// <summary>The setting's code: its name in Waymark's code list (docs/dataset.md), e.g. "PoliceCustody".</summary>
    public static string Setting(Setting setting) => setting.ToString();

    /// <summary>
    /// MHSDS SOURCE OF REFERRAL FOR MENTAL HEALTH where one fits: E1 police (custody, voluntary attendance, street
    /// triage), E2 courts (magistrates', Crown, youth), E3 probation, E4 prison, E6 youth offending team, B1 self-referral.
    /// E5 (court liaison and diversion service) is the team's own kind of service, so never a source of its own
    /// episodes. Unmapped settings would be "X1" (local code, "other"); none is unmapped today.
    /// </summary>
    public static string SourceOfReferral(Setting setting) => setting switch
    {
        Episodes.Setting.PoliceCustody or Episodes.Setting.VoluntaryAttendance or Episodes.Setting.StreetTriage => "E1",
        Episodes.Setting.MagistratesCourt or Episodes.Setting.CrownCourt or Episodes.Setting.YouthCourt => "E2",
        Episodes.Setting.Probation => "E3",
        Episodes.Setting.Prison => "E4",
        Episodes.Setting.YouthOffendingTeam => "E6",
        Episodes.Setting.SelfReferral => "B1",
        _ => "X1",
    };

    /// <summary>The closure reason's code: its name in Waymark's code list, e.g. "SupportCompleted".</summary>
    public static string Closure(ClosureReason reason) => reason.ToString();
}
