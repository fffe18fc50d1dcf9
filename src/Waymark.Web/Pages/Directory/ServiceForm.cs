using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Assessment;
using Waymark.ServiceDirectory;
using Waymark.Web.Forms;

namespace Waymark.Web.Pages.Directory;

/// <summary>The service form as typed: text everywhere, so nothing typed is lost when the form comes back with errors.</summary>
public class ServiceForm
{
    public const string NewOrganisation = "new";

    public string? Version { get; set; }
    public string? OrganisationId { get; set; }
    public string? NewOrganisationName { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Status { get; set; } = nameof(ServiceStatus.Active);
    public string? Url { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public List<string> Needs { get; set; } = [];
    public string? MinimumAge { get; set; }
    public string? MaximumAge { get; set; }
    public string? Eligibility { get; set; }
    public string? AcceptsOffendingHistory { get; set; } = "unknown";
    public string? AcceptsSubstanceUse { get; set; } = "unknown";
    public string? HowToRefer { get; set; }
    public string? ReferralRequirements { get; set; }
    public bool DropIn { get; set; }
    public string? DropInDetails { get; set; }
    public List<LocationRow> Locations { get; set; } = [];
    public string? Areas { get; set; }
    public List<SessionRow> Sessions { get; set; } = [];
    public List<ContactRow> Contacts { get; set; } = [];

    public class LocationRow
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Address { get; set; }
        public string? Town { get; set; }
        public string? Postcode { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Address) && string.IsNullOrWhiteSpace(Town) && string.IsNullOrWhiteSpace(Postcode);
    }

    public class SessionRow
    {
        public string? Id { get; set; }
        public string? Day { get; set; }
        public string? Opens { get; set; }
        public string? Closes { get; set; }
        public bool DropIn { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Opens) && string.IsNullOrWhiteSpace(Closes);
    }

    public class ContactRow
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Role { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? RelationshipNotes { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Role) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(RelationshipNotes);
    }

    public static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static List<SelectListItem> NeedItems() => AssessmentDomains.All.Select(d => new SelectListItem(d.Name, d.Code)).ToList();

    public static List<SelectListItem> DayItems() => [new("Choose a day", ""), .. Week.Select(d => new SelectListItem(d.ToString(), d.ToString()))];

    public static List<SelectListItem> StatusItems() =>
        [new("Active", nameof(ServiceStatus.Active)), new("Temporarily closed", nameof(ServiceStatus.TemporarilyClosed)), new("Inactive", nameof(ServiceStatus.Inactive)), new("Closed for good", nameof(ServiceStatus.Defunct))];

    public static readonly IReadOnlyList<SelectListItem> DropInItems = [new("People can drop in without an appointment", "true")];
    public static readonly IReadOnlyList<SelectListItem> SessionDropInItems = [new("This is a drop-in session", "true")];

    public static List<SelectListItem> YesNoItems() => [new("Yes", "yes"), new("No", "no"), new("Not known", "unknown")];

    public static ServiceForm From(LocalService s) => new()
    {
        Version = s.Version.ToString(),
        OrganisationId = s.OrganisationId.ToString(),
        Name = s.Name, Description = s.Description, Status = s.Status.ToString(), Url = s.Url, Email = s.Email, Phone = s.Phone,
        Needs = AssessmentDomains.InListingOrder(s.Needs.Select(n => n.Domain)).ToList(),
        MinimumAge = s.MinimumAge?.ToString(CultureInfo.InvariantCulture), MaximumAge = s.MaximumAge?.ToString(CultureInfo.InvariantCulture),
        Eligibility = s.Eligibility, AcceptsOffendingHistory = YesNo(s.AcceptsOffendingHistory), AcceptsSubstanceUse = YesNo(s.AcceptsCoOccurringSubstanceUse),
        HowToRefer = s.HowToRefer, ReferralRequirements = s.ReferralRequirements, DropIn = s.DropIn, DropInDetails = s.DropInDetails,
        Locations = s.Locations.OrderBy(l => l.Postcode, StringComparer.Ordinal).Select(l => new LocationRow { Id = l.Id.ToString(), Name = l.Name, Address = l.Address, Town = l.Town, Postcode = l.Postcode }).ToList(),
        Areas = string.Join(", ", s.Areas.Select(a => a.District).Order(StringComparer.Ordinal)),
        Sessions = s.OpeningTimes.OrderBy(o => Array.IndexOf(Week, o.Day)).ThenBy(o => o.Opens)
            .Select(o => new SessionRow { Id = o.Id.ToString(), Day = o.Day.ToString(), Opens = o.Opens.ToString("HH:mm", CultureInfo.InvariantCulture), Closes = o.Closes.ToString("HH:mm", CultureInfo.InvariantCulture), DropIn = o.DropIn }).ToList(),
        Contacts = s.Contacts.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new ContactRow { Id = c.Id.ToString(), Name = c.Name, Role = c.Role, Phone = c.Phone, Email = c.Email, RelationshipNotes = c.RelationshipNotes }).ToList(),
    };

