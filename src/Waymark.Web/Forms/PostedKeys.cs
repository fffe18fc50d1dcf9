using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Waymark.Web.Forms;

/// <summary>
/// The one check for the keys of a bound collection (the domain of each row of the assessment, the user of each row
/// of the caseload limits, the item of each answer): an empty, unknown or repeated key is a form someone changed or
/// an out-of-date page, refused as a validation error in the NHS error summary rather than an exception.
/// </summary>
public static class PostedKeys
{
    /// <summary>The message shown in the error summary.</summary>
    public const string Message = "The form was changed or is out of date. Reload the page and try again.";

    /// <summary>
    /// Adds <see cref="Message"/> to the summary (key "") and returns false when any of <paramref name="keys"/> is
    /// null or blank, not accepted by <paramref name="known"/>, or appears more than once (ordinal comparison).
    /// </summary>
    /// <param name="modelState">The page's model state.</param>
    /// <param name="keys">The keys as posted, one per row.</param>
    /// <param name="known">Whether a (non-blank) key is one the form offered.</param>
    /// <param name="expectedCount">
    /// When given, the number of rows the form has (every row exactly once): fewer rows are refused too, so a form
    /// posted without its rows (or with them renumbered) cannot clear what they held.
    /// </param>
    public static bool Check(ModelStateDictionary modelState, IEnumerable<string?> keys, Func<string, bool> known, int? expectedCount = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
            if (string.IsNullOrWhiteSpace(key) || !known(key) || !seen.Add(key)) return Refuse(modelState);
        return expectedCount is { } n && seen.Count != n ? Refuse(modelState) : true;
    }

    private static bool Refuse(ModelStateDictionary modelState)
    {
        if (!modelState.TryGetValue("", out var entry) || entry.Errors.All(e => e.ErrorMessage != Message))
            modelState.AddModelError("", Message);
        return false;
    }
}
