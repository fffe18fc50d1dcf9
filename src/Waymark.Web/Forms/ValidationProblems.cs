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
}