    /// <summary>Room to add one more location and contact, and two more sessions, without JavaScript.</summary>
    public void AddBlankRows()
    {
        if (Locations.Count == 0 || !Locations[^1].IsBlank) Locations.Add(new LocationRow());
        while (Sessions.Count(s => s.IsBlank) < 2) Sessions.Add(new SessionRow());
        if (Contacts.Count == 0 || !Contacts[^1].IsBlank) Contacts.Add(new ContactRow());
    }

    private static string YesNo(bool? b) => b switch { true => "yes", false => "no", _ => "unknown" };

    /// <summary>
    /// The ids of the rows (locations, sessions, contacts) the service being changed has, as text; empty for a new
    /// service. Set by the page before <see cref="ToInput"/>; never bound.
    /// </summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public IReadOnlySet<string> KnownRowIds { get; set; } = new HashSet<string>();

    /// <summary>Reads the typed text into an input, adding an error for whatever cannot be read. Blank rows are ignored.</summary>
    public ServiceInput ToInput(ModelStateDictionary ms, string prefix)
    {
        Guid? orgId = null;
        OrganisationInput? newOrg = null;
        if (OrganisationId == NewOrganisation || string.IsNullOrEmpty(OrganisationId))
            newOrg = string.IsNullOrWhiteSpace(NewOrganisationName) ? null : new OrganisationInput(null, NewOrganisationName);
        else if (Guid.TryParse(OrganisationId, out var g)) orgId = g;
        else ms.AddModelError($"{prefix}.OrganisationId", "Choose an organisation from the list");
        if (OrganisationId == NewOrganisation && newOrg is null) ms.AddModelError($"{prefix}.NewOrganisationName", "Enter the name of the new organisation");

        var status = Choices.Enum<ServiceStatus>(Status);
        if (status is null) ms.AddModelError($"{prefix}.Status", "Select the service's status");
        int? Age(string field, string? text, string label)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= ServiceInput.MaxAge) return n;
            ms.AddModelError($"{prefix}.{field}", $"{label} must be a whole number from 0 to {ServiceInput.MaxAge}");
            return -1;
        }
        bool? Answer(string field, string? text, string question)
        {
            switch (text)
            {
                case "yes": return true;
                case "no": return false;
                case "unknown" or null or "": return null;
                default: ms.AddModelError($"{prefix}.{field}", $"Select whether {question}"); return null;
            }
        }
        var min = Age(nameof(MinimumAge), MinimumAge, "Youngest age");
        var max = Age(nameof(MaximumAge), MaximumAge, "Oldest age");

        // A row's id (a hidden field) is empty for a new row, else one of the service's own rows; each of them exactly
        // once (a row is removed by blanking it, which keeps its id), so a form posted without its rows, or with
        // them renumbered, cannot delete them.
        PostedKeys.Check(ms, Locations.Select(r => r.Id).Concat(Sessions.Select(r => r.Id)).Concat(Contacts.Select(r => r.Id))
            .Where(id => !string.IsNullOrEmpty(id)), KnownRowIds.Contains, KnownRowIds.Count);
        var locations = new List<LocationInput>();
        foreach (var (row, i) in Locations.Select((r, i) => (r, i)).Where(x => !x.r.IsBlank))
            locations.Add(new LocationInput(Guid.TryParse(row.Id, out var lid) ? lid : null, row.Name, row.Address, row.Town, row.Postcode));

        var sessions = new List<OpeningInput>();
        for (var i = 0; i < Sessions.Count; i++)
        {
            var row = Sessions[i];
            if (row.IsBlank) continue;
            var key = $"{prefix}.Sessions[{i}]";
            var day = Choices.Enum<DayOfWeek>(row.Day);
            if (day is null) ms.AddModelError($"{key}.Day", $"Session {i + 1}: choose a day");
            var opens = Time(row.Opens);
            var closes = Time(row.Closes);
            if (opens is null) ms.AddModelError($"{key}.Opens", $"Session {i + 1}: enter the opening time in 24-hour clock, like 09:00");
            if (closes is null) ms.AddModelError($"{key}.Closes", $"Session {i + 1}: enter the closing time in 24-hour clock, like 17:30");
            if (day is { } d && opens is { } o && closes is { } c)
                sessions.Add(new OpeningInput(Guid.TryParse(row.Id, out var sid) ? sid : null, d, o, c, row.DropIn));
        }
        var contacts = Contacts.Where(c => !c.IsBlank)
            .Select(c => new ContactInput(Guid.TryParse(c.Id, out var cid) ? cid : null, c.Name, c.Role, c.Phone, c.Email, c.RelationshipNotes)).ToList();

        return new ServiceInput
        {
            OrganisationId = orgId, NewOrganisation = newOrg,
            Name = Name, Description = Description, Url = Url, Email = Email, Phone = Phone, Status = status ?? ServiceStatus.Active,
            Needs = Needs, MinimumAge = min, MaximumAge = max, Eligibility = Eligibility,
            AcceptsOffendingHistory = Answer(nameof(AcceptsOffendingHistory), AcceptsOffendingHistory, "the service takes people with an offending history"),
            AcceptsCoOccurringSubstanceUse = Answer(nameof(AcceptsSubstanceUse), AcceptsSubstanceUse, "the service takes people who use drugs or alcohol"),
            HowToRefer = HowToRefer, ReferralRequirements = ReferralRequirements, DropIn = DropIn, DropInDetails = DropInDetails,
            Locations = locations,
            Areas = (Areas ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            OpeningTimes = sessions, Contacts = contacts,
        };
    }

    /// <summary>Where Core's field names sit on this form. Rows with blanks skipped are renumbered back to their form rows.</summary>
    public string KeyFor(string field, string prefix)
    {
        static (string Head, int Index, string Tail)? Row(string f)
        {
            var open = f.IndexOf('[', StringComparison.Ordinal);
            var close = f.IndexOf(']', StringComparison.Ordinal);
            return open > 0 && close > open && int.TryParse(f[(open + 1)..close], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? (f[..open], i, f[(close + 1)..]) : null;
        }
        if (Row(field) is { } r)
        {
            int FormRow<T>(List<T> rows, Func<T, bool> blank) => rows.Select((x, i) => (x, i)).Where(x => !blank(x.x)).Select(x => x.i).ElementAtOrDefault(r.Index);
            return r.Head switch
            {
                "Locations" => $"{prefix}.Locations[{FormRow(Locations, l => l.IsBlank)}]{r.Tail}",
                "OpeningTimes" => $"{prefix}.Sessions[{FormRow(Sessions, s => s.IsBlank)}]{r.Tail}",
                "Contacts" => $"{prefix}.Contacts[{FormRow(Contacts, c => c.IsBlank)}]{r.Tail}",
                _ => $"{prefix}.{field}",
            };
        }
        return field switch
        {
            "" => "",
            nameof(ServiceInput.OrganisationId) => OrganisationId == NewOrganisation ? $"{prefix}.NewOrganisationName" : $"{prefix}.OrganisationId",
            "NewOrganisation.Name" => $"{prefix}.NewOrganisationName",
            nameof(ServiceInput.AcceptsCoOccurringSubstanceUse) => $"{prefix}.AcceptsSubstanceUse",
            _ when field.StartsWith("NewOrganisation.", StringComparison.Ordinal) => $"{prefix}.NewOrganisationName",
            _ => $"{prefix}.{field}",
        };
    }

    private static TimeOnly? Time(string? s) =>
        s is not null && TimeOnly.TryParseExact(s.Trim().Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
