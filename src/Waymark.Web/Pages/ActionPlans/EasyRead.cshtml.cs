using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.ActionPlans;
using Waymark.Audit;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ActionPlans;

/// <summary>
/// The easy-read copy of a person's action plan (<c>/people/{personId}/action-plan/easy-read</c>), for people with a
/// learning disability or poor literacy: spoken to the person, one idea per line, short sentences, large type and a
/// symbol beside each section (<c>_EasyReadSymbol</c>, the <c>waymark-easy-read*</c> styles). Prints without the
/// site's chrome.
/// </summary>
public class EasyReadModel(ActionPlanService service) : ActionPlanPage(service)
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <inheritdoc />
    protected override string ViewDetail => "Action plan, easy-read copy";

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    /// <summary>A date as easy-read says it: "Friday 4 December 2026".</summary>
    public static string Day(DateOnly d) => d.ToString("dddd d MMMM yyyy", Uk);

    /// <summary>Who does a step, in the person's voice: "Me" for their own steps, "Sam Patel, my worker" for a worker's, the typed name for anyone else.</summary>
    public string Who(ActionPlanStep s) => s.Who switch
    {
        // Spoken by the person, as the rest of the copy is ("What I want").
        StepOwner.Person => "Me",
        StepOwner.Worker => Plan!.WhoDoes(s) + ", my worker",
        _ => Plan!.WhoDoes(s),
    };

    /// <summary>A sentence ending with a full stop (one is added when the words end without one).</summary>
    public static string Sentence(string words)
    {
        var t = words.Trim();
        return t.Length > 0 && ".!?".Contains(t[^1], StringComparison.Ordinal) ? t : t + ".";
    }
}
