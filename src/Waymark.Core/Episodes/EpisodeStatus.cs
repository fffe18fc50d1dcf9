namespace Waymark.Episodes;

/// <summary>Derived from the who-and-when milestones of an episode; never stored.</summary>
public enum EpisodeStatus { Identified = 1, Screened = 2, Assessed = 3, InSupport = 4, Closed = 5 }

public static class EpisodeStatuses
{
    /// <summary>The one rule for status: the latest milestone reached, closure overriding all.</summary>
    public static EpisodeStatus Derive(DateTimeOffset? screenedAt, DateTimeOffset? assessedAt, DateTimeOffset? supportStartedAt, DateTimeOffset? closedAt) =>
        closedAt is not null ? EpisodeStatus.Closed
        : supportStartedAt is not null ? EpisodeStatus.InSupport
        : assessedAt is not null ? EpisodeStatus.Assessed
        : screenedAt is not null ? EpisodeStatus.Screened
        : EpisodeStatus.Identified;

    public static string Display(EpisodeStatus s) => s switch
    {
        EpisodeStatus.InSupport => "In support",
        _ => s.ToString(),
    };

    public static string TagColour(EpisodeStatus s) => s switch
    {
        EpisodeStatus.Identified => "nhsuk-tag--blue",
        EpisodeStatus.Screened => "nhsuk-tag--aqua-green",
        EpisodeStatus.Assessed => "nhsuk-tag--purple",
        EpisodeStatus.InSupport => "nhsuk-tag--green",
        _ => "nhsuk-tag--grey",
    };
}
