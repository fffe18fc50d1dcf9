using Waymark.People;
using Waymark.Persistence;

namespace Waymark.ProactiveIdentification;

/// <summary>How a list's rows came in. Stored as numbers: never renumber.</summary>
public enum ListSource
{
    /// <summary>A CSV file uploaded.</summary>
    Upload = 1,
    /// <summary>Rows pasted (tab- or comma-separated), e.g. from a spreadsheet or the custody system.</summary>
    Pasted = 2,
    /// <summary>Rows typed one at a time on a form.</summary>
    Typed = 3,
}

/// <summary>How strongly the matching engine thinks a row is a person the team knows. Stored as numbers: never renumber.</summary>
public enum MatchBand
{
    /// <summary>Nobody the team knows looks like this row.</summary>
    NoMatch = 0,
    /// <summary>Someone may be this row: a practitioner should check.</summary>
    Potential = 1,
    /// <summary>The engine (or a valid NHS number or PNC ID) says this is the person.</summary>
    Definite = 2,
}

/// <summary>What a practitioner decided about a row's match. Stored as numbers: never renumber.</summary>
public enum RowVerdict
{
    /// <summary>The candidate is the person on the list.</summary>
    Confirmed = 1,
    /// <summary>The candidate is not the person on the list.</summary>
    Rejected = 2,
}

/// <summary>
/// The day's list of people in one custody suite or at one court (issue 12 item 5; 000 "100% screening of selected
/// groups"), as imported by the team. A list belongs to the team, one agency of the team (a custody suite or a court,
/// <see cref="Liaison.CriminalJusticeAgency"/>) and one UK day. An import is first a preview (<see cref="ConfirmedAt"/>
/// null) that only its importer sees in the lists; confirmed, it feeds the proactive screening queue.
/// </summary>
public class ProactiveList : ITeamOwned
{
    /// <summary>The list's id.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <inheritdoc />
    public Guid TeamId { get; set; }
    /// <summary>The custody suite or court (<see cref="Liaison.CriminalJusticeAgency"/> of the same team).</summary>
    public Guid AgencyId { get; set; }
    /// <summary>The UK day the list is for.</summary>
    public DateOnly Day { get; set; }
    /// <summary>How the rows came in.</summary>
    public ListSource Source { get; set; }
    /// <summary>The uploaded file's name (no folders), up to 200 characters; null for pasted and typed rows.</summary>
    public string? FileName { get; set; }
    /// <summary>When the rows were read (UTC).</summary>
    public DateTimeOffset ImportedAt { get; set; }
    /// <summary>Who imported it.</summary>
    public required string ImportedByUserId { get; set; }
    /// <summary>When the preview was confirmed; null while it is a preview.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>Who confirmed it.</summary>
    public string? ConfirmedByUserId { get; set; }
    /// <summary>The rows, in the order of the file.</summary>
    public List<ProactiveListRow> Rows { get; set; } = [];
}

/// <summary>
/// One person on a custody or court list: what the list said, the best candidate the matching engine found among the
/// team's people (<see cref="PersonId"/>, <see cref="Band"/>, <see cref="Score"/>) and the practitioner's verdict on it
/// (<see cref="Verdict"/>, who and when). The personal details of a row nobody was matched to are cleared after
/// <see cref="ProactiveOptions.UnmatchedRetentionDays"/> (<see cref="DetailsClearedAt"/>).
/// </summary>
public class ProactiveListRow : ITeamOwned, IVersioned
{
    /// <summary>The row's id.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The list it is on.</summary>
    public Guid ListId { get; set; }
    /// <inheritdoc />
    public Guid TeamId { get; set; }
    /// <summary>The line of the file or pasted text it came from (1 is the first line, the header if any); for a typed row, its position.</summary>
    public int Line { get; set; }

