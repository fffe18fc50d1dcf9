using Waymark.Persistence;

namespace Waymark.DropIns;

/// <summary>
/// Why a person dropped in (../shared/seeds/001 §6 "A crisis service" and "Tracking and being a trusted first port of
/// call": people come back when they feel a crisis coming, or about housing, money, medication, the courts, or just to
/// say hello). Several may apply; stored as a bit set: never renumber.
/// </summary>
[Flags]
public enum DropInReasons
{
    None = 0,
    FeelingACrisisComing = 1,
    Housing = 2,
    MoneyOrBenefits = 4,
    WantingToTalk = 8,
    Medication = 16,
    SubstanceUse = 32,
    CriminalJustice = 64,
    RelationshipsOrFamily = 128,
    JustToSayHello = 256,
    Other = 512,
}

/// <summary>The words and order of each <see cref="DropInReasons"/> flag, as the form and the lists show them.</summary>
public static class DropInReasonList
{
    /// <summary>Every single reason, in the order the form lists them.</summary>
    public static IReadOnlyList<DropInReasons> All { get; } =
        Enum.GetValues<DropInReasons>().Where(r => r != DropInReasons.None).ToList();

    /// <summary>Every reason flag together: a stored value with any other bit is not a reason.</summary>
    public static DropInReasons Known { get; } = All.Aggregate(DropInReasons.None, (a, r) => a | r);

    /// <summary>One reason in plain words ("Housing").</summary>
    public static string Display(DropInReasons reason) => reason switch
    {
        DropInReasons.FeelingACrisisComing => "Feeling a crisis coming",
        DropInReasons.Housing => "Housing",
        DropInReasons.MoneyOrBenefits => "Money or benefits",
        DropInReasons.WantingToTalk => "Wanting to talk",
        DropInReasons.Medication => "Medication",
        DropInReasons.SubstanceUse => "Drugs or alcohol",
        DropInReasons.CriminalJustice => "Court, police or probation",
        DropInReasons.RelationshipsOrFamily => "Relationships or family",
        DropInReasons.JustToSayHello => "Just to say hello",
        DropInReasons.Other => "Something else",
        _ => "Unknown",
    };

    /// <summary>The reasons set in <paramref name="reasons"/>, in form order.</summary>
    public static IReadOnlyList<DropInReasons> Of(DropInReasons reasons) => All.Where(r => reasons.HasFlag(r)).ToList();

    /// <summary>The reasons set, in words, joined with commas ("Housing, Money or benefits"); "None recorded" when none.</summary>
    public static string Describe(DropInReasons reasons) =>
        Of(reasons) is { Count: > 0 } list ? string.Join(", ", list.Select(Display)) : "None recorded";
}

/// <summary>
/// A person came to the team without an appointment (docs/support.md "Drop-ins"): when, why, what helped, who saw them.
/// Recorded against any person the team knows, open or discharged; linked to their open episode when they have one.
/// Recording it also writes a reached <see cref="Contacts.Contact"/> of kind <see cref="Contacts.ContactKind.DropIn"/>
/// (<see cref="ContactId"/>) so the timeline and "not in touch" see it. Support may be reopened from it
/// (<see cref="ReopenedEpisodeId"/>).
/// </summary>
public class DropIn : IPersonHistory, IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The person's open episode with the team when they dropped in; null when they had none.</summary>
    public Guid? EpisodeId { get; set; }
    /// <summary>When they arrived (UK date and time as typed, stored as an instant).</summary>
    public DateTimeOffset ArrivedAt { get; set; }
    /// <summary>Why they came (one or more).</summary>
    public DropInReasons Reasons { get; set; }
    /// <summary>More about why, in their words or the worker's; up to <see cref="DropInInput.MaxReasonWords"/> characters.</summary>
    public string? ReasonWords { get; set; }
    /// <summary>What helped; up to <see cref="DropInInput.MaxWhatHelped"/> characters.</summary>
    public string WhatHelped { get; set; } = "";
    /// <summary>The team members who saw them: user ids separated by single spaces, the first being the contact's worker.</summary>
    public string SeenByUserIds { get; set; } = "";
    /// <summary>The contact written with it (kind DropIn, reached).</summary>
    public Guid ContactId { get; set; }
    /// <summary>The episode opened from this drop-in ("Reopen support"), when one was.</summary>
    public Guid? ReopenedEpisodeId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The user ids of <see cref="SeenByUserIds"/>.</summary>
    public IReadOnlyList<string> SeenBy => SeenByOf(SeenByUserIds);

    /// <summary>The user ids in a stored <see cref="SeenByUserIds"/> value (space-separated; empty entries skipped), in order.</summary>
    public static IReadOnlyList<string> SeenByOf(string? seenByUserIds) =>
        (seenByUserIds ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
