namespace Waymark.Figures;

/// <summary>
/// What a set of figures covers: the teams (one for a team manager, the commissioned teams for a commissioner) and the
/// UK dates <see cref="From"/> to <see cref="To"/> inclusive, counted by calendar month. Sources read the database with
/// <c>IgnoreQueryFilters()</c> and <see cref="TeamIds"/> explicitly: team scoping would add other teams' history of the
/// people a team knows, and a commissioner acts for no one team. The caller (a page) decides which teams a user may see.
/// </summary>
public sealed record FigureScope(IReadOnlyList<Guid> TeamIds, DateOnly From, DateOnly To)
{
    /// <summary>The calendar months the period touches, in order (the first and last may be partial).</summary>
    public IReadOnlyList<Month> Months { get; } = Month.Between(From, To);

    /// <summary>00:00 UK time on <see cref="From"/>.</summary>
    public DateTimeOffset Start => UkTime.FromLocal(From, TimeOnly.MinValue);

    /// <summary>00:00 UK time on the day after <see cref="To"/> (exclusive).</summary>
    public DateTimeOffset End => UkTime.FromLocal(To.AddDays(1), TimeOnly.MinValue);

    /// <summary>
    /// The UTC instants at which each month of the period starts within it (the first is <see cref="Start"/>), for
    /// bucketing instants into months in SQL with a CASE or in memory after an aggregate query; the last entry is <see cref="End"/>.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> MonthBoundaries =>
        [Start, .. Months.Skip(1).Select(m => UkTime.FromLocal(m.FirstDay, TimeOnly.MinValue)), End];

    /// <summary>The month of the period an instant falls in (by UK date), or null outside it.</summary>
    public Month? MonthOf(DateTimeOffset instant)
    {
        if (instant < Start || instant >= End) return null;
        return Month.Of(UkTime.DateOf(instant));
    }
}
