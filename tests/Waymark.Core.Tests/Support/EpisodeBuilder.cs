using Waymark.Episodes;
using Waymark.People;
using Waymark.Teams;

namespace Waymark.Core.Tests.Support;

/// <summary>
/// Builds an <see cref="Episode"/> and moves it through its milestones with the domain's own
/// methods, so a built episode always obeys the episode rules.
/// </summary>
public sealed class EpisodeBuilder
{
    private Guid _personId;
    private Guid _teamId;
    private Setting _setting = Setting.PoliceCustody;
    private DateTimeOffset _identifiedAt = FakeClock.DefaultStart.AddDays(-10);
    private EpisodeStatus _status = EpisodeStatus.Identified;
    private string? _keyWorker;
    private DateOnly? _plannedEnd;
    private bool _youth;
    private ClosureReason _closureReason = ClosureReason.SupportCompleted;

    public static EpisodeBuilder AnEpisode() => new();

    public EpisodeBuilder For(Person person) { _personId = person.Id; return this; }
    public EpisodeBuilder InTeam(Team team) { _teamId = team.Id; return this; }
    public EpisodeBuilder In(Setting setting) { _setting = setting; return this; }
    public EpisodeBuilder IdentifiedAt(DateTimeOffset at) { _identifiedAt = at; return this; }
    /// <summary>Records each milestone up to <paramref name="status"/>, an hour apart.</summary>
    public EpisodeBuilder AtStatus(EpisodeStatus status) { _status = status; return this; }
    public EpisodeBuilder ClosedBecause(ClosureReason reason) { _status = EpisodeStatus.Closed; _closureReason = reason; return this; }
    public EpisodeBuilder AllocatedTo(string keyWorkerId) { _keyWorker = keyWorkerId; return this; }
    public EpisodeBuilder PlannedToEndOn(DateOnly day) { _plannedEnd = day; return this; }
    public EpisodeBuilder Youth() { _youth = true; return this; }

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
            IdentificationReason = "Appeared confused and distressed in custody",
            IdentifiedAt = _identifiedAt,
            IdentifiedByUserId = "test-builder",
            RecordedAt = _identifiedAt,
            IsYouth = _youth,
            AgeAtIdentification = _youth ? 16 : 30,
            PlannedEndDate = _plannedEnd,
        };
        var at = _identifiedAt;
        if (_keyWorker is not null) episode.Allocate(_keyWorker, "test-builder", at);
        if (_status >= EpisodeStatus.Screened) episode.RecordScreened("test-builder", at = at.AddHours(1));
        if (_status >= EpisodeStatus.Assessed) episode.RecordAssessed("test-builder", at = at.AddHours(1));
        if (_status >= EpisodeStatus.InSupport) episode.StartSupport("test-builder", at = at.AddHours(1));
        if (_status >= EpisodeStatus.Closed) episode.Close("test-builder", at.AddHours(1), _closureReason, null);
        return episode;
    }
}
