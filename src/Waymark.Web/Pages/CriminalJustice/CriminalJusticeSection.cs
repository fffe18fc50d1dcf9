using Waymark.CriminalJustice;

namespace Waymark.Web.Pages.CriminalJustice;

/// <summary>What the episode page's "Criminal justice" section (<c>_CriminalJustice.cshtml</c>) shows.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="Events">One page of its events, newest first, and its clocks.</param>
/// <param name="CanRecord">Whether this user may record events on it (open, their team, <see cref="Waymark.Access.Permission.Refer"/>).</param>
/// <param name="Today">Today's UK date, for the clocks' states.</param>
public sealed record CriminalJusticeSection(Guid EpisodeId, EventPage Events, bool CanRecord, DateOnly Today)
{
    /// <summary>The query parameter that pages the section: "cjs".</summary>
    public const string PageParameter = "cjs";
}
