using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Referrals;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Referrals;

/// <summary>
/// The printable summary for the receiving service: produced only while the person's consent to share
/// stands, and holding only what the referral needs (who, how to reach them, the need in their words,
/// what support is coming, and who to contact here) — no diagnosis, no screening scores, no history.
/// </summary>
public class SummaryModel(ReferralService referrals, WaymarkDbContext db) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Referral is { } r && Consent is { } c && Person is not null
        ? [new AuditEntry(AuditAction.Exported, "ReferralSummary", Id.ToString(), r.PersonId, $"For {r.ServiceName}; consent {c.Id}")] : [];

    [FromRoute] public Guid Id { get; set; }

    public Referral? Referral { get; private set; }
    public ConsentToShare? Consent { get; private set; }
    public Person? Person { get; private set; }
    public string? InTheirWords { get; private set; }
    public string Referrer { get; private set; } = "";
    public string TeamName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Referral = await referrals.FindAsync(Id, ct);
        if (Referral is null) return NotFound();
        var r = Referral;
        Consent = await db.Consents.AsNoTracking().Where(c => c.ReferralId == Id && c.WithdrawnAt == null)
            .OrderByDescending(c => c.RecordedAt).FirstOrDefaultAsync(ct);
        if (Consent is null) return Page(); // the page says why there is no summary
        Person = await db.People.AsNoTracking().FirstAsync(p => p.Id == r.PersonId, ct);
        InTheirWords = await db.AssessedNeeds.AsNoTracking()
            .Where(n => n.Domain == r.Need && db.Assessments.Any(a => a.Id == n.AssessmentId && a.EpisodeId == r.EpisodeId))
            .Select(n => n.InTheirWords).FirstOrDefaultAsync(ct);
        Referrer = await db.Users.Where(u => u.Id == r.CreatedByUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        TeamName = await db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstAsync(ct);
        return Page();
    }

    public string NeedName => AssessmentDomains.NameOf(Referral!.Need);
}
