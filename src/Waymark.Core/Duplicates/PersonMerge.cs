using System.Text.Json;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Duplicates;

/// <summary>
/// One merge of two records of the same person: who merged them, when, which record was kept, exactly
/// which rows moved (ids per table) and what the merged record said, so an un-merge puts back precisely
/// what moved. Never deleted; an un-merge records who and when on the same row (ADR 12).
/// </summary>
public class PersonMerge : IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The team whose manager merged them; only that team may undo it.</summary>
    public Guid TeamId { get; set; }
    public Guid KeptPersonId { get; set; }
    public Guid MergedPersonId { get; set; }
    public Guid? CandidateId { get; set; }
    public DateTimeOffset MergedAt { get; set; }
    public required string MergedByUserId { get; set; }
    /// <summary><see cref="MergeMoves"/> as JSON.</summary>
    public required string MovedJson { get; set; }
    /// <summary><see cref="MergedPersonSnapshot"/> as JSON: the merged record's own details at the time.</summary>
    public required string SnapshotJson { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }
    public string? UndoneByUserId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsUndone => UndoneAt is not null;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public MergeMoves Moves
    {
        get => JsonSerializer.Deserialize<MergeMoves>(MovedJson, Json) ?? new MergeMoves();
        set => MovedJson = JsonSerializer.Serialize(value, Json);
    }

    public MergedPersonSnapshot Snapshot
    {
        get => JsonSerializer.Deserialize<MergedPersonSnapshot>(SnapshotJson, Json) ?? throw new InvalidOperationException("A merge has no snapshot.");
        set => SnapshotJson = JsonSerializer.Serialize(value, Json);
    }
}

