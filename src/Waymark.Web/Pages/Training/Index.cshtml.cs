using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Training;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Training;

/// <summary>The training the team has delivered ("/training"), latest first, 25 a page.</summary>
[ShowsNoPersonData("Team training delivered to criminal justice staff; nothing about the people the team works with.")]
public class IndexModel(TrainingService training) : PageModel
{
    public IReadOnlyList<TrainingSession> Sessions { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasNext { get; private set; }
    public string? Success { get; private set; }
    /// <summary>Whether the user may record and change sessions.</summary>
    public bool MayRecord => User.Can(Permission.RecordContacts);

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        PageNumber = Math.Clamp(pageNumber, 1, 100_000);
        Success = TempData["Success"] as string;
        (Sessions, HasNext) = await training.PageAsync(PageNumber, ct);
    }
}
