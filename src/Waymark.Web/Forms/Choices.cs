using Microsoft.AspNetCore.Mvc.Rendering;

namespace Waymark.Web.Forms;

/// <summary>Answer lists shared by more than one form, so they read the same everywhere.</summary>
public static class Choices
{
    /// <summary>Sex as recorded (NHS Data Dictionary "person stated gender code" values), in the order people are asked.</summary>
    public static List<SelectListItem> Sex() =>
        [new("Female", "Female"), new("Male", "Male"), new("Not specified", "NotSpecified"), new("Not known", "NotKnown")];

    /// <summary>The reasons a form offers for <paramref name="field"/> being empty (<see cref="Waymark.People.Absent.Allowed"/>), worded by <see cref="Waymark.People.Absent.Choice"/>.</summary>
    public static List<SelectListItem> Absences(Waymark.People.PersonField field) =>
        Waymark.People.Absent.Allowed(field).Select(a => new SelectListItem(Waymark.People.Absent.Choice(field, a), a.ToString())).ToList();

    /// <summary>The legend of the reasons for <paramref name="field"/>: "If you do not have their phone number, why not?".</summary>
    public static string AbsenceLegend(Waymark.People.PersonField field) =>
        $"If you do not have their {Waymark.People.PersonDetails.Describe(field)}, why not?";

    /// <summary>The hint under <see cref="AbsenceLegend"/>.</summary>
    public const string AbsenceHint = "Leave this if you entered it. Not answered is recorded as not asked.";

    /// <summary>
    /// Reads a posted reason for an empty detail: null when none was chosen; an error on <paramref name="key"/> when the
    /// posted text is not a reason at all (whether the detail allows it is <see cref="Waymark.People.PersonDetails.Validate"/>'s check).
    /// </summary>
    public static Waymark.People.Absence? Absence(string? posted, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary ms, string key, Waymark.People.PersonField field)
    {
        if (string.IsNullOrEmpty(posted)) return null;
        if (Enum<Waymark.People.Absence>(posted) is { } a) return a;
        ms.AddModelError(key, $"Choose why there is no {Waymark.People.PersonDetails.Describe(field)} from the list");
        return null;
    }

    /// <summary>
    /// The two meanings of a UK time that happened twice as the clocks went back (last Sunday of October, 01:00–01:59),
    /// values "BST" (the first) and "GMT" (the second), for <see cref="UkTime.ReadTyped"/>. Shown only when the
    /// typed time is ambiguous.
    /// </summary>
    /// <param name="time">The wall-clock time typed.</param>
    public static List<SelectListItem> ClockChange(TimeOnly time)
    {
        var t = time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return [new($"{t} BST (the first {t}, before the clocks went back)", "BST"), new($"{t} GMT (the second {t}, after the clocks went back)", "GMT")];
    }

    /// <summary>The question asked with <see cref="ClockChange"/>: "01:30 happened twice that night…".</summary>
    /// <param name="time">The wall-clock time typed.</param>
    public static string ClockChangeQuestion(TimeOnly time) =>
        $"{time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)} happened twice that night as the clocks went back. Which was it?";

    /// <summary>Parses a posted enum name; numbers and unknown names are refused (null).</summary>
    public static T? Enum<T>(string? posted) where T : struct, System.Enum =>
        !string.IsNullOrEmpty(posted) && !char.IsDigit(posted[0]) && !posted.StartsWith('-')
        && System.Enum.TryParse<T>(posted, out var v) && System.Enum.IsDefined(v) ? v : null;

    public static List<SelectListItem> Of<T>(Func<T, string> display) where T : struct, System.Enum =>
        System.Enum.GetValues<T>().Select(v => new SelectListItem(display(v), v.ToString())).ToList();
}
