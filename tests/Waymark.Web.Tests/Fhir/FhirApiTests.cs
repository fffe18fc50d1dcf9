using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Waymark.ActionPlans;
using Waymark.Contacts;
using Waymark.ServiceDirectory;
using Waymark.Web.Tests.Support;
using Task = System.Threading.Tasks.Task;

namespace Waymark.Web.Tests.Fhir;

/// <summary>The FHIR R4 API (issue 16 item 1; docs/fhir.md): partner keys, team scoping, paging, audit, refusals.</summary>
public abstract class FhirApiTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : FhirApiTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : FhirApiTests(app);

    private async Task<string> AddFhirKeyAsync(Guid teamId, bool revoked = false)
    {
        var key = DirectoryApiKey.NewKey();
        await app.Data.ChangeAsync(db =>
        {
            db.DirectoryApiKeys.Add(new DirectoryApiKey
            {
                TeamId = teamId, Name = TestData.UniqueName("FHIR partner"), KeyHash = DirectoryApiKey.Hash(key), Scope = ApiKeyScope.Fhir,
                CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test", RevokedAt = revoked ? DateTimeOffset.UtcNow : null, RevokedBy = revoked ? "test" : null,
            });
            return Task.CompletedTask;
        });
        return key;
    }

    private FhirClient Client(string key)
    {
        var http = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new FhirClient("https://localhost/fhir", http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? bearer = null, string? apiKey = null, HttpMethod? method = null)
    {
        using var client = app.NewClient();
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        return await client.Http.SendAsync(request);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response) where T : Resource
    {
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        return new FhirJsonDeserializer().Deserialize<T>(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_FHIR_client_reads_a_demo_persons_Patient_EpisodeOfCare_and_CarePlan_with_a_partner_key_and_each_read_is_audited()
    {
        var team = app.Data.Northshire;
        // A demo person of the team with an action plan and an episode there.
        var (personId, planId, episodeId) = await app.Data.QueryAsync(async db =>
        {
            var plan = await db.Set<ActionPlan>().Where(p => p.TeamId == team).OrderBy(p => p.Id).FirstAsync();
            var episode = await db.Episodes.Where(e => e.TeamId == team && e.PersonId == plan.PersonId).Select(e => e.Id).FirstAsync();
            return (plan.PersonId, plan.Id, episode);
        });
        var key = await AddFhirKeyAsync(team);
        using var client = Client(key);

        var patient = await client.ReadAsync<Patient>($"Patient/{personId}");
        Assert.Equal(personId.ToString(), patient!.Id);
        Assert.Contains("https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient", patient.Meta!.Profile);
        Assert.Contains(patient.Identifier, i => i.System == "https://fhir.nhs.uk/Id/nhs-number");
        var episode = await client.ReadAsync<EpisodeOfCare>($"EpisodeOfCare/{episodeId}");
        Assert.Equal($"Patient/{personId}", episode!.Patient!.Reference);
        Assert.Contains("https://fhir.hl7.org.uk/StructureDefinition/UKCore-EpisodeOfCare", episode.Meta!.Profile);
        var plan = await client.ReadAsync<CarePlan>($"CarePlan/{planId}");
        Assert.Equal($"Patient/{personId}", plan!.Subject!.Reference);
        Assert.Equal("Action plan", plan.Title);

        var reads = await app.Data.QueryAsync(db => db.AuditEvents
            .Where(a => a.RecordType == "FhirApi" && a.PersonId == personId && a.TeamId == team && a.UserId!.StartsWith("api-key:") && a.Action == Audit.AuditAction.Viewed)
            .Select(a => a.RecordId).ToListAsync());
        Assert.Contains($"Patient/{personId}", reads);
        Assert.Contains($"EpisodeOfCare/{episodeId}", reads);
        Assert.Contains($"CarePlan/{planId}", reads);
    }

    [Fact]
    public async Task Another_teams_person_and_their_records_are_not_found_as_if_missing()
    {
        var (theirs, theirEpisode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Southshire);
        var key = await AddFhirKeyAsync(app.Data.Northshire);
        foreach (var url in new[] { $"/fhir/Patient/{theirs.Id}", $"/fhir/EpisodeOfCare/{theirEpisode.Id}", $"/fhir/Patient/{Guid.NewGuid()}" })
        {
            using var response = await GetAsync(url, key);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var outcome = await ReadAsync<OperationOutcome>(response);
            Assert.Equal(OperationOutcome.IssueSeverity.Error, Assert.Single(outcome.Issue).Severity);
        }
        // Searches do not find them either.
        using var search = await GetAsync($"/fhir/EpisodeOfCare?patient=Patient/{theirs.Id}", key);
        Assert.Equal(0, (await ReadAsync<Bundle>(search)).Total);
        using var byId = await GetAsync($"/fhir/Patient?_id={theirs.Id}", key);
        Assert.Empty((await ReadAsync<Bundle>(byId)).Entry);
        // Through FhirClient: a 404 it raises as such.
        using var client = Client(key);
        var e = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<Patient>($"Patient/{theirs.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, e.Status);
    }

    [Fact]
    public async Task A_directory_key_a_revoked_key_no_key_and_a_signed_in_cookie_do_not_open_the_API()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var directoryKey = await app.Data.AddApiKeyAsync(app.Data.Northshire);
        var revoked = await AddFhirKeyAsync(app.Data.Northshire, revoked: true);
        foreach (var key in new[] { null, "", "wmk_not-a-real-key", directoryKey, revoked })
        foreach (var url in new[] { $"/fhir/Patient/{person.Id}", "/fhir/Patient", "/fhir/AuditEvent" })
        {
            using var response = await GetAsync(url, key);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
            var outcome = await ReadAsync<OperationOutcome>(response);
            Assert.Equal(OperationOutcome.IssueType.Login, Assert.Single(outcome.Issue).Code);
            Assert.DoesNotContain(person.FamilyName, await response.Content.ReadAsStringAsync());
        }
        using var viaHeader = await GetAsync($"/fhir/Patient/{person.Id}", apiKey: directoryKey);
        Assert.Equal(HttpStatusCode.Unauthorized, viaHeader.StatusCode);
        using var user = await app.SignedInAsync(Users.Practitioner);
        using var withCookie = await user.GetAsync($"/fhir/Patient/{person.Id}");
        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);

        // The live FHIR key opens it, in either header; the directory API does not take a FHIR key.
        var live = await AddFhirKeyAsync(app.Data.Northshire);
        using var ok = await GetAsync($"/fhir/Patient/{person.Id}", apiKey: live);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var directory = await GetAsync("/api/openreferral/services", apiKey: live);
        Assert.Equal(HttpStatusCode.Unauthorized, directory.StatusCode);
    }

    [Fact]
    public async Task Searches_page_with_count_and_next_links_and_are_audited_with_their_counts()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, with: p => p.NhsNumber = TestNhsNumbers.Next());
        await app.Data.AddEpisodeAsync(person.Id, app.Data.Northshire);
        await app.Data.AddEpisodeAsync(person.Id, app.Data.Northshire, e => e.IdentifiedAt = DateTimeOffset.UtcNow.AddDays(-40));
        await app.Data.AddEpisodeAsync(person.Id, app.Data.Northshire, e => e.IdentifiedAt = DateTimeOffset.UtcNow.AddDays(-400));
        var key = await AddFhirKeyAsync(app.Data.Northshire);

        using var first = await GetAsync($"/fhir/EpisodeOfCare?patient=Patient/{person.Id}&_count=2", key);
        var page1 = await ReadAsync<Bundle>(first);
        Assert.Equal((Bundle.BundleType.Searchset, 3, 2), (page1.Type!.Value, page1.Total!.Value, page1.Entry.Count));
        var next = page1.Link.Single(l => l.Relation == "next").Url!;
        Assert.Contains(page1.Link, l => l.Relation == "self");
        using var second = await GetAsync(new Uri(next).PathAndQuery, key);
        var page2 = await ReadAsync<Bundle>(second);
        Assert.Single(page2.Entry);
        Assert.DoesNotContain(page2.Link, l => l.Relation == "next");
        var ids = page1.Entry.Concat(page2.Entry).Select(e => e.Resource!.Id).ToList();
        Assert.Equal(3, ids.Distinct().Count());

        // Newest first; a date range narrows it.
        var starts = page1.Entry.Concat(page2.Entry).Select(e => ((EpisodeOfCare)e.Resource!).Period!.StartElement!.ToDateTimeOffset(TimeSpan.Zero)).ToList();
        Assert.Equal(starts.OrderByDescending(s => s), starts);
        var since = DateTimeOffset.UtcNow.AddDays(-100).ToString("yyyy-MM-dd");
        using var recent = await GetAsync($"/fhir/EpisodeOfCare?patient={person.Id}&date=ge{since}", key);
        Assert.Equal(2, (await ReadAsync<Bundle>(recent)).Total);
        using var patients = await GetAsync($"/fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|{person.NhsNumber}", key);
        Assert.Equal(person.Id.ToString(), Assert.Single((await ReadAsync<Bundle>(patients)).Entry).Resource!.Id);
        using var spaced = await GetAsync($"/fhir/Patient?identifier={Uri.EscapeDataString(person.NhsNumber![..3] + " " + person.NhsNumber[3..6] + " " + person.NhsNumber[6..])}", key);
        Assert.Equal(person.Id.ToString(), Assert.Single((await ReadAsync<Bundle>(spaced)).Entry).Resource!.Id);

        var searches = await app.Data.QueryAsync(db => db.AuditEvents
            .Where(a => a.RecordType == "FhirApi" && a.Action == Audit.AuditAction.Searched && a.PersonId == person.Id).Select(a => a.Detail).ToListAsync());
        Assert.Contains(searches, d => d!.Contains("2 of 3 from 0", StringComparison.Ordinal));
        Assert.Contains(searches, d => d!.Contains("1 of 3 from 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_team_wide_search_puts_a_view_in_the_trail_of_each_person_it_shows()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.IdentifiedAt = DateTimeOffset.UtcNow.AddMinutes(5));
        var key = await AddFhirKeyAsync(app.Data.Northshire);
        using var response = await GetAsync("/fhir/EpisodeOfCare?_count=5", key);
        var bundle = await ReadAsync<Bundle>(response);
        Assert.Contains(bundle.Entry, e => e.Resource!.Id == episode.Id.ToString());
        var views = await app.Data.QueryAsync(db => db.AuditEvents.CountAsync(a => a.RecordType == "FhirApi" && a.Action == Audit.AuditAction.Viewed && a.PersonId == person.Id));
        Assert.Equal(1, views);
    }

    [Fact]
    public async Task A_contacts_case_note_is_never_served()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var contact = new Contact
        {
            TeamId = app.Data.Northshire, PersonId = person.Id, EpisodeId = episode.Id, Kind = ContactKind.FaceToFace, Reached = true, OccurredAt = DateTimeOffset.UtcNow,
            WorkerUserId = app.Data.UserId(Users.Practitioner), WithWhom = "SECRET-COMPANION", Note = "PRIVATE-CASE-NOTE", RecordedAt = DateTimeOffset.UtcNow, RecordedByUserId = app.Data.UserId(Users.Practitioner),
        };
        await app.Data.ChangeAsync(db => { db.Add(contact); return Task.CompletedTask; });
        var key = await AddFhirKeyAsync(app.Data.Northshire);
        using var read = await GetAsync($"/fhir/Encounter/{contact.Id}", key);
        var json = await read.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("AMB", (await ReadAsync<Encounter>(read)).Class!.Code);
        Assert.DoesNotContain("PRIVATE-CASE-NOTE", json);
        Assert.DoesNotContain("SECRET-COMPANION", json);
        using var search = await GetAsync($"/fhir/Encounter?patient={person.Id}&status=finished", key);
        Assert.Equal(1, (await ReadAsync<Bundle>(search)).Total);
    }

    [Fact]
    public async Task The_capability_statement_needs_no_key_and_lists_exactly_what_is_served()
    {
        using var response = await GetAsync("/fhir/metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statement = await ReadAsync<CapabilityStatement>(response);
        var rest = Assert.Single(statement.Rest);
        Assert.Equal(Waymark.Fhir.FhirResources.All.Order(), rest.Resource.Select(r => r.Type).Order());
        Assert.All(rest.Resource, r => Assert.Equal(["read", "search-type"], r.Interaction.Select(i => Hl7.Fhir.Utility.EnumUtility.GetLiteral(i.Code))));
        Assert.Contains(rest.Resource.Single(r => r.Type == "Patient").SearchParam, p => p.Name == "identifier");
    }

    public static TheoryData<string, int> BadRequests() => new()
    {
        { "/fhir/EpisodeOfCare?_count=0", 400 },
        { "/fhir/EpisodeOfCare?_count=101", 400 },
        { "/fhir/EpisodeOfCare?_count=abc", 400 },
        { "/fhir/EpisodeOfCare?_count=99999999999999999999", 400 },
        { "/fhir/EpisodeOfCare?_count=-1", 400 },
        { "/fhir/EpisodeOfCare?_offset=100000000", 400 },
        { "/fhir/EpisodeOfCare?date=2026-13-01", 400 },
        { "/fhir/EpisodeOfCare?date=2026-02-30", 400 },
        { "/fhir/EpisodeOfCare?date=yesterday", 400 },
        { "/fhir/EpisodeOfCare?date=ne2026-01-01", 400 },
        { "/fhir/EpisodeOfCare?date=99999-01-01", 400 },
        { "/fhir/EpisodeOfCare?date=2026-01-01T10:00", 400 },
        { "/fhir/EpisodeOfCare?date=2026-01-01T10:00+99:00", 400 },
        { "/fhir/EpisodeOfCare?status=bogus", 400 },
        { "/fhir/EpisodeOfCare?patient=Patient/not-an-id", 400 },
        { "/fhir/EpisodeOfCare?patient:missing=true", 400 },
        { "/fhir/EpisodeOfCare?_id=1%27%20OR%201=1", 400 },
        { "/fhir/EpisodeOfCare?subject=x", 400 },
        { "/fhir/EpisodeOfCare?_format=xml", 406 },
        { "/fhir/Patient/00000000-0000-0000-0000-000000000000?_format=xml", 406 },
        { "/fhir/metadata?_format=application/fhir%2Bxml", 406 },
        { "/fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|123", 400 },
        { "/fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9434765918", 400 },
        { "/fhir/Patient?identifier=943476591", 400 },
        { "/fhir/Patient?identifier=http://waymark.invalid/fhir/pnc-id|26/123456A", 400 },
        { "/fhir/AuditEvent?_cutoff=abc", 400 },
        { "/fhir/Patient?identifier=", 400 },
        { "/fhir/Patient?date=2026", 400 },
        { "/fhir/Patient?_count=5&_count=6", 400 },
        { "/fhir/AuditEvent?_id=abc", 400 },
        { "/fhir/Nonsense", 404 },
        { "/fhir/Nonsense/1", 404 },
        { "/fhir/patient/1", 404 },
        { "/fhir/Patient/not-a-guid", 404 },
        { "/fhir/AuditEvent/99999999999999999999999", 404 },
        { "/fhir/Patient/00000000-0000-0000-0000-000000000000/_history", 404 },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_are_answered_with_an_OperationOutcome_never_a_500(string url, int status)
    {
        var key = await AddFhirKeyAsync(app.Data.Northshire);
        using var response = await GetAsync(url, key);
        Assert.Equal(status, (int)response.StatusCode);
        var outcome = await ReadAsync<OperationOutcome>(response);
        Assert.NotEmpty(outcome.Issue);
    }

    private static Waymark.Audit.AuditEvent Event(Guid team, Guid person, Waymark.Audit.AuditAction action, string recordType, DateTimeOffset at) => new()
    {
        At = at, UserId = "staff-user-1", Role = "TeamManager", TeamId = team, Action = action, RecordType = recordType,
        RecordId = Guid.NewGuid().ToString(), PersonId = person,
    };

    [Fact]
    public async Task AuditEvents_of_legal_holds_subject_access_and_other_governance_are_not_served_by_search_or_read()
    {
        var team = app.Data.Northshire;
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(team);
        var now = DateTimeOffset.UtcNow;
        // What placing and lifting a legal hold, a subject access export, a merge, a retention run, a disclosure without
        // consent and API key management write (Retention/LegalHolds, SubjectAccess/SubjectAccessExport, …).
        var hidden = new[]
        {
            Event(team, person.Id, Audit.AuditAction.Created, nameof(Waymark.Retention.LegalHold), now),
            Event(team, person.Id, Audit.AuditAction.Closed, nameof(Waymark.Retention.LegalHold), now),
            Event(team, person.Id, Audit.AuditAction.Exported, "SubjectAccess", now),
            Event(team, person.Id, Audit.AuditAction.Merged, "PersonMerge", now),
            Event(team, person.Id, Audit.AuditAction.RecordsDestroyed, "RetentionRun", now),
            Event(team, person.Id, Audit.AuditAction.DisclosedWithoutConsent, "SharingWithoutConsent", now),
            Event(team, person.Id, Audit.AuditAction.Created, "DirectoryApiKey", now),
            Event(team, person.Id, Audit.AuditAction.SessionsEnded, "User", now),
        };
        var served = Event(team, person.Id, Audit.AuditAction.Updated, "Episode", now);
        await app.Data.ChangeAsync(db => { db.AuditEvents.AddRange([.. hidden, served]); return Task.CompletedTask; });
        var key = await AddFhirKeyAsync(team);

        using var search = await GetAsync($"/fhir/AuditEvent?patient=Patient/{person.Id}&_count=100", key);
        var json = await search.Content.ReadAsStringAsync();
        var bundle = await ReadAsync<Bundle>(search);
        var ids = bundle.Entry.Select(e => e.Resource!.Id).ToList();
        Assert.Contains(served.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ids);
        Assert.All(hidden, h => Assert.DoesNotContain(h.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ids));
        foreach (var word in new[] { "LegalHold", "SubjectAccess", "PersonMerge", "RetentionRun", "SharingWithoutConsent", "DirectoryApiKey" })
            Assert.DoesNotContain(word, json, StringComparison.Ordinal);
        // A team-wide search does not show them either, and reading one by its id is a 404 as if it did not exist.
        using var teamWide = await GetAsync($"/fhir/AuditEvent?date=ge{now.AddMinutes(-1):yyyy-MM-ddTHH:mmzzz}".Replace("+", "%2B", StringComparison.Ordinal) + "&_count=100", key);
        Assert.DoesNotContain("LegalHold", await teamWide.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var h in hidden)
        {
            using var read = await GetAsync($"/fhir/AuditEvent/{h.Id}", key);
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }
        using var ok = await GetAsync($"/fhir/AuditEvent/{served.Id}", key);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        // Siblings: no other resource of the person mentions the hold or the export.
        foreach (var url in new[] { $"/fhir/Patient/{person.Id}", $"/fhir/EpisodeOfCare?patient={person.Id}", $"/fhir/Consent?patient={person.Id}" })
        {
            using var other = await GetAsync(url, key);
            var text = await other.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.DoesNotContain("hold", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("subject access", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Following_AuditEvent_next_links_while_the_API_records_new_events_repeats_and_misses_nothing()
    {
        var team = app.Data.Northshire;
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(team);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        await app.Data.ChangeAsync(db =>
        {
            for (var i = 0; i < 7; i++) db.AuditEvents.Add(Event(team, person.Id, Audit.AuditAction.Viewed, "Person", start.AddMinutes(i)));
            return Task.CompletedTask;
        });
        var key = await AddFhirKeyAsync(team);
        string[] servedTypes = [.. Waymark.Fhir.FhirAuditEvent.ServedRecordTypes];
        var before = await app.Data.QueryAsync(db => db.AuditEvents
            .Where(a => a.PersonId == person.Id && a.TeamId == team && servedTypes.Contains(a.RecordType))
            .Select(a => a.Id).ToListAsync());

        var seen = new List<string>();
        var url = $"/fhir/AuditEvent?patient=Patient/{person.Id}&_count=2";
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages < 20, "the pages never settle");
            using var response = await GetAsync(url, key);
            var bundle = await ReadAsync<Bundle>(response);
            seen.AddRange(bundle.Entry.Select(e => e.Resource!.Id!));
            // Between pages, the partner (and staff) read the person: new events the trail must not slip into the pages.
            using var read = await GetAsync($"/fhir/Patient/{person.Id}", key);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            url = bundle.Link.SingleOrDefault(l => l.Relation == "next")?.Url is { } next ? new Uri(next).PathAndQuery : null;
        }
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(before.Order(), seen.Select(long.Parse).Order());
    }

    [Fact]
    public async Task A_Patient_does_not_carry_the_PNC_ID_and_cannot_be_found_by_it()
    {
        var pnc = "26/" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "Q";
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, with: p => { p.NhsNumber = TestNhsNumbers.Next(); p.PncId = pnc; });
        var key = await AddFhirKeyAsync(app.Data.Northshire);
        using var read = await GetAsync($"/fhir/Patient/{person.Id}", key);
        var json = await read.Content.ReadAsStringAsync();
        var patient = await ReadAsync<Patient>(read);
        Assert.DoesNotContain(pnc, json, StringComparison.Ordinal);
        Assert.DoesNotContain(patient.Identifier, i => i.System == Waymark.People.PersonFhir.PncIdSystem);
        Assert.Equal(person.NhsNumber, Assert.Single(patient.Identifier, i => i.System == "https://fhir.nhs.uk/Id/nhs-number").Value);
        using var search = await GetAsync($"/fhir/Patient?_id={person.Id}", key);
        Assert.DoesNotContain(pnc, await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var q in new[] { Uri.EscapeDataString(pnc), Uri.EscapeDataString(Waymark.People.PersonFhir.PncIdSystem + "|" + pnc) })
        {
            using var byPnc = await GetAsync($"/fhir/Patient?identifier={q}", key);
            Assert.Equal(HttpStatusCode.BadRequest, byPnc.StatusCode);
        }
    }

    [Fact]
    public async Task Asking_for_XML_is_a_406_in_JSON_a_word_for_a_date_is_not_a_date_and_a_referrals_reason_is_words()
    {
        var key = await AddFhirKeyAsync(app.Data.Northshire);
        foreach (var (url, accept) in new[] { ("/fhir/Patient", "application/fhir+xml"), ("/fhir/metadata", "application/xml"), ($"/fhir/Patient/{Guid.NewGuid()}", "text/xml") })
        {
            using var client = app.NewClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            request.Headers.Accept.ParseAdd(accept);
            using var response = await client.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
            Assert.Equal(OperationOutcome.IssueType.NotSupported, Assert.Single((await ReadAsync<OperationOutcome>(response)).Issue).Code);
        }
        // JSON, or anything, still works.
        foreach (var accept in new[] { "application/fhir+json", "application/json", "*/*", "application/fhir+xml;q=0.9, application/fhir+json" })
        {
            using var client = app.NewClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/metadata");
            request.Headers.Accept.ParseAdd(accept);
            using var response = await client.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var yesterday = await GetAsync("/fhir/Encounter?date=yesterday", key);
        Assert.Equal(HttpStatusCode.BadRequest, yesterday.StatusCode);
        var said = Assert.Single((await ReadAsync<OperationOutcome>(yesterday)).Issue).Diagnostics!;
        Assert.Contains("not a date", said, StringComparison.Ordinal);
        Assert.DoesNotContain("prefixes eq, ge, gt, le and lt only", said, StringComparison.Ordinal);

        var referral = await app.Data.QueryAsync(db => db.Referrals.Where(r => r.TeamId == app.Data.Northshire).OrderBy(r => r.Id).FirstAsync());
        using var read = await GetAsync($"/fhir/ServiceRequest/{referral.Id}", key);
        var reason = Assert.Single((await ReadAsync<ServiceRequest>(read)).ReasonCode).Text;
        Assert.Equal(Waymark.Assessment.AssessmentDomains.NameOf(referral.Need), reason);
        Assert.NotEqual(referral.Need, reason);
    }

    [Fact]
    public async Task Writes_are_refused_with_405_and_a_long_id_with_404()
    {
        var key = await AddFhirKeyAsync(app.Data.Northshire);
        using var post = await GetAsync("/fhir/Patient", key, method: HttpMethod.Post);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        await ReadAsync<OperationOutcome>(post);
        using var longId = await GetAsync("/fhir/Patient/" + new string('a', 1500), key);
        Assert.True((int)longId.StatusCode is 404 or 414, longId.StatusCode.ToString());
    }

    [Fact]
    public async Task A_partners_reads_show_in_the_persons_audit_trail_by_the_keys_name()
    {
        // A walk-through found "api-key:<id> (Partner)": the team manager could not tell which partner had looked.
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Ffion", TestData.UniqueName("Partnerread"));
        var key = await AddFhirKeyAsync(app.Data.Northshire);
        var name = await app.Data.QueryAsync(db => db.DirectoryApiKeys.Where(k => k.KeyHash == DirectoryApiKey.Hash(key)).Select(k => k.Name).SingleAsync());
        using (var read = await GetAsync($"/fhir/Patient/{person.Id}", key)) Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var manager = await app.SignedInAsync(Users.TeamManager);
        var trail = await manager.GetPageAsync($"/audit/people/{person.Id}");
        var who = trail.Document.QuerySelectorAll("main table tbody tr").Select(tr => HtmlPage.Collapse(tr.QuerySelectorAll("td")[1].TextContent)).ToList();
        Assert.Contains($"Partner key “{name}” (Partner)", who);
        Assert.DoesNotContain(who, w => w.Contains("api-key:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("HEAD", "/fhir/metadata", HttpStatusCode.MethodNotAllowed)]
    [InlineData("OPTIONS", "/fhir/Patient", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", "/fhir/Patient/x", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/fhir", HttpStatusCode.NotFound)]
    [InlineData("GET", "/fhir/", HttpStatusCode.NotFound)]
    public async Task Anything_else_under_fhir_is_answered_in_fhir_not_with_the_sign_in_page(string method, string path, HttpStatusCode expected)
    {
        // A walk-through found HEAD, OPTIONS and the bare base redirected to the web app's sign-in page.
        var key = await AddFhirKeyAsync(app.Data.Northshire);
        using var response = await GetAsync(path, key, method: new HttpMethod(method));
        Assert.Equal(expected, response.StatusCode);
        Assert.Null(response.Headers.Location);
        if (method != "HEAD") await ReadAsync<OperationOutcome>(response);
    }
}
