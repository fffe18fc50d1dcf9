using Microsoft.AspNetCore.Mvc;
using Waymark.Feedback;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Feedback;

/// <summary>
/// The feedback form a worker opens and hands the device over ("/feedback/give"): big easy-read layout, the team's name,
/// no navigation. Opening it puts the browser in hand-over mode (<see cref="HandOver"/>). "Finished" stores the answers once
/// (a one-time token in the form: the same form sent again stores nothing and shows nothing; a form without a token is
/// answered with a fresh empty form, nothing stored) and goes to a thank-you page that shows none of the answers.
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
        HandOver.Start(HttpContext);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A form without a token (not one this page gave out) stores nothing: a fresh form. A token already used (the
        // form sent again, say after Back) stores nothing and shows none of the answers: the thank-you page.
        if (Token == Guid.Empty)
        {
            ModelState.Clear();
            Experience = Listened = Respected = Helped = Comments = null;
            return await OnGetAsync(ct);
        }
        if (await feedback.TokenUsedAsync(Token, ct)) return Redirect("/feedback/thanks");
        var input = Read();
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
