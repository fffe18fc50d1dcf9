namespace Waymark.TestSupport;

/// <summary>A clock the test sets and moves by hand, so time-dependent rules are tested without waiting.</summary>
/// <param name="start">The clock's first "now".</param>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>A fixed "now" for tests that do not care which day it is: Monday 2 March 2026, 10:00 UTC.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A clock at <see cref="DefaultStart"/>.</summary>
    public FakeClock() : this(DefaultStart) { }

    /// <summary>The clock's current time.</summary>
    public DateTimeOffset Now { get; private set; } = start;

    /// <summary>The UTC date of <see cref="Now"/>.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Moves the clock on by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Now += by;

    /// <summary>Sets the clock to <paramref name="at"/>, forwards or back.</summary>
    public void Set(DateTimeOffset at) => Now = at;
}
