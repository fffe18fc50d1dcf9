using Microsoft.AspNetCore.Mvc.Rendering;

namespace Waymark.Web.Forms;

/// <summary>Answer lists shared by more than one form, so they read the same everywhere.</summary>
public static class Choices
{
    /// <summary>Sex as recorded (NHS Data Dictionary "person stated gender code" values), in the order people are asked.</summary>
    public static List<SelectListItem> Sex() =>
        [new("Female", "Female"), new("Male", "Male"), new("Not specified", "NotSpecified"), new("Not known", "NotKnown")];

    /// <summary>Parses a posted enum name; numbers and unknown names are refused (null).</summary>
    public static T? Enum<T>(string? posted) where T : struct, System.Enum =>
        !string.IsNullOrEmpty(posted) && !char.IsDigit(posted[0]) && !posted.StartsWith('-')
        && System.Enum.TryParse<T>(posted, out var v) && System.Enum.IsDefined(v) ? v : null;

    public static List<SelectListItem> Of<T>(Func<T, string> display) where T : struct, System.Enum =>
        System.Enum.GetValues<T>().Select(v => new SelectListItem(display(v), v.ToString())).ToList();
}
