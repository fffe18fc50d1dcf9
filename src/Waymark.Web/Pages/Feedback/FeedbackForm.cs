using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Feedback;

namespace Waymark.Web.Pages.Feedback;

/// <summary>The questions of the device form and the typed-in sheet: the answers as posted (names of the answers) and their choices.</summary>
public abstract class FeedbackFormModel : PageModel
{
    [BindProperty] public string? Experience { get; set; }
    [BindProperty] public string? Listened { get; set; }
    [BindProperty] public string? Respected { get; set; }
    [BindProperty] public string? Helped { get; set; }
    [BindProperty] public string? Comments { get; set; }

    public static List<SelectListItem> ExperienceItems => FeedbackQuestions.Ratings.Select(r => new SelectListItem(FeedbackQuestions.Display(r), r.ToString())).ToList();
    public static List<SelectListItem> YesPartlyNoItems => FeedbackQuestions.YesPartlyNoAnswers.Select(a => new SelectListItem(FeedbackQuestions.Display(a), a.ToString())).ToList();

    /// <summary>The answers as the service takes them; an answer that is not one offered is an error on its question.</summary>
    protected FeedbackInput Read()
    {
        T? One<T>(string? posted, string field, string message) where T : struct, Enum
        {
            if (string.IsNullOrEmpty(posted)) return null;
            if (Enum.TryParse<T>(posted, ignoreCase: false, out var v) && Enum.IsDefined(v) && !int.TryParse(posted, out _)) return v;
            ModelState.AddModelError(field, message);
            return null;
        }
        return new FeedbackInput
        {
            Experience = One<ExperienceRating>(Experience, nameof(Experience), "Select one of the answers"),
            Listened = One<YesPartlyNo>(Listened, nameof(Listened), "Select Yes, Partly or No"),
            Respected = One<YesPartlyNo>(Respected, nameof(Respected), "Select Yes, Partly or No"),
            Helped = One<YesPartlyNo>(Helped, nameof(Helped), "Select Yes, Partly or No"),
            Comments = Comments,
        };
    }

    /// <summary>Puts the service's problems on the form unless the question already has one.</summary>
    protected void AddProblems(ValidationFailedException e)
    {
        foreach (var p in e.Problems)
            if (ModelState[p.Field] is not { ValidationState: ModelValidationState.Invalid }) ModelState.AddModelError(p.Field, p.Message);
    }
}
