using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.ProactiveIdentification;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ProactiveIdentification;

/// <summary>
/// Import the day's custody or court list: a CSV file or pasted rows, for one custody suite or court and one UK day.
/// Every row is checked first; if any is bad, nothing is saved and each problem is listed with its line. A good list is
/// matched and shown as a preview to confirm (the list page).
/// </summary>
[RequestSizeLimit(CustodyListCsv.MaxBytes + 256 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = CustodyListCsv.MaxBytes + 256 * 1024, ValueLengthLimit = CustodyListCsv.MaxBytes + 1024)]
[ShowsNoPersonData("An empty import form; a refused list's problems name lines and columns, not people (a good list goes to the list page).")]
public class ImportModel(ProactiveLists lists, TimeProvider clock) : PageModel
{
    /// <summary>The most problems listed in the error summary; the rest are listed below the form.</summary>
    public const int MaxProblemsInSummary = 20;

    [BindProperty] public string? AgencyId { get; set; }
    [BindProperty] public DateParts Day { get; set; } = new();
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Paste { get; set; }

    /// <summary>The team's custody suites and courts.</summary>
    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];
    /// <summary>The field ("Upload" or "Paste") the list's problems are shown under, or null.</summary>
    public string? ProblemField { get; private set; }
    /// <summary>The problems listed in the error summary, each also shown under <see cref="ProblemField"/> (with the id the summary links to).</summary>
    public IReadOnlyList<LineProblem> ShownProblems { get; private set; } = [];
    /// <summary>Problems beyond <see cref="MaxProblemsInSummary"/>.</summary>
    public IReadOnlyList<LineProblem> MoreProblems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Day = DateParts.From(UkTime.Today(clock));
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var (day, dayError) = Day.Parse("Day of the list");
        if (dayError is not null) ModelState.AddModelError(nameof(Day), dayError);
        var hasFile = Upload is { Length: > 0 };
        var hasPaste = !string.IsNullOrWhiteSpace(Paste);
        if (hasFile && hasPaste) ModelState.AddModelError(nameof(Upload), "Upload a file or paste rows, not both");
        else if (!hasFile && !hasPaste) ModelState.AddModelError(nameof(Upload), "Select a CSV file, or paste the rows of the list");
        else if (hasFile && Upload!.Length > CustodyListCsv.MaxBytes) ModelState.AddModelError(nameof(Upload), "The file must be 2 MB or smaller. Split the list into smaller lists");
        if (!ModelState.IsValid) return Page();

        string text;
        if (hasFile)
        {
            using var reader = new StreamReader(Upload!.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = await reader.ReadToEndAsync(ct);
        }
        else text = Paste!;
        var field = hasFile ? nameof(Upload) : nameof(Paste);
        try
        {
            var (list, parse) = await lists.PreviewAsync(Guid.TryParse(AgencyId, out var a) ? a : null, day, text,
                hasFile ? ListSource.Upload : ListSource.Pasted, hasFile ? Upload!.FileName : null, ct);
            if (list is null)
            {
                // The field says what happened; the summary lists each problem, every one linking to the field.
                var whole = parse.Problems.Count == 1 && parse.Problems[0].Line == 0;
                ModelState.AddModelError(field, whole ? parse.Problems[0].Message
                    : $"Nothing was imported: {parse.Problems.Count} problem{(parse.Problems.Count == 1 ? "" : "s")} in the list. Correct them and import the whole list again");
                if (!whole)
                    foreach (var (p, i) in parse.Problems.Take(MaxProblemsInSummary).Select((p, i) => (p, i)))
                    {
                        var key = $"{field}.Problem{i}";
                        Waymark.Web.TagHelpers.NhsFieldAnchors.Set(HttpContext, key, $"{field}-problem-{i}");
                        ModelState.AddModelError(key, p.ToString());
                    }
                ProblemField = field;
                ShownProblems = whole ? [] : parse.Problems.Take(MaxProblemsInSummary).ToList();
                MoreProblems = parse.Problems.Skip(MaxProblemsInSummary).ToList();
                return Page();
            }
            return Redirect($"/proactive/lists/{list.Id}");
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Agencies = [new SelectListItem("Choose a custody suite or court", ""), .. (await lists.AgenciesAsync(ct)).Select(x => new SelectListItem(x.Name, x.Id.ToString()))];
}
