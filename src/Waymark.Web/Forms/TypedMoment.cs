using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Waymark.Web.Forms;

/// <summary>The model-state keys of a typed moment's three inputs (date boxes, time box, clock-change radios).</summary>
/// <param name="Date">Key of the <see cref="DateParts"/> property, e.g. <c>nameof(OccurredOn)</c>.</param>
/// <param name="Time">Key of the time-of-day text box.</param>
/// <param name="ClockChange">Key of the BST/GMT radios shown when the time happened twice.</param>
public sealed record MomentFields(string Date, string Time, string ClockChange = "ClockChange");

/// <summary>A page's own wording for a typed moment (tests assert these messages, so each page keeps its own).</summary>
/// <param name="DateWhat">How the date is named in <see cref="DateParts.Parse"/> messages, e.g. "Date of the contact".</param>
/// <param name="EnterDate">Shown when the date boxes are empty, e.g. "Enter the date of the contact".</param>
/// <param name="EnterTime">Shown when the time box is empty, e.g. "Enter the time of the contact, for example 14:30".</param>
/// <param name="TimeUnreadable">Shown when <see cref="TimeOfDay.Parse"/> cannot read the time, e.g. "Enter the time like 14:30 or 2:30pm".</param>
/// <param name="TimeWhat">How the time is named in <see cref="UkTime.ReadTyped"/> messages, e.g. "Time of the contact".</param>
/// <param name="LaterRuleBoundsTheFuture">Passed to <see cref="DateParts.Parse"/>: true where a later rule refuses dates far ahead.</param>
public sealed record MomentWording(string DateWhat, string EnterDate, string EnterTime, string TimeUnreadable, string TimeWhat,
    bool LaterRuleBoundsTheFuture = false);

/// <summary>
/// Reads a required UK date + time of day (+ the clock-change answer when the time happened twice) typed into a form into
/// an instant, as docs/architecture.md says times typed by users are read: <see cref="DateParts.Parse"/>, then
/// <see cref="TimeOfDay.Parse"/>, then <see cref="UkTime.ReadTyped"/> (Europe/London rules). Every problem goes on the
/// model state under the field it concerns, in the page's own wording.
/// </summary>
public static class TypedMoment
{
    /// <summary>Reads the date, time and clock-change answer; adds each problem to <paramref name="modelState"/>.</summary>
    /// <param name="modelState">The page's model state; problems are added under the keys in <paramref name="fields"/>.</param>
    /// <param name="date">The date boxes as typed.</param>
    /// <param name="time">The time as typed (24-hour or am/pm, see <see cref="TimeOfDay.Parse"/>).</param>
    /// <param name="clockChange">The clock-change answer ("BST" or "GMT"), or null when not asked.</param>
    /// <param name="fields">The model-state keys.</param>
    /// <param name="wording">The page's messages.</param>
    /// <returns>
    /// The instant (UTC offset), or null when there is a problem; and the time of day when it happened twice in the UK and
    /// no (valid) BST/GMT choice was made, so the page shows the radios (otherwise null).
    /// </returns>
    public static (DateTimeOffset? At, TimeOnly? AmbiguousTime) Read(ModelStateDictionary modelState, DateParts date, string? time,
        string? clockChange, MomentFields fields, MomentWording wording)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(wording);
        var (day, error) = date.Parse(wording.DateWhat, wording.LaterRuleBoundsTheFuture);
        if (error is not null) modelState.AddModelError(fields.Date, error);
        else if (day is null) modelState.AddModelError(fields.Date, wording.EnterDate);
        if (string.IsNullOrWhiteSpace(time)) modelState.AddModelError(fields.Time, wording.EnterTime);
        else if (TimeOfDay.Parse(time) is not { } t) modelState.AddModelError(fields.Time, wording.TimeUnreadable);
        else if (day is { } d)
        {
            var typed = UkTime.ReadTyped(d, t, clockChange, wording.TimeWhat);
            if (typed.Ambiguous) { modelState.AddModelError(fields.ClockChange, typed.Error!); return (null, t); }
            if (typed.Error is not null) modelState.AddModelError(fields.Time, typed.Error);
            return (typed.At, null);
        }
        return (null, null);
    }

    /// <summary>Reads an optional duration typed as a whole number of minutes (digits only, surrounding spaces allowed).</summary>
    /// <param name="modelState">The page's model state; a problem is added under <paramref name="key"/>.</param>
    /// <param name="typed">The text as typed; blank means no duration.</param>
    /// <param name="key">The model-state key of the box.</param>
    /// <param name="unreadable">The page's message when the text is not a whole number, e.g. "How long must be a whole number of minutes, like 30".</param>
    /// <returns>The minutes, or null when blank or unreadable (range rules are the input's own).</returns>
    public static int? Minutes(ModelStateDictionary modelState, string? typed, string key, string unreadable)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (int.TryParse(typed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return m;
        modelState.AddModelError(key, unreadable);
        return null;
    }
}
