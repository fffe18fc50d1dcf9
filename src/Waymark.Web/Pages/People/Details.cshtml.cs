using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.People;

/// <summary>
/// A person's record. Opening it is audited by <see cref="PersonRecords.ViewAsync"/> (with the purpose given);
/// the two other things this page can show, the purpose prompt and the merged-record notice, by the view-audit filter.
/// </summary>
public class DetailsModel(PersonRecords records, AtAGlance glance, WaymarkDbContext db, ICurrentUser user, Waymark.Duplicates.DuplicateQueue duplicates) : PageModel, IShowsPersonData
{
    private readonly List<AuditEntry> _shown = [];

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => _shown;

    public Person? Person { get; private set; }
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    public AtAGlanceSummary? Glance { get; private set; }
    public DateOnly Today => records.Today;
    public DateTimeOffset Now => records.Now;
    private Dictionary<string, string> _names = [];

    [BindProperty(SupportsGet = true)] public string? Purpose { get; set; }
    [BindProperty(SupportsGet = true)] public string? PurposeOther { get; set; }
    [BindProperty(SupportsGet = true)] public bool Asked { get; set; }
    /// <summary>Set when the record may only be opened once a reason is given.</summary>
    public string? PersonNameForPurpose { get; private set; }
    /// <summary>Set when this record was merged into another: the page says where the person's record is now.</summary>
    public Waymark.Duplicates.MergeSummary? MergedInto { get; private set; }
    public List<SelectListItem> PurposeItems { get; } = AccessPurpose.Reasons.Select(r => new SelectListItem(r.Text, r.Code)).ToList();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        string? purpose = null;
        if (await AccessPurpose.IsNeededAsync(db, id, ct))
        {
            var name = await db.People.Where(p => p.Id == id).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefaultAsync(ct);
            if (name is null) return NotFound();
            string? error;
            (purpose, error) = AccessPurpose.Describe(Purpose, PurposeOther);
            if (purpose is null)
            {
                if (Asked) ModelState.AddModelError(error!.StartsWith("Select", StringComparison.Ordinal) ? nameof(Purpose) : nameof(PurposeOther), error);
                PersonNameForPurpose = name;
                // The name is shown, the record is not: audited, but not as a view of the record.
                _shown.Add(new AuditEntry(Waymark.Audit.AuditAction.PurposeAsked, "Person", id.ToString(), id, "Asked why the closed record is being opened"));
                return Page();
            }
        }
        Person = await records.ViewAsync(id, purpose: purpose, ct: ct);
        if (Person is null) return await MergedAsync(id, ct);
        Timeline = await records.TimelineAsync(Person, ct);
        Glance = await glance.ForPersonAsync(id, user.TeamId, ct);
        var ids = Person.Episodes.Select(e => e.KeyWorkerId).Append(Glance.LatestScreening?.RecordedByUserId)
            .Where(k => k is not null).Distinct().ToList();
        _names = await db.DisplayNamesAsync(ids, ct);
        return Page();
    }

    /// <summary>A merged record has no team any more; a team that knows where it went is told (ADR 12), anyone else gets 404.</summary>
    private async Task<IActionResult> MergedAsync(Guid id, CancellationToken ct)
    {
        if (await duplicates.MergeOfAsync(id, ct) is not { } merge) return NotFound();
        MergedInto = await duplicates.MergeAsync(merge.Id, ct);
        if (MergedInto is null) return NotFound();
        _shown.Add(PersonView.Record("Person", id.ToString(), id, "Opened a merged record; shown the record it was merged into"));
        return Page();
    }

    public bool IsManager => User.IsInRole(Waymark.Teams.Roles.TeamManager);

    public string? NameOf(string? userId) => userId is not null && _names.TryGetValue(userId, out var n) ? n : null;

    public bool IsOtherTeam(Episode e) => e.TeamId != user.TeamId;

    public string SexText => Person!.Sex switch
    {
        Sex.Male => "Male",
        Sex.Female => "Female",
        Sex.NotSpecified => "Not specified",
        _ => "Not known",
    };

    public string Flags
    {
        get
        {
            var flags = new List<string>();
            if (Person!.Veteran) flags.Add("Veteran");
            if (Person.CareLeaver) flags.Add("Care leaver");
            if (Person.ParentOrCarer) flags.Add("Parent or carer");
            return flags.Count == 0 ? "None recorded" : string.Join(", ", flags);
        }
    }
}
