using Microsoft.EntityFrameworkCore;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Figures;

/// <summary>
/// Demand: the episodes identified in the period (<see cref="Episode.IdentifiedAt"/>, by UK month) broken down by setting,
/// age group, sex, ethnic group, youth or adult, new or already known, and repeat presentations. One query fetches a
/// small tuple per episode of the scope's period (bounded by the teams' year of identifications, indexed on
/// Episodes (TeamId, IdentifiedAt)); the tables are counted from it.
/// </summary>
public sealed class DemandFigures : IFigureSource
{
    /// <summary>"Demand".</summary>
    public const string SectionName = "Demand";

    /// <inheritdoc />
    public string Section => SectionName;

    /// <inheritdoc />
    public int Order => 10;

    /// <summary>The age groups, in order, of <see cref="Episode.AgeAtIdentification"/>.</summary>
    public static readonly IReadOnlyList<string> AgeGroups = ["Under 18", "18 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 and over", "Not known"];

    /// <summary>The NHS Data Dictionary's five main ethnic groups, then "Not stated" (Z) and "Not known" (99, none or unrecognised).</summary>
    public static readonly IReadOnlyList<string> EthnicGroups = ["White", "Mixed or multiple ethnic groups", "Asian or Asian British", "Black or Black British", "Other ethnic group", "Not stated", "Not known"];

    /// <summary>The rows of the sex figure, from <see cref="Person.Sex"/>.</summary>
    public static readonly IReadOnlyList<string> Sexes = ["Male", "Female", "Not specified", "Not known"];

    /// <summary>The age group of an age in whole years at identification (null: "Not known").</summary>
    public static string AgeGroupOf(int? age) => age switch
    {
        null or < 0 => "Not known",
        < 18 => "Under 18",
        < 25 => "18 to 24",
        < 35 => "25 to 34",
        < 45 => "35 to 44",
        < 55 => "45 to 54",
        < 65 => "55 to 64",
        _ => "65 and over",
    };

    /// <summary>The main ethnic group of an NHS ethnic category code (<see cref="EthnicCategory"/>): A–C White, D–G Mixed, H–L Asian, M–P Black, R–S Other, Z Not stated, anything else Not known.</summary>
    public static string EthnicGroupOf(string? code) => code switch
    {
        "A" or "B" or "C" => "White",
        "D" or "E" or "F" or "G" => "Mixed or multiple ethnic groups",
        "H" or "J" or "K" or "L" => "Asian or Asian British",
        "M" or "N" or "P" => "Black or Black British",
        "R" or "S" => "Other ethnic group",
        "Z" => "Not stated",
        _ => "Not known",
    };

    /// <summary>The row of <see cref="Person.Sex"/>.</summary>
    public static string SexOf(Sex sex) => sex switch
    {
        Sex.Male => "Male",
        Sex.Female => "Female",
        Sex.NotSpecified => "Not specified",
        _ => "Not known",
    };

    private sealed record Row(Guid Id, Guid PersonId, DateTimeOffset IdentifiedAt, Setting Setting, int? Age, bool IsYouth, Sex Sex, string? Ethnic, bool KnownBefore);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Figure>> ComputeAsync(WaymarkDbContext db, FigureScope scope, CancellationToken ct)
    {
        var (start, end, teams) = (scope.Start, scope.End, scope.TeamIds.ToList());
        var episodes = db.Episodes.IgnoreQueryFilters().AsNoTracking();
        var rows = await episodes
            .Where(e => teams.Contains(e.TeamId) && e.IdentifiedAt >= start && e.IdentifiedAt < end)
            .Select(e => new Row(e.Id, e.PersonId, e.IdentifiedAt, e.Setting, e.AgeAtIdentification, e.IsYouth, e.Person!.Sex, e.Person.EthnicCategory,
                episodes.Any(o => o.PersonId == e.PersonId && teams.Contains(o.TeamId) && o.IdentifiedAt < e.IdentifiedAt)))
            .ToListAsync(ct);

        var months = scope.Months;
        var settings = Enum.GetValues<Setting>().Select(Settings.Display).ToList();
        CountFigure Count(string key, string title, string description, string rowHeading, IReadOnlyList<string> rowNames, Func<Row, string> row, IEnumerable<Row>? from = null) =>
            new($"demand.{key}", SectionName, title, description,
                CountTable.From(rowHeading, rowNames, months, FigureMath.Cells(scope, from ?? rows, r => r.IdentifiedAt, row)));

        // Repeat presentations: each person's 2nd, 3rd… identification in the period, in the month it happened.
        var repeats = rows.GroupBy(r => r.PersonId)
            .SelectMany(g => g.OrderBy(r => r.IdentifiedAt).ThenBy(r => r.Id).Select((r, i) => (Row: r, Nth: i + 1)))
            .Where(x => x.Nth >= 2)
            .ToList();
        var repeatTable = CountTable.From("Presentation", ["Second in the period", "Third or later in the period"], months,
            FigureMath.Cells(scope, repeats, x => x.Row.IdentifiedAt, x => x.Nth == 2 ? "Second in the period" : "Third or later in the period"));

        return
        [
            Count("setting", "Identifications by setting", "Episodes identified in the period, by the setting recorded on the episode (where the person was identified), in the month they were identified.", "Setting", settings, r => Settings.Display(r.Setting)),
            Count("age", "Identifications by age group", "Episodes identified in the period, by the person's age when identified as recorded on the episode.", "Age group", AgeGroups, r => AgeGroupOf(r.Age)),
            Count("sex", "Identifications by sex", "Episodes identified in the period, by the sex recorded on the person's record.", "Sex", Sexes, r => SexOf(r.Sex)),
            Count("ethnicity", "Identifications by ethnic group", "Episodes identified in the period, by the ethnic category recorded on the person's record, grouped to the NHS Data Dictionary's main ethnic groups.", "Ethnic group", EthnicGroups, r => EthnicGroupOf(r.Ethnic)),
            Count("youth", "Youth and adult identifications", "Episodes identified in the period, youth (the person was under 18, as recorded on the episode) or adult.", "Youth or adult", ["Youth (under 18)", "Adult"], r => r.IsYouth ? "Youth (under 18)" : "Adult"),
            Count("known", "New and already known", "Episodes identified in the period: already known when the person had an earlier episode with the team (any team in view) identified before this one, otherwise new.", "New or known", ["New", "Already known"], r => r.KnownBefore ? "Already known" : "New"),
            new CountFigure("demand.repeat", SectionName, "Repeat presentations", "People identified two or more times in the period: each identification after their first in the period, in the month it happened.", repeatTable),
        ];
    }
}
