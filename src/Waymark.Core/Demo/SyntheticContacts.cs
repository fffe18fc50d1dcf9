using Waymark.Contacts;
using Waymark.Episodes;

namespace Waymark.Demo;

/// <summary>
/// Contacts for the demo team's open episodes with a key worker (someone keeps in touch with each), so the person and
/// episode pages, the timeline and "not in touch" look as a working team's would on first run: phone calls (some not answered), face-to-face meetings, a
/// text, going with someone to the housing office, spread over recent weeks (never before the episode began, never in the
/// future); and for the longest-running episode nothing successful for over 30 days, only unanswered calls since, so it
/// shows as not in touch. Synthetic, invented notes only.
/// </summary>
public static class SyntheticContacts
{
    private static readonly (ContactKind Kind, bool Reached, int DaysAgo, int? Minutes, string? WithWhom, string Note)[] Pattern =
    [
        (ContactKind.Telephone, false, 20, null, null, "No answer, left a voicemail asking them to call back."),
        (ContactKind.Telephone, true, 18, 15, null, "Talked through the housing options appointment next week. Agreed to meet at the library first."),
        (ContactKind.AccompaniedToAppointment, true, 12, 90, "Housing officer", "Went with them to the housing options office. Application made; decision expected within 10 working days."),
        (ContactKind.TextMessage, true, 6, null, null, "Reminder of the GP appointment sent; they replied to say they will go."),
        (ContactKind.FaceToFace, true, 3, 45, null, "Met at the library. Mood better since moving to the hostel. Plan reviewed."),
        (ContactKind.Telephone, false, 1, null, null, "Phone switched off."),
    ];

    /// <summary>The contacts to add for <paramref name="episodes"/>: open episodes of the demo team with a key worker.</summary>
    /// <param name="episodes">Open, allocated episodes of the demo team, in a stable order.</param>
    /// <param name="now">The seeding instant.</param>
    public static IEnumerable<Contact> Demo(IReadOnlyList<Episode> episodes, DateTimeOffset now)
    {
        // The longest-running episode (begun 40+ days ago) is the one not in touch: reached once long ago, then only attempts.
        var quiet = episodes.Where(e => e.IdentifiedAt < now.AddDays(-40)).OrderBy(e => e.IdentifiedAt).FirstOrDefault();
        if (quiet is not null)
        {
            var start = quiet.IdentifiedAt.AddDays(1);
            yield return New(quiet, ContactKind.FaceToFace, true, start, 40, null, "First meeting after custody. Agreed to keep in touch weekly by phone.", now);
            yield return New(quiet, ContactKind.Telephone, false, now.AddDays(-21), null, null, "No answer.", now);
            yield return New(quiet, ContactKind.HomeVisit, false, now.AddDays(-9), null, null, "Nobody at home; left a card with the team's number.", now);
        }
        foreach (var (e, i) in episodes.Where(e => e != quiet).Select((e, i) => (e, i)))
        {
            foreach (var p in Pattern.Skip(i % 2))
            {
                var at = now.AddDays(-p.DaysAgo).AddHours(-(i + 1));
                if (at <= e.IdentifiedAt) continue;
                yield return New(e, p.Kind, p.Reached, at, p.Minutes, p.WithWhom, p.Note, now);
            }
        }
    }

    private static Contact New(Episode e, ContactKind kind, bool reached, DateTimeOffset at, int? minutes, string? withWhom, string note, DateTimeOffset now) => new()
    {
        TeamId = e.TeamId, PersonId = e.PersonId, EpisodeId = e.Id, Kind = kind, Reached = reached, OccurredAt = at,
        DurationMinutes = minutes, WithWhom = withWhom, Note = note, WorkerUserId = e.KeyWorkerId!,
        RecordedAt = at > now ? now : at.AddMinutes(30) > now ? now : at.AddMinutes(30), RecordedByUserId = e.KeyWorkerId!,
    };
}
