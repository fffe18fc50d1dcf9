using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Contacts;

/// <summary>One contact ("/contacts/{id}") with every version of it, whether it was marked in error, and links to correct it.</summary>
public class DetailsModel(ContactService contacts) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => History is null ? [] :
        [PersonView.Record("Contact", Id.ToString(), History.Contact.PersonId, "Viewed a contact")];

    [FromRoute] public Guid Id { get; set; }
    public ContactHistory? History { get; private set; }
    /// <summary>Why the user cannot correct it, or null when they can (and hold the permission).</summary>
    public string? WhyNot { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        History = await contacts.HistoryAsync(Id, ct);
        if (History is null) return NotFound();
        WhyNot = User.Can(Permission.RecordContacts) ? contacts.WhyNotChange(History.Contact) : "Your role can read contacts but not change them.";
        return Page();
    }
}
