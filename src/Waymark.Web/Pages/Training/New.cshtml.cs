using Microsoft.AspNetCore.Mvc;
using Waymark.Training;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Training;

/// <summary>Record training delivered ("/training/new").</summary>
[ShowsNoPersonData("Team training delivered to criminal justice staff; nothing about the people the team works with.")]
public class NewModel(TrainingService training) : TrainingFormModel
{
    public void OnGet() => DeliveredOn = Forms.DateParts.From(training.Today);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = Read();
        var problems = input.Validate(training.Today).ToList();
        if (!ModelState.IsValid || problems.Count > 0)
        {
            AddProblems(problems);
            return Page();
        }
        try
        {
            await training.AddAsync(input, ct);
        }
        catch (ValidationFailedException e)
        {
            AddProblems(e.Problems.Select(p => (p.Field, p.Message)));
            return Page();
        }
        TempData["Success"] = "Training recorded";
        return Redirect("/training");
    }
}
