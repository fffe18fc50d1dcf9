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
        { "/fhir/EpisodeOfCare?_format=xml", 400 },
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
}
