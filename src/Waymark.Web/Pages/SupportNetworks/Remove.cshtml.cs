using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.SupportNetworks;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.SupportNetworks;

/// <summary>Remove someone from a support network ("/support-network/{id}/remove"): kept, with who, when and why.</summary>
public class RemoveModel(SupportNetworkService network) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Member is null ? [] :
        [PersonView.Record("SupportNetworkMember", Id.ToString(), Member.PersonId, "Removing a member of the support network")];

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public Guid Version { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public SupportNetworkMember? Member { get; private set; }
    public string? PersonName { get; private set; }
    public string? WhyNot { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Version = Member!.Version;
        return Page();
    }

    [RequiresPermission(Permission.EditContactDetails)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (WhyNot is not null) return Page();
        try
        {
            await network.RemoveAsync(Id, Version, Reason, ct);
            TempData["Success"] = $"{Member!.Name} removed from the support network";
            return Redirect($"/people/{Member.PersonId}/support-network");
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e);
        }
        catch (Exception e) when (e is DomainRuleException or ConcurrencyConflictException)
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
        Member = await network.FindAsync(Id, ct);
        if (Member is null) return false;
        PersonName = await network.PersonNameAsync(Member.PersonId, ct);
        WhyNot = network.WhyNotChange(Member);
        return PersonName is not null;
    }
}