/// <summary>
/// Exactly what a merge moved from the merged person to the kept one, by row id: one list per moving kind of
/// <see cref="PersonLinkedRecords"/>, named as the registry names it. Stored as JSON on <see cref="PersonMerge"/>,
/// so the list names are a stored format: renaming one would strand merges already made.
/// </summary>
public sealed record MergeMoves
{
    public List<Guid> Episodes { get; init; } = [];
    public List<Guid> ScreeningOutcomes { get; init; } = [];
    public List<Guid> InstrumentCompletions { get; init; } = [];
    public List<Guid> Assessments { get; init; } = [];
    public List<Guid> Referrals { get; init; } = [];
    public List<Guid> FollowUpTasks { get; init; } = [];
    public List<Guid> Outcomes { get; init; } = [];
    public List<Guid> Consents { get; init; } = [];
    /// <summary>Consents to share with the criminal justice system moved (written to the stored JSON only when there are any, so merges stored before them read and write back unchanged).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<Guid> CriminalJusticeConsents { get; init; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("criminalJusticeConsents")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? StoredCriminalJusticeConsents { get => CriminalJusticeConsents.Count == 0 ? null : CriminalJusticeConsents; init => CriminalJusticeConsents = value ?? []; }
    /// <summary>Decisions to share without consent moved (stored as <see cref="CriminalJusticeConsents"/> is).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<Guid> SharingsWithoutConsent { get; init; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("sharingsWithoutConsent")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? StoredSharingsWithoutConsent { get => SharingsWithoutConsent.Count == 0 ? null : SharingsWithoutConsent; init => SharingsWithoutConsent = value ?? []; }
    /// <summary>Criminal justice events moved (stored as <see cref="CriminalJusticeConsents"/> is).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<Guid> CriminalJusticeEvents { get; init; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("criminalJusticeEvents")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? StoredCriminalJusticeEvents { get => CriminalJusticeEvents.Count == 0 ? null : CriminalJusticeEvents; init => CriminalJusticeEvents = value ?? []; }
    /// <summary>Criminal justice clocks moved (stored as <see cref="CriminalJusticeConsents"/> is).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<Guid> CriminalJusticeClocks { get; init; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("criminalJusticeClocks")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? StoredCriminalJusticeClocks { get => CriminalJusticeClocks.Count == 0 ? null : CriminalJusticeClocks; init => CriminalJusticeClocks = value ?? []; }
    /// <summary>Custody and court list rows matched to the merged person (proactive identification).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<Guid> ProactiveListRows { get; private init; } = [];
    /// <summary>
    /// <see cref="ProactiveListRows"/> as stored: left out of the JSON when empty, so merges without such rows keep the
    /// stored format of merges made before list rows existed.
    /// </summary>
    [System.Text.Json.Serialization.JsonPropertyName("proactiveListRows")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? StoredProactiveListRows { get => ProactiveListRows.Count == 0 ? null : ProactiveListRows; init => ProactiveListRows = value ?? []; }
    /// <summary>Planned-end changes moved (stored as <see cref="CriminalJusticeConsents"/> is).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<Guid> PlannedEndChanges { get; init; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("plannedEndChanges")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? StoredPlannedEndChanges { get => PlannedEndChanges.Count == 0 ? null : PlannedEndChanges; init => PlannedEndChanges = value ?? []; }
    /// <summary>Appointments moved (stored as <see cref="CriminalJusticeConsents"/> is).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<Guid> Appointments { get; init; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("appointments")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? StoredAppointments { get => Appointments.Count == 0 ? null : Appointments; init => Appointments = value ?? []; }
    /// <summary>Contacts moved (stored as <see cref="CriminalJusticeConsents"/> is).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<Guid> Contacts { get; init; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("contacts")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? StoredContacts { get => Contacts.Count == 0 ? null : Contacts; init => Contacts = value ?? []; }
    /// <summary>Reminders moved (stored as <see cref="CriminalJusticeConsents"/> is).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<Guid> Reminders { get; init; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("reminders")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? StoredReminders { get => Reminders.Count == 0 ? null : Reminders; init => Reminders = value ?? []; }
    /// <summary>Release plans moved (stored as <see cref="CriminalJusticeConsents"/> is).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<Guid> ReleasePlans { get; init; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("releasePlans")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? StoredReleasePlans { get => ReleasePlans.Count == 0 ? null : ReleasePlans; init => ReleasePlans = value ?? []; }
    /// <summary>Formulation revisions, renumbered after the kept person's own in the same team.</summary>
    public List<MovedRevision> FormulationRevisions { get; init; } = [];
    public List<Guid> IdentificationDrafts { get; init; } = [];
    /// <summary>Liaison report versions; null (left out of the stored JSON) when none moved, so merges stored before liaison reports read and write unchanged.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? LiaisonReports { get; set; }
    /// <summary>Drop-ins moved; null (left out of the stored JSON) when none moved.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? DropIns { get; set; }
    /// <summary>Support-network members moved; null (left out of the stored JSON) when none moved.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? SupportNetworkMembers { get; set; }
    /// <summary>Mentoring pairings moved (stored as <see cref="CriminalJusticeConsents"/> is).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<Guid> MentoringPairings { get; init; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("mentoringPairings")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? StoredMentoringPairings { get => MentoringPairings.Count == 0 ? null : MentoringPairings; init => MentoringPairings = value ?? []; }
    /// <summary>Action plans moved; null (left out of the stored JSON) when none moved, as <see cref="LiaisonReports"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? ActionPlans { get; set; }
    /// <summary>Action plan goals moved; null when none moved.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? ActionPlanGoals { get; set; }
    /// <summary>Action plan steps moved; null when none moved.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? ActionPlanSteps { get; set; }
    /// <summary>Action plan reviews moved; null when none moved.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? ActionPlanReviews { get; set; }
    /// <summary>Crisis plans; null (left out of the stored JSON) when none moved.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? CrisisPlans { get; set; }
    /// <summary>Crisis plan versions; null (left out of the stored JSON) when none moved.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? CrisisPlanVersions { get; set; }
    /// <summary>Texted copies of crisis plans; null (left out of the stored JSON) when none moved.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? CrisisPlanShares { get; set; }
    /// <summary>Unmet needs moved; null (left out of the stored JSON) when none moved.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? UnmetNeeds { get; set; }
    /// <summary>Legal holds moved; null (left out of the stored JSON) when none moved.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<Guid>? LegalHolds { get; set; }
    public List<Guid> Aliases { get; init; } = [];
    public List<Guid> OtherDatesOfBirth { get; init; } = [];
    public List<Guid> Identifiers { get; init; } = [];
    public List<MovedTeamLink> TeamLinks { get; init; } = [];
    /// <summary>The alias made from the merged person's name, when the kept person did not have it.</summary>
    public Guid? AddedAliasId { get; set; }
    /// <summary>The merged person's date of birth, added to the kept person as another date of birth.</summary>
    public Guid? AddedDateOfBirthId { get; set; }
    /// <summary>Set when the kept person had no NHS number / PNC ID and took the merged person's.</summary>
    public string? FilledNhsNumber { get; set; }
    public string? FilledPncId { get; set; }
    /// <summary>Other details the kept person had none of and took from the merged person (Phone, Email, Address, Postcode, GpPractice → value),
    /// see <see cref="DetailMerge"/>. Null when none: left out of the stored JSON, so merges stored before ADR 18 read and write unchanged.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? FilledDetails { get; set; }
    /// <summary>The kept person's reason for each empty detail the merge changed (<see cref="PersonField"/> name → reason before),
    /// see <see cref="DetailMerge"/>. Null when none, as <see cref="FilledDetails"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, Absence?>? AbsencesBefore { get; set; }

    public int RowCount => Episodes.Count + ScreeningOutcomes.Count + InstrumentCompletions.Count + Assessments.Count
        + FormulationRevisions.Count + IdentificationDrafts.Count + Aliases.Count + OtherDatesOfBirth.Count + Identifiers.Count + TeamLinks.Count;

    /// <summary>"2 episodes, 1 screening outcome, …" for pages and audit events.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Add(int n, string one, string many) { if (n > 0) parts.Add($"{n} {(n == 1 ? one : many)}"); }
        Add(Episodes.Count, "episode", "episodes");
        Add(ScreeningOutcomes.Count, "screening outcome", "screening outcomes");
        Add(InstrumentCompletions.Count, "screening questionnaire", "screening questionnaires");
        Add(Assessments.Count, "assessment", "assessments");
        Add(FormulationRevisions.Count, "formulation version", "formulation versions");
        Add(IdentificationDrafts.Count, "identification in progress", "identifications in progress");
        Add(TeamLinks.Count, "team", "teams");
        Add(Aliases.Count, "other name", "other names");
        Add(OtherDatesOfBirth.Count, "other date of birth", "other dates of birth");
        Add(Identifiers.Count, "other identifier", "other identifiers");
        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }
}

