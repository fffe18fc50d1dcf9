using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.ProactiveIdentification;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ProactiveIdentification;

/// <summary>Type one person from a custody or court list (e.g. read out by the custody sergeant); it joins that day's typed list and is matched at once.</summary>
[ShowsNoPersonData("An empty form, or what the user has just typed shown back.")]
public class AddModel(ProactiveLists lists, TimeProvider clock) : PageModel
{
    [BindProperty] public string? AgencyId { get; set; }
    [BindProperty] public DateParts Day { get; set; } = new();
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? FamilyName { get; set; }
    [BindProperty] public string? GivenNames { get; set; }
    [BindProperty] public string? DateOfBirth { get; set; }
    [BindProperty] public string? Sex { get; set; }
    [BindProperty] public string? Postcode { get; set; }
    [BindProperty] public string? PncId { get; set; }
    [BindProperty] public string? NhsNumber { get; set; }
    [BindProperty] public string? TimeIn { get; set; }
    [BindProperty] public string? OffenceCategory { get; set; }
    [BindProperty] public string? Notes { get; set; }

    /// <summary>The team's custody suites and courts.</summary>
    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    /// <summary>The sexes offered.</summary>
    public static IReadOnlyList<SelectListItem> Sexes { get; } =
        [new("Female", "F"), new("Male", "M"), new("Not specified", "X"), new("Not known", "U")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Day = DateParts.From(UkTime.Today(clock));
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var (day, dayError) = Day.Parse("Day of the list");
        try
        {
            if (dayError is not null) ModelState.AddModelError(nameof(Day), dayError);
            var row = await lists.AddTypedRowAsync(Guid.TryParse(AgencyId, out var a) ? a : null, day, new ListRowText
            {
                Reference = Reference, FamilyName = FamilyName, GivenNames = GivenNames, DateOfBirth = DateOfBirth, Sex = Sex,
                Postcode = Postcode, PncId = PncId, NhsNumber = NhsNumber, TimeIn = TimeIn, OffenceCategory = OffenceCategory, Notes = Notes,
            }, ct);
            if (!ModelState.IsValid) return Page();
            TempData["Success"] = row.PersonId is null ? "Added. Nobody your team knows matches them." : "Added. Check the match below.";
            return Redirect($"/proactive/lists/{row.ListId}#row-{row.Id}");
        }
        catch (ValidationFailedException e)
        {
            // A day the boxes could not be read as is reported once, by the boxes.
            ModelState.AddProblems(e, f => f);
            if (dayError is not null && ModelState.TryGetValue(nameof(Day), out var entry) && entry.Errors.Count > 1)
                while (entry.Errors.Count > 1) entry.Errors.RemoveAt(1);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Agencies = [new SelectListItem("Choose a custody suite or court", ""), .. (await lists.AgenciesAsync(ct)).Select(x => new SelectListItem(x.Name, x.Id.ToString()))];
}
