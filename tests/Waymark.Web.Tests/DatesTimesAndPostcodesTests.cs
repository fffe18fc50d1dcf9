using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Referrals;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// Real-world dates, times and postcodes (issue 11 items 5, 6, 7 and 13): one date-of-birth rule, UK clock changes,
/// postcodes as typed, and date errors that point at the box that is wrong.
/// </summary>
public abstract class DatesTimesAndPostcodesTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : DatesTimesAndPostcodesTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : DatesTimesAndPostcodesTests(app);

    private static DateOnly LastSunday(int year, int month)
    {
        var d = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (d.DayOfWeek != DayOfWeek.Sunday) d = d.AddDays(-1);
        return d;
    }

    /// <summary>The most recent UK clock change of <paramref name="month"/> (3 forward, 10 back) at least a day ago.</summary>
    private static DateOnly LastChange(int month)
    {
        var today = IdentificationJourney.LondonToday;
        var d = LastSunday(today.Year, month);
        return d < today ? d : LastSunday(today.Year - 1, month);
    }

    private static string[] ErrorInputs(HtmlPage page, string name) =>
        page.Document.QuerySelectorAll($"input[name^='{name}.']").Where(i => i.ClassList.Contains("nhsuk-input--error")).Select(i => i.Id!).ToArray();

    // ---- Item 13: a date error links to, and marks, only the box that is wrong.

    [Fact]
    public async Task Date_of_birth_with_day_12_no_month_and_year_1985_links_to_and_marks_only_the_month_box()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();
        using (var r = await journey.SubmitSettingAsync()) await journey.ExpectRedirectAsync(r, "reason");
        using (var r = await journey.SubmitReasonAsync()) await journey.ExpectRedirectAsync(r, "person");

        using var response = await journey.SubmitPersonAsync(new("Ada", "Example"), f => f.Set("Dob.Day", "12").Set("Dob.Month", "").Set("Dob.Year", "1985"));
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("#Dob-month", "Date of birth must include a month")], page.ErrorLinks);
        Assert.Equal(["Dob-month"], ErrorInputs(page, "Dob"));
        Assert.Equal("12", page.FieldValue("Dob"));
        Assert.Equal("1985", page.FieldValue("Dob-year"));
    }

    [Theory]
    [InlineData("", "", "1985", "#Dob", new[] { "Dob", "Dob-month" }, "Date of birth must include a day and month")]
    [InlineData("12", "3", "", "#Dob-year", new[] { "Dob-year" }, "Date of birth must include a year")]
    [InlineData("12", "3", "85", "#Dob-year", new[] { "Dob-year" }, "Year must include 4 numbers")]
    [InlineData("12", "13", "1985", "#Dob-month", new[] { "Dob-month" }, "Date of birth must be a real date")]
    [InlineData("x", "3", "1985", "#Dob", new[] { "Dob" }, "Date of birth must be a real date, using numbers only")]
    [InlineData("31", "2", "1985", "#Dob", new[] { "Dob", "Dob-month", "Dob-year" }, "Date of birth must be a real date")]
    [InlineData("2", "1", "1903", "#Dob", new[] { "Dob", "Dob-month", "Dob-year" }, null)] // the whole date breaks the rule
    public async Task Other_date_errors_mark_only_the_wrong_boxes_or_all_three_when_the_whole_date_is_wrong(
        string day, string month, string year, string link, string[] marked, string? message)
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();
        using (var r = await journey.SubmitSettingAsync()) await journey.ExpectRedirectAsync(r, "reason");
        using (var r = await journey.SubmitReasonAsync()) await journey.ExpectRedirectAsync(r, "person");

        using var response = await journey.SubmitPersonAsync(new("Ada", "Example"), f => f.Set("Dob.Day", day).Set("Dob.Month", month).Set("Dob.Year", year));
        var page = await HtmlPage.ReadAsync(response);

        var error = Assert.Single(page.ErrorLinks);
        Assert.Equal(link, error.Href);
        if (message is not null) Assert.Equal(message, error.Text);
        Assert.Equal(marked, ErrorInputs(page, "Dob"));
    }

    [Fact]
    public async Task The_persons_edit_page_and_the_setting_step_link_to_the_wrong_box_too()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Gwen", TestData.UniqueName("Boxes"));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form()
            .Set("Input.Dob.Day", "12").Set("Input.Dob.Month", "").Set("Input.Dob.Year", "1985");
        var edit = await HtmlPage.ReadAsync(await form.SubmitAsync(client));
        Assert.Equal([("#Input_Dob-month", "Date of birth must include a month")], edit.ErrorLinks);
        Assert.Equal(["Input_Dob-month"], ErrorInputs(edit, "Input.Dob"));

        var journey = new IdentificationJourney(client);
        await journey.StartAsync();
        using var setting = await journey.SubmitSettingAsync(f => f.Set("When.Year", ""));
        var page = await HtmlPage.ReadAsync(setting);
        Assert.Equal([("#When-year", "Date identified must include a year")], page.ErrorLinks);
        Assert.Equal(["When-year"], ErrorInputs(page, "When"));
    }

    // ---- Item 5: one rule for plausible dates of birth.

    [Fact]
    public async Task Identification_refuses_02_01_1903_by_the_same_rule_as_the_persons_page()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();
        using (var r = await journey.SubmitSettingAsync()) await journey.ExpectRedirectAsync(r, "reason");
        using (var r = await journey.SubmitReasonAsync()) await journey.ExpectRedirectAsync(r, "person");

        using var response = await journey.SubmitPersonAsync(new("Edith", TestData.UniqueName("Old"), new DateOnly(1903, 1, 2)));
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = DateLimits.DateOfBirthProblem(new DateOnly(1903, 1, 2), IdentificationJourney.LondonToday);
        Assert.Equal([("#Dob", expected!)], page.ErrorLinks);
        Assert.Contains("within the last 120 years", expected);
    }

    [Fact]
    public async Task A_person_recorded_with_an_out_of_rule_date_of_birth_can_still_have_a_phone_number_added_but_not_a_new_bad_date()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Edith", TestData.UniqueName("Old"), new DateOnly(1903, 1, 2));
        using var client = await app.SignedInAsync(Users.Practitioner);

        var form = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form();
        using (var saved = await form.Set("Input.Phone", "07700 900123").SubmitAsync(client))
            Assert.Equal($"/people/{person.Id}", Redirects.Target(saved));
        var after = await app.Data.QueryAsync(db => db.People.SingleAsync(p => p.Id == person.Id));
        Assert.Equal(("07700 900123", new DateOnly(1903, 1, 2)), (after.Phone, after.DateOfBirth));

        var again = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form().SetDate("Input.Dob", new DateOnly(1903, 1, 3));
        var refused = await HtmlPage.ReadAsync(await again.SubmitAsync(client));
        Assert.Contains("Date of birth must be within the last 120 years", refused.ErrorSummary);
        var other = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form().Set("Input.OtherDobs", "01/01/0001");
        var refusedOther = await HtmlPage.ReadAsync(await other.SubmitAsync(client));
        Assert.Contains("Other date of birth 01/01/0001 must be within the last 120 years", refusedOther.ErrorSummary);
    }

    // ---- Item 6: clock changes.

    [Fact]
    public async Task A_custody_time_that_happened_twice_is_asked_about_and_the_answer_is_kept_and_shown_with_its_zone()
    {
        var day = LastChange(10);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();

        using var asked = await journey.SubmitSettingAsync(f => f.SetDate("When", day).Set("Time", "01:30"));
        var page = await HtmlPage.ReadAsync(asked);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var link = Assert.Single(page.ErrorLinks);
        Assert.Equal("#ClockChange", link.Href);
        Assert.Contains("happened twice as the clocks went back", link.Text);
        Assert.Equal(["BST", "GMT"], page.Document.QuerySelectorAll("input[name=ClockChange]").Select(i => i.GetAttribute("value")));
        Assert.Contains("01:30 GMT (the second 01:30, after the clocks went back)", page.MainText);
        Assert.Equal("01:30", page.FieldValue("Time"));

        using (var chosen = await page.Form().Set("ClockChange", "GMT").SubmitAsync(client)) await journey.ExpectRedirectAsync(chosen, "reason");
        var draft = await app.Data.QueryAsync(db => db.IdentificationDrafts.SingleAsync(d => d.Id == journey.DraftId));
        Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(1, 30)), TimeSpan.Zero), draft.IdentifiedAt);

        // Coming back to the step shows the choice; the check page shows the zone.
        var back = await client.GetPageAsync(journey.StepUrl("setting"));
        Assert.Equal("GMT", back.Document.QuerySelector("input[name=ClockChange][checked]")?.GetAttribute("value"));
        using (var r = await journey.SubmitReasonAsync()) await journey.ExpectRedirectAsync(r, "person");
        using (var r = await journey.SubmitPersonAsync(new("Ada", TestData.UniqueName("Clock")))) await journey.ExpectRedirectAsync(r, "matches");
        await journey.ChooseAsync("new");
        Assert.Contains("at 1:30am GMT", (await journey.CheckAsync()).MainText);
    }

    [Fact]
    public async Task The_first_of_the_two_times_is_BST_and_an_ordinary_time_is_not_asked_about()
    {
        var day = LastChange(10);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();
        using (var r = await journey.SubmitSettingAsync(f => f.SetDate("When", day).Set("Time", "01:30").Set("ClockChange", "BST"))) await journey.ExpectRedirectAsync(r, "reason");
        var draft = await app.Data.QueryAsync(db => db.IdentificationDrafts.SingleAsync(d => d.Id == journey.DraftId));
        Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 30)), TimeSpan.Zero), draft.IdentifiedAt);

        var ordinary = await client.GetPageAsync(journey.StepUrl("setting"));
        Assert.Equal("BST", ordinary.Document.QuerySelector("input[name=ClockChange][checked]")?.GetAttribute("value"));
        using (var r = await ordinary.Form().Set("Time", "02:30").SubmitAsync(client)) await journey.ExpectRedirectAsync(r, "reason");
        Assert.Empty((await client.GetPageAsync(journey.StepUrl("setting"))).Document.QuerySelectorAll("input[name=ClockChange]"));
    }

    [Fact]
    public async Task A_custody_time_that_did_not_happen_is_refused_with_a_clear_error()
    {
        var day = LastChange(3);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();

        using var refused = await journey.SubmitSettingAsync(f => f.SetDate("When", day).Set("Time", "01:30"));
        var page = await HtmlPage.ReadAsync(refused);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var link = Assert.Single(page.ErrorLinks);
        Assert.Equal("#Time", link.Href);
        Assert.Contains("did not happen in the UK: the clocks went forward", link.Text);
        Assert.Null(await app.Data.QueryAsync(db => db.IdentificationDrafts.Where(d => d.Id == journey.DraftId).Select(d => d.IdentifiedAt).SingleAsync()));
    }

    [Fact]
    public async Task An_appointment_time_that_will_happen_twice_is_asked_about_and_shown_with_its_zone()
    {
        var today = IdentificationJourney.LondonToday;
        var day = LastSunday(today.Year, 10) > today ? LastSunday(today.Year, 10) : LastSunday(today.Year + 1, 10);
        var (_, episode, service) = await app.Data.AddAssessedEpisodeWithHousingServiceAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        using var made = await (await client.GetPageAsync($"/episodes/{episode.Id}/referrals/new")).Form("main form")
            .Set("Choice", $"{service.Id}|housing").Set("Method", "Phone").Set("Supported", "yes").Set("SupportPlan", "Alex goes to the first appointment").Set("Send", "true").SubmitAsync(client);
        var url = Redirects.Path(made);
        var referralPage = await client.GetPageAsync(url);

        using var asked = await referralPage.Form("form[action$='handler=Step']").Set("Step", "AppointmentBooked")
            .SetDate("AppointmentDate", day).Set("AppointmentTime", "1:30").SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(asked);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal("#AppointmentClockChange", Assert.Single(page.ErrorLinks).Href);
        Assert.Equal(["BST", "GMT"], page.Document.QuerySelectorAll("input[name=AppointmentClockChange]").Select(i => i.GetAttribute("value")));

        using (var chosen = await page.Form("form[action$='handler=Step']").Set("AppointmentClockChange", "GMT").SubmitAsync(client))
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var booked = await app.Data.QueryAsync(db => db.ReferralEvents.Where(e => e.Step == ReferralStep.AppointmentBooked && e.AppointmentAt != null)
            .OrderBy(e => e.Sequence).Select(e => new { e.ReferralId, e.AppointmentAt }).ToListAsync());
        var id = Guid.Parse(url.Split('/')[2]);
        Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(1, 30)), TimeSpan.Zero), booked.Single(b => b.ReferralId == id).AppointmentAt);
        Assert.Contains("at 1:30am GMT", (await client.GetPageAsync(url)).MainText);
    }

    // ---- Item 7: postcodes as typed.

    [Theory]
    [InlineData("NS1  4AB", "NS1 4AB")]
    [InlineData("ns14ab", "NS1 4AB")]
    [InlineData(" NS1 4AB ", "NS1 4AB")]
    [InlineData("BFPO 1234", "BFPO 1234")]
    [InlineData("bfpo1234", "BFPO 1234")]
    [InlineData("gir 0aa", "GIR 0AA")]
    public async Task Identification_accepts_a_postcode_as_typed_and_records_one_normal_form(string typed, string stored)
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        var family = TestData.UniqueName("Postcode");
        await journey.StartAsync();
        await journey.AnswerUpToMatchesAsync(new("Ada", family, new DateOnly(1984, 3, 15), Postcode: typed));
        await journey.ChooseAsync("new");
        var personId = await journey.ConfirmAsync();

        Assert.Equal(stored, await app.Data.QueryAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.Postcode).SingleAsync()));
    }

    [Fact]
    public async Task The_persons_page_accepts_a_postcode_as_typed_and_shows_the_normal_form()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Gwen", TestData.UniqueName("Postcode"));
        using var client = await app.SignedInAsync(Users.Practitioner);

        var form = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form().Set("Input.Address", "1 Example Road").Set("Input.Postcode", "bfpo  57");
        using (var saved = await form.SubmitAsync(client)) Assert.Equal($"/people/{person.Id}", Redirects.Target(saved));
        Assert.Equal("BFPO 57", await app.Data.QueryAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.Postcode).SingleAsync()));
        Assert.Contains("1 Example Road, BFPO 57", (await client.GetPageAsync($"/people/{person.Id}")).MainText);

        var bad = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form().Set("Input.Postcode", "NS1 4A");
        var refused = await HtmlPage.ReadAsync(await bad.SubmitAsync(client));
        Assert.Equal([("#Input_Postcode", "Enter a real postcode, like NS1 4AB")], refused.ErrorLinks);
    }
    [Fact]
    public async Task A_directory_location_accepts_a_postcode_as_typed_shows_the_normal_form_and_is_found_by_a_spaced_search()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var name = TestData.UniqueName("Forces Welfare Desk");
        var form = (await client.GetPageAsync("/directory/services/new")).Form()
            .Set("Input.OrganisationId", "new").Set("Input.NewOrganisationName", TestData.UniqueName("Welfare Trust"))
            .Set("Input.Name", name).SetAll("Input.Needs", "housing").Set("Input.HowToRefer", "Ring the desk")
            .Set("Input.Locations[0].Address", "1 Barracks Road").Set("Input.Locations[0].Postcode", "ns7  2xy")
            .Set("Input.Locations[1].Address", "Garrison office").Set("Input.Locations[1].Postcode", "bfpo57");

        using var saved = await form.SubmitAsync(client);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, (await HtmlPage.ReadAsync(saved)).ErrorSummary);
        var page = await client.FollowAsync(saved);
        Assert.Contains("1 Barracks Road NS7 2XY", page.MainText);
        Assert.Contains("Garrison office BFPO 57", page.MainText);
        var stored = await app.Data.QueryAsync(db => db.ServiceLocations.Where(l => db.Services.Any(s => s.Id == l.ServiceId && s.Name == name)).Select(l => l.Postcode).OrderBy(p => p).ToListAsync());
        Assert.Equal(["BFPO 57", "NS7 2XY"], stored);

        var results = await client.GetPageAsync("/directory?Need=housing&Place=ns7++2xy");
        Assert.Contains(page.Url.AbsolutePath, results.Links("main .nhsuk-card a"));
    }
}
