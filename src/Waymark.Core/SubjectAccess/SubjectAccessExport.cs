using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Access;
using Waymark.Audit;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.SubjectAccess;

/// <summary>One kind of record in a subject access export: a heading and every row of that kind, each as its fields.</summary>
/// <param name="Kind">The entity's name ("CrisisPlanVersion"): the registry's kinds, plus "Person" first.</param>
/// <param name="Title">The heading ("Crisis plan version").</param>
/// <param name="Rows">Every row, each a list of (field, value) in the table's order; user ids are followed by the user's name.</param>
public sealed record SubjectAccessSection(string Kind, string Title, IReadOnlyList<IReadOnlyList<KeyValuePair<string, object?>>> Rows);

/// <summary>Everything the team holds about one person, for a subject access request (docs/governance.md).</summary>
public sealed record SubjectAccessReport(Guid PersonId, string PersonName, string TeamName, DateTimeOffset ProducedAt, string ProducedBy, string Purpose,
    IReadOnlyList<SubjectAccessSection> Sections)
{
    /// <summary>The note every export carries: what the manager must still do before release.</summary>
    public const string RedactionNote = "Before release, the manager must read this export and redact other people's personal data " +
        "(third parties named in free text, such as relatives, victims or other service users) and anything exempt under the " +
        "Data Protection Act 2018 (e.g. information likely to cause serious harm). Waymark does not redact.";
}

/// <summary>
/// Builds a subject access export: every record the current team holds about a person, kind by kind from
/// <see cref="PersonLinkedRecords.RowsOfAsync"/> (so a new kind of record is included without change), every version
/// (versions are rows of their own kinds) and the audit trail of who viewed or changed it. The team's organisation is
/// the controller (ADR 24): rows of other teams are left out; rows without a team (the person's names, dates of birth,
/// identifiers) are shared and included. Audited with the purpose.
/// </summary>
public class SubjectAccessExport(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The longest purpose, in characters.</summary>
    public const int MaxPurpose = 500;

    /// <summary>
    /// The export, or null when the current team does not know the person. The audit event (Exported, "SubjectAccess",
    /// with the purpose) is committed before the export is returned.
    /// </summary>
    /// <exception cref="ValidationFailedException">No purpose, or longer than <see cref="MaxPurpose"/>.</exception>
    public async Task<SubjectAccessReport?> ExportAsync(Guid personId, string? purpose, string format, CancellationToken ct = default)
    {
        var why = purpose?.Trim();
        if (string.IsNullOrEmpty(why)) throw ValidationFailedException.For("Purpose", "Enter the purpose of the export, for example the subject access request's reference");
        if (why.Length > MaxPurpose) throw ValidationFailedException.For("Purpose", $"The purpose must be {MaxPurpose} characters or fewer");
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return null;
        var teamId = user.TeamId;
        var teamName = teamId is { } t ? await db.Teams.Where(x => x.Id == t).Select(x => x.Name).SingleOrDefaultAsync(ct) ?? "" : "";

        var sections = new List<SubjectAccessSection> { new(nameof(Person), "Person", [Fields(db.Entry(person))]) };
        foreach (var (kind, rows) in await PersonLinkedRecords.RowsOfAsync(db, personId, ct))
        {
            var teamProperty = db.Model.FindEntityType(kind.EntityType)?.FindProperty("TeamId");
            var kept = rows.Select(r => db.Entry(r))
                .Where(e => teamProperty is null || e.Property(teamProperty.Name).CurrentValue is not Guid g || g == teamId)
                .Select(Fields).ToList();
            sections.Add(new SubjectAccessSection(kind.EntityType.Name, Words(kind.EntityType.Name), kept));
        }
        db.ChangeTracker.Clear();
        sections = await WithUserNamesAsync(sections, ct);

        audit.Add(AuditAction.Exported, "SubjectAccess", personId.ToString(), personId, detail: "format=" + format, purpose: why);
        await db.SaveChangesAsync(ct);
        return new SubjectAccessReport(personId, person.FullName, teamName, clock.GetUtcNow(), user.UserId ?? "", why, sections);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The export as JSON: the request's details, the redaction note, and per kind its rows as objects of fields.</summary>
    public static string ToJson(SubjectAccessReport report) => JsonSerializer.Serialize(new
    {
        report.PersonId,
        report.PersonName,
        Team = report.TeamName,
        report.ProducedAt,
        report.ProducedBy,
        report.Purpose,
        Note = SubjectAccessReport.RedactionNote,
        Sections = report.Sections.Select(s => new
        {
            s.Kind,
            s.Title,
            Rows = s.Rows.Select(r => r.ToDictionary(f => f.Key, f => f.Value)).ToList(),
        }).ToList(),
    }, Json);

    /// <summary>"CrisisPlanVersion" as "Crisis plan version".</summary>
    public static string Words(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) sb.Append(' ').Append(char.ToLowerInvariant(name[i]));
            else sb.Append(name[i]);
        }
        return sb.ToString();
    }

    private static IReadOnlyList<KeyValuePair<string, object?>> Fields(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.Properties.Select(p => new KeyValuePair<string, object?>(p.Metadata.Name, p.CurrentValue)).ToList();

    // A field holding a user's id ("ClosedByUserId", "UserId") is followed by the user's name: the person is entitled
    // to know who saw and changed their records.
    private async Task<List<SubjectAccessSection>> WithUserNamesAsync(List<SubjectAccessSection> sections, CancellationToken ct)
    {
        var ids = sections.SelectMany(s => s.Rows).SelectMany(r => r).Where(f => IsUserField(f.Key) && f.Value is string).Select(f => (string)f.Value!).ToHashSet();
        var names = ids.Count == 0 ? new Dictionary<string, string>()
            : await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? u.Id, ct);
        return sections.Select(s => s with
        {
            Rows = s.Rows.Select(r => (IReadOnlyList<KeyValuePair<string, object?>>)r.SelectMany(f => IsUserField(f.Key) && f.Value is string id
                ? new[] { f, new KeyValuePair<string, object?>(f.Key[..^2] + "Name", names.GetValueOrDefault(id)) }
                : [f]).ToList()).ToList(),
        }).ToList();
    }

    private static bool IsUserField(string name) => name.EndsWith("UserId", StringComparison.Ordinal);
}

/// <summary>Subject access: registered once for the web app and the CLI.</summary>
public static class SubjectAccessRegistration
{
    /// <summary>Registers <see cref="SubjectAccessExport"/> (scoped).</summary>
    public static IServiceCollection AddSubjectAccess(this IServiceCollection services) => services.AddScoped<SubjectAccessExport>();
}
