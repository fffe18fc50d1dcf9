using Microsoft.AspNetCore.Mvc;
using Waymark.ServiceDirectory;

namespace Waymark.Web.Pages.Directory;

public class NewModel(DirectoryEditor editor) : ServiceFormPage(editor)
{
    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        Input.AddBlankRows();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(input => Editor.CreateAsync(input, ct), ct);
}
