using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.DropIns;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.DropIns;

/// <summary>
/// Record a drop-in ("/people/{personId}/drop-ins/new"), straight from a "Find a person" result: page load one of two.
/// Works for any person the team knows, open or discharged; for a discharged person the view is audited with the
/// purpose "Drop-in" (the reason the person's own page would ask for), so no purpose question costs a page load. A
/// practitioner may reopen support in the same step.
/// </summary>
public class NewModel(DropInService dropIns, ICurrentUser user, TimeProvider clock) : PageModel, IShowsPersonData
{
    /// <summary>The audit purpose of viewing a discharged person's record to record their drop-in.</summary>
    public const string Purpose = "Drop-in";

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Person is null ? [] :
        [PersonView.Record("Person", PersonId.ToString(), PersonId, "Recording a drop-in", Person.Discharged ? Purpose : null)];

    [FromRoute] public Guid PersonId { get; set; }
    [BindProperty] public DateParts ArrivedOn { get; set; } = new();
    /// <summary>The time as typed (read by <see cref="TimeOfDay.Parse"/>).</summary>
    [BindProperty] public string? Time { get; set; }
    /// <summary>For a time that happened twice (the October clock change): "BST" or "GMT".</summary>
    [BindProperty] public string? ClockChange { get; set; }
    /// <summary>The reasons chosen (<see cref="DropInReasons"/> names).</summary>
    [BindProperty] public List<string> Reasons { get; set; } = [];
    [BindProperty] public string? ReasonWords { get; set; }
    [BindProperty] public string? WhatHelped { get; set; }
    /// <summary>The user ids of those who saw them.</summary>
    [BindProperty] public List<string> SeenBy { get; set; } = [];
    /// <summary>"no", "support" or "screen" (<see cref="ReopenChoice"/>); asked only when support can be reopened.</summary>
    [BindProperty] public string? Reopen { get; set; }

    public DropInPerson? Person { get; private set; }
    /// <summary>The typed time when it happened twice, so the page asks which; null otherwise.</summary>
    public TimeOnly? AmbiguousTime { get; private set; }
    public List<SelectListItem> ReasonItems { get; } = DropInReasonList.All.Select(r => new SelectListItem(DropInReasonList.Display(r), r.ToString())).ToList();
    public List<SelectListItem> WorkerItems { get; private set; } = [];
    public List<SelectListItem> ReopenItems { get; } =
    [
        new("No, only record the drop-in", "no"),
        new("Yes, reopen support now (no screening)", "support"),
        new("Yes, but screen them again first", "screen"),
    ];
    /// <summary>Whether the user may reopen support (a support worker may not).</summary>
    public bool MayReopen => dropIns.MayReopen;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var now = clock.GetUtcNow();
        ArrivedOn = DateParts.From(UkTime.DateOf(now));
        Time = UkTime.ToLocal(now).ToString("HH:mm", CultureInfo.InvariantCulture);
        SeenBy = [user.UserId!];
        Reopen = "no";
        return Page();
    }

    [RequiresPermission(Permission.RecordContacts)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var input = Read();
        var reopen = Reopen switch { "support" => ReopenChoice.Support, "screen" => ReopenChoice.ScreenAgain, _ => ReopenChoice.No };
        if (reopen != ReopenChoice.No && !Person!.CanReopen) reopen = ReopenChoice.No;
        try
        {
            if (!ModelState.IsValid)
            {
                AddProblems(await dropIns.ProblemsAsync(PersonId, input, ct));
                return Page();
            }
            var (dropIn, reopened) = await dropIns.RecordAsync(PersonId, input, reopen, ct);
            TempData["Success"] = reopened is null ? "Drop-in recorded" : reopened.SupportStartedAt is null
                ? "Drop-in recorded and support reopened: screen them next" : "Drop-in recorded and support reopened";
            return Redirect($"/drop-ins/{dropIn.Id}");
        }
        catch (ValidationFailedException e)
        {
            AddProblems(e.Problems.Select(p => (p.Field, p.Message)));
        }
        catch (DropInRuleException e)
        {
            // Beside the question when it is shown; otherwise (a support worker) in the summary only.
            ModelState.AddModelError(MayReopen && Person!.CanReopen ? nameof(Reopen) : "", e.Message);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Person = await dropIns.PersonAsync(PersonId, ct);
        if (Person is null) return false;
        WorkerItems = (await dropIns.WorkersAsync(ct)).Select(w => new SelectListItem(w.Name, w.UserId)).ToList();
        return true;
    }

    private DropInInput Read()
    {
        (var at, AmbiguousTime) = TypedMoment.Read(ModelState, ArrivedOn, Time, ClockChange,
            new(nameof(ArrivedOn), nameof(Time), nameof(ClockChange)),
            new("Date they arrived", "Enter the date they arrived", "Enter the time they arrived, for example 14:30",
                "Enter the time like 14:30 or 2:30pm", "Time they arrived"));
        var reasons = DropInReasons.None;
        foreach (var r in Reasons)
        {
            if (Enum.TryParse<DropInReasons>(r, out var one) && DropInReasonList.All.Contains(one)) reasons |= one;
            else { ModelState.AddModelError(nameof(Reasons), "Select why they came from the list"); break; }
        }
        var input = new DropInInput(at, reasons, ReasonWords, WhatHelped, SeenBy);
        AddProblems(input.Validate());
        return input;
    }

    // No instant because the date, time or clock change was refused: that field's error says it all.
    private void AddProblems(IEnumerable<(string Field, string Message)> problems) =>
        ModelState.AddProblems(problems, field => field == nameof(DropInInput.ArrivedAt) ? nameof(ArrivedOn) : field,
            field => field == nameof(DropInInput.ArrivedAt) && ModelState.HasError(nameof(ArrivedOn), nameof(Time), nameof(ClockChange)));
}
