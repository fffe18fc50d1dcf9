using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Liaison;
using Waymark.Training;
using Waymark.Web.Forms;

namespace Waymark.Web.Pages.Training;

/// <summary>The fields of a training session's form, as typed, and how they are read.</summary>
public abstract class TrainingFormModel : PageModel
{
    [BindProperty] public DateParts DeliveredOn { get; set; } = new();
    [BindProperty] public string? Agency { get; set; }
    [BindProperty] public string? AgencyOther { get; set; }
    [BindProperty] public string? Audience { get; set; }
    [BindProperty] public string? AudienceText { get; set; }
    [BindProperty] public string? Topic { get; set; }
    [BindProperty] public string? TopicOther { get; set; }
    [BindProperty] public string? Attendees { get; set; }
    [BindProperty] public string? AverageRating { get; set; }
    [BindProperty] public string? FeedbackComments { get; set; }

    public static List<SelectListItem> AgencyItems =>
        [.. AgencyKinds.All.Select(k => new SelectListItem(AgencyKinds.Display(k), ((int)k).ToString(CultureInfo.InvariantCulture))), new("Another kind of agency", "other")];
    public static List<SelectListItem> AudienceItems => TrainingCodes.Audiences.Select(a => new SelectListItem(TrainingCodes.Display(a), a.ToString())).ToList();
    public static List<SelectListItem> TopicItems => TrainingCodes.Topics.Select(t => new SelectListItem(TrainingCodes.Display(t), t.ToString())).ToList();

    /// <summary>Shows a stored session's values.</summary>
    protected void Fill(TrainingSession s)
    {
        var i = TrainingInput.From(s);
        DeliveredOn = DateParts.From(i.DeliveredOn);
        Agency = i.Agency;
        AgencyOther = i.AgencyOther;
        Audience = i.Audience?.ToString();
        AudienceText = i.AudienceText;
        Topic = i.Topic?.ToString();
        TopicOther = i.TopicOther;
        Attendees = i.Attendees?.ToString(CultureInfo.InvariantCulture);
        AverageRating = i.AverageRating?.ToString("0.0", CultureInfo.InvariantCulture);
        FeedbackComments = i.FeedbackComments;
    }

    /// <summary>The input as typed; text that is not a date, number or offered choice is an error on its field here.</summary>
    protected TrainingInput Read()
    {
        var (date, dateError) = DeliveredOn.Parse("The date the training was delivered", laterRuleBoundsTheFuture: true);
        if (dateError is not null) ModelState.AddModelError(nameof(DeliveredOn), dateError);
        T? Choice<T>(string? posted) where T : struct, Enum =>
            !string.IsNullOrEmpty(posted) && !int.TryParse(posted, out _) && Enum.TryParse<T>(posted, out var v) && Enum.IsDefined(v) ? v : null;
        int? attendees = null;
        if (!string.IsNullOrWhiteSpace(Attendees))
        {
            if (int.TryParse(Attendees.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) attendees = n;
            else ModelState.AddModelError(nameof(Attendees), "The number attending must be a whole number, like 12");
        }
        decimal? rating = null;
        if (!string.IsNullOrWhiteSpace(AverageRating))
        {
            if (decimal.TryParse(AverageRating.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r)) rating = r;
            else ModelState.AddModelError(nameof(AverageRating), "The average rating must be a number between 1 and 5, like 4.2");
        }
        return new TrainingInput
        {
            DeliveredOn = date, Agency = Agency, AgencyOther = AgencyOther, Audience = Choice<TrainingAudience>(Audience), AudienceText = AudienceText,
            Topic = Choice<TrainingTopic>(Topic), TopicOther = TopicOther, Attendees = attendees, AverageRating = rating, FeedbackComments = FeedbackComments,
        };
    }

    /// <summary>Every problem on the form, the typed-text ones first; a field that already has one keeps it.</summary>
    protected void AddProblems(IEnumerable<(string Field, string Message)> problems)
    {
        foreach (var (field, message) in problems)
            if (ModelState[field] is not { ValidationState: ModelValidationState.Invalid }) ModelState.AddModelError(field, message);
    }
}
