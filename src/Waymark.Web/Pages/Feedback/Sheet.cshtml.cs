using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Feedback;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Feedback;

/// <summary>The printable easy-read feedback sheet ("/feedback/sheet"): the device form's questions with tick boxes.</summary>
[ShowsNoPersonData("A blank feedback sheet with the team's name; nothing about any person.")]
public class SheetModel(FeedbackService feedback) : PageModel
{
    public string? TeamName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => TeamName = await feedback.TeamNameAsync(ct);
}
