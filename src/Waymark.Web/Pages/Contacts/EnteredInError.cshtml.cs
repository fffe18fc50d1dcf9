using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Contacts;

/// <summary>
/// Mark a contact as entered in error ("/contacts/{id}/entered-in-error"), with the reason: it is kept, shown as such,
/// and no longer counts. Only its recorder or a team manager may.
/// </summary>
public class EnteredInErrorModel(ContactService contacts) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => History is null ? [] :
        [PersonView.Record("Contact", Id.ToString(), History.Contact.PersonId, "Marking a contact as entered in error")];

    [FromRoute] public Guid Id { get; set; }
    /// <summary>What was wrong, one of <see cref="WhyItems"/>' values.</summary>
    [BindProperty] public string? Why { get; set; }
    /// <summary>More about why, in words; required for "another reason" (the whole reason is kept up to 500 characters).</summary>
    [BindProperty] public string? Reason { get; set; }

    /// <summary>The usual reasons a contact is entered in error.</summary>
    public List<SelectListItem> WhyItems { get; } =
    [
        new("It was recorded on the wrong person's record", "WrongPerson"),
        new("It did not happen", "DidNotHappen"),
        new("It was recorded twice", "Duplicate"),
        new("Another reason", "Other"),
    ];
    public ContactHistory? History { get; private set; }
    /// <summary>Why this user cannot mark it, or null.</summary>
    public string? WhyNot { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return Page();
    }

    [RequiresPermission(Permission.RecordContacts)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (WhyNot is not null) return Page();
        var chosen = WhyItems.FirstOrDefault(i => i.Value == Why);
        if (chosen is null) ModelState.AddModelError(nameof(Why), "Select why the contact was entered in error");
        else if (Why == "Other" && string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), "Enter why the contact was entered in error");
        var reason = chosen is null ? null
            : Why == "Other" ? Reason?.Trim()
            : chosen.Text + (string.IsNullOrWhiteSpace(Reason) ? "" : ": " + Reason.Trim());
        if (reason is { Length: > ContactService.MaxReason }) ModelState.AddModelError(nameof(Reason), "The reason must be 500 characters or fewer");
        if (!ModelState.IsValid) return Page();
        try
        {
            await contacts.MarkEnteredInErrorAsync(Id, reason, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e, field => field == "Reason" ? nameof(Reason) : field);
            return Page();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = "Contact marked as entered in error";
        return Redirect($"/contacts/{Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        History = await contacts.HistoryAsync(Id, ct);
        if (History is null) return false;
        WhyNot = contacts.WhyNotChange(History.Contact);
        return true;
    }
}
