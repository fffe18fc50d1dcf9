using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Liaison;

/// <summary>An agency could not be changed as asked (no team chosen, or it is already retired or in use).</summary>
public class AgencyRuleException(string message) : DomainRuleException(message);

/// <summary>
/// The team's criminal justice agencies: listed and read by every case worker (reports are addressed to them), added,
/// changed, retired and reinstated by team managers (the pages require <see cref="Permission.ManageTeam"/>). Never
/// deleted: consents, disclosures, reports and hearings name them. Every change is audited in the same transaction,
/// and a change applies only to the version the user loaded (ADR 7).
/// </summary>
public class CriminalJusticeAgencies(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The audit trail's record type.</summary>
    public const string RecordType = "CriminalJusticeAgency";

    /// <summary>How many agencies a list page shows.</summary>
    public const int PageSize = 50;

    /// <summary>The message when someone else saved the agency first.</summary>
    public const string Conflict =
        "Someone else changed this agency while you were editing it. Your changes have not been saved: check the agency as it is now, then make your changes again.";

    private IQueryable<CriminalJusticeAgency> Agencies => db.Set<CriminalJusticeAgency>();

    /// <summary>One page (1-based, <see cref="PageSize"/> a page) of the team's agencies by kind, then name; retired ones only when asked.</summary>
    public async Task<Page<CriminalJusticeAgency>> ListAsync(bool includeRetired, int page, CancellationToken ct = default)
    {
        page = Math.Clamp(page, 1, 10_000);
        var q = Agencies.AsNoTracking();
        if (!includeRetired) q = q.Where(a => a.RetiredAt == null);
        var rows = await q.OrderBy(a => a.Kind).ThenBy(a => a.Name).ThenBy(a => a.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        return new Page<CriminalJusticeAgency>(rows.Take(PageSize).ToList(), page, PageSize, rows.Count > PageSize);
    }

    /// <summary>The team's agencies in use (not retired), by kind and name: what consent and report forms offer.</summary>
    public Task<List<CriminalJusticeAgency>> InUseAsync(CancellationToken ct = default) =>
        Agencies.AsNoTracking().Where(a => a.RetiredAt == null).OrderBy(a => a.Kind).ThenBy(a => a.Name).ToListAsync(ct);

    /// <summary>Every agency of the team, retired ones too, by kind and name (for export).</summary>
    public Task<List<CriminalJusticeAgency>> AllAsync(CancellationToken ct = default) =>
        Agencies.AsNoTracking().OrderBy(a => a.Kind).ThenBy(a => a.Name).ToListAsync(ct);

    /// <summary>The agency, or null when it is not one of the team's.</summary>
    public Task<CriminalJusticeAgency?> FindAsync(Guid id, CancellationToken ct = default) =>
        Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>Adds an agency to the team's list.</summary>
    /// <exception cref="ValidationFailedException">What was typed breaks the rules, or the name is taken in the team.</exception>
    /// <exception cref="AgencyRuleException">No team is chosen.</exception>
    public async Task<CriminalJusticeAgency> CreateAsync(AgencyInput input, CancellationToken ct = default)
    {
        // Every problem at once: the name being taken is reported with the other fields' problems.
        ValidationFailedException.ThrowIfAny(input.Validate().Concat(await NameProblemsAsync(input.Name, null, ct)));
        var agency = New(input);
        db.Add(agency);
        audit.Add(AuditAction.Created, RecordType, agency.Id.ToString(), detail: $"Added {AgencyKinds.Display(agency.Kind)} '{agency.Name}'");
        await SaveAsync(ct);
        return agency;
    }

    /// <summary>Saves changes typed on a form loaded at <paramref name="expectedVersion"/>.</summary>
    /// <exception cref="ValidationFailedException">What was typed breaks the rules, or the name is taken in the team.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else saved the agency since it was loaded.</exception>
    /// <exception cref="KeyNotFoundException">Not one of the team's agencies.</exception>
    public async Task<CriminalJusticeAgency> UpdateAsync(Guid id, Guid expectedVersion, AgencyInput input, CancellationToken ct = default)
    {
        var agency = await LoadForChangeAsync(id, expectedVersion, ct);
        ValidationFailedException.ThrowIfAny(input.Validate().Concat(await NameProblemsAsync(input.Name, id, ct)));
        var changed = Apply(agency, input);
        agency.Version = Guid.NewGuid();
        audit.Add(AuditAction.Updated, RecordType, agency.Id.ToString(), detail: $"Changed '{agency.Name}': {Describe(changed)}");
        await SaveAsync(ct);
        return agency;
    }

    /// <summary>Retires the agency: no longer offered on forms; what names it keeps its name.</summary>
    /// <exception cref="AgencyRuleException">It is already retired.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else saved the agency since it was loaded.</exception>
    /// <exception cref="KeyNotFoundException">Not one of the team's agencies.</exception>
    public async Task RetireAsync(Guid id, Guid expectedVersion, CancellationToken ct = default)
    {
        var agency = await LoadForChangeAsync(id, expectedVersion, ct);
        if (agency.RetiredAt is not null) throw new AgencyRuleException($"{agency.Name} is already retired.");
        Retire(agency);
        await SaveAsync(ct);
    }

    /// <summary>Brings a retired agency back into use.</summary>
    /// <exception cref="AgencyRuleException">It is not retired.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else saved the agency since it was loaded.</exception>
    /// <exception cref="KeyNotFoundException">Not one of the team's agencies.</exception>
    public async Task ReinstateAsync(Guid id, Guid expectedVersion, CancellationToken ct = default)
    {
        var agency = await LoadForChangeAsync(id, expectedVersion, ct);
        if (agency.RetiredAt is null) throw new AgencyRuleException($"{agency.Name} is already in use.");
        Reinstate(agency);
        await SaveAsync(ct);
    }

    /// <summary>
    /// Checks an agencies file (<see cref="AgencyFile"/>) against the team's list: what each row would do, or every
    /// problem with its line number. Saves nothing.
    /// </summary>
    public async Task<AgencyImportPlan> PlanImportAsync(string csv, CancellationToken ct = default)
    {
        var parsed = AgencyFile.Parse(csv);
        var existing = await Agencies.AsNoTracking().ToListAsync(ct);
        var byName = existing.GroupBy(a => Key(a.Name)).ToDictionary(g => g.Key, g => g.First());
        var problems = new List<AgencyFileProblem>(parsed.Problems);
        var rows = new List<AgencyImportRow>();
        var seen = new Dictionary<string, int>();
        foreach (var row in parsed.Rows)
        {
            foreach (var (_, message) in row.Input.Validate()) problems.Add(new AgencyFileProblem(row.Line, message));
            if (string.IsNullOrWhiteSpace(row.Input.Name)) continue;
            var key = Key(row.Input.Name);
            if (seen.TryGetValue(key, out var first))
            {
                problems.Add(new AgencyFileProblem(row.Line, $"'{Short(row.Input.Name.Trim())}' is also on line {first}: each agency once"));
                continue;
            }
            seen[key] = row.Line;
            var match = byName.GetValueOrDefault(key);
            var action = match is null ? AgencyImportAction.Add
                : Same(match, row) ? AgencyImportAction.Unchanged
                : AgencyImportAction.Update;
            rows.Add(new AgencyImportRow(row.Line, row.Input, row.Retired, action, match?.Id, match is null ? [] : Changes(match, row)));
        }
        return new AgencyImportPlan(rows, problems.OrderBy(p => p.Line).ToList());
    }

    /// <summary>
    /// Imports an agencies file: rows are matched to the team's agencies by name (any case) and update them, or are
    /// added. All or nothing: when any row is bad nothing is saved and the plan lists every problem.
    /// </summary>
    /// <returns>The plan that was carried out (or, with problems, refused).</returns>
    public async Task<AgencyImportPlan> ImportAsync(string csv, CancellationToken ct = default)
    {
        var plan = await PlanImportAsync(csv, ct);
        if (!plan.CanImport) return plan;
        var ids = plan.Rows.Where(r => r.ExistingId is not null).Select(r => r.ExistingId!.Value).ToList();
        var tracked = await Agencies.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        foreach (var row in plan.Rows)
        {
            if (row.Action == AgencyImportAction.Unchanged) continue;
            if (row.ExistingId is { } id)
            {
                var agency = tracked[id];
                var changed = Apply(agency, row.Input);
                if (row.Retired && agency.RetiredAt is null) Retire(agency);
                else if (!row.Retired && agency.RetiredAt is not null) Reinstate(agency);
                agency.Version = Guid.NewGuid();
                if (changed.Count > 0)
                    audit.Add(AuditAction.Updated, RecordType, agency.Id.ToString(), detail: $"Imported changes to '{agency.Name}': {Describe(changed)}");
            }
            else
            {
                var agency = New(row.Input);
                db.Add(agency);
                audit.Add(AuditAction.Created, RecordType, agency.Id.ToString(), detail: $"Imported {AgencyKinds.Display(agency.Kind)} '{agency.Name}'");
                if (row.Retired) Retire(agency);
            }
        }
        await SaveAsync(ct);
        return plan;
    }

    /// <summary>The team's agencies as an agencies file (every agency, retired ones marked), audited as an export.</summary>
    public async Task<string> ExportAsync(CancellationToken ct = default)
    {
        var all = await AllAsync(ct);
        audit.Add(AuditAction.Exported, RecordType, null, detail: $"Exported {all.Count} agencies as CSV");
        await db.SaveChangesAsync(ct);
        return AgencyFile.Write(all);
    }

    private Guid Team => user.TeamId ?? throw new AgencyRuleException("Choose a team first: agencies belong to a team.");

    private CriminalJusticeAgency New(AgencyInput input)
    {
        var agency = new CriminalJusticeAgency
        {
            TeamId = Team, Name = "", CreatedAt = clock.GetUtcNow(), CreatedByUserId = user.UserId ?? "system",
        };
        Apply(agency, input);
        return agency;
    }

    private void Retire(CriminalJusticeAgency agency)
    {
        (agency.RetiredAt, agency.RetiredByUserId) = (clock.GetUtcNow(), user.UserId);
        agency.Version = Guid.NewGuid();
        audit.Add(AuditAction.Retired, RecordType, agency.Id.ToString(), detail: $"Retired '{agency.Name}'");
    }

    private void Reinstate(CriminalJusticeAgency agency)
    {
        (agency.RetiredAt, agency.RetiredByUserId) = (null, null);
        agency.Version = Guid.NewGuid();
        audit.Add(AuditAction.Reinstated, RecordType, agency.Id.ToString(), detail: $"Reinstated '{agency.Name}'");
    }

    private async Task<CriminalJusticeAgency> LoadForChangeAsync(Guid id, Guid expectedVersion, CancellationToken ct)
    {
        var agency = await Agencies.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new KeyNotFoundException("Agency not found.");
        if (agency.Version != expectedVersion) throw new ConcurrencyConflictException(Conflict);
        db.ExpectVersion(agency, expectedVersion);
        return agency;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveOrConflictAsync(Conflict, ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The unique (team, name) index: another manager added the same name between the check and the save.
            throw ValidationFailedException.For(nameof(AgencyInput.Name), "An agency with this name was added to your team's list just now. Use another name, or change that agency.");
        }
    }

    /// <summary>The problem with a name another of the team's agencies has (any case; retired ones count: reinstate them instead), or none (also none for an empty name, which <see cref="AgencyInput.Validate"/> reports).</summary>
    private async Task<IReadOnlyList<(string Field, string Message)>> NameProblemsAsync(string? name, Guid? except, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name)) return [];
        var lower = name.Trim().ToLowerInvariant();
        var other = await Agencies.AsNoTracking().Where(a => a.Name.ToLower() == lower && a.Id != except)
            .Select(a => new { a.Name, a.RetiredAt }).FirstOrDefaultAsync(ct);
        if (other is null) return [];
        return [(nameof(AgencyInput.Name), other.RetiredAt is null
            ? $"Your team already has an agency called '{Short(other.Name)}'. Use another name, or change that agency."
            : $"Your team has a retired agency called '{Short(other.Name)}'. Reinstate it instead, or use another name.")];
    }

    /// <summary>Copies the input onto the agency; returns the names of what changed.</summary>
    private static List<string> Apply(CriminalJusticeAgency a, AgencyInput i)
    {
        var changed = new List<string>();
        void Set<T>(string name, T current, T wanted, Action<T> assign)
        {
            if (EqualityComparer<T>.Default.Equals(current, wanted)) return;
            assign(wanted);
            changed.Add(name);
        }
        Set("kind", a.Kind, i.Kind!.Value, v => a.Kind = v);
        Set("name", a.Name, i.Name!.Trim(), v => a.Name = v);
        Set("code", a.Code, AgencyInput.Clean(i.Code), v => a.Code = v);
        Set("secure email", a.SecureEmail, AgencyInput.Clean(i.SecureEmail), v => a.SecureEmail = v);
        Set("telephone", a.Telephone, AgencyInput.Clean(i.Telephone), v => a.Telephone = v);
        Set("address", a.Address, AgencyInput.Clean(i.Address)?.ReplaceLineEndings("\n"), v => a.Address = v);
        Set("notes", a.Notes, AgencyInput.Clean(i.Notes)?.ReplaceLineEndings("\n"), v => a.Notes = v);
        return changed;
    }

    /// <summary>What a row would change on the agency of its name, e.g. "Address removed", "Secure email changed", "Retired".</summary>
    private static List<string> Changes(CriminalJusticeAgency a, AgencyFileRow row)
    {
        var i = row.Input;
        var changes = new List<string>();
        void Check(string field, string? current, string? wanted)
        {
            if (string.Equals(current, wanted, StringComparison.Ordinal)) return;
            changes.Add(wanted is null ? $"{field} removed" : current is null ? $"{field} added" : $"{field} changed");
        }
        if (a.Kind != i.Kind) changes.Add("Kind changed");
        Check("Name", a.Name, i.Name?.Trim());
        Check("Code", a.Code, AgencyInput.Clean(i.Code));
        Check("Secure email", a.SecureEmail, AgencyInput.Clean(i.SecureEmail));
        Check("Telephone", a.Telephone, AgencyInput.Clean(i.Telephone));
        Check("Address", a.Address, AgencyInput.Clean(i.Address)?.ReplaceLineEndings("\n"));
        Check("Notes", a.Notes, AgencyInput.Clean(i.Notes)?.ReplaceLineEndings("\n"));
        if (row.Retired && a.RetiredAt is null) changes.Add("Retired");
        else if (!row.Retired && a.RetiredAt is not null) changes.Add("Reinstated");
        return changes;
    }

    private static bool Same(CriminalJusticeAgency a, AgencyFileRow row)
    {
        var copy = new CriminalJusticeAgency
        {
            Name = a.Name, Kind = a.Kind, Code = a.Code, SecureEmail = a.SecureEmail, Telephone = a.Telephone, Address = a.Address,
            Notes = a.Notes, CreatedByUserId = "",
        };
        return Apply(copy, row.Input).Count == 0 && row.Retired == (a.RetiredAt is not null);
    }

    private static string Describe(List<string> changed) => changed.Count == 0 ? "nothing changed" : string.Join(", ", changed);

    private static string Key(string name) => name.Trim().ToLowerInvariant();

    private static string Short(string s) => s.Length > 60 ? s[..60] + "…" : s;
}

