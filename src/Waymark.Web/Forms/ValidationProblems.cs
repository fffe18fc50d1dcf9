using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Waymark.Web.Forms;

/// <summary>
/// Puts a service's <see cref="ValidationFailedException"/> on the form: every problem, each against the page's
/// own input, so the NHS error summary lists them all and links each to its field.
/// </summary>
public static class ValidationProblems
{
    /// <summary>Adds one model error per problem, in the order the service found them.</summary>
    /// <param name="modelState">The page's model state.</param>
    /// <param name="failure">What the service refused.</param>
    /// <param name="keyFor">
    /// The page's input key for a service field (e.g. "At" → "When"); "" puts the message in the summary only.
    /// Without it the service's field name is used as the key.
    /// </param>
    public static void AddProblems(this ModelStateDictionary modelState, ValidationFailedException failure, Func<string, string>? keyFor = null)
    {
        foreach (var problem in failure.Problems)
            modelState.AddModelError(keyFor is null ? problem.Field : keyFor(problem.Field), problem.Message);
    }

    /// <summary>
    /// Adds each problem whose input has no error yet, so every field shows one message: the first, usually the form's own
    /// (a date or time it could not read) before a service's rule about the same field.
    /// </summary>
    /// <param name="modelState">The page's model state.</param>
    /// <param name="problems">(field, message) pairs, e.g. from an input's <c>Validate</c> or a service's rules.</param>
    /// <param name="keyFor">
    /// The page's input key for a service field (e.g. "At" → "When"); without it the field name is used as the key.
    /// </param>
    /// <param name="saidElsewhere">
    /// True for a field already answered by an error on other inputs (an instant refused because its date, time or clock
    /// change was): its problem is left out.
    /// </param>
    public static void AddProblems(this ModelStateDictionary modelState, IEnumerable<(string Field, string Message)> problems,
        Func<string, string>? keyFor = null, Func<string, bool>? saidElsewhere = null)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var (field, message) in problems)
        {
            if (saidElsewhere is not null && saidElsewhere(field)) continue;
            var key = keyFor is null ? field : keyFor(field);
            if (!modelState.HasError(key)) modelState.AddModelError(key, message);
        }
    }

    /// <summary>Whether any of <paramref name="keys"/> already has an error on the form.</summary>
    public static bool HasError(this ModelStateDictionary modelState, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Any(key => modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0);
    }
}
