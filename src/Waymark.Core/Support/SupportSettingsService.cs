using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Support;

/// <summary>
/// The team's support settings as typed on the form (every value a string, so what was typed can be shown again).
/// Empty <see cref="SupportMonths"/> means no default planned end; equal quiet-hours times mean no quiet hours.
/// <see cref="OutOfHoursTelephone"/> and <see cref="OutOfHoursDescription"/> are what crisis plans show (both optional).
/// </summary>
public sealed record SupportSettingsForm(
    string? NotInTouchDays, string? SupportMonths, string? ReminderLeadHours,
    string? QuietHoursStart, string? QuietHoursEnd, string? ReplyTelephone, string? SenderName,
    string? OutOfHoursTelephone = null, string? OutOfHoursDescription = null)
{
    /// <summary>The form filled with <paramref name="s"/>'s values (times as "21:00").</summary>
    public static SupportSettingsForm Of(SupportSettings s) => new(
        s.NotInTouchDays.ToString(CultureInfo.InvariantCulture), s.SupportMonths?.ToString(CultureInfo.InvariantCulture),
        s.ReminderLeadHours.ToString(CultureInfo.InvariantCulture), s.QuietHoursStart.ToString("HH:mm", CultureInfo.InvariantCulture),
        s.QuietHoursEnd.ToString("HH:mm", CultureInfo.InvariantCulture), s.ReplyTelephone, s.SenderName,
        s.OutOfHoursTelephone, s.OutOfHoursDescription);
}

/// <summary>The values a valid <see cref="SupportSettingsForm"/> holds.</summary>
public sealed record SupportSettingsValues(
    int NotInTouchDays, int? SupportMonths, int ReminderLeadHours, TimeOnly QuietHoursStart, TimeOnly QuietHoursEnd,
    string? ReplyTelephone, string? SenderName, string? OutOfHoursTelephone = null, string? OutOfHoursDescription = null);

