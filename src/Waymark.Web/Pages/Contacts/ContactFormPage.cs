using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Contacts;
using Waymark.SupportNetworks;
using Waymark.Web.Forms;

namespace Waymark.Web.Pages.Contacts;

/// <summary>
/// The form of a contact, shared by recording one and correcting one: reads what was typed (kind, reached, UK date and
/// typed time with the clock-change question, duration, worker, with whom, note) into a <see cref="ContactInput"/>,
/// putting format problems on the model state, and maps the service's problems onto the same fields.
/// </summary>
public abstract class ContactFormPage(ContactService contacts, SupportNetworkService network, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Kind { get; set; }
    /// <summary>"yes" or "no".</summary>
    [BindProperty] public string? Reached { get; set; }
    [BindProperty] public DateParts OccurredOn { get; set; } = new();
    /// <summary>The time as typed (read by <see cref="TimeOfDay.Parse"/>).</summary>
    [BindProperty] public string? Time { get; set; }
    /// <summary>For a time that happened twice (the October clock change): "BST" or "GMT".</summary>
    [BindProperty] public string? ClockChange { get; set; }
    /// <summary>Minutes, as typed.</summary>
    [BindProperty] public string? Duration { get; set; }
    [BindProperty] public string? Worker { get; set; }
    [BindProperty] public string? WithWhom { get; set; }
    [BindProperty] public string? Note { get; set; }
    /// <summary>The support-network member it was with (a contact with family or friends), as posted: an id or empty.</summary>
    [BindProperty] public string? Member { get; set; }

    /// <summary>The typed time when it happened twice, so the page asks which; null otherwise.</summary>
    public TimeOnly? AmbiguousTime { get; private set; }

    public List<SelectListItem> KindItems { get; } = ContactKinds.Recordable.Select(k => new SelectListItem(ContactKinds.Display(k), k.ToString())).ToList();
    /// <summary>The person's support network kept by the team (those marked "do not contact" say so), after "Nobody"; empty when they have none.</summary>
    public List<SelectListItem> MemberItems { get; private set; } = [];

    /// <summary>
    /// The kind of the contact being corrected when the form does not offer it (a drop-in's contact): a correction may
    /// keep it. Null when recording.
    /// </summary>
    protected ContactKind? KeptKind { get; set; }
    public List<SelectListItem> ReachedItems { get; } = [new("Yes", "yes"), new("No, I tried but did not reach them", "no")];
    public List<SelectListItem> WorkerItems { get; private set; } = [];

    protected ContactService Contacts => contacts;
    protected DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Fills the form's defaults: today, now (to the minute), and the user as the worker.</summary>
    protected void Defaults(string? userId)
    {
        var local = UkTime.ToLocal(Now);
        OccurredOn = DateParts.From(UkTime.DateOf(Now));
        Time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        Worker = userId;
    }

    /// <summary>Fills the form from an existing contact (correcting it).</summary>
    protected void From(Contact c)
    {
        Kind = c.Kind.ToString();
        Reached = c.Reached ? "yes" : "no";
        OccurredOn = DateParts.From(UkTime.DateOf(c.OccurredAt));
        Time = UkTime.ToLocal(c.OccurredAt).ToString("HH:mm", CultureInfo.InvariantCulture);
        if (UkTime.Resolve(UkTime.DateOf(c.OccurredAt), TimeOnly.FromDateTime(UkTime.ToLocal(c.OccurredAt).DateTime)).Ambiguous)
            ClockChange = UkTime.ZoneName(c.OccurredAt);
        Duration = c.DurationMinutes?.ToString(CultureInfo.InvariantCulture);
        Worker = c.WorkerUserId;
        WithWhom = c.WithWhom;
        Note = c.Note;
        Member = c.SupportNetworkMemberId?.ToString();
    }

    /// <summary>Loads the team's workers for the select.</summary>
    protected async Task LoadWorkersAsync(CancellationToken ct)
    {
        WorkerItems = [new("Select who had the contact", ""), .. (await contacts.WorkersAsync(ct)).Select(w => new SelectListItem(w.Name, w.UserId))];
    }

    /// <summary>
    /// Loads the person's support network for the "who in their support network" select (issue 14 item 5). The service
    /// is taken from the request's services so the two pages' constructors stay as they were.
    /// </summary>
    protected async Task LoadMembersAsync(Guid personId, CancellationToken ct)
    {
        var members = await network.ContactableAsync(personId, ct);
        MemberItems = members.Count == 0 ? [] :
            [new("Nobody from their support network", ""), .. members.Select(m => new SelectListItem(
                $"{m.Name} ({m.RelationshipText}){(m.DoNotContact ? " – do not contact" : "")}", m.Id.ToString()))];
    }

    /// <summary>Reads the form; format problems go on the model state, and every problem the input has on its own too.</summary>
    protected ContactInput Read(Guid? episodeId = null)
    {
        (var at, AmbiguousTime) = TypedMoment.Read(ModelState, OccurredOn, Time, ClockChange,
            new(nameof(OccurredOn), nameof(Time), nameof(ClockChange)),
            new("Date of the contact", "Enter the date of the contact", "Enter the time of the contact, for example 14:30",
                "Enter the time like 14:30 or 2:30pm", "Time of the contact"));
        var minutes = TypedMoment.Minutes(ModelState, Duration, nameof(Duration), "How long must be a whole number of minutes, like 30");
        Guid? member = null;
        if (!string.IsNullOrWhiteSpace(Member))
        {
            if (Guid.TryParse(Member, out var m)) member = m;
            else ModelState.AddModelError(nameof(Member), "Select someone from the person's support network");
        }
        var input = new ContactInput(Choices.Enum<ContactKind>(Kind), Reached switch { "yes" => true, "no" => false, _ => null },
            at, minutes, Worker, WithWhom, Note, episodeId, member);
        foreach (var (field, message) in input.Validate(KeptKind))
        {
            if (SaidAlready(field)) continue;
            var key = KeyFor(field);
            if (!HasError(key)) ModelState.AddModelError(key, message);
        }
        return input;
    }

    /// <summary>Puts the service's problems on the form, each beside its field (and none twice).</summary>
    protected void AddProblems(ValidationFailedException e) => AddProblems(e.Problems);

    /// <summary>
    /// Puts problems on the form, each beside its field (and none twice). An empty list adds nothing, so a form whose only
    /// problems are its own (a negative or unreadable "How long") shows them (a <see cref="ValidationFailedException"/> needs at least one).
    /// </summary>
    protected void AddProblems(IEnumerable<ValidationProblem> problems)
    {
        foreach (var p in problems)
        {
            if (SaidAlready(p.Field)) continue;
            var key = KeyFor(p.Field);
            if (!HasError(key)) ModelState.AddModelError(key, p.Message);
        }
    }

    /// <summary>The form field of a <see cref="ContactInput"/> property.</summary>
    protected static string KeyFor(string field) => field switch
    {
        nameof(ContactInput.OccurredAt) => nameof(OccurredOn),
        nameof(ContactInput.DurationMinutes) => nameof(Duration),
        nameof(ContactInput.WorkerUserId) => nameof(Worker),
        nameof(ContactInput.EpisodeId) => "Episode",
        nameof(ContactInput.SupportNetworkMemberId) => nameof(Member),
        _ => field,
    };

    // No instant because the date, time or clock change was refused: that field's error says it all (one error per field).
    private bool SaidAlready(string field) =>
        field == nameof(ContactInput.OccurredAt) && (HasError(nameof(OccurredOn)) || HasError(nameof(Time)) || HasError(nameof(ClockChange)));

    private bool HasError(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;
}
