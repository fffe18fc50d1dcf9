using System.Globalization;

namespace Waymark.Episodes;

/// <summary>The rules of time-limited case management's planned ends (issue 13 item 4, docs/support.md).</summary>
public static class PlannedEnds
{
    /// <summary>The longest reason for a change (characters).</summary>
    public const int MaxReason = 500;

    /// <summary>The reason recorded when a planned end is set the first time without one.</summary>
    public const string FirstSetReason = "Set";

    /// <summary>How many days ahead "endings due" looks (planned ends from the past up to today + this).</summary>
    public const int DueWithinDays = 28;

    /// <summary>
    /// The default planned end: the UK date support started plus <paramref name="months"/> calendar months. A day the
    /// month lacks becomes its last day (31 August + 6 months = 28 or 29 February), as <see cref="DateOnly.AddMonths"/> does.
    /// </summary>
    /// <param name="supportStartedAt">When support started (an instant; its UK date counts).</param>
    /// <param name="months">The team's length of support, 1 or more.</param>
    public static DateOnly Default(DateTimeOffset supportStartedAt, int months) => UkTime.DateOf(supportStartedAt).AddMonths(months);

    /// <summary>"Default: 6 months from the start of support".</summary>
    public static string DefaultReason(int months) =>
        string.Create(CultureInfo.InvariantCulture, $"Default: {months} {(months == 1 ? "month" : "months")} from the start of support");

    /// <summary>
    /// How the changes read in brief, e.g. "extended twice", "extended once, brought forward once", or "" when the
    /// planned end has only been set. Extensions move it later, bringing forward earlier; setting and removing are neither.
    /// </summary>
    public static string Summary(IEnumerable<PlannedEndChange> changes)
    {
        var list = changes.ToList();
        var extended = list.Count(c => c is { From: { } f, To: { } t } && t > f);
        var forward = list.Count(c => c is { From: { } f, To: { } t } && t < f);
        var parts = new List<string>();
        if (extended > 0) parts.Add($"extended {Times(extended)}");
        if (forward > 0) parts.Add($"brought forward {Times(forward)}");
        return string.Join(", ", parts);
    }

    private static string Times(int n) => n switch { 1 => "once", 2 => "twice", _ => string.Create(CultureInfo.InvariantCulture, $"{n} times") };
}
