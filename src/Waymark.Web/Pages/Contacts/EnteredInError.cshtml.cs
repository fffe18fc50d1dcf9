using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
    /// <summary>Why it was entered in error (up to 500 characters).</summary>
    [BindProperty] public string? Reason { get; set; }
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
        try
        {
            await contacts.MarkEnteredInErrorAsync(Id, Reason, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e);
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
