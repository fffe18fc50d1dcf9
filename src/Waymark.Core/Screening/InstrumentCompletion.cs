using Waymark.Persistence;

namespace Waymark.Screening;

/// <summary>
/// One completed screening instrument: the answers as given, and the score, band, flags and
/// outcomes as the definition version in force computed them. Stored, not recomputed, so a later
/// change to a definition never rewrites what a practitioner saw and acted on.
/// </summary>
public class InstrumentCompletion : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid EpisodeId { get; set; }
    public Guid PersonId { get; set; }

    public required string InstrumentId { get; set; }
    public required string InstrumentVersion { get; set; }
    public required string InstrumentTitle { get; set; }
    /// <summary>Item id → answer value (null = not answered), as JSON.</summary>
    public required string AnswersJson { get; set; }

    public int? Total { get; set; }
    public bool Prorated { get; set; }
    public string? Band { get; set; }
    /// <summary>Messages of flags that demand an immediate response, one per line.</summary>
    public string? Flags { get; set; }
    /// <summary>Rule outcomes (e.g. "refer for further assessment"), one per line.</summary>
    public string? Outcomes { get; set; }
    /// <summary>Subscale name → score, as JSON.</summary>
    public string? SubscalesJson { get; set; }
    public int MissingCount { get; set; }

    public DateTimeOffset CompletedAt { get; set; }
    public required string CompletedByUserId { get; set; }

    public IEnumerable<string> FlagList => Lines(Flags);
    public IEnumerable<string> OutcomeList => Lines(Outcomes);

    private static IEnumerable<string> Lines(string? s) => (s ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
