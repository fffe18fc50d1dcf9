using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Persistence;
using Waymark.ServiceDirectory;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Directory;

/// <summary>Adding and changing a service share the form: organisation chosen or typed, rows for locations, sessions and contacts.</summary>
[ShowsNoPersonData("A local service's details, not a person's.")]
public abstract class ServiceFormPage(DirectoryEditor editor) : PageModel
{
    [BindProperty] public ServiceForm Input { get; set; } = new();
    public List<SelectListItem> OrganisationItems { get; private set; } = [];

    protected DirectoryEditor Editor => editor;

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        var orgs = await editor.OrganisationsAsync(ct);
        OrganisationItems = [new("Choose an organisation", ""), .. orgs.Select(o => new SelectListItem(o.Name, o.Id.ToString())), new("A new organisation (enter its name below)", ServiceForm.NewOrganisation)];
    }

    /// <summary>Reads and checks the form; null (with errors in ModelState) when it cannot be saved.</summary>
    protected ServiceInput? ReadInput()
    {
        var input = Input.ToInput(ModelState, nameof(Input));
        foreach (var (field, message) in input.Validate())
        {
            var key = Input.KeyFor(field, nameof(Input));
            if (!ModelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0) ModelState.AddModelError(key, message);
        }
        return ModelState.IsValid ? input : null;
    }

    /// <summary>Saves, turning refusals into messages on the form (what was typed stays).</summary>
    protected async Task<IActionResult> SaveAsync(Func<ServiceInput, Task<LocalService>> save, CancellationToken ct)
    {
        var input = ReadInput();
        if (input is not null)
        {
            try
            {
                var saved = await save(input);
                TempData["Success"] = "Service saved";
                return Redirect($"/directory/services/{saved.Id}");
            }
            catch (ConcurrencyConflictException e)
            {
                ModelState.AddModelError("", e.Message);
            }
            catch (ValidationFailedException e)
            {
                ModelState.AddProblems(e, field => Input.KeyFor(field, nameof(Input)));
            }
        }
        await LoadChoicesAsync(ct);
        Input.AddBlankRows();
        return Page();
    }
}
