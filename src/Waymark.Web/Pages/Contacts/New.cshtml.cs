using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.SupportNetworks;
using Waymark.Episodes;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Contacts;

/// <summary>
/// Record a contact with a person, or an attempt that did not reach them ("/people/{personId}/contacts/new", optionally
/// <c>?episode={id}</c> to choose the episode). The person's one open episode of the team is chosen automatically; with
/// several the form asks which; with none the contact is linked to the person only.
/// </summary>
public class NewModel(ContactService contacts, SupportNetworkService network, ICurrentUser user, TimeProvider clock) : ContactFormPage(contacts, network, clock), IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName is null ? [] :
        [PersonView.Record("Person", PersonId.ToString(), PersonId, "Recording a contact")];

    [FromRoute] public Guid PersonId { get; set; }
    /// <summary>The episode chosen (from <c>?episode=</c> or the form), as posted.</summary>
    [BindProperty(SupportsGet = true)] public string? Episode { get; set; }

    public string? PersonName { get; private set; }
    /// <summary>The person's open episodes with the team when there are several (the form asks which); empty otherwise.</summary>
    public List<SelectListItem> EpisodeItems { get; private set; } = [];
    /// <summary>Whether the person has no open episode with the team (the contact is then linked to the person only).</summary>
    public bool NoOpenEpisode { get; private set; }

    /// <summary>A support-network member to prefill ("Record a contact with {name}": <c>?member={id}</c>); the kind is then "With family or friends".</summary>
    [FromQuery(Name = "member")] public Guid? PrefillMember { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Defaults(user.UserId);
        if (PrefillMember is { } m && MemberItems.Any(i => i.Value == m.ToString()))
            (Member, Kind) = (m.ToString(), nameof(ContactKind.WithFamily));
        // "?kind=InPrison" (a pre-release contact from a release plan) chooses the kind; only a kind the form offers.
        if (Enum.TryParse<ContactKind>(Request.Query["kind"], out var kind) && ContactKinds.Recordable.Contains(kind)) Kind = kind.ToString();
        return Page();
    }

    [RequiresPermission(Permission.RecordContacts)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Guid? episode = null;
        // The episode is asked only when the person has several open ones; otherwise it is chosen automatically.
        if (EpisodeItems.Count > 0 && !string.IsNullOrEmpty(Episode))
        {
            if (Guid.TryParse(Episode, out var e)) episode = e;
            else ModelState.AddModelError(nameof(Episode), "Select which episode the contact was part of");
        }
        var input = Read(episode);
        try
        {
            if (!ModelState.IsValid)
            {
                // Show the problems only the service can see (worker, episode, dates) beside the form's own.
                AddProblems((await Contacts.ProblemsAsync(PersonId, input, ct)).Select(p => new ValidationProblem(p.Field, p.Message)));
                return Page();
            }
            await Contacts.RecordAsync(PersonId, input, ct);
        }
        catch (ValidationFailedException e)
        {
            AddProblems(e);
            return Page();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = "Contact recorded";
        return Redirect($"/people/{PersonId}/timeline");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        PersonName = await Contacts.PersonNameAsync(PersonId, ct);
        if (PersonName is null) return false;
        await LoadWorkersAsync(ct);
        await LoadMembersAsync(PersonId, ct);
        var open = await Contacts.OpenEpisodesAsync(PersonId, ct);
        NoOpenEpisode = open.Count == 0;
        if (open.Count > 1)
            EpisodeItems = open.Select(e => new SelectListItem($"Identified {Display.DateTime(e.IdentifiedAt)} ({Settings.Display(e.Setting)})", e.Id.ToString())).ToList();
        return true;
    }
}
