using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.Episodes;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Contacts;

/// <summary>
/// A person's full timeline ("/people/{personId}/timeline"): contacts, appointments and the record's milestones, newest
/// first, 25 a page, filtered by a GET form (kind, reached, dates, episode, worker, and whether to include corrected and
/// in-error contacts) that works without JavaScript.
/// </summary>
public class TimelineModel(ContactService contacts) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Entries is null ? [] :
        [PersonView.Record("Person", PersonId.ToString(), PersonId, $"Viewed the timeline, page {Entries.PageNumber}")];

    [FromRoute] public Guid PersonId { get; set; }
    [BindProperty(SupportsGet = true)] public List<string> Kind { get; set; } = [];
    /// <summary>"yes", "no", or empty for both.</summary>
    [BindProperty(SupportsGet = true)] public string? Reached { get; set; }
    [BindProperty(SupportsGet = true)] public DateParts From { get; set; } = new();
    [BindProperty(SupportsGet = true)] public DateParts To { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Episode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Worker { get; set; }
    /// <summary>"true" to include corrected and in-error contacts.</summary>
    [BindProperty(SupportsGet = true)] public List<string> Show { get; set; } = [];

    public TimelinePage? Entries { get; private set; }
    public string? PersonName { get; private set; }
    public bool Filtered { get; private set; }

    public List<SelectListItem> KindItems { get; } = ContactKinds.All.Select(k => new SelectListItem(ContactKinds.Display(k), k.ToString())).ToList();
    public List<SelectListItem> ReachedItems { get; } = [new("All", ""), new("Reached", "yes"), new("Not reached (attempts)", "no")];
    public List<SelectListItem> ShowItems { get; } = [new("Include corrected contacts and those entered in error", "all")];
    public List<SelectListItem> EpisodeItems { get; private set; } = [];
    public List<SelectListItem> WorkerItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        PersonName = await contacts.PersonNameAsync(PersonId, ct);
        if (PersonName is null) return NotFound();
        EpisodeItems = [new("All episodes", ""), .. (await contacts.EpisodesAsync(PersonId, ct))
            .Select(e => new SelectListItem($"Identified {Display.DateTime(e.IdentifiedAt)} ({Settings.Display(e.Setting)})", e.Id.ToString()))];
        WorkerItems = [new("Anyone", ""), .. (await contacts.WorkersAsync(ct)).Select(w => new SelectListItem(w.Name, w.UserId))];

        // A date typed as one value ("?From=1/12/2026", a hand-made or bookmarked link) is read like the three boxes.
        From = Boxes(From, "From");
        To = Boxes(To, "To");
        var kinds = Kind.Select(Choices.Enum<ContactKind>).ToList();
        if (kinds.Any(k => k is null)) ModelState.AddModelError(nameof(Kind), "Select kinds of contact from the list");
        var (from, fromError) = From.Parse("From date");
        if (fromError is not null) ModelState.AddModelError(nameof(From), fromError);
        var (to, toError) = To.Parse("To date");
        if (toError is not null) ModelState.AddModelError(nameof(To), toError);
        if (from is { } f && to is { } t && t < f) ModelState.AddModelError(nameof(From), FromAfterTo);
        Guid? episode = null;
        if (!string.IsNullOrEmpty(Episode))
        {
            if (Guid.TryParse(Episode, out var e) && EpisodeItems.Any(i => i.Value == Episode)) episode = e;
            else ModelState.AddModelError(nameof(Episode), "Select one of the person's episodes");
        }
        bool? reached = Reached switch { "yes" => true, "no" => false, null or "" => null, _ => null };
        if (Reached is not (null or "" or "yes" or "no")) ModelState.AddModelError(nameof(Reached), "Select whether they were reached");

        var filter = new TimelineFilter
        {
            Kinds = kinds.OfType<ContactKind>().ToList(), Reached = reached,
            From = fromError is null ? from : null, To = toError is null && !(from is { } f2 && to is { } t2 && t2 < f2) ? to : null,
            EpisodeId = episode, WorkerUserId = string.IsNullOrEmpty(Worker) ? null : Worker,
            IncludeCorrected = Show.Contains("all"),
        };
        Filtered = filter.ContactsOnly || filter.From is not null || filter.To is not null || filter.EpisodeId is not null || filter.WorkerUserId is not null || filter.IncludeCorrected;
        // A filter with a problem shows the problem and no entries: entries filtered differently from what was asked would mislead.
        Entries = ModelState.IsValid ? await contacts.TimelineAsync(PersonId, filter, Math.Clamp(pageNumber, 1, 10_000), ct) : new TimelinePage([], 1, false);
        if (Entries is null) return NotFound();
        return Page();
    }

    /// <summary>The error of a 'from' date after the 'to' date.</summary>
    public const string FromAfterTo = "The 'from' date must be on or before the 'to' date";

    // "d/m/yyyy" (or with '-', '.' or spaces) in a single query value named like the date, when the boxes are empty.
    private DateParts Boxes(DateParts parts, string name)
    {
        if (!parts.IsEmpty || Request.Query[name] is not [{ } typed]) return parts;
        var bits = typed.Split(['/', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return bits.Length == 3 ? new DateParts { Day = bits[0], Month = bits[1], Year = bits[2] } : new DateParts { Day = typed, Month = "", Year = "" };
    }
}
