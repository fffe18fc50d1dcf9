using Waymark.Instruments;
using Waymark.Screening;

namespace Waymark.Web.Pages.Screening;

/// <summary>
/// What a completed instrument's score says, in words, so a result never claims something that did not happen: an
/// instrument read from its answers (the Brief Jail Mental Health Screen refers on its items, it has no total) has
/// "no total score", which is different from a total that could not be worked out because too many items were left.
/// </summary>
public static class ScoreText
{
    /// <summary>The full wording, for the result page ("14 (prorated for unanswered questions)", "No total score: …").</summary>
    public static string Long(InstrumentCompletion c, InstrumentCatalogue catalogue) =>
        c.Total is { } t ? t + (c.Prorated ? " (prorated for unanswered questions)" : "")
        : HasNoTotal(c, catalogue) ? "No total score: this instrument is read from its answers (see the outcome)"
        : "Not calculated: too many questions unanswered";

    /// <summary>The short wording, for lists ("14 – Moderate", "No total", "Not calculated").</summary>
    public static string Short(InstrumentCompletion c, InstrumentCatalogue catalogue) =>
        (c.Total?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (HasNoTotal(c, catalogue) ? "No total" : "Not calculated"))
        + (c.Band is { } b ? $" – {b}" : "");

    /// <summary>Whether the instrument version that was completed has bands to put a total in.</summary>
    public static bool HasBands(InstrumentCompletion c, InstrumentCatalogue catalogue) =>
        c.Band is not null || catalogue.Find(c.InstrumentId, c.InstrumentVersion) is { Scoring.Bands.Length: > 0 };

    // An unknown version (a definition since removed) is treated as having a total: "Not calculated" claims less.
    private static bool HasNoTotal(InstrumentCompletion c, InstrumentCatalogue catalogue) =>
        catalogue.Find(c.InstrumentId, c.InstrumentVersion) is { Scoring.HasTotal: false };
}
