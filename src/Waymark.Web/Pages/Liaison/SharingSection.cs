namespace Waymark.Web.Pages.Liaison;

/// <summary>The model of the episode page's "Sharing with the criminal justice system" section (<c>_CriminalJusticeSharing.cshtml</c>).</summary>
/// <param name="EpisodeId">The episode shown.</param>
/// <param name="EpisodeChangeable">The episode is open and the user's team's (the page's own rule); links to record are shown only then.</param>
public sealed record SharingSection(Guid EpisodeId, bool EpisodeChangeable);
