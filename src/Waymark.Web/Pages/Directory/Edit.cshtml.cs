using Microsoft.AspNetCore.Mvc;
using Waymark.ServiceDirectory;

namespace Waymark.Web.Pages.Directory;

public class EditModel(DirectoryEditor editor) : ServiceFormPage(editor)
{
    [FromRoute] public Guid Id { get; set; }
    public string ServiceName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var s = await Editor.FindAsync(Id, ct);
        if (s is null) return NotFound();
        ServiceName = s.Name;
        Input = ServiceForm.From(s);
        await LoadChoicesAsync(ct);
        Input.AddBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var s = await Editor.FindAsync(Id, ct);
        if (s is null) return NotFound();
        ServiceName = s.Name;
        Input.KnownRowIds = s.Locations.Select(l => l.Id).Concat(s.OpeningTimes.Select(o => o.Id)).Concat(s.Contacts.Select(c => c.Id))
            .Select(id => id.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!Guid.TryParse(Input.Version, out var version))
        {
            ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
            await LoadChoicesAsync(ct);
            Input.AddBlankRows();
            return Page();
        }
        return await SaveAsync(input => Editor.UpdateAsync(Id, version, input, ct), ct);
    }
}
