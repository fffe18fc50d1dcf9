using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Appointments;

namespace Waymark.Web.Pages.Diary;

/// <summary>A worker's day (<c>/diary</c>, <c>?date=yyyy-MM-dd</c>, <c>?worker=</c> for a team manager).</summary>
public class IndexModel(AppointmentService service, ICurrentUser user, TimeProvider clock) : DiaryPage(service, user, clock)
{
    [FromQuery(Name = "date")] public string? Date { get; set; }
    /// <inheritdoc />
    public override string DateParameter => "date";
    /// <inheritdoc />
    protected override int Days => 1;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(Date, d => d, ct) ? Page() : NotFound();
}
