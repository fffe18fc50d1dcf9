using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.ThroughTheGate;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ThroughTheGate;

/// <summary>
/// A person's release from prison (<c>/people/{personId}/release</c>): their latest plan (prison, dates, meet at the gate,
/// release-day appointments, pre-release contacts, the follow-up after release) and what can be done next.
/// </summary>
public class PlanModel(ReleasePlanService service, WaymarkDbContext db, Waymark.Access.ICurrentUser user) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel, IShowsPersonData
{
    /// <summary>The release-day appointments offered: (query value, label). Issue 14 item 4.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> AppointmentKinds =
    [
        ("GP", "GP"), ("Housing", "Housing"), ("Probation", "Probation"), ("Benefits", "Benefits (Jobcentre or Universal Credit)"),
        ("Pharmacy", "Pharmacy"), ("Other", "Something else"),
    ];

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName is null ? [] : [PersonView.Record(nameof(ReleasePlan), View?.Plan.Id.ToString(), PersonId, "Release plan")];

    [FromRoute] public Guid PersonId { get; set; }
    public string? PersonName { get; private set; }
    /// <summary>Their latest plan with names, appointments and contacts; null when they have none.</summary>
    public ReleasePlanView? View { get; private set; }
    /// <summary>Whether the plan (if any) is the user's team's: only that team changes it.</summary>
    public bool OwnTeam => View is null || View.Plan.TeamId == user.TeamId;

    /// <summary>
    /// When the gate meeting is (or was) planned, as the summary shows it: "Planned for 4 December 2026 at 8:30am GMT" (the
    /// expected release date, the time in UK time as <see cref="Forms.Display.DateTime"/> shows instants), or without a time
    /// "…, time not yet known"; once released on a different day, "…; not met: released earlier (later) than expected".
    /// </summary>
    public static string MeetWhen(ReleasePlan plan)
    {
        var when = plan.MeetTime is { } t
            ? $"Planned for {Forms.Display.DateTime(UkTime.FromLocal(plan.ExpectedReleaseOn, t))}"
            : $"Planned for {Forms.Display.Date(plan.ExpectedReleaseOn)}, time not yet known";
        if (plan.ReleasedOn is { } released && released != plan.ExpectedReleaseOn)
            when += $"; not met: released {(released < plan.ExpectedReleaseOn ? "earlier" : "later")} than expected";
        return when;
    }

    /// <summary>
    /// After a release on a different day than expected: the release-day appointments still booked (no outcome, not
    /// rescheduled) for the expected release date (UK day), to be checked or rescheduled; empty otherwise.
    /// </summary>
    public static IReadOnlyList<Waymark.Appointments.DiaryEntry> StillBookedForExpectedDay(ReleasePlan plan, IReadOnlyList<Waymark.Appointments.DiaryEntry> appointments) =>
        plan.ReleasedOn is { } released && released != plan.ExpectedReleaseOn
            ? appointments.Where(a => a.Appointment.Outcome is null && a.RescheduledToId is null
                && UkTime.DateOf(a.Appointment.StartsAt) == plan.ExpectedReleaseOn).ToList()
            : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == PersonId).Select(p => new { p.GivenName, p.FamilyName }).FirstOrDefaultAsync(ct);
        if (person is null) return NotFound();
        PersonName = Waymark.People.PersonNames.Full(person.GivenName, person.FamilyName);
        View = await service.ViewAsync(PersonId, ct);
        return Page();
    }
}
