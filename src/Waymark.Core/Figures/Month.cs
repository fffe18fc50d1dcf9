using System.Globalization;

namespace Waymark.Figures;

/// <summary>A calendar month, the column of every figure (UK local dates: a month runs from 00:00 UK time on its first day).</summary>
public readonly record struct Month(int Year, int Number) : IComparable<Month>
{
    /// <summary>The month <paramref name="date"/> falls in.</summary>
    public static Month Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>The first day of the month.</summary>
    public DateOnly FirstDay => new(Year, Number, 1);

    /// <summary>The last day of the month.</summary>
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    /// <summary>The month after this one.</summary>
    public Month Next => Of(FirstDay.AddMonths(1));

    /// <summary>"2026-11": the dataset's and the address's form.</summary>
    public string Code => $"{Year:D4}-{Number:D2}";

    /// <summary>"Nov 2026": a column heading.</summary>
    public string Label => FirstDay.ToString("MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>Reads <see cref="Code"/> ("2026-11"); null when it is not one.</summary>
    public static Month? Parse(string? code) =>
        DateOnly.TryParseExact(code + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Of(d) : null;

    /// <summary>The months from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>, in order.</summary>
    public static IReadOnlyList<Month> Between(DateOnly from, DateOnly to)
    {
        var months = new List<Month>();
        for (var m = Of(from); m.CompareTo(Of(to)) <= 0; m = m.Next) months.Add(m);
        return months;
    }

    /// <inheritdoc />
    public int CompareTo(Month other) => Year != other.Year ? Year.CompareTo(other.Year) : Number.CompareTo(other.Number);

    /// <inheritdoc />
    public override string ToString() => Code;
}
