using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.People;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// Unknown is not "none" (issue 11, item 14; ADR 18): a detail nobody recorded, one the person did not know or would not
/// give, and one they do not have read differently on every page and in the referral summary, and the forms say which.
/// </summary>
public abstract class UnknownIsNotNoneTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : UnknownIsNotNoneTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : UnknownIsNotNoneTests(app);

    private static string Row(HtmlPage page, string key) =>
        HtmlPage.Collapse(page.Document.QuerySelectorAll("main .nhsuk-summary-list__row")
            .First(r => r.QuerySelector("dt")!.TextContent.Trim() == key).QuerySelector("dd")!.TextContent);

    /// <summary>A sent referral with consent to share, for a person changed by <paramref name="change"/>; returns the summary's URL.</summary>
    private async Task<(string Url, AppClient Client)> SummaryForAsync(Action<Person> change)
    {
        var (person, episode, service) = await app.Data.AddAssessedEpisodeWithHousingServiceAsync(app.Data.Northshire);
        await app.Data.ChangeAsync(async db => change(await db.People.SingleAsync(p => p.Id == person.Id)));
        var client = await app.SignedInAsync(Users.Practitioner);
        var choose = await client.GetPageAsync($"/episodes/{episode.Id}/referrals/new");
        using var made = await choose.Form("main form").Set("Choice", $"{service.Id}|housing").Set("Method", "Phone")
            .Set("Supported", "yes").Set("SupportPlan", "Goes with them").Set("Send", "true").SubmitAsync(client);
        var url = Redirects.Path(made);
        var consent = (await client.GetPageAsync(url)).Form("form[action$='handler=Consent']")
            .Set("ConsentWhat", "Name, date of birth, phone, address and the housing need").Set("ConsentForm", "Verbal")
            .SetDate("ConsentGiven", DateOnly.FromDateTime(DateTime.UtcNow));
        using (var recorded = await consent.SubmitAsync(client)) Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        return (url + "/summary", client);
    }

    [Fact]
    public async Task The_referral_summary_says_an_address_that_was_not_recorded_was_not_asked_never_no_fixed_address()
    {
        var (url, client) = await SummaryForAsync(p =>
        {
            (p.Address, p.Postcode, p.Phone) = (null, null, null);
            p.SetAbsence(PersonField.Address, Absence.NotAsked);
            p.SetAbsence(PersonField.Phone, Absence.Declined);
        });
        using (client)
        {
            var summary = await client.GetPageAsync(url);
            Assert.Equal("Not asked", Row(summary, "Address"));
            Assert.Equal("Declined to say", Row(summary, "Phone"));
            Assert.DoesNotContain("fixed", summary.MainText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("None", Row(summary, "Phone"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_referral_summary_says_no_fixed_abode_only_for_a_person_recorded_as_having_no_home_and_shows_a_known_address()
    {
        var (nfaUrl, client) = await SummaryForAsync(p =>
        {
            (p.Address, p.Postcode, p.DateOfBirth) = (null, null, null);
            p.SetAbsence(PersonField.Address, Absence.None);
            p.SetAbsence(PersonField.DateOfBirth, Absence.AskedUnknown);
        });
        using (client)
        {
            var summary = await client.GetPageAsync(nfaUrl);
            Assert.Equal("No fixed abode", Row(summary, "Address"));
            Assert.Equal("Not known", Row(summary, "Date of birth"));
        }
        var (housedUrl, client2) = await SummaryForAsync(p => (p.Address, p.Postcode, p.Phone) = ("2 Mill Lane, Eastbrook", "NS2 7CD", "07700 900111"));
        using (client2)
        {
            var summary = await client2.GetPageAsync(housedUrl);
            Assert.Equal("2 Mill Lane, Eastbrook, NS2 7CD", Row(summary, "Address"));
            Assert.Equal("07700 900111", Row(summary, "Phone"));
        }
    }

    [Fact]
    public async Task The_person_page_and_the_people_list_say_why_each_detail_is_empty()
    {
        var family = TestData.UniqueName("Absent");
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Gwen", family, with: p =>
        {
            p.SetAbsence(PersonField.Address, Absence.None);
            p.SetAbsence(PersonField.GpPractice, Absence.None);
            p.SetAbsence(PersonField.Phone, Absence.Declined);
            p.SetAbsence(PersonField.Email, Absence.AskedUnknown);
            p.SetAbsence(PersonField.NhsNumber, Absence.NotAsked);
            p.SetAbsence(PersonField.PncId, Absence.AskedUnknown);
        });
        using var client = await app.SignedInAsync(Users.Practitioner);

        var page = await client.GetPageAsync($"/people/{person.Id}");
        Assert.Equal("No fixed abode", Row(page, "Address"));
        Assert.Equal("Not registered with a GP", Row(page, "GP practice"));
        Assert.Contains("Phone: Declined to say", Row(page, "Contact"), StringComparison.Ordinal);
        Assert.Contains("Email: Not known", Row(page, "Contact"), StringComparison.Ordinal);
        Assert.Equal("Not asked", Row(page, "NHS number"));
        Assert.Equal("Not known", Row(page, "PNC ID"));

        var list = await client.GetPageAsync($"/people?Name={family}");
        var cells = list.Document.QuerySelectorAll("main table tbody tr td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("No fixed abode", cells);
        Assert.Contains("Not asked", cells);
        Assert.Contains("Not known", cells);
    }

    [Fact]
    public async Task The_edit_form_records_why_a_detail_is_empty_and_refuses_has_none_beside_a_value_or_a_reason_that_is_not_one()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, with: p => (p.Address, p.Postcode, p.GpPractice) = ("3 Quay Street, Westford", "NS3 1AA", "Westford Surgery"));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var url = $"/people/{person.Id}/edit";

        using (var contradictory = await (await client.GetPageAsync(url)).Form("main form").Set("Input.AddressAbsence", "None").Set("Input.PhoneAbsence", "Sometimes").SubmitAsync(client))
        {
            var page = await HtmlPage.ReadAsync(contradictory);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains(page.ErrorLinks, l => l.Href == "#Input_AddressAbsence" && l.Text.Contains("No fixed abode", StringComparison.Ordinal));
            Assert.Contains(page.ErrorLinks, l => l.Href == "#Input_PhoneAbsence");
            Assert.Equal("3 Quay Street, Westford", page.FieldValue("Input_Address")); // typed values kept
        }
        using (var nhsNone = await (await client.GetPageAsync(url)).Form("main form").Set("Input.NhsNumberAbsence", "None").SubmitAsync(client))
            Assert.Contains((await HtmlPage.ReadAsync(nhsNone)).ErrorLinks, l => l.Href == "#Input_NhsNumberAbsence");
        Assert.Null(await app.Data.QueryAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.AddressAbsence).SingleAsync()));

        // Moved out and now of no fixed abode; says they are not registered with a GP; phone never asked.
        using (var saved = await (await client.GetPageAsync(url)).Form("main form").Set("Input.Address", "").Set("Input.Postcode", "")
            .Set("Input.AddressAbsence", "None").Set("Input.GpPractice", "").Set("Input.GpPracticeAbsence", "None").Remove("Input.PhoneAbsence").SubmitAsync(client))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.Data.QueryAsync(db => db.People.SingleAsync(p => p.Id == person.Id));
        Assert.Equal((null, null, Absence.None), (stored.Address, stored.Postcode, stored.AddressAbsence));
        Assert.Equal(Absence.None, stored.GpPracticeAbsence);
        Assert.Equal(Absence.NotAsked, stored.PhoneAbsence);
        Assert.Contains(await app.Data.QueryAsync(db => db.AuditEvents.Where(e => e.PersonId == person.Id && e.Action == Waymark.Audit.AuditAction.Updated).Select(e => e.Detail).ToListAsync()),
            d => d!.Contains("AddressAbsence", StringComparison.Ordinal) && d.Contains("GpPracticeAbsence", StringComparison.Ordinal) && !d.Contains("PhoneAbsence", StringComparison.Ordinal));
        var page2 = await client.GetPageAsync($"/people/{person.Id}");
        Assert.Equal("No fixed abode", Row(page2, "Address"));
        Assert.Equal("Not registered with a GP", Row(page2, "GP practice"));

        // The form shows the stored reasons again.
        var again = await client.GetPageAsync(url);
        Assert.NotNull(again.Document.QuerySelector("input[name='Input.AddressAbsence'][value='None'][checked]"));
        Assert.NotNull(again.Document.QuerySelector("input[name='Input.PhoneAbsence'][value='NotAsked'][checked]"));
    }

    [Fact]
    public async Task A_person_of_no_fixed_abode_who_finds_a_home_gets_the_address_typed_over_the_reason_left_as_it_was()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, with: p =>
        {
            p.SetAbsence(PersonField.Address, Absence.None);
            p.SetAbsence(PersonField.Phone, Absence.None);
        });
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form("main form");
        Assert.Equal(("None", "None"), (form["Input.AddressAbsence"], form["Input.PhoneAbsence"])); // the stored reasons, ticked

        using (var saved = await form.Set("Input.Address", "4 Harbour Row, Southam").Set("Input.Postcode", "NS4 2BB").Set("Input.Phone", "07700 900222").SubmitAsync(client))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var stored = await app.Data.QueryAsync(db => db.People.SingleAsync(p => p.Id == person.Id));
        Assert.Equal(("4 Harbour Row, Southam", "NS4 2BB", null), (stored.Address, stored.Postcode, stored.AddressAbsence));
        Assert.Equal(("07700 900222", (Absence?)null), (stored.Phone, stored.PhoneAbsence));
        Assert.Equal("4 Harbour Row, Southam, NS4 2BB", Row(await client.GetPageAsync($"/people/{person.Id}"), "Address"));
    }

    [Fact]
    public async Task Identification_records_why_the_date_of_birth_NHS_number_and_postcode_are_missing()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        var family = TestData.UniqueName("Nodetails");
        await journey.StartAsync();
        using (var r = await journey.SubmitSettingAsync()) await journey.ExpectRedirectAsync(r, "reason");
        using (var r = await journey.SubmitReasonAsync()) await journey.ExpectRedirectAsync(r, "person");

        // "Has none" is not a reason an NHS number may be missing; a postcode beside "no fixed abode" contradicts it.
        using (var refused = await journey.SubmitPersonAsync(new("Tomos", family, Postcode: "NS1 4AB"),
            f => f.Set("NhsNumberAbsence", "None").Set("AddressAbsence", "None")))
        {
            var page = await HtmlPage.ReadAsync(refused);
            Assert.Contains(page.ErrorLinks, l => l.Href == "#NhsNumberAbsence");
            Assert.Contains(page.ErrorLinks, l => l.Href == "#AddressAbsence");
        }

        using (var r = await journey.SubmitPersonAsync(new("Tomos", family),
            f => f.Set("DateOfBirthAbsence", "Declined").Set("NhsNumberAbsence", "AskedUnknown").Set("AddressAbsence", "None")))
            await journey.ExpectRedirectAsync(r, "matches");
        await journey.ChooseAsync("new");
        var check = await journey.CheckAsync();
        Assert.Equal("Declined to say", Row(check, "Date of birth"));
        Assert.Equal("Not known", Row(check, "NHS number"));
        Assert.Equal("Not asked", Row(check, "PNC ID"));
        Assert.Equal("No fixed abode", Row(check, "Postcode"));
        var id = await journey.ConfirmAsync();

        var person = await app.Data.QueryAsync(db => db.People.SingleAsync(p => p.Id == id));
        Assert.Equal((Absence.Declined, Absence.AskedUnknown, Absence.NotAsked, Absence.None),
            (person.DateOfBirthAbsence, person.NhsNumberAbsence, person.PncIdAbsence, person.AddressAbsence));
        Assert.Equal((Absence.NotAsked, Absence.NotAsked, Absence.NotAsked), (person.PhoneAbsence, person.EmailAbsence, person.GpPracticeAbsence));
        Assert.Equal("No fixed abode", Row(await client.GetPageAsync($"/people/{id}"), "Address"));
    }
}
