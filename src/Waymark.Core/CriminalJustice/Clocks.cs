using Waymark.Persistence;

namespace Waymark.CriminalJustice;

/// <summary>The clocks that protect people (issue 12 item 6). Stored as numbers: never renumber.</summary>
public enum ClockKind
{
    /// <summary>From the referral for assessment for transfer from prison to hospital to the admission.</summary>
    PrisonToHospitalTransfer = 1,
    /// <summary>From the court order with a mental health treatment requirement to the first treatment appointment.</summary>
    MhtrWait = 2,
    /// <summary>
    /// From identification to the first liaison report sent: the same UK day (target 0 days; 004 recommendation 4 and
    /// 001 §6: information reaches the police and courts the same day). Started when the episode's first report is
    /// drafted, stopped when its first version is sent (<see cref="LiaisonReportClock"/>).
    /// </summary>
    IdentificationToReport = 3,
}

/// <summary>Words for <see cref="ClockKind"/>.</summary>
public static class ClockKinds
{
    /// <summary>The clock in words.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared clock.</exception>
    public static string Display(ClockKind k) => k switch
    {
        ClockKind.PrisonToHospitalTransfer => "Prison to hospital transfer",
        ClockKind.MhtrWait => "Wait for MHTR treatment",
        ClockKind.IdentificationToReport => "Identification to liaison report sent",
        _ => throw new ArgumentOutOfRangeException(nameof(k), k, "Not a clock"),
    };
}

/// <summary>Where a clock stands. Stored nowhere: computed by <see cref="ClockRule"/>.</summary>
public enum ClockState
{
    /// <summary>Running, less than <see cref="ClockRule.NearPercent"/>% of the target gone.</summary>
    Running = 1,
    /// <summary>Running, at least <see cref="ClockRule.NearPercent"/>% of the target gone and not past it.</summary>
    NearBreach = 2,
    /// <summary>Running past its target, or stopped after it.</summary>
    Breached = 3,
    /// <summary>Stopped within its target.</summary>
    Met = 4,
}

/// <summary>
/// The one rule of a clock: running / near breach / breached / met. Day clocks count UK days (a clock started on
/// 1 October with a 28-day target is due on 29 October whatever the clocks do on the last Sunday of October); minute
/// clocks (identification to screening, screening to assessment) count elapsed time.
/// </summary>
public static class ClockRule
{
    /// <summary>
    /// "Near" a breach: at least 75% of the target has gone (e.g. day 21 of 28). Chosen so a team manager sees a
    /// transfer with a week left, and an MHTR wait with five days left of its default 21.
    /// </summary>
    public const int NearPercent = 75;

    /// <summary>The UK date a day clock is due: <paramref name="startedOn"/> plus <paramref name="targetDays"/>.</summary>
    public static DateOnly DueOn(DateOnly startedOn, int targetDays) => startedOn.AddDays(targetDays);

    /// <summary>The first UK day a running day clock is near its breach: when ⌈75% of the target⌉ days have gone.</summary>
    public static DateOnly NearOn(DateOnly startedOn, int targetDays) => startedOn.AddDays((targetDays * NearPercent + 99) / 100);

    /// <summary>Where a day clock stands on the UK date <paramref name="today"/>.</summary>
    /// <param name="startedOn">The UK date it started.</param>
    /// <param name="targetDays">Its target in days (1 or more).</param>
    /// <param name="stoppedOn">The UK date it stopped, or null while it runs.</param>
    /// <param name="today">Today's UK date.</param>
    /// <remarks>Stopped on its due date is met; running on its due date is near, the day after it is breached.</remarks>
    public static ClockState Evaluate(DateOnly startedOn, int targetDays, DateOnly? stoppedOn, DateOnly today)
    {
        var due = DueOn(startedOn, targetDays);
        if (stoppedOn is { } stop) return stop <= due ? ClockState.Met : ClockState.Breached;
        if (today > due) return ClockState.Breached;
        return today >= NearOn(startedOn, targetDays) ? ClockState.NearBreach : ClockState.Running;
    }

    /// <summary>Where a clock counted in elapsed time stands at <paramref name="now"/> (same meanings as the day rule).</summary>
    /// <param name="startedAt">When it started.</param>
    /// <param name="target">Its target (positive).</param>
    /// <param name="stoppedAt">When it stopped, or null while it runs.</param>
    /// <param name="now">Now.</param>
    public static ClockState Evaluate(DateTimeOffset startedAt, TimeSpan target, DateTimeOffset? stoppedAt, DateTimeOffset now)
    {
        var due = startedAt + target;
        if (stoppedAt is { } stop) return stop <= due ? ClockState.Met : ClockState.Breached;
        if (now > due) return ClockState.Breached;
        return (now - startedAt).Ticks * 100 >= target.Ticks * NearPercent ? ClockState.NearBreach : ClockState.Running;
    }

    /// <summary>The tag colour of a state for the NHS tag component.</summary>
    public static string TagColour(ClockState s) => s switch
    {
        ClockState.Breached => "nhsuk-tag--red",
        ClockState.NearBreach => "nhsuk-tag--orange",
        ClockState.Met => "nhsuk-tag--green",
        _ => "nhsuk-tag--blue",
    };

    /// <summary>The state in words.</summary>
    public static string Display(ClockState s) => s switch
    {
        ClockState.Breached => "Breached",
        ClockState.NearBreach => "Near breach",
        ClockState.Met => "Met",
        _ => "Running",
    };
}

