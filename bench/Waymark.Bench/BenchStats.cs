/// <summary>Statistics shared by the benchmarks.</summary>
internal static class BenchStats
{
    /// <summary>
    /// The <paramref name="p"/> quantile (0-1, e.g. 0.95) of <paramref name="values"/> (milliseconds, in any order), by
    /// linear interpolation between the two nearest ranks. <paramref name="values"/> must not be empty.
    /// </summary>
    public static double Percentile(double[] values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    /// <summary>The database's name for a benchmark heading: "PostgreSQL" or "SQLite".</summary>
    public static string ProviderName(Waymark.Persistence.DatabaseProvider kind) =>
        kind == Waymark.Persistence.DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite";
}
