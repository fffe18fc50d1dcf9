using Waymark.Episodes;
using Waymark.People;
using Waymark.Teams;

namespace Waymark.TestSupport;

/// <summary>
/// Builds an <see cref="Episode"/> and moves it through its milestones with the domain's own
/// methods (<see cref="Episode.Allocate"/>, <see cref="Episode.RecordScreened"/> and so on), so a built
/// episode always obeys the episode rules.
/// </summary>
public sealed class EpisodeBuilder
{
    private Guid _personId;
    private Guid _teamId;
    private Setting _setting = Setting.PoliceCustody;
    private DateTimeOffset _identifiedAt = FakeClock.DefaultStart.AddDays(-10);
    private string _identifiedBy = "test-builder";
    private string _reason = "Appeared confused and distressed in custody";
    private int? _age;
    private EpisodeStatus _status = EpisodeStatus.Identified;
    private string? _keyWorker;
    private DateOnly? _plannedEnd;
    private bool _youth;
    private ClosureReason _closureReason = ClosureReason.SupportCompleted;

    /// <summary>A new builder: a police custody episode identified ten days before <see cref="FakeClock.DefaultStart"/>.</summary>
    public static EpisodeBuilder AnEpisode() => new();

    /// <summary>Whose episode it is.</summary>
    public EpisodeBuilder For(Person person) => For(person.Id);
    /// <summary>Whose episode it is, by the person's id.</summary>
    public EpisodeBuilder For(Guid personId) { _personId = personId; return this; }
    /// <summary>The team the episode belongs to.</summary>
    public EpisodeBuilder InTeam(Team team) => InTeam(team.Id);
    /// <summary>The team the episode belongs to, by id.</summary>
    public EpisodeBuilder InTeam(Guid teamId) { _teamId = teamId; return this; }
    /// <summary>Where the person was identified.</summary>
    public EpisodeBuilder In(Setting setting) { _setting = setting; return this; }
    /// <summary>When the person was identified (and the episode recorded); the milestones follow it.</summary>
    public EpisodeBuilder IdentifiedAt(DateTimeOffset at) { _identifiedAt = at; return this; }
    /// <summary>The user who identified the person and records every milestone; "test-builder" unless said.</summary>
    public EpisodeBuilder IdentifiedBy(string userId) { _identifiedBy = userId; return this; }
    /// <summary>Why the person was flagged.</summary>
    public EpisodeBuilder Because(string reason) { _reason = reason; return this; }
    /// <summary>The person's age when identified; 30 (16 for a youth episode) unless said.</summary>
    public EpisodeBuilder AgedAtIdentification(int age) { _age = age; return this; }
    /// <summary>Records each milestone up to <paramref name="status"/>, an hour apart.</summary>
    public EpisodeBuilder AtStatus(EpisodeStatus status) { _status = status; return this; }
    /// <summary>Records every milestone and closes the episode for <paramref name="reason"/>.</summary>
    public EpisodeBuilder ClosedBecause(ClosureReason reason) { _status = EpisodeStatus.Closed; _closureReason = reason; return this; }
    /// <summary>Allocates the episode to a key worker when it is identified.</summary>
    public EpisodeBuilder AllocatedTo(string keyWorkerId) { _keyWorker = keyWorkerId; return this; }
    /// <summary>The day support is planned to end.</summary>
    public EpisodeBuilder PlannedToEndOn(DateOnly day) { _plannedEnd = day; return this; }
    /// <summary>A youth episode (the person was under 18).</summary>
    public EpisodeBuilder Youth() { _youth = true; return this; }

    /// <summary>The episode, its milestones recorded through the episode's own methods.</summary>
    /// <exception cref="InvalidOperationException">No person or no team was given.</exception>
    public Episode Build()
    {
        if (_personId == Guid.Empty || _teamId == Guid.Empty)
            throw new InvalidOperationException("An episode needs a person (For) and a team (InTeam).");
        var episode = new Episode
        {
            PersonId = _personId,
            TeamId = _teamId,
            Setting = _setting,
            IdentifiedBySource = "Custody sergeant",
            IdentificationReason = _reason,
            IdentifiedAt = _identifiedAt,
            IdentifiedByUserId = _identifiedBy,
            RecordedAt = _identifiedAt,
            IsYouth = _youth,
            AgeAtIdentification = _age ?? (_youth ? 16 : 30),
            PlannedEndDate = _plannedEnd,
        };
        var at = _identifiedAt;
        if (_keyWorker is not null) episode.Allocate(_keyWorker, _identifiedBy, at);
        if (_status >= EpisodeStatus.Screened) episode.RecordScreened(_identifiedBy, at = at.AddHours(1));
        if (_status >= EpisodeStatus.Assessed) episode.RecordAssessed(_identifiedBy, at = at.AddHours(1));
        if (_status >= EpisodeStatus.InSupport) episode.StartSupport(_identifiedBy, at = at.AddHours(1));
        if (_status >= EpisodeStatus.Closed) episode.Close(_identifiedBy, at.AddHours(1), _closureReason, null);
        return episode;
    }
}
