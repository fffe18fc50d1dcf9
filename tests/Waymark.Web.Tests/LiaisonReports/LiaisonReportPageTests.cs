using System.Net;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf.IO;
using Waymark.Audit;
using Waymark.Liaison;
using Waymark.LiaisonReports;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.LiaisonReports;

/// <summary>The liaison report through the pages: drafted, previewed and sent in three loads; refused without cover; frozen; corrected; printed and as a PDF.</summary>
public abstract class LiaisonReportPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : LiaisonReportPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : LiaisonReportPageTests(app);

    private Task<List<LiaisonReport>> ReportsOfAsync(Guid episodeId) =>
        app.Data.QueryAsync(db => db.Set<LiaisonReport>().Include(r => r.Recommendations).Where(r => r.EpisodeId == episodeId).OrderBy(r => r.Number).ToListAsync());

    [Fact]
    public async Task From_the_episode_page_a_practitioner_with_consent_reaches_a_sent_report_in_three_page_loads()
    {
        var (person, episode, _) = await app.Data.AddAssessedEpisodeWithHousingServiceAsync(app.Data.Northshire);
        var custody = await app.Data.AddAgencyAsync(app.Data.Northshire);
        await app.Data.AddConsentAsync(episode, [custody.Id]);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var episodePage = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.Contains("no report sent yet", episodePage.MainText);
        var write = Assert.Single(episodePage.Links("main a"), l => l.EndsWith("/liaison-reports/new", StringComparison.Ordinal));

        // 1: the new report, drafted from the records (the person's priority in their words) and addressed to the team's only agency.
        var form = await client.GetPageAsync(write);
        Assert.Contains("A room of my own", form.FieldValue("Priorities"));
        var draft = form.Form("main form").SetAll("Agencies", custody.Id.ToString());
        draft.Set("Vulnerabilities", "Finds it hard to follow long questions.").SetAll("Recommend", "appropriate-adult", "bail-support")
            .Set("Detail[bail-support]", "Can stay at his sister's address");
        using var saved = await draft.SubmitAsync(client);
        var previewUrl = Redirects.Path(saved);
        Assert.Matches("^/liaison-reports/[0-9a-f-]+/preview$", previewUrl);

        // 2: the preview says consent covers the custody suite.
        var preview = await client.FollowAsync(saved);
        Assert.Contains("Consent", preview.MainText);
        Assert.Contains("Can stay at his sister's address", preview.MainText);
        using var sent = await preview.Form("main form").Set("How", nameof(SendingMethod.PrintedAndHandedOver)).Set("SentNote", "Custody sergeant").SubmitAsync(client);

        // 3: the report as sent, with the time from identification.
        var report = await client.FollowAsync(sent);
        Assert.Contains("recorded as sent to " + custody.Name, report.MainText);
        Assert.Contains("after the person was identified", report.MainText);
        // The sending record, with whom it was given to (the note), on the report as sent.
        Assert.Contains($"to {custody.Name} (Printed and handed over): Custody sergeant", report.MainText);
        var stored = Assert.Single(await ReportsOfAsync(episode.Id));
        Assert.Equal((SendingMethod.PrintedAndHandedOver, "Custody sergeant"), (stored.SentHow!.Value, stored.SentNote));
        Assert.Equal(["appropriate-adult", "bail-support"], stored.Recommendations.Select(r => r.Code).Order());
        var disclosure = await app.Data.QueryAsync(db => db.AuditEvents.SingleAsync(a => a.PersonId == person.Id && a.Action == AuditAction.Exported && a.RecordType == "LiaisonReport"));
        Assert.Equal("Disclosure to criminal justice agencies", disclosure.Purpose);
        Assert.DoesNotContain("no report sent yet", (await client.GetPageAsync($"/episodes/{episode.Id}")).MainText);
    }

    [Fact]
    public async Task Bad_input_is_answered_with_the_error_summary_keeps_what_was_typed_and_saves_nothing()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddAgencyAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/episodes/{episode.Id}/liaison-reports/new")).Form("main form")
            .Remove("Agencies").Set("Vulnerabilities", " ").Set("EffectOnProcess", "Needs breaks every hour")
            .SetAll("Recommend", "mhtr-secondary").Set("Detail[mhtr-secondary]", new string('d', 1001));

        using var refused = await form.SubmitAsync(client);

        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("Error: ", page.Document.Title);
        Assert.Equal(
            ["#Agencies", "#Vulnerabilities", "#Detail_mhtr-secondary_"],
            page.ErrorLinks.Select(l => l.Href));
        Assert.Equal("Needs breaks every hour", page.FieldValue("EffectOnProcess"));
        Assert.NotNull(page.Document.QuerySelector("#Recommend-mhtr-secondary[checked]"));
        Assert.Empty(await ReportsOfAsync(episode.Id));

        // A made-up agency or recommendation is refused the same way, not with a 500.
        using var madeUp = await form.Set("Vulnerabilities", "Low mood").SetAll("Agencies", "not-an-id", Guid.NewGuid().ToString()).SetAll("Recommend", "wizardry").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.OK, madeUp.StatusCode);
        Assert.Contains("Select agencies from the list", (await HtmlPage.ReadAsync(madeUp)).ErrorSummary);
        Assert.Empty(await ReportsOfAsync(episode.Id));
    }

    [Fact]
    public async Task Two_practitioners_editing_the_draft_the_second_is_told_and_keeps_their_typing()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var custody = await app.Data.AddAgencyAsync(app.Data.Northshire);
        var draft = await app.Data.AddReportDraftAsync(episode, custody.Id);
        using var first = await app.SignedInAsync(Users.Practitioner);
        using var second = await app.SignedInAsync(Users.Practitioner2);
        var firstForm = (await first.GetPageAsync($"/liaison-reports/{draft.Id}/edit")).Form("main form");
        var secondForm = (await second.GetPageAsync($"/liaison-reports/{draft.Id}/edit")).Form("main form");

        using (var ok = await firstForm.Set("Vulnerabilities", "Amira's words").SubmitAsync(first))
            Assert.Equal($"/liaison-reports/{draft.Id}/preview", Redirects.Path(ok));
        using var refused = await secondForm.Set("Vulnerabilities", "Sam's words").SubmitAsync(second);

        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Someone else saved or sent this report while you were editing it", page.ErrorSummary);
        Assert.Equal("Sam's words", page.FieldValue("Vulnerabilities"));
        Assert.Contains("Amira's words", page.MainText); // the report as the other left it
        Assert.Equal("Amira's words", Assert.Single(await ReportsOfAsync(episode.Id)).Vulnerabilities);
        // Saving again from the refused page (now on the current version) works.
        using var retried = await page.Form("main form").SubmitAsync(second);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal("Sam's words", Assert.Single(await ReportsOfAsync(episode.Id)).Vulnerabilities);
    }

    [Fact]
    public async Task Sending_without_consent_is_refused_naming_the_agency_with_a_link_to_record_consent()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var custody = await app.Data.AddAgencyAsync(app.Data.Northshire);
        var court = await app.Data.AddAgencyAsync(app.Data.Northshire, AgencyKind.MagistratesCourt, TestData.UniqueName("Northshire Magistrates "));
        await app.Data.AddConsentAsync(episode, [custody.Id]);
        var draft = await app.Data.AddReportDraftAsync(episode, custody.Id);
        await app.Data.ChangeAsync(db => { db.Add(new LiaisonReportAddressee { ReportVersionId = draft.Id, AgencyId = court.Id }); return Task.CompletedTask; });
        using var client = await app.SignedInAsync(Users.Practitioner);
        var preview = await client.GetPageAsync($"/liaison-reports/{draft.Id}/preview");
        Assert.Contains("Not covered", preview.MainText);

        using var refused = await preview.Form("main form").Set("How", nameof(SendingMethod.SecureEmail)).SubmitAsync(client);

        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"no consent or recorded lawful basis covers sharing with {court.Name}", page.ErrorSummary);
        Assert.DoesNotContain(custody.Name, page.ErrorSummary);
        Assert.Contains($"/episodes/{episode.Id}", page.Links("main a"));
        Assert.Null(Assert.Single(await ReportsOfAsync(episode.Id)).SentAt);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.AuditEvents.CountAsync(a => a.PersonId == person.Id && a.Action == AuditAction.Exported)));

        // Not choosing how is a form error, not a send.
        using var noHow = await page.Form("main form").Remove("How").SubmitAsync(client);
        Assert.Contains("Select how the report is sent", (await HtmlPage.ReadAsync(noHow)).ErrorSummary);
    }

    [Fact]
    public async Task A_sent_report_is_frozen_and_a_correction_is_a_new_version_that_keeps_the_old_readable()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var custody = await app.Data.AddAgencyAsync(app.Data.Northshire);
        await app.Data.AddConsentAsync(episode, [custody.Id]);
        var v1 = await app.Data.AddReportDraftAsync(episode, custody.Id, "First words");
        using var client = await app.SignedInAsync(Users.Practitioner);
        var staleEdit = (await client.GetPageAsync($"/liaison-reports/{v1.Id}/edit")).Form("main form");
        using (var sent = await (await client.GetPageAsync($"/liaison-reports/{v1.Id}/preview")).Form("main form").Set("How", nameof(SendingMethod.ReadOutByPhone)).SubmitAsync(client))
            Assert.Equal($"/liaison-reports/{v1.Id}", Redirects.Path(sent));

        // Editing the sent version: the page goes to the report; a post from a page loaded before is refused.
        using (var edit = await client.GetAsync($"/liaison-reports/{v1.Id}/edit")) Assert.Equal($"/liaison-reports/{v1.Id}", Redirects.Path(edit));
        using var late = await staleEdit.Set("Vulnerabilities", "Changed after sending").SubmitAsync(client);
        Assert.Contains("sent", (await HtmlPage.ReadAsync(late)).ErrorSummary);
        Assert.Equal("First words", Assert.Single(await ReportsOfAsync(episode.Id)).Vulnerabilities);

        using var corrected = await (await client.GetPageAsync($"/liaison-reports/{v1.Id}")).Form("main form").SubmitAsync(client);
        var v2Edit = await client.FollowAsync(corrected);
        Assert.Equal("First words", v2Edit.FieldValue("Vulnerabilities"));
        using (var saved = await v2Edit.Form("main form").Set("Vulnerabilities", "Corrected words").Set("CorrectionNote", "Wrong name of his sister").SubmitAsync(client))
            Assert.EndsWith("/preview", Redirects.Path(saved));

        var versions = await ReportsOfAsync(episode.Id);
        Assert.Equal([(1, "First words", true), (2, "Corrected words", false)], versions.Select(v => (v.Number, v.Vulnerabilities!, v.IsSent)));
        var old = await client.GetPageAsync($"/liaison-reports/{v1.Id}");
        Assert.Contains("First words", old.MainText);
        Assert.Contains("Corrected by a later version", old.MainText);
        Assert.Contains($"/liaison-reports/{versions[1].Id}", old.Links("main a"));

        // The episode page still says version 1 went (when and to whom) while the correction is a draft, and a second
        // report to the same agency is told apart by when it was started.
        var second = await app.Data.AddReportDraftAsync(episode, custody.Id, "Another report");
        await app.Data.ChangeAsync(async db => (await db.Set<LiaisonReport>().SingleAsync(r => r.Id == second.Id)).CreatedAt = DateTimeOffset.UtcNow.AddDays(1));
        var episodePage = await client.GetPageAsync($"/episodes/{episode.Id}");
        var items = episodePage.Document.QuerySelectorAll("#liaison-reports + ul li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains("version 1 sent", items[1]);
        Assert.Contains($"to {custody.Name}; version 2, a correction, is a draft.", items[1]);
        Assert.Contains("version 1, a draft, not sent yet.", items[0]);
        Assert.All(items, i => Assert.Contains("started ", i));
        Assert.NotEqual(items[0][..items[0].IndexOf(':')], items[1][..items[1].IndexOf(':')]);
    }

    [Fact]
    public async Task A_draft_saves_an_unanswered_treatment_requirement_and_the_check_page_says_it_cannot_be_sent_yet()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var custody = await app.Data.AddAgencyAsync(app.Data.Northshire);
        await app.Data.AddConsentAsync(episode, [custody.Id]);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/episodes/{episode.Id}/liaison-reports/new")).Form("main form")
            .SetAll("Agencies", custody.Id.ToString()).Set("Vulnerabilities", "Hears voices at night")
            .SetAll("Recommend", "mhtr-secondary").Set("PersonConsents[mhtr-secondary]", "yes").Remove("ProviderAgrees[mhtr-secondary]");

        using var saved = await form.SubmitAsync(client);

        Assert.EndsWith("/preview", Redirects.Path(saved));
        var rec = Assert.Single(Assert.Single(await ReportsOfAsync(episode.Id)).Recommendations);
        Assert.Equal(("mhtr-secondary", (bool?)true, (bool?)null), (rec.Code, rec.PersonConsents, rec.ProviderAgrees));
        var preview = await client.FollowAsync(saved);
        Assert.Contains("Not eligible yet – cannot be sent: “Suitable for a mental health treatment requirement (secondary care)”", preview.MainText);
        Assert.Contains("whether a provider agrees is not recorded", preview.MainText);
        Assert.DoesNotContain(preview.Document.QuerySelectorAll("main button"), b => b.TextContent.Contains("Record as sent", StringComparison.Ordinal));

        // Answered "not known yet" on the edit form, it stays not known.
        var edit = await client.GetPageAsync(Redirects.Path(saved).Replace("/preview", "/edit", StringComparison.Ordinal));
        Assert.NotNull(edit.Document.QuerySelector("#ProviderAgrees_mhtr-secondary_-not-known[checked]"));
    }

    [Fact]
    public async Task The_check_pages_record_consent_link_ticks_the_agency_and_comes_back_to_the_report()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var court = await app.Data.AddAgencyAsync(app.Data.Northshire, AgencyKind.MagistratesCourt, TestData.UniqueName("Northshire Magistrates "));
        await app.Data.AddAgencyAsync(app.Data.Northshire);
        var draft = await app.Data.AddReportDraftAsync(episode, court.Id);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var preview = await client.GetPageAsync($"/liaison-reports/{draft.Id}/preview");
        var link = Assert.Single(preview.Links("main a"), l => l.StartsWith($"/episodes/{episode.Id}/criminal-justice/consent?", StringComparison.Ordinal));
        Assert.Contains($"agency={court.Id}", link);

        var consentPage = await client.GetPageAsync(link);
        Assert.Equal([court.Id.ToString()], consentPage.Document.QuerySelectorAll("input[name=AgencyIds][checked]").Select(i => i.GetAttribute("value")));
        using var saved = await consentPage.Form("main form")
            .Set("Capacity", "yes").Set("CapacityNote", "Understood and repeated it back")
            .SetAll("Information", "vulnerabilities", "recommendations").SetAll("Purposes", "detention-and-interview").Set("Form", "Verbal")
            .SubmitAsync(client);
        Assert.Equal($"/liaison-reports/{draft.Id}/preview", Redirects.Path(saved));
        Assert.Contains($"{court.Name}: the person consented on", (await client.FollowAsync(saved)).MainText);

        // Another site's address is not followed: back to the episode.
        var other = await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/consent?agency={court.Id}&returnUrl=https%3A%2F%2Fevil.example%2F");
        using var notFollowed = await other.Form("main form")
            .Set("Capacity", "yes").Set("CapacityNote", "Understood").SetAll("Information", "vulnerabilities")
            .SetAll("Purposes", "detention-and-interview").Set("Form", "Verbal").SubmitAsync(client);
        Assert.StartsWith($"/episodes/{episode.Id}", Redirects.Path(notFollowed));
    }

    [Fact]
    public async Task Sections_the_consent_does_not_cover_are_left_out_of_the_sent_report_its_print_view_and_pdf()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var custody = await app.Data.AddAgencyAsync(app.Data.Northshire);
        await app.Data.AddConsentAsync(episode, [custody.Id], information: "vulnerabilities recommendations");
        var draft = await app.Data.AddReportDraftAsync(episode, custody.Id);
        await app.Data.ChangeAsync(async db => (await db.Set<LiaisonReport>().SingleAsync(r => r.Id == draft.Id)).Screening = "Screened: psychosis suspected");
        using var client = await app.SignedInAsync(Users.Practitioner);
        var preview = await client.GetPageAsync($"/liaison-reports/{draft.Id}/preview");
        Assert.Contains("will be left out", preview.MainText);
        Assert.Contains("Screening outcome", preview.MainText);
        // In the report's body, the section left out is marked as not sent; the one that goes is not.
        var headings = preview.Document.QuerySelectorAll(".waymark-report h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains(headings, h => h.StartsWith("Screening outcome", StringComparison.Ordinal) && h.Contains("Not sent: not covered by consent", StringComparison.Ordinal));
        Assert.Contains(headings, h => h == "Vulnerabilities and needs");

        using var sent = await preview.Form("main form").Set("How", nameof(SendingMethod.SecureEmail)).SubmitAsync(client);
        var report = await client.FollowAsync(sent);

        Assert.DoesNotContain("psychosis suspected", report.MainText);
        Assert.Contains("He has a learning disability", report.MainText);
        Assert.Contains("Not sent, because the consent or lawful basis did not cover it: Screening outcome", report.MainText);
        Assert.Equal("vulnerabilities recommendations", Assert.Single(await ReportsOfAsync(episode.Id)).SentInformation);
    }

    [Fact]
    public async Task The_report_prints_without_menus_and_downloads_as_a_PDF_with_the_persons_name_and_each_is_audited()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.SettingReference = "NC/1234/26");
        var custody = await app.Data.AddAgencyAsync(app.Data.Northshire);
        var draft = await app.Data.AddReportDraftAsync(episode, custody.Id);
        using var client = await app.SignedInAsync(Users.SupportWorker); // support workers may read
        var me = app.Data.UserId(Users.SupportWorker);

        var page = await client.GetPageAsync($"/liaison-reports/{draft.Id}");
        Assert.Contains(person.FullName, page.MainText);
        Assert.Contains("15 January 1980", page.MainText);
        Assert.Contains("NC/1234/26", page.MainText);
        Assert.Contains(custody.Name, page.MainText);
        Assert.NotNull(page.Document.QuerySelector("link[href^='/css/liaison-report.css']"));
        Assert.Empty(page.Document.QuerySelectorAll("main form")); // a support worker cannot send or correct

        var before = await app.Data.QueryAsync(db => db.AuditEvents.MaxAsync(a => (long?)a.Id)) ?? 0;
        using var pdf = await client.GetAsync($"/liaison-reports/{draft.Id}?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        using var doc = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.InRange(doc.PageCount, 1, 2);
        Assert.Contains(person.FullName, doc.Info.Subject);
        Assert.Contains("DejaVu#20Sans", System.Text.Encoding.Latin1.GetString(bytes)); // the shipped font is embedded: text was drawn with it
        var viewed = await app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.Id > before && a.UserId == me).ToListAsync());
        Assert.Contains(viewed, a => a.Action == AuditAction.Viewed && a.RecordType == "LiaisonReport" && a.PersonId == person.Id && (a.Detail ?? "").Contains("PDF", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_teams_practitioner_gets_not_found_for_every_report_url_and_a_closed_episode_takes_no_new_report()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var custody = await app.Data.AddAgencyAsync(app.Data.Northshire);
        var draft = await app.Data.AddReportDraftAsync(episode, custody.Id);
        using var southshire = await app.SignedInAsync(Users.SouthshirePractitioner);
        foreach (var url in new[] { $"/episodes/{episode.Id}/liaison-reports/new", $"/liaison-reports/{draft.Id}", $"/liaison-reports/{draft.Id}/edit", $"/liaison-reports/{draft.Id}/preview", $"/liaison-reports/{draft.Id}?handler=Pdf" })
        {
            using var got = await southshire.GetAsync(url);
            Assert.True(got.StatusCode == HttpStatusCode.NotFound, $"{url}: {got.StatusCode}");
        }

        var (_, closed) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e =>
        {
            e.ClosedAt = e.IdentifiedAt.AddMinutes(30);
            e.ClosedByUserId = app.Data.UserId(Users.Practitioner);
            e.ClosureReason = Waymark.Episodes.ClosureReason.SupportCompleted;
        });
        using var client = await app.SignedInAsync(Users.Practitioner);
        using var redirected = await client.GetAsync($"/episodes/{closed.Id}/liaison-reports/new");
        Assert.Equal($"/episodes/{closed.Id}", Redirects.Path(redirected));
    }
}
