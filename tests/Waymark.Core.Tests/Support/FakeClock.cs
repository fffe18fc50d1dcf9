namespace Waymark.Core.Tests.Support;

/// <summary>A clock the test sets and moves by hand, so time-dependent rules are tested without waiting.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>A fixed "now" for tests that do not care which day it is: Monday 2 March 2026, 10:00 UTC.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public FakeClock() : this(DefaultStart) { }

    public DateTimeOffset Now { get; private set; } = start;

    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;

    public void Set(DateTimeOffset at) => Now = at;
}