public sealed record MovedRevision(Guid Id, int FromNumber, int ToNumber);

/// <summary>A team link of the merged person; <paramref name="AddedToKept"/> when the kept person was not already known to that team.</summary>
public sealed record MovedTeamLink(Guid TeamId, DateTimeOffset Since, bool AddedToKept);

/// <summary>The merged record's own details when it was merged, child rows with their ids.</summary>
public sealed record MergedPersonSnapshot
{
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public Sex Sex { get; init; }
    public string? Address { get; init; }
    public string? Postcode { get; init; }
    public string? NhsNumber { get; init; }
    public string? PncId { get; init; }
    public Guid VersionAtMerge { get; init; }
    public List<SnapshotAlias> Aliases { get; init; } = [];
    public List<SnapshotDateOfBirth> OtherDatesOfBirth { get; init; } = [];
    public List<SnapshotIdentifier> Identifiers { get; init; } = [];

    public static MergedPersonSnapshot Of(Person p) => new()
    {
        GivenName = p.GivenName, FamilyName = p.FamilyName, DateOfBirth = p.DateOfBirth, Sex = p.Sex,
        Address = p.Address, Postcode = p.Postcode, NhsNumber = p.NhsNumber, PncId = p.PncId, VersionAtMerge = p.Version,
        Aliases = p.Aliases.Select(a => new SnapshotAlias(a.Id, a.GivenName, a.FamilyName)).ToList(),
        OtherDatesOfBirth = p.OtherDatesOfBirth.Select(d => new SnapshotDateOfBirth(d.Id, d.DateOfBirth)).ToList(),
        Identifiers = p.OtherIdentifiers.Select(i => new SnapshotIdentifier(i.Id, i.Kind, i.Value)).ToList(),
    };
}

public sealed record SnapshotAlias(Guid Id, string GivenName, string FamilyName);
public sealed record SnapshotDateOfBirth(Guid Id, DateOnly DateOfBirth);
public sealed record SnapshotIdentifier(Guid Id, string Kind, string Value);
