using Waymark.Support;

namespace Waymark.CrisisPlans;

/// <summary>One person who can help, as typed (every part may be empty: an empty row is ignored).</summary>
public sealed record CrisisContactInput(string? Name, string? Relationship, string? Phone)
{
    /// <summary>Whether nothing was typed in the row.</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Relationship) && string.IsNullOrWhiteSpace(Phone);

    /// <summary>
    /// The user confirmed this is not the "do not contact" member of the support network whose first name the typed name
    /// shares ("This is not Idris Demo-Sibling (do not contact)"); a full name or phone match is refused whatever this says.
    /// </summary>
    public bool NotDoNotContact { get; init; }
}

/// <summary>
/// A version of a crisis plan as typed. Each list section is free text, one item per line. <see cref="BasedOn"/> is the
/// number of the version the user started from (0 for a new plan): saving over a later version is a conflict.
/// </summary>
public sealed record CrisisPlanInput
{
    public string? WarningSigns { get; init; }
    public string? SelfHelp { get; init; }
    public string? HelpfulPeopleAndPlaces { get; init; }
    public IReadOnlyList<CrisisContactInput> Contacts { get; init; } = [];
    public string? OwnServices { get; init; }
    public string? SafeSurroundings { get; init; }
    public string? PracticalThings { get; init; }
    public string? WhoWasThere { get; init; }
    /// <summary>Whether the person agreed it; null when not answered.</summary>
    public bool? AgreedWithPerson { get; init; }
    /// <summary>The UK date they agreed it (needed when agreed).</summary>
    public DateOnly? AgreedOn { get; init; }
    /// <summary>The version the user started from; 0 for a new plan.</summary>
    public int BasedOn { get; init; }

    /// <summary>The list sections as (field, label) pairs, in the plan's order.</summary>
    public static IReadOnlyList<(string Field, string Label)> Sections { get; } =
    [
        (nameof(WarningSigns), "Warning signs and triggers"),
        (nameof(SelfHelp), "What I can do myself"),
        (nameof(HelpfulPeopleAndPlaces), "People and places that help"),
        (nameof(OwnServices), "My services and crisis lines"),
        (nameof(SafeSurroundings), "Making my surroundings safe"),
        (nameof(PracticalThings), "Practical things"),
    ];

