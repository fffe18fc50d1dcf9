namespace Waymark.Core.Tests.Unit;

public class ValidationFailedTests
{
    [Fact]
    public void Every_problem_is_kept_in_order_and_the_message_reads_them_all()
    {
        var e = Assert.Throws<ValidationFailedException>(() =>
            ValidationFailedException.ThrowIfAny([("Step", "Select what happened"), ("Note", "Note must be 2,000 characters or fewer")]));
        Assert.Equal([new ValidationProblem("Step", "Select what happened"), new ValidationProblem("Note", "Note must be 2,000 characters or fewer")], e.Problems);
        Assert.Equal("Select what happened Note must be 2,000 characters or fewer", e.Message);
        Assert.Null(e.ParamName); // nothing for a page to parse: the problems are the contract
    }

    [Fact]
    public void No_problems_throw_nothing_and_a_failure_needs_at_least_one()
    {
        ValidationFailedException.ThrowIfAny([]);
        Assert.Throws<ArgumentException>(() => new ValidationFailedException([]));
        Assert.Equal(new ValidationProblem("on", "Enter when it happened"), Assert.Single(ValidationFailedException.For("on", "Enter when it happened").Problems));
    }
}
