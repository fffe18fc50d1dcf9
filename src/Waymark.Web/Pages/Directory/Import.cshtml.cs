using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.ServiceDirectory;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Directory;

/// <summary>Team managers load an Open Referral UK file into the team's directory: all of it, or (with every reason) none of it.</summary>
[RequestSizeLimit(MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 64 * 1024)]
[ShowsNoPersonData("Local services, not people.")]
public class ImportModel(OpenReferralImporter importer) : PageModel
{
    public const int MaxBytes = 20 * 1024 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    public ImportResult? Result { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) { ModelState.AddModelError(nameof(Upload), "Select an Open Referral UK JSON file to import"); return Page(); }
        if (Upload.Length > MaxBytes) { ModelState.AddModelError(nameof(Upload), "The file must be 20 MB or smaller"); return Page(); }
        string json;
        using (var reader = new StreamReader(Upload.OpenReadStream())) json = await reader.ReadToEndAsync(ct);
        Result = await importer.ImportJsonAsync(json, Path.GetFileName(Upload.FileName), ct);
        if (!Result.Succeeded)
        {
            ModelState.AddModelError(nameof(Upload), Result.Rejected.Count == 1 && Result.Rejected[0].Record == 0
                ? Result.Rejected[0].Reason
                : $"Nothing was imported: {Result.Rejected.Count} problem{(Result.Rejected.Count == 1 ? "" : "s")} in the file, listed below");
            return Page();
        }
        return Page();
    }
}
