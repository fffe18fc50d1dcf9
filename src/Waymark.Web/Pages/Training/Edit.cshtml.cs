using Microsoft.AspNetCore.Mvc;
using Waymark.Persistence;
using Waymark.Training;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Training;

/// <summary>Change a training session ("/training/{id}/edit"); refused with a message when someone else saved it first.</summary>
[ShowsNoPersonData("Team training delivered to criminal justice staff; nothing about the people the team works with.")]
public class EditModel(TrainingService training) : TrainingFormModel
{
    [FromRoute] public Guid Id { get; set; }
    /// <summary>The version the form was opened at.</summary>
    [BindProperty] public Guid Version { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var s = await training.FindAsync(Id, ct);
        if (s is null) return NotFound();
        Fill(s);
        Version = s.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await training.FindAsync(Id, ct) is null) return NotFound();
        var input = Read();
        var problems = input.Validate(training.Today).ToList();
        if (!ModelState.IsValid || problems.Count > 0)
        {
            AddProblems(problems);
            return Page();
        }
        try
        {
            if (await training.UpdateAsync(Id, Version, input, ct) is null) return NotFound();
        }
        catch (ValidationFailedException e)
        {
            AddProblems(e.Problems.Select(p => (p.Field, p.Message)));
            return Page();
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            var now = await training.FindAsync(Id, ct);
            if (now is null) return NotFound();
            Version = now.Version;
            ModelState.Remove(nameof(Version));
            return Page();
        }
        TempData["Success"] = "Training changed";
        return Redirect("/training");
    }
}
