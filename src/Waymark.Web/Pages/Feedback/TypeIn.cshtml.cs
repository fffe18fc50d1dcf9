using Microsoft.AspNetCore.Mvc;
using Waymark.Feedback;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Feedback;

/// <summary>Type in a returned paper sheet ("/feedback/type-in"), with the date it was filled in; stored as channel PaperSheet.</summary>
[ShowsNoPersonData("Anonymous feedback answers being typed in; nothing about any person.")]
public class TypeInModel(FeedbackService feedback) : FeedbackFormModel
{
    /// <summary>The date the sheet was filled in.</summary>
    [BindProperty] public DateParts GivenOn { get; set; } = new();

    public void OnGet()
    {
        GivenOn = DateParts.From(feedback.Today);
        if (TempData["Success"] is string s) Notice = s;
    }

    /// <summary>Set after a sheet was saved (the form is then blank for the next sheet).</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = Read();
        var (date, error) = GivenOn.Parse("The date the sheet was filled in", laterRuleBoundsTheFuture: true);
        if (error is not null) ModelState.AddModelError(nameof(GivenOn), error);
        try
        {
            if (!ModelState.IsValid)
            {
                var problems = input.Validate().ToList();
                if (problems.Count > 0) ValidationFailedException.ThrowIfAny(problems);
                return Page();
            }
            await feedback.TypeInAsync(input, date, ct);
            TempData["Success"] = "Sheet saved. You can type in the next one.";
            return Redirect("/feedback/type-in");
        }
        catch (ValidationFailedException e)
        {
            AddProblems(e);
        }
        return Page();
    }
}
