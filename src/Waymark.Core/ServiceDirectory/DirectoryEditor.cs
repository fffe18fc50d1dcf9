using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.ServiceDirectory;

/// <summary>The directory's entry could not be saved as asked (it is not the user's to change, or it is gone).</summary>
public class DirectoryRuleException(string message) : DomainRuleException(message);

/// <summary>
/// Adds and changes entries in the team's directory. Every change is audited in the same transaction;
/// a save applies only to the version the user loaded (ADR 0007), so two people editing one service
/// cannot overwrite each other.
/// </summary>
public class DirectoryEditor(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    public const string RecordType = "LocalService";

    /// <summary>The whole entry, as the service page shows it; null when not in the team's directory.</summary>
    public Task<LocalService?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Services.AsNoTracking()
            .Include(s => s.Organisation).Include(s => s.Needs).Include(s => s.Locations).Include(s => s.Areas)
            .Include(s => s.OpeningTimes).Include(s => s.Contacts)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == id, ct);

    public Task<List<Organisation>> OrganisationsAsync(CancellationToken ct = default) =>
        db.Organisations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id).ToListAsync(ct);

    public async Task<LocalService> CreateAsync(ServiceInput input, CancellationToken ct = default)
    {
        Check(input);
        var service = new LocalService { Name = "", TeamId = Team };
        db.Services.Add(service);
        service.OrganisationId = await OrganisationFor(input, ct);
        var changed = Apply(service, input);
        service.UpdatedAt = clock.GetUtcNow();
        audit.Add(AuditAction.Created, RecordType, service.Id.ToString(), detail: $"Added '{service.Name}'; {Describe(changed)}");
        await db.SaveChangesAsync(ct);
        return service;
    }

    /// <summary>Saves changes made on a form loaded at <paramref name="expectedVersion"/>.</summary>
    public async Task<LocalService> UpdateAsync(Guid id, Guid expectedVersion, ServiceInput input, CancellationToken ct = default)
    {
        Check(input);
        var service = await LoadForChangeAsync(id, ct);
        if (service.Version != expectedVersion) throw new ConcurrencyConflictException(Conflict);
        db.ExpectVersion(service, expectedVersion);
        service.OrganisationId = await OrganisationFor(input, ct);
        var changed = Apply(service, input);
        service.UpdatedAt = clock.GetUtcNow(); // the row always changes, so its version check always runs
        audit.Add(AuditAction.Updated, RecordType, service.Id.ToString(), detail: $"Changed '{service.Name}': {Describe(changed)}");
        await db.SaveOrConflictAsync(Conflict, ct);
        return service;
    }

    /// <summary>
    /// "I checked this entry today": records who and when. It vouches for the entry as the user saw it,
    /// so it is refused if the entry changed since their page was loaded.
    /// </summary>
    public async Task VerifyAsync(Guid id, Guid expectedVersion, CancellationToken ct = default)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new KeyNotFoundException("Service not found.");
        if (service.Version != expectedVersion)
            throw new ConcurrencyConflictException("Someone else changed this service since you opened it. Check the entry as it is now before saying it is right.");
        db.ExpectVersion(service, expectedVersion);
        service.LastVerifiedAt = clock.GetUtcNow();
        service.LastVerifiedBy = user.UserId;
        audit.Add(AuditAction.Updated, RecordType, service.Id.ToString(), detail: $"Verified '{service.Name}': checked the entry today");
        await db.SaveOrConflictAsync(Conflict, ct);
    }

    private Guid Team => user.TeamId ?? throw new DirectoryRuleException("Choose a team first: the directory belongs to a team.");

    private static void Check(ServiceInput input) => ValidationFailedException.ThrowIfAny(input.Validate());

    private async Task<LocalService> LoadForChangeAsync(Guid id, CancellationToken ct) =>
        await db.Services.Include(s => s.Needs).Include(s => s.Locations).Include(s => s.Areas)
            .Include(s => s.OpeningTimes).Include(s => s.Contacts).AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == id, ct)
        ?? throw new KeyNotFoundException("Service not found.");

    private const string Conflict =
        "Someone else changed this service while you were editing it. Your changes have not been saved: check the entry as it is now, then make your changes again.";

    /// <summary>The chosen organisation (which must be the team's), or the new one, reusing one of the same name.</summary>
    private async Task<Guid> OrganisationFor(ServiceInput input, CancellationToken ct)
    {
        if (input.OrganisationId is { } chosen)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == chosen, ct))
                throw ValidationFailedException.For(nameof(ServiceInput.OrganisationId), "Choose an organisation from the list");
            return chosen;
        }
        var name = input.NewOrganisation!.Name!.Trim();
        var lower = name.ToLowerInvariant();
        var existing = db.Organisations.Local.FirstOrDefault(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? await db.Organisations.FirstOrDefaultAsync(o => o.Name.ToLower() == lower, ct);
        if (existing is not null) return existing.Id;
        var org = new Organisation
        {
            TeamId = Team, Name = name, Description = Clean(input.NewOrganisation.Description) ?? "",
            Website = Clean(input.NewOrganisation.Website), Email = Clean(input.NewOrganisation.Email), Phone = Clean(input.NewOrganisation.Phone),
        };
        db.Organisations.Add(org);
        audit.Add(AuditAction.Created, "Organisation", org.Id.ToString(), detail: $"Added organisation '{org.Name}'");
        return org.Id;
    }

    /// <summary>Copies the input onto the service, updating rows in place (ids kept); returns the names of what changed.</summary>
    internal List<string> Apply(LocalService s, ServiceInput i)
    {
        var changed = new List<string>();
        void Set<T>(string name, T current, T wanted, Action<T> assign)
        {
            if (EqualityComparer<T>.Default.Equals(current, wanted)) return;
            assign(wanted);
            changed.Add(name);
        }
        Set("name", s.Name, Clean(i.Name)!, v => s.Name = v);
        Set("description", s.Description, Clean(i.Description) ?? "", v => s.Description = v);
        Set("website", s.Url, Clean(i.Url), v => s.Url = v);
        Set("email", s.Email, Clean(i.Email), v => s.Email = v);
        Set("phone", s.Phone, Clean(i.Phone), v => s.Phone = v);
        Set("status", s.Status, i.Status, v => s.Status = v);
        Set("youngest age", s.MinimumAge, i.MinimumAge, v => s.MinimumAge = v);
        Set("oldest age", s.MaximumAge, i.MaximumAge, v => s.MaximumAge = v);
        Set("eligibility", s.Eligibility, Clean(i.Eligibility), v => s.Eligibility = v);
        Set("offending history", s.AcceptsOffendingHistory, i.AcceptsOffendingHistory, v => s.AcceptsOffendingHistory = v);
        Set("substance use", s.AcceptsCoOccurringSubstanceUse, i.AcceptsCoOccurringSubstanceUse, v => s.AcceptsCoOccurringSubstanceUse = v);
        Set("how to refer", s.HowToRefer, Clean(i.HowToRefer), v => s.HowToRefer = v);
        Set("referral requirements", s.ReferralRequirements, Clean(i.ReferralRequirements), v => s.ReferralRequirements = v);
        // A service with a drop-in session takes drop-ins, whatever the box says.
        Set("drop-in", s.DropIn, i.DropIn || i.OpeningTimes.Any(o => o.DropIn), v => s.DropIn = v);
        Set("drop-in details", s.DropInDetails, Clean(i.DropInDetails), v => s.DropInDetails = v);

        var needs = AssessmentDomains.InListingOrder(i.Needs).ToHashSet(StringComparer.Ordinal);
        if (Sync(s.Needs, needs, n => n.Domain, d => new ServiceNeed { ServiceId = s.Id, Domain = d })) changed.Add("needs");
        var areas = i.Areas.Select(a => Place.CoverageCode(a)!).ToHashSet(StringComparer.Ordinal);
        if (Sync(s.Areas, areas, a => a.District, d => new ServiceArea { ServiceId = s.Id, District = d })) changed.Add("areas covered");

        if (SyncRows(s.Locations, i.Locations, l => l.Id, x => x.Id, id => new ServiceLocation { Id = id, ServiceId = s.Id, Address = "", Postcode = "", PostcodeDistrict = "" }, (row, x) =>
        {
            var postcode = Normalise(x.Postcode!);
            var before = (row.Name, row.Address, row.Town, row.Postcode, row.Latitude, row.Longitude);
            (row.Name, row.Address, row.Town, row.Postcode, row.PostcodeDistrict, row.Latitude, row.Longitude) =
                (Clean(x.Name), Clean(x.Address)!, Clean(x.Town), postcode, Place.DistrictOf(postcode)!, x.Latitude, x.Longitude);
            return before != (row.Name, row.Address, row.Town, row.Postcode, row.Latitude, row.Longitude);
        })) changed.Add("locations");
        if (SyncRows(s.OpeningTimes, i.OpeningTimes, o => o.Id, x => x.Id, id => new OpeningTime { Id = id, ServiceId = s.Id }, (row, x) =>
        {
            var before = (row.Day, row.Opens, row.Closes, row.DropIn);
            (row.Day, row.Opens, row.Closes, row.DropIn) = (x.Day, x.Opens, x.Closes, x.DropIn);
            return before != (row.Day, row.Opens, row.Closes, row.DropIn);
        })) changed.Add("opening times");
        if (SyncRows(s.Contacts, i.Contacts, c => c.Id, x => x.Id, id => new ServiceContact { Id = id, ServiceId = s.Id, Name = "" }, (row, x) =>
        {
            var before = (row.Name, row.Role, row.Phone, row.Email, row.RelationshipNotes);
            (row.Name, row.Role, row.Phone, row.Email, row.RelationshipNotes) = (Clean(x.Name)!, Clean(x.Role), Clean(x.Phone), Clean(x.Email), Clean(x.RelationshipNotes));
            return before != (row.Name, row.Role, row.Phone, row.Email, row.RelationshipNotes);
        })) changed.Add("contacts");
        return changed;
    }

    /// <summary>Makes a set of key rows match <paramref name="wanted"/>; true when anything changed.</summary>
    private bool Sync<TRow>(List<TRow> rows, HashSet<string> wanted, Func<TRow, string> key, Func<string, TRow> make) where TRow : class
    {
        var changed = false;
        foreach (var row in rows.Where(r => !wanted.Contains(key(r))).ToList())
        {
            rows.Remove(row);
            db.Remove(row);
            changed = true;
        }
        var have = rows.Select(key).ToHashSet(StringComparer.Ordinal);
        foreach (var w in wanted.Where(w => !have.Contains(w)))
        {
            rows.Add(make(w));
            changed = true;
        }
        return changed;
    }

    /// <summary>Imports keep the ids in the file for new rows (the importer has made sure they are free).</summary>
    internal bool KeepNewIds { get; set; }

    /// <summary>The message for a row id the service does not have (field "": the summary only).</summary>
    public const string UnknownRow = "The form was changed or is out of date. Reload the page and try again.";

    /// <summary>
    /// Rows with ids: a wanted row whose id is already there is updated in place, one with a new id (or
    /// none) is added, and rows no longer wanted are removed.
    /// </summary>
    private bool SyncRows<TRow, TIn>(List<TRow> rows, IReadOnlyList<TIn> wanted, Func<TRow, Guid> rowId, Func<TIn, Guid?> inId,
        Func<Guid, TRow> make, Func<TRow, TIn, bool> copy) where TRow : class
    {
        var changed = false;
        var keep = wanted.Select(inId).Where(x => x is not null).Select(x => x!.Value).ToHashSet();
        foreach (var row in rows.Where(r => !keep.Contains(rowId(r))).ToList())
        {
            rows.Remove(row);
            db.Remove(row);
            changed = true;
        }
        foreach (var w in wanted)
        {
            var row = inId(w) is { } id ? rows.FirstOrDefault(r => rowId(r) == id) : null;
            // A form may only name rows it was given (an unknown id is a changed or out-of-date form, refused before
            // anything is saved); an import's ids are already checked to be free.
            if (row is null && !KeepNewIds && inId(w) is not null)
                throw ValidationFailedException.For("", UnknownRow);
            if (row is null)
            {
                // A form may only name rows it was given; an import's ids are already checked to be free.
                row = make(KeepNewIds && inId(w) is { } newId ? newId : Guid.NewGuid());
                rows.Add(row);
                copy(row, w);
                changed = true;
            }
            else if (copy(row, w)) changed = true;
        }
        return changed;
    }

    private static string Describe(List<string> changed) => changed.Count == 0 ? "nothing changed" : string.Join(", ", changed);

    private static string Normalise(string postcode) => UkPostcode.Normalise(postcode) ?? postcode.Trim().ToUpperInvariant();

    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
