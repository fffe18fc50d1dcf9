using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.People;
using Waymark.ServiceDirectory;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Directory;

/// <summary>Find local services by need, place, age, "open now" and words.</summary>
[ShowsNoPersonData("Local services, not people.")]
public class IndexModel(DirectorySearch search, TimeProvider clock, DirectorySettings settings) : PageModel
{
    [BindProperty(SupportsGet = true)] public List<string> Need { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string? Place { get; set; }
    [BindProperty(SupportsGet = true)] public string? Age { get; set; }
    [BindProperty(SupportsGet = true)] public List<string> Open { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string? Text { get; set; }

    public Page<DirectoryHit>? Results { get; private set; }
    public List<SelectListItem> NeedItems { get; } = ServiceForm.NeedItems();
    public List<SelectListItem> OpenItems { get; } = [new("Open now", "now")];
    public DateTimeOffset Now { get; private set; }
    public TimeSpan StaleAfter => settings.StaleAfter;

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        Now = clock.GetUtcNow();
        if (Need.Count == 0 && string.IsNullOrWhiteSpace(Place) && string.IsNullOrWhiteSpace(Age) && Open.Count == 0 && string.IsNullOrWhiteSpace(Text)
            && !Request.Query.ContainsKey(nameof(Text)))
            return; // first visit: the form only

        if (Need.Any(n => !Waymark.Assessment.AssessmentDomains.IsKnown(n))) ModelState.AddModelError(nameof(Need), "Select needs from the list");
        var place = ServiceDirectory.Place.Parse(Place);
        if (!string.IsNullOrWhiteSpace(Place) && place is null)
            ModelState.AddModelError(nameof(Place), "Enter a postcode like NS1 4AB, a district like NS1 or an area like NS");
        int? age = null;
        if (!string.IsNullOrWhiteSpace(Age))
        {
            if (int.TryParse(Age.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a <= ServiceInput.MaxAge) age = a;
            else ModelState.AddModelError(nameof(Age), $"Age must be a whole number from 0 to {ServiceInput.MaxAge}");
        }
        if (Text is { Length: > 200 }) ModelState.AddModelError(nameof(Text), "Words to search for must be 200 characters or fewer");
        if (!ModelState.IsValid) return;

        var query = new DirectoryQuery { Needs = Need, Place = place, Age = age, OpenAt = Open.Contains("now") ? Now : null, Text = Text };
        Results = await search.SearchAsync(query, Math.Clamp(pageNumber, 1, 10_000), ct: ct);
    }
}
