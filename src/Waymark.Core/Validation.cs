namespace Waymark;

/// <summary>One thing wrong with what was entered.</summary>
/// <param name="Field">The input's member as the service names it (e.g. "At", "Needs[housing].Severity"); a form maps it to its own key.</param>
/// <param name="Message">What to tell the user, as shown in the error summary.</param>
public sealed record ValidationProblem(string Field, string Message);

/// <summary>
/// What was entered cannot be saved. <see cref="Problems"/> lists every problem found, not just the first,
/// so a form can show them all at once. Nothing has been written.
/// </summary>
/// <remarks>
/// An <see cref="ArgumentException"/> because that is what it is: the caller's arguments break the rules.
/// The message joins the problems' messages; read <see cref="Problems"/> rather than parsing it.
/// </remarks>
public class ValidationFailedException : ArgumentException
{
    /// <param name="problems">At least one problem.</param>
    /// <exception cref="ArgumentException"><paramref name="problems"/> is empty.</exception>
    public ValidationFailedException(IEnumerable<ValidationProblem> problems)
        : this(problems.ToList().AsReadOnly())
    {
    }

    private ValidationFailedException(IReadOnlyList<ValidationProblem> problems) : base(Describe(problems)) => Problems = problems;

    private static string Describe(IReadOnlyList<ValidationProblem> problems) => problems.Count > 0
        ? string.Join(" ", problems.Select(p => p.Message))
        : throw new ArgumentException("A validation failure needs at least one problem.", nameof(problems));

    /// <summary>Every problem found, in the order the input's checks found them.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>The one problem with <paramref name="field"/>.</summary>
    /// <param name="field">The input's member, as in <see cref="ValidationProblem.Field"/>.</param>
    /// <param name="message">What to tell the user.</param>
    public static ValidationFailedException For(string field, string message) => new([new ValidationProblem(field, message)]);

    /// <summary>Throws if <paramref name="problems"/> has any, reporting all of them.</summary>
    /// <param name="problems">(field, message) pairs, as the inputs' Validate methods yield them.</param>
    /// <exception cref="ValidationFailedException">There was at least one problem.</exception>
    public static void ThrowIfAny(IEnumerable<(string Field, string Message)> problems)
    {
        var list = problems.Select(p => new ValidationProblem(p.Field, p.Message)).ToList();
        if (list.Count > 0) throw new ValidationFailedException(list);
    }
}
