using System.Net.Mail;
using Waymark.Assessment;
using Waymark.People;

namespace Waymark.ServiceDirectory;

public sealed record LocationInput(Guid? Id, string? Name, string? Address, string? Town, string? Postcode, double? Latitude = null, double? Longitude = null);

public sealed record OpeningInput(Guid? Id, DayOfWeek Day, TimeOnly Opens, TimeOnly Closes, bool DropIn);

public sealed record ContactInput(Guid? Id, string? Name, string? Role, string? Phone, string? Email, string? RelationshipNotes);

/// <summary>A new organisation typed in alongside its first service.</summary>
public sealed record OrganisationInput(Guid? Id, string? Name, string? Description = null, string? Website = null, string? Email = null, string? Phone = null);

/// <summary>
/// A directory entry as entered on the form or read from an import. Field keys of
/// <see cref="Validate"/> are the property names ("Locations[0].Postcode" for rows), so a form can
/// put each message by its field.
/// </summary>
public sealed record ServiceInput
{
    /// <summary>An organisation already in the team's directory.</summary>
    public Guid? OrganisationId { get; init; }
    /// <summary>Or a new one (also used by imports, which carry the organisation with each service).</summary>
    public OrganisationInput? NewOrganisation { get; init; }

    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Url { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public ServiceStatus Status { get; init; } = ServiceStatus.Active;
    public IReadOnlyList<string> Needs { get; init; } = [];
    public int? MinimumAge { get; init; }
    public int? MaximumAge { get; init; }
    public string? Eligibility { get; init; }
    public bool? AcceptsOffendingHistory { get; init; }
    public bool? AcceptsCoOccurringSubstanceUse { get; init; }
    public string? HowToRefer { get; init; }
    public string? ReferralRequirements { get; init; }
    public bool DropIn { get; init; }
    public string? DropInDetails { get; init; }
    public IReadOnlyList<LocationInput> Locations { get; init; } = [];
    /// <summary>Postcode districts ("NE1") or areas ("NE") covered.</summary>
    public IReadOnlyList<string> Areas { get; init; } = [];
    public IReadOnlyList<OpeningInput> OpeningTimes { get; init; } = [];
    public IReadOnlyList<ContactInput> Contacts { get; init; } = [];

    public const int MaxAge = 120;
    public const int MaxRows = 50;

    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (OrganisationId is null && string.IsNullOrWhiteSpace(NewOrganisation?.Name))
            yield return (nameof(OrganisationId), "Choose the organisation that runs the service, or enter a new one");
        if (NewOrganisation is { } org)
        {
            foreach (var e in Text("NewOrganisation.Name", org.Name, 300, "Organisation name")) yield return e;
            foreach (var e in Text("NewOrganisation.Description", org.Description, 4000, "Organisation description")) yield return e;
            if (!IsUrl(org.Website)) yield return ("NewOrganisation.Website", "Enter the organisation's website as a full address, like https://www.example.org");
            if (!IsEmail(org.Email)) yield return ("NewOrganisation.Email", "Enter the organisation's email address in the correct format, like name@example.org");
            if (!IsPhone(org.Phone)) yield return ("NewOrganisation.Phone", "Enter the organisation's phone number, like 01632 960 001");
        }
        if (string.IsNullOrWhiteSpace(Name)) yield return (nameof(Name), "Enter the name of the service");
        foreach (var e in Text(nameof(Name), Name, 300, "Service name")) yield return e;
        foreach (var e in Text(nameof(Description), Description, 4000, "Description")) yield return e;
        if (!IsUrl(Url)) yield return (nameof(Url), "Enter the website as a full address, like https://www.example.org");
        if (!IsEmail(Email)) yield return (nameof(Email), "Enter an email address in the correct format, like name@example.org");
        if (!IsPhone(Phone)) yield return (nameof(Phone), "Enter a phone number, like 01632 960 001");
        if (!Enum.IsDefined(Status)) yield return (nameof(Status), "Select the service's status");
        if (Needs.Count == 0) yield return (nameof(Needs), "Select at least one need the service meets");
        else if (Needs.FirstOrDefault(n => !AssessmentDomains.IsKnown(n)) is { } unknown)
            yield return (nameof(Needs), $"\"{Short(unknown)}\" is not one of the needs in the list");
        if (MinimumAge is < 0 or > MaxAge) yield return (nameof(MinimumAge), $"Youngest age must be a whole number from 0 to {MaxAge}");
        if (MaximumAge is < 0 or > MaxAge) yield return (nameof(MaximumAge), $"Oldest age must be a whole number from 0 to {MaxAge}");
        else if (MinimumAge is { } min && MaximumAge is { } max && min > max) yield return (nameof(MaximumAge), "Oldest age must be the same as or more than the youngest age");
        foreach (var e in Text(nameof(Eligibility), Eligibility, 4000, "Eligibility")) yield return e;
        foreach (var e in Text(nameof(HowToRefer), HowToRefer, 4000, "How to refer")) yield return e;
        foreach (var e in Text(nameof(ReferralRequirements), ReferralRequirements, 4000, "What a referral needs")) yield return e;
        foreach (var e in Text(nameof(DropInDetails), DropInDetails, 1000, "Drop-in details")) yield return e;

        if (Locations.Count > MaxRows) yield return (nameof(Locations), $"Enter up to {MaxRows} locations");
        for (var i = 0; i < Locations.Count && i < MaxRows; i++)
        {
            var l = Locations[i];
            var key = $"Locations[{i}]";
            if (string.IsNullOrWhiteSpace(l.Address)) yield return ($"{key}.Address", $"Location {i + 1}: enter the address");
            foreach (var e in Text($"{key}.Address", l.Address, 500, $"Location {i + 1}: address")) yield return e;
            foreach (var e in Text($"{key}.Name", l.Name, 300, $"Location {i + 1}: name")) yield return e;
            foreach (var e in Text($"{key}.Town", l.Town, 100, $"Location {i + 1}: town")) yield return e;
            if (string.IsNullOrWhiteSpace(l.Postcode)) yield return ($"{key}.Postcode", $"Location {i + 1}: enter the postcode");
            else if (!UkPostcode.IsValid(l.Postcode)) yield return ($"{key}.Postcode", $"Location {i + 1}: enter a real postcode, like NS1 4AB");
            if (l.Latitude is < -90 or > 90 || l.Longitude is < -180 or > 180) yield return ($"{key}.Address", $"Location {i + 1}: latitude and longitude are out of range");
        }
        if (Areas.Count > MaxRows) yield return (nameof(Areas), $"Enter up to {MaxRows} areas covered");
        else if (Areas.FirstOrDefault(a => Place.CoverageCode(a) is null) is { } bad)
            yield return (nameof(Areas), $"\"{Short(bad)}\" is not a postcode district or area; enter districts like NS1 or areas like NS, separated by commas");

        if (OpeningTimes.Count > MaxRows) yield return (nameof(OpeningTimes), $"Enter up to {MaxRows} opening sessions");
        for (var i = 0; i < OpeningTimes.Count && i < MaxRows; i++)
        {
            var o = OpeningTimes[i];
            if (!Enum.IsDefined(o.Day)) yield return ($"OpeningTimes[{i}].Day", $"Session {i + 1}: choose a day of the week");
            // A closing time before the opening time is the next morning (a night shelter 20:00–08:00): OpeningHours.
            else if (!OpeningHours.IsValid(o.Opens, o.Closes)) yield return ($"OpeningTimes[{i}].Closes", $"Session {i + 1} ({o.Day}): {OpeningHours.SameTimesProblem}");
        }

        if (Contacts.Count > MaxRows) yield return (nameof(Contacts), $"Enter up to {MaxRows} contacts");
        for (var i = 0; i < Contacts.Count && i < MaxRows; i++)
        {
            var c = Contacts[i];
            var key = $"Contacts[{i}]";
            if (string.IsNullOrWhiteSpace(c.Name)) yield return ($"{key}.Name", $"Contact {i + 1}: enter their name");
            foreach (var e in Text($"{key}.Name", c.Name, 200, $"Contact {i + 1}: name")) yield return e;
            foreach (var e in Text($"{key}.Role", c.Role, 200, $"Contact {i + 1}: role")) yield return e;
            if (!IsPhone(c.Phone)) yield return ($"{key}.Phone", $"Contact {i + 1}: enter a phone number, like 01632 960 001");
            if (!IsEmail(c.Email)) yield return ($"{key}.Email", $"Contact {i + 1}: enter an email address in the correct format, like name@example.org");
            foreach (var e in Text($"{key}.RelationshipNotes", c.RelationshipNotes, 2000, $"Contact {i + 1}: notes")) yield return e;
        }
    }

    private static IEnumerable<(string, string)> Text(string field, string? value, int max, string label)
    {
        if (value is { } v && v.Trim().Length > max) yield return (field, $"{label} must be {max:N0} characters or fewer");
    }

    internal static bool IsUrl(string? s) => string.IsNullOrWhiteSpace(s)
        || (s.Trim().Length <= 500 && Uri.TryCreate(s.Trim(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && u.Host.Contains('.', StringComparison.Ordinal));

    internal static bool IsEmail(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return true;
        var e = s.Trim();
        return e.Length <= 254 && MailAddress.TryCreate(e, out var parsed) && parsed.Address == e && e[(e.IndexOf('@', StringComparison.Ordinal) + 1)..].Contains('.', StringComparison.Ordinal);
    }

    internal static bool IsPhone(string? s) => string.IsNullOrWhiteSpace(s)
        || (s.Trim().Length <= 50 && s.Count(char.IsAsciiDigit) >= 10 && s.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')'));

    private static string Short(string s) => s.Length > 30 ? s[..30] + "…" : s;
}