/// <summary>
/// Reads and changes a team's <see cref="SupportSettings"/> (docs/support.md): the "not in touch" threshold, the
/// default length of time-limited case management, and when and how reminders go out.
/// </summary>
public class SupportSettingsService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Inclusive limits of <see cref="SupportSettings.NotInTouchDays"/> (days).</summary>
    public const int MinDays = 1, MaxDays = 365;
    /// <summary>Inclusive limits of <see cref="SupportSettings.SupportMonths"/> (months): up to the 2 years ahead a planned end may be (<see cref="Episodes.EpisodeDates.YearsAhead"/>).</summary>
    public const int MinMonths = 1, MaxMonths = 12 * Episodes.EpisodeDates.YearsAhead;
    /// <summary>Inclusive limits of <see cref="SupportSettings.ReminderLeadHours"/> (hours; 168 is a week).</summary>
    public const int MinHours = 1, MaxHours = 168;
    /// <summary>The longest <see cref="SupportSettings.SenderName"/> (characters).</summary>
    public const int MaxSenderName = 100;
    /// <summary>The longest <see cref="SupportSettings.OutOfHoursDescription"/> (characters).</summary>
    public const int MaxOutOfHoursDescription = 200;

    /// <summary>The conflict message when two managers save at once.</summary>
    public const string Conflict =
        "Someone else changed the support settings while you were looking at them. Your change has not been saved. Check them as they are now and try again.";

    /// <summary>
    /// The team's settings; the defaults (version <see cref="Guid.Empty"/>, not stored) when the team has never saved
    /// any. Not tracked.
    /// </summary>
    public Task<SupportSettings> CurrentAsync(Guid teamId, CancellationToken ct = default) => SupportSettingsOf.TeamAsync(db, teamId, ct);

    /// <summary>Reads <paramref name="form"/>, with every problem found (field names are the form's members).</summary>
    /// <returns>The values when there are no problems, else null and the problems in the form's order.</returns>
    public static (SupportSettingsValues? Values, IReadOnlyList<(string Field, string Message)> Problems) Validate(SupportSettingsForm form)
    {
        var problems = new List<(string, string)>();
        var days = Whole(form.NotInTouchDays);
        if (days is not (>= MinDays and <= MaxDays))
            problems.Add((nameof(form.NotInTouchDays), $"Enter a number of days from {MinDays} to {MaxDays}, like 14"));
        int? months = null;
        if (!string.IsNullOrWhiteSpace(form.SupportMonths))
        {
            months = Whole(form.SupportMonths);
            if (months is not (>= MinMonths and <= MaxMonths))
                problems.Add((nameof(form.SupportMonths), $"Enter a number of months from {MinMonths} to {MaxMonths}, like 6, or leave it empty for no default planned end"));
        }
        var hours = Whole(form.ReminderLeadHours);
        if (hours is not (>= MinHours and <= MaxHours))
            problems.Add((nameof(form.ReminderLeadHours), $"Enter a number of hours from {MinHours} to {MaxHours}, like 24"));
        var from = TimeOfDay.Parse(form.QuietHoursStart);
        if (from is null) problems.Add((nameof(form.QuietHoursStart), "Enter the time quiet hours start, like 21:00 or 9pm"));
        var to = TimeOfDay.Parse(form.QuietHoursEnd);
        if (to is null) problems.Add((nameof(form.QuietHoursEnd), "Enter the time quiet hours end, like 08:00 or 8am"));
        var phone = Clean(form.ReplyTelephone);
        if (phone is not null && PhoneNumbers.Problem(phone) is not null)
            problems.Add((nameof(form.ReplyTelephone), "Enter a phone number, like 01632 960 001"));
        var sender = Clean(form.SenderName);
        if (sender is { Length: > MaxSenderName })
            problems.Add((nameof(form.SenderName), $"Team name must be {MaxSenderName} characters or fewer"));
        var outOfHours = Clean(form.OutOfHoursTelephone);
        if (outOfHours is not null && PhoneNumbers.Problem(outOfHours) is not null)
            problems.Add((nameof(form.OutOfHoursTelephone), "Enter the out-of-hours number like 01632 960 111"));
        var outOfHoursWho = Clean(form.OutOfHoursDescription);
        if (outOfHoursWho is { Length: > MaxOutOfHoursDescription })
            problems.Add((nameof(form.OutOfHoursDescription), $"Who answers out of hours must be {MaxOutOfHoursDescription} characters or fewer"));
        else if (outOfHoursWho is not null && outOfHours is null)
            problems.Add((nameof(form.OutOfHoursTelephone), "Enter the out-of-hours number, or leave who answers it empty"));
        return problems.Count > 0
            ? (null, problems)
            : (new SupportSettingsValues(days!.Value, months, hours!.Value, from!.Value, to!.Value, phone, sender, outOfHours, outOfHoursWho), problems);
    }

    /// <summary>
    /// Saves the signed-in user's team's settings (the row is created on the first save), with an audit event
    /// (Updated "SupportSettings"). A new "not in touch" threshold applies at once; a new length of support applies to
    /// support started from now on (planned ends already set keep their dates).
    /// </summary>
    /// <param name="form">What was typed.</param>
    /// <param name="expectedVersion">The version the user loaded (<see cref="Guid.Empty"/> for the defaults).</param>
    /// <param name="ct">Cancels the save.</param>
    /// <exception cref="ValidationFailedException">Every problem with <paramref name="form"/>; nothing is saved.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else saved since <paramref name="expectedVersion"/> (<see cref="Conflict"/>).</exception>
    public async Task SaveAsync(SupportSettingsForm form, Guid expectedVersion, CancellationToken ct = default)
    {
        var (values, problems) = Validate(form);
        ValidationFailedException.ThrowIfAny(problems);
        var v = values!;
        var teamId = user.TeamId ?? throw new InvalidOperationException("No team.");
        var set = db.Set<SupportSettings>();
        var row = await set.FirstOrDefaultAsync(s => s.TeamId == teamId, ct);
        if (row is null)
        {
            if (expectedVersion != Guid.Empty) throw new ConcurrencyConflictException(Conflict);
            row = new SupportSettings { TeamId = teamId };
            set.Add(row);
        }
        else db.ExpectVersion(row, expectedVersion);
        (row.NotInTouchDays, row.SupportMonths, row.ReminderLeadHours, row.QuietHoursStart, row.QuietHoursEnd, row.ReplyTelephone, row.SenderName) =
            (v.NotInTouchDays, v.SupportMonths, v.ReminderLeadHours, v.QuietHoursStart, v.QuietHoursEnd, v.ReplyTelephone, v.SenderName);
        (row.OutOfHoursTelephone, row.OutOfHoursDescription) = (v.OutOfHoursTelephone, v.OutOfHoursDescription);
        (row.ChangedAt, row.ChangedByUserId) = (clock.GetUtcNow(), user.UserId);
        // No personal data: team settings only (the reply number is the team's).
        audit.Add(AuditAction.Updated, "SupportSettings", teamId.ToString(), null,
            string.Create(CultureInfo.InvariantCulture,
                $"Not in touch after {v.NotInTouchDays} days; support {(v.SupportMonths is { } m ? $"{m} months" : "no default")}; reminders {v.ReminderLeadHours} hours before; quiet {v.QuietHoursStart:HH\\:mm}-{v.QuietHoursEnd:HH\\:mm}"));
        // Two first saves at once: the team's key is taken by the other, the same conflict.
        await db.SaveOrConflictAsync(Conflict, uniqueNumberIsConflict: true, ct);
    }

    private static int? Whole(string? typed) =>
        int.TryParse(typed?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The one check of a UK phone number as typed, for a person's number and a team's reply number alike.</summary>
public static class PhoneNumbers
{
    /// <summary>The longest number stored (characters).</summary>
    public const int MaxLength = 30;

    /// <summary>
    /// Why <paramref name="phone"/> (trimmed, not empty) is not a phone number, or null when it looks like one: at most
    /// <see cref="MaxLength"/> characters, at least 10 digits, and only digits, spaces, '+', '-', '(' and ')'.
    /// </summary>
    public static string? Problem(string phone) =>
        phone.Length > MaxLength || phone.Count(char.IsAsciiDigit) < 10 || phone.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')'))
            ? "Enter a phone number, like 07700 900 982 or 01632 960 001"
            : null;

    /// <summary>
    /// Whether <paramref name="phone"/> is a UK mobile number, the only kind GOV.UK Notify sends texts to ("Not a UK
    /// mobile number" otherwise): see <see cref="UkMobile"/>. Consent to texts may only be recorded, and a text reminder
    /// planned or sent, for a number that passes this rule.
    /// </summary>
    /// <param name="phone">The number as stored or typed, for example "07700 900 123" or "+44 7700 900123"; null is not one.</param>
    public static bool IsUkMobile(string? phone) => UkMobile(phone) is not null;

    /// <summary>
    /// <paramref name="phone"/> as a UK mobile number of 11 digits starting "07" (Ofcom's numbering plan: mobile numbers
    /// are 07xxx xxxxxx), read as GOV.UK Notify reads it: spaces, '(', ')', '-' and '.' are ignored; a leading "+44" or
    /// "0044" (with or without a "(0)" after it), "44" in 12 digits, or a bare 10 digits starting 7 are written as "07…".
    /// Null when it is not a UK mobile number (a landline such as 01632 960 000, too few or too many digits, letters).
    /// </summary>
    /// <param name="phone">The number as stored or typed.</param>
    public static string? UkMobile(string? phone)
    {
        if (phone is null) return null;
        var digits = new string([.. phone.Where(c => !(char.IsWhiteSpace(c) || c is '(' or ')' or '-' or '.'))]);
        if (digits.StartsWith("+44", StringComparison.Ordinal)) digits = "0" + digits[3..].TrimStart('0');
        else if (digits.StartsWith("0044", StringComparison.Ordinal)) digits = "0" + digits[4..].TrimStart('0');
        else if (digits.StartsWith("44", StringComparison.Ordinal) && digits.Length == 12) digits = "0" + digits[2..];
        else if (digits.StartsWith('7') && digits.Length == 10) digits = "0" + digits;
        return digits.Length == 11 && digits.StartsWith("07", StringComparison.Ordinal) && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
