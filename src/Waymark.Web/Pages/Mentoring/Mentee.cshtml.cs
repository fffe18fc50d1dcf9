using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.Mentoring;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Mentoring;

/// <summary>
/// "/mentoring/{personId}": a mentee as their mentor sees them: name and preferred name, the plans the pairing shares,
/// the mentor's own meetings and mentoring contacts with them — nothing clinical. 404 for anyone who is not the user's
/// active mentee (so nothing about other people leaks).
/// </summary>
public class MenteeModel(MentoringService mentoring) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Mentee is null ? [] :
        [PersonView.Record("MentoringPairing", Mentee.Pairing.Id.ToString(), PersonId, "Mentee page (mentor's view)")];

    [FromRoute] public Guid PersonId { get; set; }

    /// <summary>The mentee; null when not found.</summary>
    public Mentee? Mentee { get; private set; }
    /// <summary>The mentor's upcoming meetings with them.</summary>
    public IReadOnlyList<Appointment> Upcoming { get; private set; } = [];
    /// <summary>The mentor's latest past meetings with them.</summary>
    public IReadOnlyList<Appointment> Past { get; private set; } = [];
    /// <summary>The mentor's own mentoring contacts with them.</summary>
    public IReadOnlyList<Contact> Contacts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Mentee = await mentoring.MenteeAsync(PersonId, ct);
        if (Mentee is null) return NotFound();
        (Upcoming, Past) = await mentoring.OwnAppointmentsAsync(Mentee, ct);
        Contacts = await mentoring.OwnContactsAsync(Mentee, ct);
        return Page();
    }
}
