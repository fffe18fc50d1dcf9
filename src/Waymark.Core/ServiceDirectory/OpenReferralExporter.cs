using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.ServiceDirectory;

/// <summary>
/// Writes the team's directory as Open Referral UK JSON. Contacts go out with name, title, phone and
/// email, but never their relationship notes: those are the team's own ("who to ring, and what works").
/// </summary>
public class OpenReferralExporter(WaymarkDbContext db, Auditor audit)
{
    /// <summary>The whole directory (every status) as one page of full services, ordered by name then id.</summary>
    public async Task<OrukPage> ExportAsync(CancellationToken ct = default)
    {
        var services = await Load(db.Services).OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
        var emails = await EmailsAsync(services, ct);
        var contents = services.Select(s => ToOruk(s, emails, full: true)).ToList();
        audit.Add(AuditAction.Exported, "DirectoryExport", null, detail: $"Exported {contents.Count} services as Open Referral UK JSON");
        await db.SaveChangesAsync(ct);
        return PageOf(contents, contents.Count, 1, Math.Max(1, contents.Count));
    }

    public async Task<string> ExportJsonAsync(CancellationToken ct = default) => JsonSerializer.Serialize(await ExportAsync(ct), Oruk.Json);

    /// <summary>A page of the active services' one-to-one fields (the profile's service_list shape), for the read API.</summary>
    public async Task<OrukPage> ListAsync(int page, int perPage, CancellationToken ct = default)
    {
        var q = db.Services.AsNoTracking().Where(s => s.Status == ServiceStatus.Active);
        var total = await q.CountAsync(ct);
        var services = await q.Include(s => s.Organisation).OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Skip((page - 1) * perPage).Take(perPage).ToListAsync(ct);
        var emails = await EmailsAsync(services, ct);
        return PageOf(services.Select(s => ToOruk(s, emails, full: false)).ToList(), total, page, perPage);
    }