/// <summary>
/// One clock of one episode, kept in indexed columns so the team's clocks list and the caseload flag never load events:
/// maintained by <see cref="CriminalJusticeService"/> whenever an event is recorded (recomputed from the episode's
/// events, so a correction moves it). One row per episode and kind.
/// </summary>
public class CriminalJusticeClock : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid EpisodeId { get; set; }
    public Guid PersonId { get; set; }
    public ClockKind Kind { get; set; }
    /// <summary>The UK date it started (the event's date).</summary>
    public DateOnly StartedOn { get; set; }
    /// <summary>The target in days, as set when it started (a later change of the team's target does not move it).</summary>
    public int TargetDays { get; set; }
    /// <summary><see cref="ClockRule.DueOn"/>.</summary>
    public DateOnly DueOn { get; set; }
    /// <summary><see cref="ClockRule.NearOn"/>.</summary>
    public DateOnly NearOn { get; set; }
    /// <summary>The UK date it stopped, or null while it runs.</summary>
    public DateOnly? StoppedOn { get; set; }
    public Guid StartEventId { get; set; }
    public Guid? StopEventId { get; set; }

    /// <summary>Where it stands on <paramref name="today"/>.</summary>
    public ClockState StateOn(DateOnly today) => ClockRule.Evaluate(StartedOn, TargetDays, StoppedOn, today);
}

/// <summary>
/// A team's clock targets, set by a team manager. No row means the defaults. Sources: the Mental Health Act 2025
/// sets a 28-day time limit for transfers from prison to hospital (the Bradley report, 2009, recommended 14 days);
/// there is no national target for the wait from an MHTR to the first treatment appointment, so 21 days (three
/// weeks, the usual expectation in the Community Sentence Treatment Requirement programme's protocols that treatment
/// starts within weeks of sentence) is Waymark's default and each team should set its own.
/// </summary>
public class CriminalJusticeClockSettings : ITeamOwned, IVersioned
{
    /// <summary>Default transfer target: 28 days (Mental Health Act 2025).</summary>
    public const int DefaultTransferDays = 28;
    /// <summary>Default MHTR wait target: 21 days (Waymark's choice; see the class summary).</summary>
    public const int DefaultMhtrDays = 21;
    /// <summary>Longest target a team may set: 365 days.</summary>
    public const int MaximumDays = 365;

    public Guid TeamId { get; set; }
    public int TransferDays { get; set; } = DefaultTransferDays;
    public int MhtrDays { get; set; } = DefaultMhtrDays;
    public DateTimeOffset ChangedAt { get; set; }
    public string? ChangedByUserId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The target of <paramref name="kind"/> in days (the liaison report's is fixed: the same day, 0).</summary>
    public int DaysFor(ClockKind kind) => kind switch
    {
        ClockKind.PrisonToHospitalTransfer => TransferDays,
        ClockKind.IdentificationToReport => LiaisonReportClock.TargetDays,
        _ => MhtrDays,
    };

    /// <summary>Problems with typed targets (field, message): each must be 1 to 365 days.</summary>
    public static IEnumerable<(string Field, string Message)> Validate(int? transferDays, int? mhtrDays)
    {
        if (transferDays is not { } t || t < 1 || t > MaximumDays) yield return ("TransferDays", "Transfer target must be a whole number of days from 1 to 365");
        if (mhtrDays is not { } m || m < 1 || m > MaximumDays) yield return ("MhtrDays", "MHTR target must be a whole number of days from 1 to 365");
    }
}

/// <summary>
/// The identification → liaison report sent clock (<see cref="ClockKind.IdentificationToReport"/>): not driven by
/// criminal justice events but by the report itself, so the liaison report service starts and stops it.
/// </summary>
public static class LiaisonReportClock
{
    /// <summary>The target: sent on the UK day of identification (0 days).</summary>
    public const int TargetDays = 0;

    /// <summary>
    /// Starts the episode's report clock (on the UK date it was identified) when it has none; returns the row to add, or
    /// null when the clock already exists (a second report does not restart it).
    /// </summary>
    /// <param name="existing">The episode's report clock row, if any.</param>
    /// <param name="teamId">The episode's team.</param>
    /// <param name="episodeId">The episode.</param>
    /// <param name="personId">The episode's person.</param>
    /// <param name="identifiedAt">When the person was identified.</param>
    /// <param name="reportId">The report that started it.</param>
    public static CriminalJusticeClock? Start(CriminalJusticeClock? existing, Guid teamId, Guid episodeId, Guid personId, DateTimeOffset identifiedAt, Guid reportId)
    {
        if (existing is not null) return null;
        var on = UkTime.DateOf(identifiedAt);
        return new CriminalJusticeClock
        {
            TeamId = teamId, EpisodeId = episodeId, PersonId = personId, Kind = ClockKind.IdentificationToReport,
            StartedOn = on, TargetDays = TargetDays, DueOn = ClockRule.DueOn(on, TargetDays), NearOn = ClockRule.NearOn(on, TargetDays),
            StartEventId = reportId,
        };
    }

    /// <summary>Stops a running report clock on the UK date of <paramref name="sentAt"/>; a stopped one stays as it is (the first sending counts).</summary>
    public static void Stop(CriminalJusticeClock clock, DateTimeOffset sentAt, Guid reportId)
    {
        if (clock.StoppedOn is not null) return;
        clock.StoppedOn = UkTime.DateOf(sentAt);
        clock.StopEventId = reportId;
    }
}
