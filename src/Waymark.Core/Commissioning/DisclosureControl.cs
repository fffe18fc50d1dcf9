using Waymark.Figures;

namespace Waymark.Commissioning;

/// <summary>
/// Statistical disclosure control for figures shown to commissioners, as NHS statistics publish them: counts of 1 to 4
/// shown as "*", other counts rounded to the nearest 5, and secondary suppression so a suppressed cell cannot be worked
/// out from the totals; percentages and measures made from suppressed counts are suppressed too. The rules and their
/// sources are in docs/dataset.md.
/// </summary>
public static class DisclosureControl
{
    /// <summary>A count table as a commissioner sees it.</summary>
    public static DisplayedTable Apply(CountTable table) => throw new NotImplementedException("Skeleton: the commissioning helper writes this.");

    /// <summary>A measure table as a commissioner sees it.</summary>
    public static DisplayedTable Apply(MeasureTable table) => throw new NotImplementedException("Skeleton: the commissioning helper writes this.");
}
