namespace Waymark.Support;

/// <summary>
/// The one rule of "not in touch" (issue 13, docs/support.md): an open episode is not in touch when the latest
/// successful contact with its person by the team (reached, not in error, not superseded, not in the future) — or, when
/// there is none since, the episode's identification — is more than the team's <see cref="SupportSettings.NotInTouchDays"/>
/// ago. Contacts after discharge count: they match on person and team, not episode. Identification counts as contact
/// (someone met the person in custody or at court), so a contact from an earlier episode cannot flag a person identified
/// yesterday.
/// </summary>
public static class Engagement
{
    /// <summary>Whether the episode is not in touch at <paramref name="now"/>.</summary>
    /// <param name="lastContact">The latest successful contact by the team, or null for none.</param>
    /// <param name="identifiedAt">When the episode's person was identified (counts as the last contact when there is none).</param>
    /// <param name="days">The team's threshold in days (whole 24-hour days of elapsed time).</param>
    /// <param name="now">The current instant.</param>
    public static bool IsNotInTouch(DateTimeOffset? lastContact, DateTimeOffset identifiedAt, int days, DateTimeOffset now) =>
        (lastContact is { } last && last > identifiedAt ? last : identifiedAt) < Threshold(days, now);

    /// <summary>
    /// The instant before which the last contact (or identification) makes an episode not in touch: <paramref name="now"/>
    /// less <paramref name="days"/> days. Queries compare with it so the database applies the same rule.
    /// </summary>
    public static DateTimeOffset Threshold(int days, DateTimeOffset now) => now.AddDays(-days);
}
