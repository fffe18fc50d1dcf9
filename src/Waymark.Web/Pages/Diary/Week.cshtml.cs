using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Appointments;

namespace Waymark.Web.Pages.Diary;

/// <summary>A worker's week, Monday to Sunday (<c>/diary/week</c>, <c>?start=yyyy-MM-dd</c> any day of it, <c>?worker=</c> for a team manager).</summary>
public class WeekModel(AppointmentService service, ICurrentUser user, TimeProvider clock) : DiaryPage(service, user, clock)
{
    [FromQuery(Name = "start")] public string? Start { get; set; }
    /// <inheritdoc />
    public override string DateParameter => "start";
    /// <inheritdoc />
    protected override int Days => 7;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(Start, AppointmentService.MondayOf, ct) ? Page() : NotFound();
}
