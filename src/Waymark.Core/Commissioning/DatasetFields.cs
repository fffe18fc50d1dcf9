using System.Globalization;
using Waymark.CriminalJustice;
using Waymark.Episodes;

namespace Waymark.Commissioning;

/// <summary>One code a dataset field can hold and what it means ("1" → "Male").</summary>
public sealed record DatasetCode(string Code, string Meaning);

/// <summary>
/// One column of the monthly dataset: its name (snake_case, the CSV header and JSON property), what it holds, and the
/// codes it can hold with their meanings (empty for free-standing values such as counts and keys).
/// </summary>
public sealed record DatasetField(string Name, string Meaning, IReadOnlyList<DatasetCode> Codes);

/// <summary>
/// The monthly dataset's columns, in file order: the ONE list the writers take their header and property order from
/// (<see cref="DatasetWriters.Fields"/>) and the dataset page describes, so the page and the file cannot disagree.
/// docs/dataset.md gives each field's source record and the national standards behind the codes.
/// </summary>
public static class DatasetFields
{
    private static DatasetCode[] Codes(params (string Code, string Meaning)[] codes) => [.. codes.Select(c => new DatasetCode(c.Code, c.Meaning))];

    /// <summary>Every column, in the order the CSV and the JSON write them.</summary>
    public static readonly IReadOnlyList<DatasetField> All =
    [
        new("dataset_month", "The month of the file, YYYY-MM.", []),
        new("team_type_code", "Always D02: the NHS mental health service or team type \"Criminal Justice Liaison and Diversion Service\".", Codes(("D02", "Criminal Justice Liaison and Diversion Service"))),
        new("team", "The team's name (your own teams only).", []),
        new("person_key", "16 characters that stand for the person: the same every month and for each of their episodes, for you alone. It is not an NHS number or any other identifier.", []),
        new("episode_key", "16 characters that stand for the episode, the same every month, for you alone.", []),
        new("age_band", "Age at identification, in bands.", Codes(("0-9", "Under 10"), ("10-17", "10 to 17"), ("18-24", "18 to 24"), ("25-34", "25 to 34"), ("35-44", "35 to 44"), ("45-54", "45 to 54"), ("55-64", "55 to 64"), ("65+", "65 and over"), ("NK", "Not known"))),
        new("sex", "Sex as recorded (NHS Data Dictionary person gender code).", Codes(("1", "Male"), ("2", "Female"), ("9", "Not specified"), ("0", "Not known"))),
        new("ethnic_category", "Ethnic category (NHS Data Dictionary); 99 also when nothing is recorded.",
            [.. People.EthnicCategory.All.Select(e => new DatasetCode(e.Code, e.Name))]),
        new("youth", "true when identified as a child or young person (under 18).", Codes(("true", "Yes"), ("false", "No"))),
        new("setting", "Where the person was identified (Waymark's setting code).", [.. Enum.GetValues<Setting>().Select(s => new DatasetCode(DatasetCodes.Setting(s), Settings.Display(s)))]),
        new("source_of_referral", "The national source of referral code the setting maps to (Mental Health Services Data Set).",
            Codes(("E1", "Police (custody, voluntary attendance, street triage)"), ("E2", "Courts (magistrates', Crown, youth)"), ("E3", "Probation service"), ("E4", "Prison"), ("E6", "Youth offending team"), ("B1", "Self-referral"), ("X1", "Other (a setting with no national code)"))),
        new("identified_month", "The month the person was identified, YYYY-MM. A month, not the date, so that the date and the person's details together cannot single them out.", []),
        new("screened", "true when screened by the end of the month.", []),
        new("days_to_screening", "Days from identification to screening (0 is the same day); empty when not screened by the month's end.", []),
        new("assessed", "true when assessed by the end of the month.", []),
        new("days_to_assessment", "Days from identification to assessment; empty when not assessed by the month's end.", []),
        new("report_sent", "true when a liaison report was sent to criminal justice agencies by the end of the month.", []),
        new("days_to_report", "Days from identification to the first report sent; empty when none was sent by the month's end.", []),
        new("needs_found", "The needs found in a completed assessment, as codes separated by \";\" (for example housing;mental-health).", []),
        new("referrals_made", "Referrals of the episode sent to other services, from its start up to the end of the month.", []),
        new("referrals_accepted", "Of those, accepted by the end of the month.", []),
        new("referrals_declined", "Of those, declined by the end of the month: per episode, counted from its start up to the month's end, not only in the month.", []),
        new("cjs_decisions", "Criminal justice decisions by the end of the month, in date order, separated by \";\".",
            [.. PoliceDecisions.All.Select(d => new DatasetCode("PD-" + d.Code, d.Display)),
             .. CourtOutcomes.All.Select(o => new DatasetCode("CO-" + ((int)o).ToString(CultureInfo.InvariantCulture), CourtOutcomes.Display(o)))]),
        new("closed_month", "The month the episode was closed, YYYY-MM; empty when still open at the month's end.", []),
        new("closure_reason", "Why the episode was closed (Waymark's code); empty when still open.", [.. Enum.GetValues<ClosureReason>().Select(r => new DatasetCode(r.ToString(), ClosureReasons.Display(r)))]),
        new("new_or_known", "Whether the person had an earlier episode in the same team.", Codes(("N", "New: no earlier episode in the team"), ("K", "Known: an earlier episode in the team"))),
    ];
}
