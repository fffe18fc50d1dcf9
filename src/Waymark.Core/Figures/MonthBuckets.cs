using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Waymark.Figures;

/// <summary>One row of an aggregate query by month: the month's index in <see cref="FigureScope.Months"/>, a coded key, and a count.</summary>
/// <typeparam name="TKey">The coded category (an enum, a code string).</typeparam>
public sealed class MonthCount<TKey>
{
    /// <summary>The index of the month in <see cref="FigureScope.Months"/> (0 for the first).</summary>
    public int Month { get; set; }
    /// <summary>The category.</summary>
    public TKey Key { get; set; } = default!;
    /// <summary>How many records.</summary>
    public long Count { get; set; }
}

/// <summary>A record projected for grouping: its month index and its key (an intermediate of <see cref="MonthBuckets"/>).</summary>
/// <typeparam name="TKey">The coded category.</typeparam>
public sealed class MonthKeyed<TKey>
{
    /// <summary>The index of the month in <see cref="FigureScope.Months"/>.</summary>
    public int Month { get; set; }
    /// <summary>The category.</summary>
    public TKey Key { get; set; } = default!;
}

/// <summary>
/// Counting by month in the database (docs/figures.md): the period's records are filtered by an instant (or a UK
/// date) and each is given its month by a CASE over <see cref="FigureScope.MonthBoundaries"/>, so a GROUP BY returns one
/// small row per (month, category) and no record is loaded. The same SQL runs on SQLite and PostgreSQL (instants compare
/// as stored; on SQLite as the binary number the context converts them to).
/// </summary>
public static class MonthBuckets
{
    /// <summary>
    /// Counts <paramref name="source"/>'s records whose <paramref name="at"/> falls in the scope's period, by month and
    /// <paramref name="key"/>, in one GROUP BY query.
    /// </summary>
    /// <param name="source">The records, already limited to the scope's teams.</param>
    /// <param name="scope">The period.</param>
    /// <param name="at">The instant that places a record in a month (UK months, from <see cref="FigureScope.MonthBoundaries"/>).</param>
    /// <param name="key">The coded category; must translate to SQL.</param>
    /// <param name="ct">Cancels the query.</param>
    public static async Task<IReadOnlyList<MonthCount<TKey>>> CountAsync<T, TKey>(IQueryable<T> source, FigureScope scope,
        Expression<Func<T, DateTimeOffset>> at, Expression<Func<T, TKey>> key, CancellationToken ct)
    {
        var inPeriod = InPeriod(at, scope.MonthBoundaries);
        return await source.Where(inPeriod).Select(Keyed(at, scope.MonthBoundaries, key))
            .GroupBy(x => new { x.Month, x.Key })
            .Select(g => new MonthCount<TKey> { Month = g.Key.Month, Key = g.Key.Key, Count = g.LongCount() })
            .ToListAsync(ct);
    }

    /// <summary>As <see cref="CountAsync{T,TKey}(IQueryable{T},FigureScope,Expression{Func{T,DateTimeOffset}},Expression{Func{T,TKey}},CancellationToken)"/> for a UK date column (the scope's first day to its last, inclusive).</summary>
    public static async Task<IReadOnlyList<MonthCount<TKey>>> CountByDayAsync<T, TKey>(IQueryable<T> source, FigureScope scope,
        Expression<Func<T, DateOnly>> on, Expression<Func<T, TKey>> key, CancellationToken ct)
    {
        IReadOnlyList<DateOnly> boundaries = [scope.From, .. scope.Months.Skip(1).Select(m => m.FirstDay), scope.To.AddDays(1)];
        return await source.Where(InPeriod(on, boundaries)).Select(Keyed(on, boundaries, key))
            .GroupBy(x => new { x.Month, x.Key })
            .Select(g => new MonthCount<TKey> { Month = g.Key.Month, Key = g.Key.Key, Count = g.LongCount() })
            .ToListAsync(ct);
    }

    /// <summary><c>x =&gt; at(x) &gt;= first &amp;&amp; at(x) &lt; last</c>.</summary>
    public static Expression<Func<T, bool>> InPeriod<T, TDate>(Expression<Func<T, TDate>> at, IReadOnlyList<TDate> boundaries)
    {
        var body = at.Body;
        var test = Expression.AndAlso(
            Expression.GreaterThanOrEqual(body, Expression.Constant(boundaries[0], typeof(TDate))),
            Expression.LessThan(body, Expression.Constant(boundaries[^1], typeof(TDate))));
        return Expression.Lambda<Func<T, bool>>(test, at.Parameters);
    }

    /// <summary>The month index of <paramref name="at"/>: <c>CASE WHEN at &lt; b1 THEN 0 WHEN at &lt; b2 THEN 1 … ELSE n-1 END</c> (for records already in the period).</summary>
    public static Expression MonthIndex<TDate>(Expression at, IReadOnlyList<TDate> boundaries)
    {
        var months = boundaries.Count - 1;
        Expression result = Expression.Constant(months - 1);
        for (var i = months - 2; i >= 0; i--)
            result = Expression.Condition(Expression.LessThan(at, Expression.Constant(boundaries[i + 1], typeof(TDate))), Expression.Constant(i), result);
        return result;
    }

    private static Expression<Func<T, MonthKeyed<TKey>>> Keyed<T, TDate, TKey>(Expression<Func<T, TDate>> at, IReadOnlyList<TDate> boundaries, Expression<Func<T, TKey>> key)
    {
        var p = at.Parameters[0];
        var keyBody = ReplacingExpressionVisitor.Replace(key.Parameters[0], p, key.Body);
        var init = Expression.MemberInit(Expression.New(typeof(MonthKeyed<TKey>)),
            Expression.Bind(typeof(MonthKeyed<TKey>).GetProperty(nameof(MonthKeyed<TKey>.Month))!, MonthIndex(at.Body, boundaries)),
            Expression.Bind(typeof(MonthKeyed<TKey>).GetProperty(nameof(MonthKeyed<TKey>.Key))!, keyBody));
        return Expression.Lambda<Func<T, MonthKeyed<TKey>>>(init, p);
    }

    /// <summary>The cells of a count table from month counts, each key turned into its row's words.</summary>
    public static IEnumerable<(string Row, Month Month, long Count)> Cells<TKey>(IEnumerable<MonthCount<TKey>> counts, FigureScope scope, Func<TKey, string> row) =>
        counts.Select(c => (row(c.Key), scope.Months[c.Month], c.Count));
}
