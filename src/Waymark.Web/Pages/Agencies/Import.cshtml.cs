using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Liaison;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Agencies;

/// <summary>
/// Team managers load an agencies file: first a preview of what each row would do (or every problem, by line), then,
/// confirmed, all of it, or nothing. The file travels from preview to confirmation in the form (base64), and is checked
/// again when confirmed.
/// </summary>
[RequestSizeLimit(4 * AgencyFile.MaxChars)]
[RequestFormLimits(MultipartBodyLengthLimit = 4 * AgencyFile.MaxChars, ValueLengthLimit = 4 * AgencyFile.MaxChars)]
[ShowsNoPersonData("Criminal justice agencies, not people.")]
public class ImportModel(CriminalJusticeAgencies agencies) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    /// <summary>The previewed file, base64, posted back to confirm.</summary>
    [BindProperty] public string? FileData { get; set; }

    public AgencyImportPlan? Plan { get; private set; }
    public AgencyImportPlan? Imported { get; private set; }

    public void OnGet() { }

    /// <summary>Checks the uploaded file and shows what importing it would do. Saves nothing.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) { ModelState.AddModelError(nameof(Upload), "Select a CSV file of agencies to import"); return Page(); }
        if (Upload.Length > AgencyFile.MaxChars) { ModelState.AddModelError(nameof(Upload), "The file must be 1 MB or smaller"); return Page(); }
        string csv;
        using (var reader = new StreamReader(Upload.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true)) csv = await reader.ReadToEndAsync(ct);
        Plan = await agencies.PlanImportAsync(csv, ct);
        Refused(Plan);
        FileData = Convert.ToBase64String(Encoding.UTF8.GetBytes(csv));
        return Page();
    }

    /// <summary>Imports the previewed file (checked again: the list may have changed since).</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        string csv;
        try
        {
            csv = Encoding.UTF8.GetString(Convert.FromBase64String(FileData ?? ""));
        }
        catch (FormatException)
        {
            csv = "";
        }
        if (csv.Length == 0) { ModelState.AddModelError(nameof(Upload), "The form was incomplete. Choose the file again."); return Page(); }
        AgencyImportPlan plan;
        try
        {
            plan = await agencies.ImportAsync(csv, ct);
        }
        catch (Exception e) when (e is ValidationFailedException or ConcurrencyConflictException)
        {
            // Someone changed the list between the check and the save: nothing was imported.
            ModelState.AddModelError(nameof(Upload), "Nothing was imported: the agencies list changed while the file was being imported. Choose the file again to check it against the list as it is now.");
            return Page();
        }
        if (!plan.CanImport) { Plan = plan; Refused(plan); return Page(); }
        Imported = plan;
        return Page();
    }

    private void Refused(AgencyImportPlan plan)
    {
        if (plan.Problems.Count == 0) return;
        ModelState.AddModelError(nameof(Upload), plan.Problems.Count == 1 && plan.Problems[0].Line == 0
            ? plan.Problems[0].Message
            : $"Nothing can be imported: {plan.Problems.Count} problem{(plan.Problems.Count == 1 ? "" : "s")} in the file, listed below");
    }
}