    /// <summary>One service of the team, fully nested; null when it is not in the team's directory.</summary>
    public async Task<OrukService?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var s = await Load(db.Services).FirstOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? null : ToOruk(s, await EmailsAsync([s], ct), full: true);
    }

    private static IQueryable<LocalService> Load(IQueryable<LocalService> q) =>
        q.AsNoTracking().Include(s => s.Organisation).Include(s => s.Needs).Include(s => s.Locations).Include(s => s.Areas)
            .Include(s => s.OpeningTimes).Include(s => s.Contacts).AsSplitQuery();

    private static OrukPage PageOf(List<OrukService> contents, int total, int page, int perPage)
    {
        var pages = total == 0 ? 0 : (total + perPage - 1) / perPage;
        return new OrukPage
        {
            TotalItems = total, TotalPages = pages, PageNumber = page, Size = contents.Count,
            FirstPage = page == 1, LastPage = page >= pages, Empty = contents.Count == 0, Contents = contents,
        };
    }

    /// <summary>Who verified each entry, as the assurer's email: a user id becomes that user's email; an imported email stays.</summary>
    private async Task<Dictionary<string, string>> EmailsAsync(IReadOnlyCollection<LocalService> services, CancellationToken ct)
    {
        var ids = services.Select(s => s.LastVerifiedBy).Where(v => v is not null && !v.Contains('@', StringComparison.Ordinal)).Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.Email != null)
            .ToDictionaryAsync(u => u.Id, u => u.Email!, ct);
    }

    internal static OrukService ToOruk(LocalService s, IReadOnlyDictionary<string, string> emails, bool full)
    {
        var id = Oruk.Id(s.Id);
        var o = new OrukService
        {
            Id = id,
            OrganizationId = Oruk.Id(s.OrganisationId),
            Name = s.Name,
            Description = s.Description,
            Url = s.Url,
            Email = s.Email,
            Status = Oruk.Status(s.Status),
            MinimumAge = s.MinimumAge,
            MaximumAge = s.MaximumAge,
            AssuredDate = s.LastVerifiedAt is { } v ? UkTime.DateOf(v).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            AssurerEmail = s.LastVerifiedBy is { } by ? (by.Contains('@', StringComparison.Ordinal) ? by : emails.GetValueOrDefault(by)) : null,
            LastModified = s.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            Organization = s.Organisation is { } org ? new OrukOrganization
            {
                Id = Oruk.Id(org.Id), Name = org.Name, Description = org.Description, Email = org.Email, Website = org.Website,
                Phones = full && org.Phone is { } op ? [new OrukPhone { Id = Oruk.Id(Oruk.StableId(Oruk.Id(org.Id), "phone")), Number = op }] : null,
            } : null,
        };
        if (!full) return o;

        o.EligibilityDescription = s.Eligibility;
        o.ApplicationProcess = s.HowToRefer;
        o.ReferralRequirements = s.ReferralRequirements;
        o.DropInDetails = s.DropInDetails;
        o.Phones = s.Phone is { } p ? [new OrukPhone { Id = Oruk.Id(Oruk.StableId(id, "phone")), Number = p }] : [];
        o.Schedules = s.OpeningTimes.OrderBy(t => ((int)t.Day + 6) % 7).ThenBy(t => t.Opens).ThenBy(t => t.Id).Select(t => new OrukSchedule
        {
            Id = Oruk.Id(t.Id), ServiceId = id, Freq = "WEEKLY", Interval = 1, Byday = Oruk.Day(t.Day),
            OpensAt = t.Opens.ToString("HH:mm:ss", CultureInfo.InvariantCulture), ClosesAt = t.Closes.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            AttendingType = t.DropIn ? Oruk.DropInAttending : null,
            Description = t.DropIn ? "Drop-in session" : null,
        }).ToList();
        o.ServiceAreas = s.Areas.Select(a => a.District).Order(StringComparer.Ordinal).Select(code => new OrukServiceArea
        {
            Id = Oruk.Id(Oruk.StableId(id, "area", code)), ServiceId = id, Name = code,
            ServiceArea = (Place.AreaOf(code) == code ? "Postcode area " : "Postcode district ") + code,
        }).ToList();
        o.ServiceAtLocations = s.Locations.OrderBy(l => l.Postcode, StringComparer.Ordinal).ThenBy(l => l.Id).Select(l => new OrukServiceAtLocation
        {
            Id = Oruk.Id(Oruk.StableId(Oruk.Id(l.Id), "service_at_location")), ServiceId = id, LocationId = Oruk.Id(l.Id),
            Location = new OrukLocation
            {
                Id = Oruk.Id(l.Id), LocationType = "physical", Name = l.Name,
                Latitude = l.Latitude is { } lat ? (decimal)lat : null, Longitude = l.Longitude is { } lon ? (decimal)lon : null,
                Addresses =
                [
                    new OrukAddress
                    {
                        Id = Oruk.Id(Oruk.StableId(Oruk.Id(l.Id), "address")), LocationId = Oruk.Id(l.Id), Address1 = l.Address,
                        City = l.Town ?? "", StateProvince = "", PostalCode = l.Postcode, Country = "GB", AddressType = "physical",
                    },
                ],
            },
        }).ToList();
        // Never RelationshipNotes: the team's own notes on how to work with this person stay in Waymark.
        o.Contacts = s.Contacts.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id).Select(c => new OrukContact
        {
            Id = Oruk.Id(c.Id), ServiceId = id, Name = c.Name, Title = c.Role, Email = c.Email,
            Phones = c.Phone is { } cp ? [new OrukPhone { Id = Oruk.Id(Oruk.StableId(Oruk.Id(c.Id), "phone")), ContactId = Oruk.Id(c.Id), Number = cp }] : [],
        }).ToList();
        o.Attributes = Attributes(s, id).ToList();
        return o;
    }

    private static IEnumerable<OrukAttribute> Attributes(LocalService s, string id)
    {
        foreach (var code in AssessmentDomains.InListingOrder(s.Needs.Select(n => n.Domain)))
        {
            var d = AssessmentDomains.Find(code);
            yield return Attribute(id, "need", NeedTaxonomy.TaxonomyName, code, d?.Name ?? code, d is { Hint.Length: > 0 } ? d.Hint : d?.Name ?? code);
        }
        if (s.AcceptsOffendingHistory is { } off)
            yield return off
                ? Attribute(id, "eligibility", Oruk.EligibilityTaxonomy, Oruk.OffendingAccepted, "Accepts people with an offending history", "The service takes people with an offending history")
                : Attribute(id, "eligibility", Oruk.EligibilityTaxonomy, Oruk.OffendingNotAccepted, "Does not accept people with an offending history", "The service does not take people with an offending history");
        if (s.AcceptsCoOccurringSubstanceUse is { } sub)
            yield return sub
                ? Attribute(id, "eligibility", Oruk.EligibilityTaxonomy, Oruk.SubstanceAccepted, "Accepts people who use drugs or alcohol", "The service takes people who also use drugs or alcohol")
                : Attribute(id, "eligibility", Oruk.EligibilityTaxonomy, Oruk.SubstanceNotAccepted, "Does not accept people who use drugs or alcohol", "The service does not take people who also use drugs or alcohol");
        if (s.DropIn)
            yield return Attribute(id, "attending_type", Oruk.AccessTaxonomy, Oruk.DropInTerm, "Drop-in", "People can drop in without an appointment");
    }

    private static OrukAttribute Attribute(string serviceId, string linkType, string taxonomy, string term, string name, string description)
    {
        var termId = Oruk.Id(Oruk.StableId(taxonomy, term));
        return new OrukAttribute
        {
            Id = Oruk.Id(Oruk.StableId(serviceId, taxonomy, term)), LinkId = serviceId, LinkType = linkType, TaxonomyTermId = termId,
            TaxonomyTerm = new OrukTaxonomyTerm
            {
                Id = termId, Name = name, Description = description, Taxonomy = taxonomy,
                TermUri = taxonomy == NeedTaxonomy.TaxonomyName ? $"{NeedTaxonomy.TaxonomyUri}/{term}" : null, Term = term,
            },
        };
    }
}
