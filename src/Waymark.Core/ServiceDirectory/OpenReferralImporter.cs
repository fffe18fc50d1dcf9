using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.ServiceDirectory;

/// <summary>A record the import refused (nothing was imported), or a part of one it left out (a warning).</summary>
public sealed record ImportProblem(int Record, string? Id, string? Name, string Reason)
{
    public override string ToString() => $"record {Record}{(Name is null ? "" : $" '{Name}'")}{(Id is null ? "" : $" ({Id})")}: {Reason}";
}

public sealed record ImportResult(int Created, int Updated, IReadOnlyList<ImportProblem> Rejected, IReadOnlyList<ImportProblem> Warnings)
{
    public bool Succeeded => Rejected.Count == 0;
}

/// <summary>
/// Reads Open Referral UK JSON into the current team's directory. Every record is checked first; if any is
/// refused, or anything fails while saving, nothing changes (one transaction). A service whose id is already
/// in the team's directory is updated; otherwise it is added with that id. An id another team already uses
/// is turned into a stable id of this team's (so importing the same file again updates rather than duplicates,
/// and another team's entry is never touched).
/// </summary>
public class OpenReferralImporter(WaymarkDbContext db, DirectoryEditor editor, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    public const int MaxServices = 50_000;

    public async Task<ImportResult> ImportJsonAsync(string json, string source, CancellationToken ct = default)
    {
        List<OrukService?> records;
        try
        {
            records = Read(json);
        }
        catch (JsonException e)
        {
            return new ImportResult(0, 0, [new ImportProblem(0, null, null, $"The file is not Open Referral UK JSON: {e.Message}")], []);
        }
        return await ImportAsync(records, source, ct);
    }

    /// <summary>A page ({"contents": [...]}, as the API and the export give), a list of services, or one service.</summary>
    internal static List<OrukService?> Read(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Array) return root.Deserialize<List<OrukService?>>(Oruk.Json) ?? [];
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("expected an object or a list of services");
        if (root.TryGetProperty("contents", out var contents))
            return contents.ValueKind == JsonValueKind.Array ? contents.Deserialize<List<OrukService?>>(Oruk.Json) ?? [] : throw new JsonException("'contents' must be a list of services");
        return [root.Deserialize<OrukService>(Oruk.Json)];
    }

    public async Task<ImportResult> ImportAsync(IReadOnlyList<OrukService?> records, string source, CancellationToken ct = default)
    {
        var team = user.TeamId ?? throw new DirectoryRuleException("Choose a team first: the directory belongs to a team.");
        if (records.Count > MaxServices)
            return new ImportResult(0, 0, [new ImportProblem(0, null, null, $"The file has {records.Count:N0} services; import at most {MaxServices:N0} at a time")], []);

        var rejected = new List<ImportProblem>();
        var warnings = new List<ImportProblem>();
        var parsed = new List<(int Record, Guid FileId, Guid? OrgId, OrukOrganization Org, ServiceInput Input, DateTimeOffset? Modified, DateTimeOffset? Verified, string? VerifiedBy)>();
        var seen = new HashSet<Guid>();
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var number = i + 1;
            if (r is null) { rejected.Add(new ImportProblem(number, null, null, "is empty")); continue; }
            var problems = new List<string>();
            var warn = new List<string>();
            var input = ToInput(r, problems, warn, out var fileId, out var orgId, out var modified, out var verified);
            if (fileId is { } fid && !seen.Add(fid)) problems.Add("the same id is used by an earlier record in the file");
            if (input is not null)
                problems.AddRange(input.Validate().Where(p => p.Field != nameof(ServiceInput.Needs) || input.Needs.Count > 0).Select(p => p.Message));
            foreach (var p in problems) rejected.Add(new ImportProblem(number, r.Id, r.Name, p));
            foreach (var w in warn) warnings.Add(new ImportProblem(number, r.Id, r.Name, w));
            if (problems.Count == 0 && input is not null)
                parsed.Add((number, fileId!.Value, orgId, r.Organization!, input, modified, verified, Clean(r.AssurerEmail)));
        }
        if (rejected.Count > 0) return new ImportResult(0, 0, rejected, warnings);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var (created, updated) = await WriteAsync(team, parsed.Select(p => (p.FileId, p.OrgId, p.Org, p.Input, p.Modified, p.Verified, p.VerifiedBy)).ToList(), ct);
                audit.Add(AuditAction.Created, "DirectoryImport", null,
                    detail: $"Imported {parsed.Count} services from Open Referral UK JSON '{source}': {created} added, {updated} updated, {warnings.Count} warnings");
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new ImportResult(created, updated, [], warnings);
            }
            catch
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                throw;
            }
        });
    }

    private async Task<(int Created, int Updated)> WriteAsync(Guid team,
        List<(Guid FileId, Guid? OrgId, OrukOrganization Org, ServiceInput Input, DateTimeOffset? Modified, DateTimeOffset? Verified, string? VerifiedBy)> items, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var teamKey = team.ToString("D");
        // Ids another team holds are mapped to stable ids of this team's; the filters are ignored only to find them.
        var fileIds = items.Select(x => x.FileId).ToList();
        var elsewhere = (await db.Services.IgnoreQueryFilters().Where(s => fileIds.Contains(s.Id) && s.TeamId != team).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        Guid ServiceId(Guid fileId) => elsewhere.Contains(fileId) ? Oruk.StableId(teamKey, "service", Oruk.Id(fileId)) : fileId;
        var orgFileIds = items.Where(x => x.OrgId is not null).Select(x => x.OrgId!.Value).Distinct().ToList();
        var orgElsewhere = (await db.Organisations.IgnoreQueryFilters().Where(o => orgFileIds.Contains(o.Id) && o.TeamId != team).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
        Guid OrgId(Guid fileId) => orgElsewhere.Contains(fileId) ? Oruk.StableId(teamKey, "organization", Oruk.Id(fileId)) : fileId;

        var ids = items.Select(x => ServiceId(x.FileId)).ToList();
        var existing = await db.Services.Include(s => s.Needs).Include(s => s.Locations).Include(s => s.Areas)
            .Include(s => s.OpeningTimes).Include(s => s.Contacts).AsSplitQuery()
            .Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var orgIds = orgFileIds.Select(OrgId).ToList();
        var orgs = await db.Organisations.Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);

        // Row ids (locations, sessions, contacts) must be free or already this service's.
        var rowIds = items.SelectMany(x => x.Input.Locations.Select(l => l.Id).Concat(x.Input.OpeningTimes.Select(o => o.Id)).Concat(x.Input.Contacts.Select(c => c.Id)))
            .Where(x => x is not null).Select(x => x!.Value).ToList();
        var owners = new Dictionary<Guid, Guid>();
        foreach (var x in await db.ServiceLocations.Where(l => rowIds.Contains(l.Id)).Select(l => new { l.Id, l.ServiceId }).ToListAsync(ct)) owners[x.Id] = x.ServiceId;
        foreach (var x in await db.OpeningTimes.Where(o => rowIds.Contains(o.Id)).Select(o => new { o.Id, o.ServiceId }).ToListAsync(ct)) owners[x.Id] = x.ServiceId;
        foreach (var x in await db.ServiceContacts.Where(c => rowIds.Contains(c.Id)).Select(c => new { c.Id, c.ServiceId }).ToListAsync(ct)) owners[x.Id] = x.ServiceId;
        Guid? RowId(Guid? fileRowId, Guid serviceId) => fileRowId is { } r && owners.TryGetValue(r, out var owner) && owner != serviceId
            ? Oruk.StableId(Oruk.Id(serviceId), "row", Oruk.Id(r)) : fileRowId;

        editor.KeepNewIds = true;
        int created = 0, updated = 0;
        foreach (var (fileId, orgFileId, orgIn, input, modified, verified, verifiedBy) in items)
        {
            var orgId = OrgId(orgFileId ?? Oruk.StableId(teamKey, "organization-name", orgIn.Name!.Trim().ToLowerInvariant()));
            if (!orgs.TryGetValue(orgId, out var org))
            {
                org = new Organisation { Id = orgId, TeamId = team, Name = "" };
                db.Organisations.Add(org);
                orgs[orgId] = org;
            }
            org.Name = orgIn.Name!.Trim();
            org.Description = Clean(orgIn.Description) ?? "";
            org.Website = Clean(orgIn.Website);
            org.Email = Clean(orgIn.Email);
            org.Phone = Clean(orgIn.Phones?.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p.Number))?.Number);

            var id = ServiceId(fileId);
            if (!existing.TryGetValue(id, out var service))
            {
                service = new LocalService { Id = id, TeamId = team, Name = "" };
                db.Services.Add(service);
                existing[id] = service;
                created++;
            }
            else updated++;
            service.OrganisationId = orgId;
            var mapped = input with
            {
                Locations = input.Locations.Select(l => l with { Id = RowId(l.Id, id) }).ToList(),
                OpeningTimes = input.OpeningTimes.Select(o => o with { Id = RowId(o.Id, id) }).ToList(),
                Contacts = input.Contacts.Select(c => c with { Id = RowId(c.Id, id) }).ToList(),
            };
            // Relationship notes are never in a file (the export leaves them out); an update keeps the team's own.
            var notes = service.Contacts.ToDictionary(c => c.Id, c => c.RelationshipNotes);
            mapped = mapped with { Contacts = mapped.Contacts.Select(c => c with { RelationshipNotes = c.Id is { } cid ? notes.GetValueOrDefault(cid) : null }).ToList() };
            editor.Apply(service, mapped);
            service.UpdatedAt = modified ?? now;
            service.LastVerifiedAt = verified;
            service.LastVerifiedBy = verified is null ? null : verifiedBy ?? "import";
        }
        await db.SaveChangesAsync(ct);
        return (created, updated);
    }

    /// <summary>Reads one record into a form-shaped input, noting what makes it unusable and what is left out.</summary>
    private static ServiceInput? ToInput(OrukService r, List<string> problems, List<string> warnings,
        out Guid? fileId, out Guid? orgId, out DateTimeOffset? modified, out DateTimeOffset? verified)
    {
        fileId = Guid.TryParse(r.Id, out var g) ? g : null;
        orgId = null;
        modified = verified = null;
        if (fileId is null) problems.Add(string.IsNullOrWhiteSpace(r.Id) ? "has no id" : $"id '{Short(r.Id)}' is not a UUID");
        if (string.IsNullOrWhiteSpace(r.Name)) problems.Add("has no name");
        var status = Oruk.ParseStatus(r.Status);
        if (status is null) problems.Add($"status '{Short(r.Status ?? "")}' is not one of active, inactive, defunct or temporarily closed");
        if (r.Organization is null || string.IsNullOrWhiteSpace(r.Organization.Name)) problems.Add("has no organization with a name");
        else if (r.Organization.Id is { } oid && !string.IsNullOrWhiteSpace(oid))
        {
            if (Guid.TryParse(oid, out var og)) orgId = og;
            else problems.Add($"organization id '{Short(oid)}' is not a UUID");
        }
        int? Age(decimal? a, string what)
        {
            if (a is null) return null;
            if (a != decimal.Truncate(a.Value)) { problems.Add($"{what} must be a whole number of years"); return null; }
            if (a is < 0 or > ServiceInput.MaxAge) { problems.Add($"{what} must be from 0 to {ServiceInput.MaxAge}"); return null; }
            return (int)a.Value;
        }
        var min = Age(r.MinimumAge, "minimum_age");
        var max = Age(r.MaximumAge, "maximum_age");
        if (r.LastModified is { } lm)
        {
            if (DateTimeOffset.TryParse(lm, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var m)) modified = m.ToUniversalTime();
            else problems.Add($"last_modified '{Short(lm)}' is not a date and time");
        }
        if (r.AssuredDate is { } ad)
        {
            if (DateOnly.TryParseExact(ad, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) verified = UkTime.FromLocal(d, new TimeOnly(12, 0));
            else problems.Add($"assured_date '{Short(ad)}' is not a date like 2026-03-02");
        }
        if (!ServiceInput.IsEmail(r.AssurerEmail)) problems.Add("assurer_email is not an email address");

        var needs = new List<string>();
        bool? offending = null, substance = null;
        var dropIn = false;
        foreach (var a in r.Attributes ?? [])
        {
            var term = a?.TaxonomyTerm;
            var code = term?.Term ?? term?.Name;
            if (term?.Taxonomy == NeedTaxonomy.TaxonomyName && code is not null && AssessmentDomains.IsKnown(code)) needs.Add(code);
            else if (term?.Taxonomy == Oruk.EligibilityTaxonomy && code is Oruk.OffendingAccepted or Oruk.OffendingNotAccepted) offending = code == Oruk.OffendingAccepted;
            else if (term?.Taxonomy == Oruk.EligibilityTaxonomy && code is Oruk.SubstanceAccepted or Oruk.SubstanceNotAccepted) substance = code == Oruk.SubstanceAccepted;
            else if (term?.Taxonomy == Oruk.AccessTaxonomy && code == Oruk.DropInTerm) dropIn = true;
            else warnings.Add($"attribute '{Short(code ?? a?.Id ?? "")}' ({Short(term?.Taxonomy ?? "no taxonomy")}) is not a Waymark need or eligibility term, so it is left out");
        }
        if (needs.Count == 0) warnings.Add("has no Waymark needs, so it will not be found by need until someone adds them");

        var locations = new List<LocationInput>();
        foreach (var sal in r.ServiceAtLocations ?? [])
        {
            var loc = sal?.Location;
            var address = loc?.Addresses?.FirstOrDefault(x => x?.AddressType is null or "physical") ?? loc?.Addresses?.FirstOrDefault();
            if (loc is null || address is null) { warnings.Add("a location without an address is left out"); continue; }
            if (address.PostalCode is null || !UkPostcode.IsValid(address.PostalCode))
            {
                warnings.Add($"location '{Short(loc.Name ?? address.Address1 ?? "")}' is left out: '{Short(address.PostalCode ?? "")}' is not a UK postcode");
                continue;
            }
            Guid? locId = Guid.TryParse(loc.Id, out var lg) ? lg : null;
            locations.Add(new LocationInput(locId, Clean(loc.Name), Clean(address.Address1), Clean(address.City), UkPostcode.Normalise(address.PostalCode),
                loc.Latitude is { } lat && lat is >= -90 and <= 90 ? (double)lat : null,
                loc.Longitude is { } lon && lon is >= -180 and <= 180 ? (double)lon : null));
        }
        var areas = new List<string>();
        foreach (var a in r.ServiceAreas ?? [])
        {
            if (Place.CoverageCode(a?.Name) is { } code) areas.Add(code);
            else warnings.Add($"service area '{Short(a?.Name ?? a?.ServiceArea ?? "")}' is left out: only postcode districts (NS1) and areas (NS) are kept");
        }
        var openings = new List<OpeningInput>();
        foreach (var s in r.Schedules ?? [])
        {
            if (s is null) continue;
            var opens = Time(s.OpensAt);
            var closes = Time(s.ClosesAt);
            var days = (s.Byday ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Oruk.ParseDay).ToList();
            if (s.Freq != "WEEKLY" || s.Interval is not (null or 1) || opens is null || closes is null || days.Count == 0 || days.Any(d => d is null))
            {
                warnings.Add($"schedule '{Short(s.Description ?? s.Id ?? "")}' is left out: only weekly sessions with days, an opening and a closing time are kept");
                continue;
            }
            Guid? sid = Guid.TryParse(s.Id, out var sg) ? sg : null;
            var first = true;
            foreach (var day in days)
            {
                // One session a day; the first keeps the schedule's id, the others get stable ids from it.
                var rowId = first ? sid : sid is { } x ? Oruk.StableId(Oruk.Id(x), Oruk.Day(day!.Value)) : null;
                openings.Add(new OpeningInput(rowId, day!.Value, opens.Value, closes.Value, s.AttendingType == Oruk.DropInAttending));
                first = false;
            }
        }
        var contacts = new List<ContactInput>();
        foreach (var c in r.Contacts ?? [])
        {
            if (c is null) continue;
            var name = Clean(c.Name) ?? Clean(c.Title);
            if (name is null) { warnings.Add("a contact without a name or title is left out"); continue; }
            contacts.Add(new ContactInput(Guid.TryParse(c.Id, out var cg) ? cg : null, name, Clean(c.Name) is null ? null : Clean(c.Title),
                Clean(c.Phones?.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p?.Number))?.Number), Clean(c.Email), null));
        }
        if (problems.Count > 0) return null;
        return new ServiceInput
        {
            OrganisationId = null,
            NewOrganisation = new OrganisationInput(orgId, r.Organization!.Name, r.Organization.Description, r.Organization.Website, r.Organization.Email,
                r.Organization.Phones?.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p?.Number))?.Number),
            Name = r.Name, Description = r.Description, Url = r.Url, Email = r.Email,
            Phone = r.Phones?.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p?.Number))?.Number,
            Status = status!.Value, Needs = needs, MinimumAge = min, MaximumAge = max,
            Eligibility = r.EligibilityDescription, AcceptsOffendingHistory = offending, AcceptsCoOccurringSubstanceUse = substance,
            HowToRefer = r.ApplicationProcess, ReferralRequirements = r.ReferralRequirements,
            DropIn = dropIn || openings.Any(o => o.DropIn), DropInDetails = r.DropInDetails,
            Locations = locations, Areas = areas, OpeningTimes = openings, Contacts = contacts,
        };
    }

    private static TimeOnly? Time(string? s) =>
        s is not null && TimeOnly.TryParseExact(s.Trim(), ["HH:mm:ss", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
