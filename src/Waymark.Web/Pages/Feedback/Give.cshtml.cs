using Microsoft.AspNetCore.Mvc;
using Waymark.Feedback;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Feedback;

/// <summary>
/// The feedback form a worker opens and hands the device over ("/feedback/give"): big easy-read layout, the team's name,
/// no navigation. "Finished" stores the answers once (a one-time token in the form: the same form sent again stores
/// nothing) and goes to a thank-you page that shows none of the answers.
/// </summary>
[ShowsNoPersonData("Anonymous feedback questions and the team's name; nothing about any person.")]
public class GiveModel(FeedbackService feedback) : FeedbackFormModel
{
    /// <summary>The one-time token of this form.</summary>
    [BindProperty] public Guid Token { get; set; }

    public string? TeamName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        TeamName = await feedback.TeamNameAsync(ct);
        Token = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = Read();
        if (Token == Guid.Empty) Token = Guid.NewGuid();
        try
        {
            if (ModelState.IsValid)
            {
                await feedback.GiveAsync(input, Token, ct);
                return Redirect("/feedback/thanks");
            }
            ValidationFailedException.ThrowIfAny(input.Validate());
        }
        catch (ValidationFailedException e)
        {
            AddProblems(e);
        }
        TeamName = await feedback.TeamNameAsync(ct);
        return Page();
    }
}
