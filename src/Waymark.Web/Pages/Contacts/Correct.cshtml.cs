using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.SupportNetworks;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Contacts;

/// <summary>
/// Correct a contact ("/contacts/{id}/correct"): the form starts from the contact as recorded; saving records a new
/// version that supersedes it (the old one is kept and shown as corrected). Only its recorder or a team manager may.
/// </summary>
public class CorrectModel(ContactService contacts, SupportNetworkService network, TimeProvider clock) : ContactFormPage(contacts, network, clock), IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => History is null ? [] :
        [PersonView.Record("Contact", Id.ToString(), History.Contact.PersonId, "Correcting a contact")];

    [FromRoute] public Guid Id { get; set; }
    public ContactHistory? History { get; private set; }
    /// <summary>Why this user cannot correct it, or null.</summary>
    public string? WhyNot { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        From(History!.Contact);
        return Page();
    }

    [RequiresPermission(Permission.RecordContacts)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (WhyNot is not null) return Page();
        var input = Read();
        try
        {
            if (!ModelState.IsValid)
            {
                // The service's own checks too (worker, dates), but not the episode: a correction keeps the contact's.
                var more = (await Contacts.ProblemsAsync(History!.Contact.PersonId, input, ct))
                    .Where(p => p.Field != nameof(ContactInput.EpisodeId) && !(p.Message == ContactInput.NotRecordableKind && input.Kind == KeptKind)).Select(p => new ValidationProblem(p.Field, p.Message)).ToList();
                AddProblems(more);
                return Page();
            }
            var corrected = await Contacts.CorrectAsync(Id, input, ct);
            TempData["Success"] = "Contact corrected";
            return Redirect($"/contacts/{corrected.Id}");
        }
        catch (ValidationFailedException e)
        {
            AddProblems(e);
        }
        catch (Exception e) when (e is DomainRuleException or Waymark.Persistence.ConcurrencyConflictException)
        {
            ModelState.AddModelError("", e.Message);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        History = await Contacts.HistoryAsync(Id, ct);
        if (History is null) return false;
        WhyNot = Contacts.WhyNotChange(History.Contact);
        if (WhyNot is null)
        {
            await LoadWorkersAsync(ct);
            await LoadMembersAsync(History.Contact.PersonId, ct);
            // A drop-in's or mentoring contact keeps its kind when corrected; the form offers it for this contact only.
            if (!ContactKinds.Recordable.Contains(History.Contact.Kind))
            {
                KeptKind = History.Contact.Kind;
                KindItems.Add(new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem(ContactKinds.Display(History.Contact.Kind), History.Contact.Kind.ToString()));
            }
        }
        return true;
    }
}
