using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Identification;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Identification;

public class StartModel(IdentificationService journeys, WaymarkDbContext db, Waymark.ProactiveIdentification.ProactiveLists lists) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown =>
        PersonName is null ? []
        : RowId is { } row ? [new AuditEntry(AuditAction.Viewed, "ProactiveListRow", row.ToString(), PersonId, "Starting an identification from a custody or court list")]
        : PersonId is { } id ? [PersonView.Record("Person", id.ToString(), id, "Starting an identification")] : [];

    [BindProperty(SupportsGet = true, Name = "person")] public Guid? PersonId { get; set; }
    public string? PersonName { get; private set; }
    /// <summary>A custody or court list row to start from (the proactive screening queue's link).</summary>
    [BindProperty(SupportsGet = true, Name = "row")] public Guid? RowId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return BadRequest(); // a person that is not an id
        if (PersonId is { } id)
        {
            var p = await db.People.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.GivenName, x.FamilyName }).FirstOrDefaultAsync(ct);
            if (p is null) return NotFound();
            PersonName = Waymark.People.PersonNames.Full(p.GivenName, p.FamilyName);
        }
        else if (RowId is { } rowId)
        {
            if (await lists.RowForIdentificationAsync(rowId, ct) is not { } found) return NotFound();
            PersonName = Waymark.People.PersonNames.Full(found.Row.GivenNames, found.Row.FamilyName);
            if (found.Row.MatchedPersonId is { } matched) PersonId = matched;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return BadRequest(); // a person that is not an id: start nothing
        // Check the person first, so a person the team cannot see leaves no draft behind.
        var person = PersonId is { } id ? await db.People.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (PersonId is not null && person is null) return NotFound();
        if (RowId is { } row)
        {
            // From the proactive screening queue: the custody or court list row's setting, reference and person.
            if (await lists.RowForIdentificationAsync(row, ct) is null) return NotFound();
            var fromRow = await journeys.StartAsync(ct);
            await lists.PrefillAsync(fromRow, row, ct);
            await db.SaveChangesAsync(ct);
            return Redirect($"/identification/{fromRow.Id}/setting");
        }
        var draft = await journeys.StartAsync(ct);
        if (person is not null)
        {
            // A known person: their details come from the record, so the person and match steps are skipped.
            draft.ExistingPersonId = person.Id;
            draft.GivenName = person.GivenName;
            draft.FamilyName = person.FamilyName;
            draft.DateOfBirth = person.DateOfBirth;
            draft.Sex = person.Sex;
            draft.NhsNumber = person.NhsNumber;
            draft.PncId = person.PncId;
            await db.SaveChangesAsync(ct);
        }
        return Redirect($"/identification/{draft.Id}/setting");
    }
}
