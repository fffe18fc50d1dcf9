using Microsoft.AspNetCore.Mvc.Rendering;

namespace Waymark.Web.Forms;

/// <summary>Answer lists shared by more than one form, so they read the same everywhere.</summary>
public static class Choices
{
    /// <summary>Sex as recorded (NHS Data Dictionary "person stated gender code" values), in the order people are asked.</summary>
    public static List<SelectListItem> Sex() =>
        [new("Female", "Female"), new("Male", "Male"), new("Not specified", "NotSpecified"), new("Not known", "NotKnown")];
}
