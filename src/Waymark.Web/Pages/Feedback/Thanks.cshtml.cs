using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Feedback;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Feedback;

/// <summary>After "Finished" ("/feedback/thanks"): thanks the person and shows none of the answers.</summary>
[ShowsNoPersonData("A thank-you message; no answers and nothing about any person.")]
public class ThanksModel(FeedbackService feedback) : PageModel
{
    public string? TeamName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => TeamName = await feedback.TeamNameAsync(ct);
}
