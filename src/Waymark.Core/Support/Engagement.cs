namespace Waymark.Support;

/// <summary>
/// The one rule of "not in touch" (issue 13, docs/support.md): an open episode is not in touch when its engagement
/// moment is more than the team's <see cref="SupportSettings.NotInTouchDays"/> ago. The engagement moment is the latest
/// of the episode's identification, its screening (<c>ScreenedAt</c>), its assessment (<c>AssessedAt</c>) and the
/// latest successful contact with its person by the team (reached, not in error, not superseded, not in the future).
/// Identification, screening and assessment count because each is done with the person (face to face, in custody or
/// at court), so a contact from an earlier episode cannot flag a person identified yesterday, and a person screened and
/// assessed last week is not "out of touch". Contacts after discharge count: they match on person and team, not episode.
/// </summary>
public static class Engagement
{
    /// <summary>Whether the episode is not in touch at <paramref name="now"/>.</summary>
    /// <param name="lastContact">The latest successful contact by the team, or null for none.</param>
    /// <param name="identifiedAt">When the episode's person was identified.</param>
    /// <param name="screenedAt">When the episode's screening was recorded, or null.</param>
    /// <param name="assessedAt">When the episode's assessment was recorded, or null.</param>
    /// <param name="days">The team's threshold in days (whole 24-hour days of elapsed time).</param>
    /// <param name="now">The current instant.</param>
    public static bool IsNotInTouch(DateTimeOffset? lastContact, DateTimeOffset identifiedAt, DateTimeOffset? screenedAt,
        DateTimeOffset? assessedAt, int days, DateTimeOffset now) =>
        LastSeen(lastContact, identifiedAt, screenedAt, assessedAt) < Threshold(days, now);

    /// <summary>
    /// The engagement moment: the latest of <paramref name="identifiedAt"/>, <paramref name="screenedAt"/>,
    /// <paramref name="assessedAt"/> and <paramref name="lastContact"/> (nulls ignored).
    /// </summary>
    public static DateTimeOffset LastSeen(DateTimeOffset? lastContact, DateTimeOffset identifiedAt, DateTimeOffset? screenedAt, DateTimeOffset? assessedAt)
    {
        var latest = identifiedAt;
        foreach (var t in new[] { screenedAt, assessedAt, lastContact })
            if (t is { } v && v > latest) latest = v;
        return latest;
    }

    /// <summary>
    /// The instant before which the engagement moment makes an episode not in touch: <paramref name="now"/> less
    /// <paramref name="days"/> days. Queries compare with it so the database applies the same rule.
    /// </summary>
    public static DateTimeOffset Threshold(int days, DateTimeOffset now) => now.AddDays(-days);
}
