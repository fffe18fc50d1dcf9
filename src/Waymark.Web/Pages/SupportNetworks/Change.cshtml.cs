using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.SupportNetworks;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.SupportNetworks;

/// <summary>Change a member of a support network ("/support-network/{id}/change"); a second editor's save is refused (conflict).</summary>
public class ChangeModel(SupportNetworkService network) : MemberFormPage, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Member is null ? [] :
        [PersonView.Record("SupportNetworkMember", Id.ToString(), Member.PersonId, "Changing a member of the support network")];

    [FromRoute] public Guid Id { get; set; }
    /// <summary>The version the form was shown with.</summary>
    [BindProperty] public Guid Version { get; set; }
    public SupportNetworkMember? Member { get; private set; }
    public string? PersonName { get; private set; }
    /// <summary>Why this user cannot change it, or null.</summary>
    public string? WhyNot { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        From(Member!);
        Version = Member!.Version;
        return Page();
    }

    [RequiresPermission(Permission.EditContactDetails)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (WhyNot is not null) return Page();
        var input = Read();
        if (!ModelState.IsValid) return Page();
        try
        {
            await network.ChangeAsync(Id, Version, input, ct);
            TempData["Success"] = "Support network changed";
            return Redirect($"/people/{Member!.PersonId}/support-network");
        }
        catch (ValidationFailedException e)
        {
            AddProblems(e.Problems.Select(p => (p.Field, p.Message)));
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