    /// <summary>The typed text of the section named <paramref name="field"/> (one of <see cref="Sections"/>).</summary>
    public string? Section(string field) => field switch
    {
        nameof(WarningSigns) => WarningSigns,
        nameof(SelfHelp) => SelfHelp,
        nameof(HelpfulPeopleAndPlaces) => HelpfulPeopleAndPlaces,
        nameof(OwnServices) => OwnServices,
        nameof(SafeSurroundings) => SafeSurroundings,
        nameof(PracticalThings) => PracticalThings,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>
    /// Every problem of the input on its own, in the form's order (field names are this record's members; a crisis
    /// contact's are "Contacts[i].Name" and "Contacts[i].Phone"): each section at most <see cref="CrisisPlanText.MaxItems"/>
    /// lines of at most <see cref="CrisisPlanText.MaxLine"/> characters; warning signs and at least one way to get help
    /// (what I can do, people, services) needed; each person who can help with a name and a phone number; who was there
    /// needed (up to <see cref="CrisisPlanText.MaxWhoWasThere"/>); agreed yes or no, and the date when yes, not in the future.
    /// </summary>
    /// <param name="today">Today's UK date.</param>
    public IEnumerable<(string Field, string Message)> Validate(DateOnly today)
    {
        foreach (var (field, label) in Sections)
            if (CrisisPlanText.Problem(Section(field), label) is { } p) yield return (field, p);
        if (CrisisPlanText.Lines(WarningSigns).Count == 0)
            yield return (nameof(WarningSigns), "Enter at least one warning sign or trigger, in the person's own words");
        if (Contacts.Count > CrisisPlanText.MaxContacts)
            yield return (nameof(Contacts), $"Enter up to {CrisisPlanText.MaxContacts} people who can help");
        for (var i = 0; i < Contacts.Count; i++)
        {
            var c = Contacts[i];
            if (c.IsEmpty) continue;
            var n = i + 1;
            var name = CrisisPlanText.OneLine(c.Name);
            if (name.Length == 0) yield return ($"Contacts[{i}].Name", $"Enter the name of person {n} who can help");
            else if (name.Length > CrisisPlanText.MaxName) yield return ($"Contacts[{i}].Name", $"Name of person {n} must be {CrisisPlanText.MaxName} characters or fewer");
            if (CrisisPlanText.OneLine(c.Relationship).Length > CrisisPlanText.MaxName)
                yield return ($"Contacts[{i}].Relationship", $"Who person {n} is to them must be {CrisisPlanText.MaxName} characters or fewer");
            var phone = CrisisPlanText.OneLine(c.Phone);
            if (phone.Length == 0) yield return ($"Contacts[{i}].Phone", $"Enter a phone number for person {n} who can help");
            else if (PhoneNumbers.Problem(phone) is not null) yield return ($"Contacts[{i}].Phone", $"Enter a phone number for person {n}, like 07700 900 982");
        }
        if (CrisisPlanText.Lines(SelfHelp).Count == 0 && CrisisPlanText.Lines(HelpfulPeopleAndPlaces).Count == 0
            && CrisisPlanText.Lines(OwnServices).Count == 0 && Contacts.All(c => c.IsEmpty))
            yield return (nameof(SelfHelp), "Enter at least one thing the person can do, or someone or somewhere that helps");
        var who = CrisisPlanText.OneLine(WhoWasThere);
        if (who.Length == 0) yield return (nameof(WhoWasThere), "Enter who was there when the plan was made, for example the person and you");
        else if (who.Length > CrisisPlanText.MaxWhoWasThere) yield return (nameof(WhoWasThere), $"Who was there must be {CrisisPlanText.MaxWhoWasThere} characters or fewer");
        if (AgreedWithPerson is null) yield return (nameof(AgreedWithPerson), "Select yes if the person agreed this plan");
        else if (AgreedWithPerson == true)
        {
            if (AgreedOn is null) yield return (nameof(AgreedOn), "Enter the date the person agreed the plan");
            else if (AgreedOn > today) yield return (nameof(AgreedOn), "The date the person agreed the plan must be today or in the past");
        }
    }
}

/// <summary>The rules for the plan's free text: one item per line, short enough to read and to print.</summary>
public static class CrisisPlanText
{
    /// <summary>The most lines (items) a section holds: 20.</summary>
    public const int MaxItems = 20;
    /// <summary>The longest line (item): 300 characters.</summary>
    public const int MaxLine = 300;
    /// <summary>The most people who can help: 6.</summary>
    public const int MaxContacts = 6;
    /// <summary>The longest name or relationship of a person who can help: 100 characters.</summary>
    public const int MaxName = 100;
    /// <summary>The longest "who was there": 200 characters.</summary>
    public const int MaxWhoWasThere = 200;

    /// <summary>The non-empty lines of <paramref name="text"/>, trimmed, with runs of spaces and tabs made one space.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')
            .Select(OneLine).Where(l => l.Length > 0).ToList();

    /// <summary><paramref name="text"/> on one line, trimmed, every run of whitespace one space ("" for null).</summary>
    public static string OneLine(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What is stored for a section: its <see cref="Lines"/> joined by "\n".</summary>
    public static string Store(string? text) => string.Join('\n', Lines(text));

    /// <summary>Why the section <paramref name="label"/> cannot be saved, or null.</summary>
    public static string? Problem(string? text, string label)
    {
        var lines = Lines(text);
        if (lines.Count > MaxItems) return $"{label}: enter up to {MaxItems} lines";
        if (lines.Any(l => l.Length > MaxLine)) return $"{label}: each line must be {MaxLine} characters or fewer";
        return null;
    }
}
