using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Audit;
using Waymark.SupportNetworks;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.SupportNetworks;

/// <summary>Add someone to a person's support network ("/people/{personId}/support-network/add").</summary>
public class AddModel(SupportNetworkService network) : MemberFormPage, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName is null ? [] :
        [PersonView.Record("Person", PersonId.ToString(), PersonId, "Adding to the support network")];

    [FromRoute] public Guid PersonId { get; set; }
    public string? PersonName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PersonName = await network.PersonNameAsync(PersonId, ct);
        return PersonName is null ? NotFound() : Page();
    }

    [RequiresPermission(Permission.EditContactDetails)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        PersonName = await network.PersonNameAsync(PersonId, ct);
        if (PersonName is null) return NotFound();
        var input = Read();
        if (!ModelState.IsValid) return Page();
        try
        {
            await network.AddAsync(PersonId, input, ct);
        }
        catch (ValidationFailedException e)
        {
            AddProblems(e.Problems.Select(p => (p.Field, p.Message)));
            return Page();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = "Added to the support network";
        return Redirect($"/people/{PersonId}/support-network");
    }
}
