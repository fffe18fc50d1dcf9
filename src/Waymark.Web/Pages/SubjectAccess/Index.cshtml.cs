using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.SubjectAccess;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.SubjectAccess;

/// <summary>
/// Export everything the team holds about a person for a subject access request ("/people/{personId}/subject-access"):
/// the purpose is asked for (a POST, so it is never in an address), then the export is shown as a printable document
/// or downloaded as JSON. The export is audited by <see cref="SubjectAccessExport"/> (Exported, with the purpose); the
/// form itself, which shows the person's name, by the view-audit filter.
/// </summary>
public class IndexModel(SubjectAccessExport export, WaymarkDbContext db, TimeProvider clock) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName is null ? [] :
        [PersonView.Record("Person", PersonId.ToString(), PersonId, "Subject access export form")];

    [FromRoute] public Guid PersonId { get; set; }
    public string? PersonName { get; private set; }

    /// <summary>Why the export is made, e.g. the request's reference (required, up to 500 characters).</summary>
    [BindProperty] public string? Purpose { get; set; }
    /// <summary>"html" (a document to read and print) or "json".</summary>
    [BindProperty] public string? Format { get; set; }

    public List<SelectListItem> FormatItems { get; } =
    [
        new("A document to read and print (HTML)", "html"),
        new("Data for another system (JSON download)", "json"),
    ];

    /// <summary>The export, once made (the page then shows it as the document).</summary>
    public SubjectAccessReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PersonName = await NameAsync(ct);
        return PersonName is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        PersonName = await NameAsync(ct);
        if (PersonName is null) return NotFound();
        if (Format is not ("html" or "json")) ModelState.AddModelError(nameof(Format), "Select how you want the export");
        if (string.IsNullOrWhiteSpace(Purpose)) ModelState.AddModelError(nameof(Purpose), "Enter the purpose of the export, for example the subject access request's reference");
        if (!ModelState.IsValid) return Page();
        try
        {
            Report = await export.ExportAsync(PersonId, Purpose, Format!, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e.Problems.Select(p => (p.Field, p.Message)));
            return Page();
        }
        if (Report is null) return NotFound();
        if (Format == "json")
            return File(Encoding.UTF8.GetBytes(SubjectAccessExport.ToJson(Report)), "application/json",
                $"subject-access-{UkTime.Today(clock):yyyy-MM-dd}.json");
        return Page();
    }

    private Task<string?> NameAsync(CancellationToken ct) =>
        db.People.Where(p => p.Id == PersonId).Select(p => Waymark.People.PersonNames.Full(p.GivenName, p.FamilyName)).SingleOrDefaultAsync(ct);

    /// <summary>A field's value as text: dates and times in UK time, empty values as "Not recorded".</summary>
    public static string Show(object? value) => value switch
    {
        null => "Not recorded",
        DateTimeOffset t => Display.DateTime(t),
        DateOnly d => Display.Date(d),
        bool b => b ? "Yes" : "No",
        byte[] bytes => $"{bytes.Length} bytes",
        string { Length: 0 } => "Not recorded",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
