using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;

namespace Waymark;

/// <summary>
/// Services work in UK local time: a day (an age, a due date, "today") is the day in London, while instants are
/// stored in UTC. Every conversion goes through NodaTime's copy of the IANA time-zone database
/// (<c>DateTimeZoneProviders.Tzdb["Europe/London"]</c>, ADR 17), never by hand.
/// </summary>
/// <remarks>
/// At the clock changes a UK local time can be <b>ambiguous</b> (01:00–01:59 on the last Sunday of October happens
/// twice: first in BST, UTC+1, then in GMT, UTC+0) or <b>skipped</b> (01:00–01:59 on the last Sunday of March does
/// not happen). <see cref="Resolve"/> says which; <see cref="FromLocal"/> keeps its old lenient meaning for times
/// nobody typed (noon, midnight).
/// </remarks>
public static class UkTime
{
    /// <summary>The UK's time zone, Europe/London, from the IANA database shipped with NodaTime.</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>The instant as UK local date and time, with its offset (+00:00 in GMT, +01:00 in BST).</summary>
    /// <param name="instant">Any instant.</param>
    public static DateTimeOffset ToLocal(DateTimeOffset instant) => InZone(instant).ToDateTimeOffset();

    /// <summary>The UK date of an instant.</summary>
    /// <param name="instant">Any instant.</param>
    public static DateOnly DateOf(DateTimeOffset instant) => InZone(instant).Date.ToDateOnly();

    /// <summary>Today's date in the UK by <paramref name="clock"/>.</summary>
    /// <param name="clock">The clock.</param>
    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>
    /// The abbreviation of the UK zone in force at <paramref name="instant"/>: "GMT" or "BST" (the tz database's names
    /// for Greenwich Mean Time and British Summer Time).
    /// </summary>
    /// <param name="instant">Any instant.</param>
    public static string ZoneName(DateTimeOffset instant) => Zone.GetZoneInterval(Instant.FromDateTimeOffset(instant)).Name;

    /// <summary>
    /// The UTC instant of a UK local date and time. A time that happened twice (the October change) is taken as
    /// the first (BST); a time that never happened (the March change) is moved forward by the gap (01:30 → 02:30 BST).
    /// For a time a person typed, use <see cref="Resolve"/> instead so the ambiguity is asked about.
    /// </summary>
    /// <param name="date">The UK date.</param>
    /// <param name="time">The UK wall-clock time.</param>
    public static DateTimeOffset FromLocal(DateOnly date, TimeOnly time) =>
        Zone.ResolveLocal(Local(date, time), Resolvers.LenientResolver).ToDateTimeOffset().ToUniversalTime();

    /// <summary>
    /// What a UK local date and time typed by a person means: exactly one instant, two (it happened twice as the
    /// clocks went back; earlier first, BST then GMT), or none (it was skipped as the clocks went forward).
    /// </summary>
    /// <param name="date">The UK date.</param>
    /// <param name="time">The UK wall-clock time.</param>
    public static LocalTimeMeaning Resolve(DateOnly date, TimeOnly time)
    {
        var mapping = Zone.MapLocal(Local(date, time));
        return mapping.Count switch
        {
            0 => new LocalTimeMeaning([]),
            1 => new LocalTimeMeaning([mapping.Single().ToDateTimeOffset().ToUniversalTime()]),
            _ => new LocalTimeMeaning([mapping.First().ToDateTimeOffset().ToUniversalTime(), mapping.Last().ToDateTimeOffset().ToUniversalTime()]),
        };
    }

    /// <summary>
    /// Reads a UK local date and time typed on a form: the instant, or the message to show. When the time happened
    /// twice, <paramref name="which"/> ("BST" for the first, "GMT" for the second) chooses; without it the answer is
    /// <see cref="TypedTime.Ambiguous"/> and the form must ask. A skipped time is refused.
    /// </summary>
    /// <param name="date">The UK date.</param>
    /// <param name="time">The UK wall-clock time.</param>
    /// <param name="which">The zone the person chose for an ambiguous time ("BST" or "GMT"), or null.</param>
    /// <param name="what">How the form names the time, e.g. "Time identified".</param>
    public static TypedTime ReadTyped(DateOnly date, TimeOnly time, string? which, string what)
    {
        var meaning = Resolve(date, time);
        var hhmm = time.ToString("HH:mm", CultureInfo.InvariantCulture);
        var shown = $"{hhmm} on {date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
        if (meaning.Skipped)
            return new TypedTime(null, false,
                $"{what} {shown} did not happen in the UK: the clocks went forward from 01:00 GMT to 02:00 BST. Enter a time before 01:00 or from 02:00");
        if (!meaning.Ambiguous) return new TypedTime(meaning.Instants[0], false, null);
        var chosen = meaning.Instants.FirstOrDefault(i => string.Equals(ZoneName(i), which?.Trim(), StringComparison.OrdinalIgnoreCase));
        return chosen == default
            ? new TypedTime(null, true, $"{shown} happened twice as the clocks went back. Select whether it was {hhmm} BST (the first) or {hhmm} GMT (the second)")
            : new TypedTime(chosen, false, null);
    }

    private static ZonedDateTime InZone(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(Zone);

    private static LocalDateTime Local(DateOnly date, TimeOnly time) => LocalDate.FromDateOnly(date).At(LocalTime.FromTimeOnly(time));
}

/// <summary>The instants a UK local date and time stands for, earliest first (see <see cref="UkTime.Resolve"/>).</summary>
/// <param name="Instants">None (skipped), one, or two (BST then GMT), each in UTC.</param>
public sealed record LocalTimeMeaning(IReadOnlyList<DateTimeOffset> Instants)
{
    /// <summary>The time did not happen: the clocks went forward past it.</summary>
    public bool Skipped => Instants.Count == 0;

    /// <summary>The time happened twice: the clocks went back over it.</summary>
    public bool Ambiguous => Instants.Count > 1;
}

/// <summary>A typed UK time as read by <see cref="UkTime.ReadTyped"/>.</summary>
/// <param name="At">The instant (UTC), or null when there is an <paramref name="Error"/>.</param>
/// <param name="Ambiguous">True when the time happened twice and the person must choose BST or GMT.</param>
/// <param name="Error">The message to show, or null.</param>
public sealed record TypedTime(DateTimeOffset? At, bool Ambiguous, string? Error);
