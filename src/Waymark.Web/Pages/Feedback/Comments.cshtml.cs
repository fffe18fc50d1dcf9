using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Feedback;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Feedback;

/// <summary>
/// What people wrote in their feedback ("/feedback/comments"), for team managers only, 25 a page, newest given first.
/// Never shown to commissioners and never part of a figure.
/// </summary>
[ShowsNoPersonData("Anonymous feedback words, not linked to any person's record.")]
public class CommentsModel(FeedbackService feedback) : PageModel
{
    public IReadOnlyList<FeedbackComment> Comments { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasNext { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        PageNumber = Math.Clamp(pageNumber, 1, 100_000);
        (Comments, HasNext) = await feedback.CommentsAsync(PageNumber, ct);
    }
}
