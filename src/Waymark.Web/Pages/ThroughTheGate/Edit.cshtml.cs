using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.ThroughTheGate;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ThroughTheGate;

/// <summary>
/// Make or change a person's release plan, with its meet-at-the-gate section (<c>/people/{personId}/release/edit</c>).
/// It changes the team's open plan when there is one (over its version: a second editor is refused) and makes a new one
/// otherwise.
/// </summary>
public class EditModel(ReleasePlanService service, WaymarkDbContext db, ICurrentUser user) : ReleasePlanPage(service, db)
{
    /// <inheritdoc />
    protected override string Doing => Editing ? "Changing the release plan" : "Planning a release";

    [BindProperty] public string? Prison { get; set; }
    [BindProperty] public string? PrisonNumber { get; set; }
    [BindProperty] public DateParts ExpectedReleaseOn { get; set; } = new();
    [BindProperty] public string? ReleaseType { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [BindProperty] public string? MeetBy { get; set; }
    [BindProperty] public string? MeetWorkerUserId { get; set; }
    [BindProperty] public string? MeetOtherName { get; set; }
    [BindProperty] public string? MeetTime { get; set; }
    [BindProperty] public string? MeetPlace { get; set; }
    [BindProperty] public string? Transport { get; set; }
    [BindProperty] public string? WhatToBring { get; set; }

    /// <summary>Whether the team's open plan is being changed (rather than a new one made).</summary>
    public bool Editing => Plan is { IsOpen: true } p && p.TeamId == user.TeamId;
    public List<SelectListItem> WorkerItems { get; private set; } = [];
    /// <summary>The team's prisons (criminal justice agencies of kind prison), named in the hint.</summary>
    public IReadOnlyList<string> Prisons { get; private set; } = [];
    public List<SelectListItem> ReleaseTypeItems { get; } = Enum.GetValues<ReleaseType>().Select(t => new SelectListItem(ReleaseRules.Display(t), t.ToString())).ToList();
    public List<SelectListItem> MeetByItems { get; } =
    [
        new("Nobody yet", nameof(GateMeeter.Nobody)), new("A member of our team", nameof(GateMeeter.Worker)), new("Someone else", nameof(GateMeeter.SomeoneElse)),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadFormAsync(ct)) return NotFound();
        if (Editing)
        {
            var p = Plan!;
            (Prison, PrisonNumber, ReleaseType, Notes) = (p.Prison, p.PrisonNumber, p.ReleaseType.ToString(), p.Notes);
            ExpectedReleaseOn = DateParts.From(p.ExpectedReleaseOn);
            (MeetBy, MeetWorkerUserId, MeetOtherName, MeetPlace, Transport, WhatToBring) = (p.MeetBy.ToString(), p.MeetWorkerUserId, p.MeetOtherName, p.MeetPlace, p.Transport, p.WhatToBring);
            MeetTime = p.MeetTime?.ToString("HH:mm", CultureInfo.InvariantCulture);
            Version = p.Version;
        }
        else MeetBy = nameof(GateMeeter.Nobody);
        return Page();
    }

    [RequiresPermission(Permission.RecordContacts)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadFormAsync(ct)) return NotFound();
        var (date, error) = ExpectedReleaseOn.Parse("Expected release date", laterRuleBoundsTheFuture: true);
        if (error is not null) ModelState.AddModelError(nameof(ExpectedReleaseOn), error);
        var input = new ReleasePlanInput(Prison, PrisonNumber, date, Choices.Enum<ReleaseType>(ReleaseType), Notes, Choices.Enum<GateMeeter>(MeetBy),
            MeetWorkerUserId, MeetOtherName, MeetTime, MeetPlace, Transport, WhatToBring);
        try
        {
            if (Version == Guid.Empty)
            {
                if (Editing) { ShowConflict(ReleasePlanService.ConflictMessage); return Page(); }
                // A date the form could not read goes to the service as none, so every other problem is listed at once.
                await Service.CreateAsync(PersonId, input, ct);
                return BackToPlan("Release plan saved");
            }
            if (!Editing) { ShowConflict(ReleasePlanService.ConflictMessage); return Page(); }
            await Service.ChangeAsync(Plan!.Id, input, Version, ct);
            return BackToPlan("Release plan changed");
        }
        catch (ValidationFailedException e)
        {
            foreach (var p in e.Problems)
                if (!(p.Field == nameof(ExpectedReleaseOn) && error is not null)) ModelState.AddModelError(p.Field, p.Message);
            return Page();
        }
        catch (Exception e) when (e is ReleasePlanRuleException or ConcurrencyConflictException)
        {
            ShowConflict(e.Message);
            return Page();
        }
    }

    private async Task<bool> LoadFormAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return false;
        WorkerItems = [new("Select the worker", ""), .. (await Service.WorkersAsync(ct)).Select(w => new SelectListItem(w.Name, w.UserId))];
        Prisons = await Service.PrisonsAsync(ct);
        return true;
    }
}
