using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Waymark.Retention;

/// <summary>
/// The retention rules in force and how destruction runs (appsettings section <c>Retention</c>; README "Configuration").
/// Defaults follow the NHS Records Management Code of Practice 2021 (NHSX, updated by NHS England 2023), retention
/// schedule: adult health records 8 years after the conclusion of treatment (last contact); mental health records
/// 20 years after the last contact; children's records until the 25th birthday, or the 26th if the young person was 17
/// at the conclusion of treatment; or 8 years after death when sooner (Waymark's only record of a death is an episode
/// closed with the reason "Died"; docs/adr/0024-retention-and-subject-access.md).
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Years after the last contact that an adult health record is kept (default 8).</summary>
    public int AdultYearsAfterLastContact { get; init; } = 8;

    /// <summary>Years after the last contact that a mental health record is kept (default 20).</summary>
    public int MentalHealthYearsAfterLastContact { get; init; } = 20;

    /// <summary>A child's record (under 18 at the last contact) is kept until this birthday (default 25).</summary>
    public int ChildUntilBirthday { get; init; } = 25;

    /// <summary>…or until this birthday when they were 17 at the last contact (default 26).</summary>
    public int ChildAged17UntilBirthday { get; init; } = 26;

    /// <summary>Years after death that the records of a person who died are kept, when sooner than the other rules (default 8).</summary>
    public int YearsAfterDeath { get; init; } = 8;

    /// <summary>
    /// Whether every Liaison and Diversion record counts as a mental health record (default true): L&amp;D services are
    /// commissioned as mental health services and most trusts file their records as such. When false, only people with a
    /// psychosocial assessment, a formulation or a crisis plan are kept under the mental health rule.
    /// </summary>
    public bool LiaisonAndDiversionRecordsAreMentalHealthRecords { get; init; } = true;

    /// <summary>People destroyed per transaction (default 100; 1–10,000).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>People looked at per query when finding who is due (default 1,000; 10–100,000).</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>
    /// Whether the web app destroys what is due once a day (default false: destruction cannot be undone, so an
    /// organisation turns it on after checking a dry run; the command line and the administrator page work either way).
    /// </summary>
    public bool ScheduleEnabled { get; init; }

    /// <summary>
    /// Base64 key (at least 32 bytes) for the destruction log's keyed hash of person ids. When empty, a random key is made
    /// once and kept in the database (<see cref="RetentionKey"/>).
    /// </summary>
    public string? PseudonymKey { get; init; }

    /// <summary>Reads the <c>Retention</c> section; missing keys take the defaults.</summary>
    /// <exception cref="InvalidOperationException">A value is out of range or not a number.</exception>
    public static RetentionOptions From(IConfiguration config)
    {
        var s = config.GetSection("Retention");
        int Int(string key, int fallback, int min, int max)
        {
            var raw = s[key];
            if (string.IsNullOrWhiteSpace(raw)) return fallback;
            if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                throw new InvalidOperationException($"Retention:{key} must be a whole number from {min} to {max}.");
            return v;
        }
        bool Bool(string key, bool fallback)
        {
            var raw = s[key];
            if (string.IsNullOrWhiteSpace(raw)) return fallback;
            return bool.TryParse(raw, out var v) ? v : throw new InvalidOperationException($"Retention:{key} must be true or false.");
        }
        var key = s["PseudonymKey"];
        if (!string.IsNullOrWhiteSpace(key))
        {
            byte[] bytes;
            try { bytes = Convert.FromBase64String(key); }
            catch (FormatException) { throw new InvalidOperationException("Retention:PseudonymKey must be base64."); }
            if (bytes.Length < 32) throw new InvalidOperationException("Retention:PseudonymKey must be at least 32 bytes.");
        }
        var o = new RetentionOptions
        {
            AdultYearsAfterLastContact = Int(nameof(AdultYearsAfterLastContact), 8, 1, 100),
            MentalHealthYearsAfterLastContact = Int(nameof(MentalHealthYearsAfterLastContact), 20, 1, 100),
            ChildUntilBirthday = Int(nameof(ChildUntilBirthday), 25, 18, 100),
            ChildAged17UntilBirthday = Int(nameof(ChildAged17UntilBirthday), 26, 18, 100),
            YearsAfterDeath = Int(nameof(YearsAfterDeath), 8, 1, 100),
            LiaisonAndDiversionRecordsAreMentalHealthRecords = Bool(nameof(LiaisonAndDiversionRecordsAreMentalHealthRecords), true),
            BatchSize = Int(nameof(BatchSize), 100, 1, 10_000),
            PageSize = Int(nameof(PageSize), 1000, 10, 100_000),
            ScheduleEnabled = Bool(nameof(ScheduleEnabled), false),
            PseudonymKey = string.IsNullOrWhiteSpace(key) ? null : key,
        };
        return o;
    }

    /// <summary>
    /// The shortest time anyone's records are kept after their last contact, in years: nobody whose last contact is more
    /// recent can be due. The adult rule always applies and nothing goes before its date (<see cref="RetentionRules.Decide"/>).
    /// </summary>
    public int ShortestYears => AdultYearsAfterLastContact;
}