    /// <summary>The custody record number or court case number, up to 50 characters.</summary>
    public string? Reference { get; set; }
    /// <summary>Family name, up to 100 characters (empty once cleared).</summary>
    public string FamilyName { get; set; } = "";
    /// <summary>Given names, up to 100 characters.</summary>
    public string? GivenNames { get; set; }
    /// <summary>Date of birth, when the list gives one.</summary>
    public DateOnly? DateOfBirth { get; set; }
    /// <summary>Whole years on the list's day, from <see cref="DateOfBirth"/>; kept when the details are cleared, so old days' figures stand.</summary>
    public int? AgeOnDay { get; set; }
    /// <summary>Sex as the list says (<see cref="Sex.NotKnown"/> when it does not).</summary>
    public Sex Sex { get; set; }
    /// <summary>Postcode as <see cref="UkPostcode.Normalise"/> gives it, or <see cref="NoFixedAbode"/> when the list said so.</summary>
    public string? Postcode { get; set; }

    /// <summary>What <see cref="Postcode"/> holds when the list said "NFA" or "no fixed abode": not a postcode, never matched on.</summary>
    public const string NoFixedAbode = "NFA";
    /// <summary>PNC ID as <see cref="Identifiers.PncId.Normalise"/> gives it.</summary>
    public string? PncId { get; set; }
    /// <summary>NHS number, ten digits.</summary>
    public string? NhsNumber { get; set; }
    /// <summary>When the person arrived in custody or the case is listed (UTC; typed as UK time).</summary>
    public DateTimeOffset? TimeIn { get; set; }
    /// <summary>The offence category as the list words it (not the allegation), up to 100 characters.</summary>
    public string? OffenceCategory { get; set; }
    /// <summary>Anything else the list says, up to 500 characters.</summary>
    public string? Notes { get; set; }

    /// <summary>The best candidate among the team's people, or the person a practitioner chose; null when nobody matched.</summary>
    public Guid? PersonId { get; set; }
    /// <summary>The engine's band for <see cref="PersonId"/>.</summary>
    public MatchBand Band { get; set; }
    /// <summary>The match weight in bits (<see cref="Identification.MatchCandidate.Score"/>); null with no candidate.</summary>
    public double? Score { get; set; }
    /// <summary>The probability that the candidate is this person (0 to 1); null with no candidate.</summary>
    public double? Probability { get; set; }
    /// <summary>The practitioner's verdict on the candidate; null while undecided.</summary>
    public RowVerdict? Verdict { get; set; }
    /// <summary>When the verdict was given.</summary>
    public DateTimeOffset? VerdictAt { get; set; }
    /// <summary>Who gave the verdict.</summary>
    public string? VerdictByUserId { get; set; }

    /// <summary>When the personal details were cleared under the retention rule; null while kept.</summary>
    public DateTimeOffset? DetailsClearedAt { get; set; }

    /// <inheritdoc />
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>
    /// The person this row is taken to be: the candidate when a practitioner confirmed it, or when the engine was
    /// definite and nobody rejected it; otherwise null.
    /// </summary>
    public Guid? MatchedPersonId => PersonId is { } id && Verdict != RowVerdict.Rejected && (Verdict == RowVerdict.Confirmed || Band == MatchBand.Definite) ? id : null;
}

/// <summary>
/// The team's choice of who the proactive screening queue selects (<see cref="SelectionRules"/> codes), kept by team
/// managers. A team with no row selects nobody until a manager chooses.
/// </summary>
public class ProactiveScreeningSettings : ITeamOwned, IVersioned
{
    /// <inheritdoc />
    public Guid TeamId { get; set; }
    /// <summary>The chosen rules' codes (<see cref="SelectionRules.Code"/>), separated by spaces, up to 500 characters.</summary>
    public string Rules { get; set; } = "";
    /// <summary>When last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Who last changed them.</summary>
    public string? UpdatedByUserId { get; set; }
    /// <inheritdoc />
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The chosen rules, in <see cref="SelectionRules.All"/> order; unknown codes are ignored.</summary>
    public IReadOnlyList<SelectionRule> Chosen => SelectionRules.Parse(Rules);
}
