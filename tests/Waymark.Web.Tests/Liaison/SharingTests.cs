using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Liaison;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Liaison;

/// <summary>Consent to share with the criminal justice system, its withdrawal, and sharing without consent (issue 12 item 2).</summary>
public abstract class SharingTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : SharingTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : SharingTests(app);

    private static IQueryable<CriminalJusticeConsent> Consents(Waymark.Persistence.WaymarkDbContext db) => db.Set<CriminalJusticeConsent>();

    private static HtmlForm ConsentForm(HtmlPage page, Guid agencyId) => page.Form()
        .Set("Capacity", "yes").Set("CapacityNote", "Understood what would be shared and why, repeated it back")
        .SetAll("Information", "vulnerabilities", "recommendations").SetAll("AgencyIds", agencyId.ToString())
        .SetAll("Purposes", "detention-and-interview").Set("Form", "Verbal");

    [Fact]
    public async Task A_support_worker_records_consent_the_episode_page_shows_it_standing_and_then_withdrawn()
    {
        var agency = await app.Data.AddAgencyAsync(app.Data.Northshire);
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SupportWorker);
        var episodePage = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.Contains("No consent to share with criminal justice agencies recorded", episodePage.MainText);
        Assert.Contains($"/episodes/{episode.Id}/criminal-justice/consent", episodePage.Links("main a"));
        Assert.DoesNotContain($"/episodes/{episode.Id}/criminal-justice/without-consent", episodePage.Links("main a"));

        using var saved = await ConsentForm(await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/consent"), agency.Id).SubmitAsync(client);
        Assert.Equal($"/episodes/{episode.Id}#criminal-justice-sharing", Redirects.Target(saved));
        var after = await client.FollowAsync(saved);
        Assert.Contains("Consent to share with criminal justice agencies recorded", after.MainText);
        Assert.Contains("Stands", after.MainText);
        Assert.Contains(agency.Name, after.MainText);
        var consent = await app.Data.QueryAsync(db => Consents(db).Include(c => c.Agencies).SingleAsync(c => c.EpisodeId == episode.Id));
        Assert.Equal(("vulnerabilities recommendations", "detention-and-interview", person.Id), (consent.Information, consent.Purposes, consent.PersonId));
        Assert.Equal([agency.Id], consent.Agencies.Select(a => a.AgencyId));

        var withdraw = await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/consent/{consent.Id}/withdraw");
        using var withdrawn = await withdraw.Form().Set("Note", "Changed his mind after speaking to his solicitor").SubmitAsync(client);
        var end = await client.FollowAsync(withdrawn);
        Assert.Contains("Withdrawn", end.MainText);
        Assert.Contains("Changed his mind", end.MainText);
        var stored = await app.Data.QueryAsync(db => Consents(db).SingleAsync(c => c.Id == consent.Id));
        Assert.Equal(app.Data.UserId(Users.SupportWorker), stored.WithdrawnByUserId);
        Assert.NotNull(stored.WithdrawnAt);
        Assert.Equal(2, await app.Data.QueryAsync(db => db.AuditEvents.CountAsync(a => a.RecordId == consent.Id.ToString() && a.PersonId == person.Id)));
    }

    [Fact]
    public async Task Consent_is_refused_when_the_person_lacks_capacity_and_the_page_points_to_sharing_without_consent()
    {
        var agency = await app.Data.AddAgencyAsync(app.Data.Northshire);
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        using var response = await ConsentForm(await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/consent"), agency.Id)
            .Set("Capacity", "no").Set("CapacityNote", "Acutely psychotic: could not retain the information").SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Consent cannot be recorded", page.ErrorSummary);
        Assert.Contains($"/episodes/{episode.Id}/criminal-justice/without-consent?basis=BestInterests", page.Links("main a"));
        Assert.Equal("Acutely psychotic: could not retain the information", page.FieldValue("CapacityNote"));
        Assert.False(await app.Data.QueryAsync(db => Consents(db).AnyAsync(c => c.EpisodeId == episode.Id)));

        var without = await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/without-consent?basis=BestInterests");
        Assert.NotNull(without.Document.QuerySelector("input[name=Basis][value=BestInterests][checked]"));
    }

    [Fact]
    public async Task Bad_consent_is_answered_with_every_problem_keeps_what_was_typed_and_saves_nothing()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddAgencyAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        using var response = await (await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/consent")).Form()
            .Set("CapacityNote", "Typed note").SetDate("When", tomorrow).Set("Time", "25:61").SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error:", page.Title, StringComparison.Ordinal);
        foreach (var message in new[]
        {
            "Select whether the person has capacity", "Select what the person agreed can be shared", "Select at least one agency",
            "Select what it can be shared for", "Select how consent was given", "Enter a real time",
        })
            Assert.Contains(message, page.ErrorSummary);
        Assert.Equal("Typed note", page.FieldValue("CapacityNote"));
        Assert.Equal("25:61", page.FieldValue("Time"));
        Assert.All(page.ErrorLinks, l => Assert.NotNull(page.Document.QuerySelector(l.Href)));
        Assert.False(await app.Data.QueryAsync(db => Consents(db).AnyAsync(c => c.EpisodeId == episode.Id)));

        // A real time, but in the future, or before the person was identified.
        var agency = await app.Data.AddAgencyAsync(app.Data.Northshire);
        foreach (var (day, time, expected) in new[] { (tomorrow, "10:00", "cannot be in the future"), (tomorrow.AddDays(-30), "10:00", "cannot be before the person was identified") })
        {
            using var dated = await ConsentForm(await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/consent"), agency.Id)
                .SetDate("When", day).Set("Time", time).SubmitAsync(client);
            Assert.Contains(expected, (await HtmlPage.ReadAsync(dated)).ErrorSummary);
        }
        Assert.False(await app.Data.QueryAsync(db => Consents(db).AnyAsync(c => c.EpisodeId == episode.Id)));
    }

    [Fact]
    public async Task A_time_that_happened_twice_as_the_clocks_went_back_is_asked_about_and_the_answer_kept()
    {
        // The last Sunday of October before today: 01:30 happened at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var year = today >= LastSundayOfOctober(today.Year).AddDays(1) ? today.Year : today.Year - 1;
        var night = LastSundayOfOctober(year);
        var agency = await app.Data.AddAgencyAsync(app.Data.Northshire);
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire,
            e => e.IdentifiedAt = e.RecordedAt = new DateTimeOffset(night.AddDays(-1).ToDateTime(new TimeOnly(22, 0)), TimeSpan.Zero));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = ConsentForm(await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/consent"), agency.Id)
            .SetDate("When", night).Set("Time", "01:30");
        using var asked = await form.SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(asked);
        Assert.Contains("happened twice as the clocks went back", page.ErrorSummary);
        Assert.NotNull(page.Document.QuerySelector("input[name=ClockChange][value=GMT]"));

        using var saved = await form.Set("ClockChange", "GMT").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var given = await app.Data.QueryAsync(db => Consents(db).Where(c => c.EpisodeId == episode.Id).Select(c => c.GivenAt).SingleAsync());
        Assert.Equal(new DateTimeOffset(night.ToDateTime(new TimeOnly(1, 30)), TimeSpan.Zero), given.ToUniversalTime());
    }

    private static DateOnly LastSundayOfOctober(int year)
    {
        var d = new DateOnly(year, 10, 31);
        while (d.DayOfWeek != DayOfWeek.Sunday) d = d.AddDays(-1);
        return d;
    }

    [Fact]
    public async Task A_retired_or_another_teams_agency_cannot_be_named_in_a_consent()
    {
        var retired = await app.Data.AddAgencyAsync(app.Data.Northshire, retired: true);
        var theirs = await app.Data.AddAgencyAsync(app.Data.Southshire);
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        foreach (var id in new[] { retired.Id, theirs.Id })
        {
            using var response = await ConsentForm(await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/consent"), id).SubmitAsync(client);
            Assert.Contains("Select agencies from your team's list", (await HtmlPage.ReadAsync(response)).ErrorSummary);
        }
        Assert.False(await app.Data.QueryAsync(db => Consents(db).AnyAsync(c => c.EpisodeId == episode.Id)));
    }

    [Fact]
    public async Task Sharing_without_consent_needs_a_second_person_who_is_not_the_recorder_and_is_audited_as_a_disclosure()
    {
        var agency = await app.Data.AddAgencyAsync(app.Data.Northshire);
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var url = $"/episodes/{episode.Id}/criminal-justice/without-consent";
        HtmlForm Form(HtmlPage page, string second) => page.Form().Set("Basis", nameof(LawfulBasis.SeriousRiskToPerson))
            .Set("Reason", "Said he would kill himself if released tonight; the custody sergeant must know").Set("SecondPersonName", second)
            .SetAll("Information", "vulnerabilities").SetAll("AgencyIds", agency.Id.ToString());

        using var mine = await Form(await client.GetPageAsync(url), "alex MORGAN, practitioner").SubmitAsync(client);
        var refused = await HtmlPage.ReadAsync(mine);
        Assert.Contains("The second person must be someone other than you", refused.ErrorSummary);
        Assert.Equal("alex MORGAN, practitioner", refused.FieldValue("SecondPersonName"));
        Assert.Equal(0, await app.Data.QueryAsync(db => db.Set<SharingWithoutConsent>().CountAsync(s => s.EpisodeId == episode.Id)));

        using var saved = await Form(await client.GetPageAsync(url), "Pat Hughes, team manager").SubmitAsync(client);
        var after = await client.FollowAsync(saved);
        Assert.Contains("Shared without consent", after.MainText);
        Assert.Contains("Pat Hughes, team manager", after.MainText);
        var disclosure = await app.Data.QueryAsync(db => db.AuditEvents.SingleAsync(a => a.PersonId == person.Id && a.Action == AuditAction.DisclosedWithoutConsent));
        Assert.Equal(CriminalJusticeSharing.WithoutConsentRecordType, disclosure.RecordType);
        Assert.Contains(agency.Name, disclosure.Detail);

        using var manager = await app.SignedInAsync(Users.TeamManager);
        var trail = await manager.GetPageAsync($"/audit/people/{person.Id}");
        Assert.Contains("Disclosed without consent", trail.MainText);
    }

    [Fact]
    public async Task Who_may_record_what_follows_the_permission_table()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var consent = $"/episodes/{episode.Id}/criminal-justice/consent";
        var without = $"/episodes/{episode.Id}/criminal-justice/without-consent";
        foreach (var (user, consentExpected, withoutExpected) in new[]
        {
            (Users.Practitioner, Expect.Allowed, Expect.Allowed),
            (Users.TeamManager, Expect.Allowed, Expect.Allowed),
            (Users.SupportWorker, Expect.Allowed, Expect.Forbidden),
            (Users.Volunteer, Expect.Forbidden, Expect.Forbidden),
            (Users.Commissioner, Expect.Forbidden, Expect.Forbidden),
        })
        {
            using var client = await app.SignedInAsync(user);
            Assert.Null(await AccessChecks.CheckAsync(client, consent, consentExpected));
            Assert.Null(await AccessChecks.CheckAsync(client, without, withoutExpected));
        }
    }

    [Fact]
    public async Task Another_teams_episode_is_not_found_and_a_closed_episode_is_refused_in_words()
    {
        var agency = await app.Data.AddAgencyAsync(app.Data.Northshire);
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using (var southshire = await app.SignedInAsync(Users.SouthshirePractitioner))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await southshire.GetAsync($"/episodes/{episode.Id}/criminal-justice/consent")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await southshire.GetAsync($"/episodes/{episode.Id}/criminal-justice/without-consent")).StatusCode);
        }

        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = ConsentForm(await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/consent"), agency.Id);
        await app.Data.ChangeAsync(async db =>
        {
            var e = await db.Episodes.SingleAsync(x => x.Id == episode.Id);
            (e.ClosedAt, e.ClosedByUserId, e.ClosureReason) = (DateTimeOffset.UtcNow, "test", Waymark.Episodes.ClosureReason.SupportCompleted);
        });
        using var response = await form.SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("closed", page.ErrorSummary, StringComparison.OrdinalIgnoreCase);
        Assert.False(await app.Data.QueryAsync(db => Consents(db).AnyAsync(c => c.EpisodeId == episode.Id)));
    }
}
