using Microsoft.EntityFrameworkCore;
using Waymark.Episodes;
using Waymark.LiaisonReports;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Web.Forms;

namespace Waymark.Web.Pages.LiaisonReports;

/// <summary>
/// One version of a liaison report with what the page, the print view and the PDF show beside it: the person (name,
/// date of birth), the episode (setting and custody or court reference), the agencies by name, who wrote and sent it.
/// </summary>
public sealed class ReportView
{
    public required LiaisonReport Report { get; init; }
    public required Episode Episode { get; init; }
    public Person Person => Episode.Person!;
    public required IReadOnlyDictionary<Guid, string> AgencyNames { get; init; }
    public required IReadOnlyDictionary<string, string> UserNames { get; init; }
    /// <summary>Every version of the report, newest first.</summary>
    public required IReadOnlyList<LiaisonReport> Versions { get; init; }
    /// <summary>The team's name, for the report's letterhead.</summary>
    public required string TeamName { get; init; }

    /// <summary>
    /// On the check page only: the headings of the draft's sections that would be left out if it were sent now (not
    /// covered for every addressee); the body marks them "Not sent". Empty elsewhere.
    /// </summary>
    public IReadOnlyCollection<string> WouldBeLeftOut { get; set; } = [];

    /// <summary>The agencies it is addressed to, by name.</summary>
    public IEnumerable<string> Addressees => Report.Addressees.Select(a => AgencyNames.GetValueOrDefault(a.AgencyId, "an agency")).Order(StringComparer.CurrentCulture);

    /// <summary>
    /// A sent version's sending record in words: "sent 30 Nov 2026 at 02:40 by Sam Lee to Central custody suite (Read out
    /// in person): read to PS 1234 Khan at the custody desk" (the note, <see cref="LiaisonReport.SentNote"/>, only when
    /// one was written); null for a draft.
    /// </summary>
    public string? SentLine => Report.SentAt is { } at
        ? $"sent {Display.DateTime(at)} by {NameOf(Report.SentByUserId)} to {string.Join(", ", Addressees)} ({SendingMethods.Display(Report.SentHow!.Value)})"
          + (Report.SentNote is { } note ? $": {note}" : "")
        : null;

    /// <summary>
    /// A treatment requirement's answers in words, for the page, print view and PDF: "the person consents to the
    /// requirement; the provider agrees to treat them (Northshire MH)"; an unanswered one (a draft's) reads "not known yet".
    /// </summary>
    public static string TreatmentAnswers(LiaisonReportRecommendation rec) =>
        $"The person {(rec.PersonConsents == true ? "consents" : rec.PersonConsents == false ? "does not consent" : "has not been asked about consent (not known yet)")} to the requirement; "
        + (rec.ProviderAgrees == true ? "the provider agrees to treat them" : rec.ProviderAgrees == false ? "no provider has agreed" : "whether a provider agrees is not known yet")
        + (rec.Provider is { } p ? $" ({p})" : "");

    /// <summary>The display name of <paramref name="userId"/>, or "unknown".</summary>
    public string NameOf(string? userId) => userId is not null && UserNames.TryGetValue(userId, out var n) ? n : "unknown";

    /// <summary>The time from identification to the first sent version of this report, or null when none was sent.</summary>
    public TimeSpan? IdentificationToSent => ReportTimes.IdentificationToSent(Episode.IdentifiedAt, Versions.Min(v => v.SentAt));

    /// <summary>The sections to show, in reading order, with their text: those with content that the version includes (all of a draft's; a sent version's that went).</summary>
    public IEnumerable<(string Heading, string Text)> Sections =>
        LiaisonReportSections.Text.Where(s => !string.IsNullOrWhiteSpace(s.Text(Report)) && Report.Includes(s.Information)).Select(s => (s.Heading, s.Text(Report)!));

    /// <summary>Whether the recommendations are shown (any, and included).</summary>
    public bool ShowsRecommendations => Report.Recommendations.Count > 0 && Report.Includes(LiaisonReportSections.Recommendations);

    /// <summary>Whether "Anything else" is shown.</summary>
    public bool ShowsFurtherInformation => !string.IsNullOrWhiteSpace(Report.FurtherInformation) && Report.Includes(LiaisonReportSections.FurtherInformation);

    /// <summary>The recommendations in the coded list's order.</summary>
    public IEnumerable<LiaisonReportRecommendation> Recommendations =>
        Report.Recommendations.OrderBy(r => LiaisonRecommendations.All.ToList().FindIndex(x => x.Code == r.Code));

    /// <summary>A sent version's sections that were left out (not covered), by heading.</summary>
    public IReadOnlyList<string> LeftOut => Report.IsSent ? Report.LeftOutWith(Report.SentInformationCodes.ToList()) : [];

    /// <summary>Loads the version <paramref name="id"/> the team can see, or null (another team's, or none: a 404).</summary>
    public static async Task<ReportView?> LoadAsync(LiaisonReportService reports, WaymarkDbContext db, Guid id, CancellationToken ct)
    {
        var report = await reports.FindAsync(id, ct);
        if (report is null) return null;
        var episode = await db.Episodes.Include(e => e.Person).AsNoTracking().FirstOrDefaultAsync(e => e.Id == report.EpisodeId, ct);
        if (episode is null) return null;
        var versions = await reports.VersionsAsync(report.ReportId, ct);
        var names = await reports.AgencyNamesAsync(report.Addressees.Select(a => a.AgencyId), ct);
        var users = await db.DisplayNamesAsync(versions.SelectMany(v => new[] { v.CreatedByUserId, v.UpdatedByUserId, v.SentByUserId }), ct);
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == report.TeamId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        return new ReportView { Report = report, Episode = episode, AgencyNames = names, UserNames = users, Versions = versions, TeamName = team ?? "" };
    }
}
