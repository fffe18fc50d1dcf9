namespace Waymark.CrisisPlans;

/// <summary>A national crisis line every crisis plan shows.</summary>
/// <param name="Name">The service, e.g. "Samaritans".</param>
/// <param name="Contact">How to reach it, e.g. "116 123" or "Text SHOUT to 85258".</param>
/// <param name="When">When and how to use it, in plain words.</param>
/// <param name="Source">Where the number and its hours come from (the service's own page).</param>
public sealed record CrisisLine(string Name, string Contact, string When, string Source);

/// <summary>
/// The national crisis lines (England) shown on every crisis plan, its printed and easy-read copies and its texted
/// copy, after the person's own people and the team's out-of-hours number. Checked against each service's own page
/// (the <see cref="CrisisLine.Source"/>) in November 2026; change them here only.
/// </summary>
public static class CrisisLines
{
    /// <summary>Every line, in the order shown: the emergency number last, as the plan's last resort.</summary>
    public static IReadOnlyList<CrisisLine> All { get; } =
    [
        new("NHS 111", "111, then option 2", "For an urgent mental health crisis, in England. Free, 24 hours a day.",
            "https://www.nhs.uk/nhs-services/mental-health-services/where-to-get-urgent-help-for-mental-health/"),
        new("Samaritans", "116 123", "To talk about anything. Free, 24 hours a day, every day.", "https://www.samaritans.org/how-we-can-help/contact-samaritan/"),
        new("Shout", "Text SHOUT to 85258", "If you would rather text. Free, 24 hours a day.", "https://giveusashout.org/get-help/"),
        new("Emergency", "999", "If your life is at risk or you have seriously hurt yourself.", "https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-call-999/"),
    ];
}