/// <summary>What importing one row of an agencies file does.</summary>
public enum AgencyImportAction
{
    /// <summary>No agency of the team has its name: it is added.</summary>
    Add,
    /// <summary>The agency of that name is changed to match the row.</summary>
    Update,
    /// <summary>The agency of that name already matches the row.</summary>
    Unchanged,
}

/// <summary>One good row of an agencies file and what importing it does.</summary>
/// <param name="Line">The line of the file the row starts on (the header is line 1).</param>
/// <param name="Input">The agency as the row gives it.</param>
/// <param name="Retired">Whether the row says the agency is retired.</param>
/// <param name="Action">Added, updated or unchanged.</param>
/// <param name="ExistingId">The team's agency of the same name, when there is one.</param>
/// <param name="Changes">For an update, what changes, in words ("Address removed", "Secure email changed", "Retired"); empty otherwise.</param>
public sealed record AgencyImportRow(int Line, AgencyInput Input, bool Retired, AgencyImportAction Action, Guid? ExistingId, IReadOnlyList<string> Changes);

/// <summary>What importing an agencies file would do, or why it cannot be imported.</summary>
/// <param name="Rows">The good rows, in file order.</param>
/// <param name="Problems">Every problem, by line; when there is any, nothing is imported.</param>
public sealed record AgencyImportPlan(IReadOnlyList<AgencyImportRow> Rows, IReadOnlyList<AgencyFileProblem> Problems)
{
    /// <summary>No problems and at least one row.</summary>
    public bool CanImport => Problems.Count == 0 && Rows.Count > 0;

    /// <summary>Whether importing would add or change anything (false when every row is unchanged).</summary>
    public bool ChangesAnything => Rows.Any(r => r.Action != AgencyImportAction.Unchanged);

    /// <summary>How many rows do <paramref name="action"/>.</summary>
    public int Count(AgencyImportAction action) => Rows.Count(r => r.Action == action);
}
