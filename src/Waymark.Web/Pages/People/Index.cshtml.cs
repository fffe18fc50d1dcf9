using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.Identifiers;
using Waymark.People;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.People;

public class IndexModel(PersonSearch search, TimeProvider clock) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => _search is null ? [] : [PersonView.Search("PersonSearch", null, _search)];
    private string? _search;

    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public DateParts Dob { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Nhs { get; set; }
    [BindProperty(SupportsGet = true)] public string? Pnc { get; set; }

    public Page<PersonSummary>? Results { get; private set; }
    public bool Searched { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        if (string.IsNullOrWhiteSpace(Name) && Dob.IsEmpty && string.IsNullOrWhiteSpace(Nhs) && string.IsNullOrWhiteSpace(Pnc)
            && !Request.Query.ContainsKey(nameof(Name)))
            return; // first visit: just the form

        Searched = true;
        if (Name is { Length: > 200 }) ModelState.AddModelError(nameof(Name), "Name must be 200 characters or fewer");
        var (dob, dobError) = Dob.Parse("Date of birth");
        if (dobError is not null) ModelState.AddModelError(nameof(Dob), dobError);
        else if (dob > UkTime.Today(clock)) ModelState.AddModelError(nameof(Dob), "Date of birth must be in the past");
        if (!string.IsNullOrWhiteSpace(Nhs) && !NhsNumber.IsValid(Nhs)) ModelState.AddModelError(nameof(Nhs), "Enter a valid NHS number: 10 numbers, like 943 476 5919");
        else if (NhsNumber.IsPlaceholder(Nhs)) ModelState.AddModelError(nameof(Nhs), NhsNumber.PlaceholderMessage);
        if (!string.IsNullOrWhiteSpace(Pnc) && !PncId.IsValid(Pnc)) ModelState.AddModelError(nameof(Pnc), "Enter a valid PNC ID, like 2001/0000023C");
        var criteria = new PersonSearchCriteria(Name, dob, Nhs, Pnc);
        if (ModelState.IsValid && criteria.IsEmpty)
            ModelState.AddModelError(nameof(Name), "Enter a name, date of birth, NHS number or PNC ID to search");
        if (!ModelState.IsValid) return;

        Results = await search.SearchAsync(criteria, Math.Clamp(pageNumber, 1, 10_000), ct: ct);
        _search = Describe(criteria, Results.Items.Count);
    }

    private static string Describe(PersonSearchCriteria c, int count) =>
        $"name='{c.Name}' dob={c.DateOfBirth:yyyy-MM-dd} nhs={NhsNumber.Normalise(c.NhsNumber)} pnc={PncId.Normalise(c.PncId)} results={count}";
}
