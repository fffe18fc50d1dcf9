using Microsoft.AspNetCore.Mvc.Rendering;

namespace Waymark.Web.Forms;

/// <summary>Answer lists shared by more than one form, so they read the same everywhere.</summary>
public static class Choices
{
    /// <summary>Sex as recorded (NHS Data Dictionary "person stated gender code" values), in the order people are asked.</summary>
    public static List<SelectListItem> Sex() =>
        [new("Female", "Female"), new("Male", "Male"), new("Not specified", "NotSpecified"), new("Not known", "NotKnown")];

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
