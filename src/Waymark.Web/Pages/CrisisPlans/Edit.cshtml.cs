using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.CrisisPlans;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.CrisisPlans;

/// <summary>One person who can help, as the form holds it (text as typed).</summary>
public sealed class CrisisContactRow
{
    public string? Name { get; set; }
    public string? Relationship { get; set; }
    public string? Phone { get; set; }
    /// <summary>Ticked "This is not … (do not contact)": see <see cref="CrisisContactInput.NotDoNotContact"/>.</summary>
    public bool NotDoNotContact { get; set; }
}

/// <summary>
/// Write a crisis plan with a person, or change it ("/people/{personId}/crisis-plan/edit"): every save is a new
/// version, prefilled from the latest; <see cref="BasedOn"/> carries the version the user started from, so a second
/// person saving from the same version is told of the conflict and nothing of theirs is saved over the first.
/// </summary>
public class EditModel(CrisisPlanService plans) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName is null ? [] :
        [PersonView.Record("Person", PersonId.ToString(), PersonId, "Writing a crisis plan")];

    [FromRoute] public Guid PersonId { get; set; }
    [BindProperty] public string? WarningSigns { get; set; }
    [BindProperty] public string? SelfHelp { get; set; }
    [BindProperty] public string? HelpfulPeopleAndPlaces { get; set; }
    [BindProperty] public List<CrisisContactRow> Contacts { get; set; } = [];
    [BindProperty] public string? OwnServices { get; set; }
    [BindProperty] public string? SafeSurroundings { get; set; }
    [BindProperty] public string? PracticalThings { get; set; }
    [BindProperty] public string? WhoWasThere { get; set; }
    /// <summary>"yes" or "no".</summary>
    [BindProperty] public string? AgreedWithPerson { get; set; }
    [BindProperty] public DateParts AgreedOn { get; set; } = new();
    /// <summary>The version the form was filled from ("0" for a new plan).</summary>
    [BindProperty] public string? BasedOn { get; set; }
    /// <summary>How many rows of people who can help the form showed: fewer bound (renumbered or missing rows) is refused rather than losing people.</summary>
    [BindProperty] public string? ContactRowsShown { get; set; }

    public string? PersonName { get; private set; }
    /// <summary>Whether the person has a plan already (the page then says "Change").</summary>
    public bool Exists { get; private set; }
    /// <summary>The team's out-of-hours number, shown beside the services field; null when not set.</summary>
    public string? OutOfHours { get; private set; }

    /// <summary>Rows (from 0) whose name shares a first name with a "do not contact" member, with that member's name: each shows "This is not …".</summary>
    public IReadOnlyDictionary<int, string> PossibleDoNotContact { get; private set; } = new Dictionary<int, string>();

    public List<SelectListItem> YesNo { get; } = [new("Yes", "yes"), new("No, not yet", "no")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var plan = await plans.ViewAsync(PersonId, null, ct);
        if (plan is null) return NotFound();
        Load(plan);
        if (plan.Shown is { } v)
        {
            (WarningSigns, SelfHelp, HelpfulPeopleAndPlaces, OwnServices, SafeSurroundings, PracticalThings, WhoWasThere) =
                (v.WarningSigns, v.SelfHelp, v.HelpfulPeopleAndPlaces, v.OwnServices, v.SafeSurroundings, v.PracticalThings, v.WhoWasThere);
            Contacts = v.Contacts.Select(c => new CrisisContactRow { Name = c.Name, Relationship = c.Relationship, Phone = c.Phone }).ToList();
            AgreedWithPerson = v.AgreedWithPerson ? "yes" : "no";
            AgreedOn = DateParts.From(v.AgreedOn);
        }
        BasedOn = plan.LatestNumber.ToString(CultureInfo.InvariantCulture);
        PadContacts();
        return Page();
    }

    [RequiresPermission(Permission.WritePlans)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var plan = await plans.ViewAsync(PersonId, null, ct);
        if (plan is null) return NotFound();
        Load(plan);
        if (!int.TryParse(BasedOn, NumberStyles.None, CultureInfo.InvariantCulture, out var basedOn))
        {
            ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
            PadContacts();
            return Page();
        }
        if (!int.TryParse(ContactRowsShown, NumberStyles.None, CultureInfo.InvariantCulture, out var shown) || shown != Contacts.Count)
            ModelState.AddModelError("", PostedKeys.Message);
        var (agreedOn, dateError) = AgreedOn.Parse("Date the person agreed the plan", laterRuleBoundsTheFuture: true);
        var agreed = AgreedWithPerson switch { "yes" => true, "no" => false, _ => (bool?)null };
        if (agreed == true && dateError is not null) ModelState.AddModelError(nameof(AgreedOn), dateError);
        var input = new CrisisPlanInput
        {
            WarningSigns = WarningSigns, SelfHelp = SelfHelp, HelpfulPeopleAndPlaces = HelpfulPeopleAndPlaces,
            Contacts = Contacts.Take(CrisisPlanText.MaxContacts + 1).Select(c => new CrisisContactInput(c.Name, c.Relationship, c.Phone) { NotDoNotContact = c.NotDoNotContact }).ToList(),
            OwnServices = OwnServices, SafeSurroundings = SafeSurroundings, PracticalThings = PracticalThings, WhoWasThere = WhoWasThere,
            AgreedWithPerson = agreed, AgreedOn = agreedOn, BasedOn = basedOn,
        };
        // The service's problems too (a "do not contact" member typed as someone who can help, an agreed date before the
        // person was known), so every problem shows at once.
        IReadOnlyList<(string Field, string Message)> problems;
        try
        {
            problems = await plans.ProblemsAsync(PersonId, input, ct);
            PossibleDoNotContact = await plans.PossibleDoNotContactAsync(PersonId, input, ct);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        foreach (var (field, message) in problems)
            if (!(field == nameof(AgreedOn) && dateError is not null && agreed == true))
                ModelState.AddModelError(field, message);
        if (!ModelState.IsValid)
        {
            PadContacts();
            return Page();
        }
        try
        {
            await plans.SaveAsync(PersonId, input, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e);
            PadContacts();
            return Page();
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            PadContacts();
            return Page();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = "Crisis plan saved";
        return Redirect($"/people/{PersonId}/crisis-plan");
    }

    private void Load(CrisisPlanView plan)
    {
        PersonName = plan.PersonName;
        Exists = plan.Shown is not null;
        OutOfHours = plan.OutOfHoursTelephone is { } t ? $"{plan.OutOfHoursDescription ?? "Out of hours"}: {t}" : null;
    }

    // Every row a plan can hold (CrisisPlanText.MaxContacts), the unused ones blank, so a fourth (up to sixth) person
    // needs no extra save; rows left empty are ignored by CrisisPlanInput.
    private void PadContacts()
    {
        if (Contacts.Count > CrisisPlanText.MaxContacts) Contacts = Contacts.Take(CrisisPlanText.MaxContacts).ToList();
        while (Contacts.Count < CrisisPlanText.MaxContacts) Contacts.Add(new CrisisContactRow());
    }
}
