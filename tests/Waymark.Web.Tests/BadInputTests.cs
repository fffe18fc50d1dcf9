using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Web.Tests.Support;
using static Waymark.Web.Tests.Support.BadInput;

namespace Waymark.Web.Tests;

/// <summary>
/// Bad answers on the person step, the person edit page, the setting step and the search page: each is
/// shown again with the NHS error summary linking to the field, the field's message and what was typed,
/// with a 200 and nothing saved. Script typed into a text field is saved and shown as text, never run.
/// </summary>
public abstract class BadInputTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : BadInputTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : BadInputTests(app);

    private static readonly DateOnly NextYear = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1);

    private static (string, string?)[] Date(string field, DateOnly d) =>
        [($"{field}.Day", d.Day.ToString()), ($"{field}.Month", d.Month.ToString()), ($"{field}.Year", d.Year.ToString())];

    private static TheoryData<string> Names(IEnumerable<BadInput> cases) => new(cases.Select(c => c.Name));

    // ---------------------------------------------------------------- identification: person step

    private static readonly BadInput[] PersonStepCases =
    [
        new("invalid NHS number", [("NhsNumber", "123 456 7890")], "NhsNumber", "Enter a valid NHS number: 10 numbers, like 943 476 5919"),
        new("future date of birth", Date("Dob", NextYear), "Dob", "Date of birth must be in the past"),
        new("impossible date of birth", [("Dob.Day", "31"), ("Dob.Month", "2"), ("Dob.Year", "1990")], "Dob", "Date of birth must be a real date"),
        // A first name alone is not one name only: the one name goes in the last name (PersonNames, the NHS PDS convention).
        new("blank last name", [("FamilyName", "   ")], "FamilyName", "Enter their last name. If they are known by one name only, enter it here and leave first name blank"),
        new("100 KB first name", [("GivenName", HundredKb)], "GivenName", "First name must be 100 characters or fewer"),
        new("script in a name with a bad PNC ID", [("FamilyName", Script), ("PncId", "2001/23Z")], "PncId",
            "Enter a valid PNC ID, like 2001/0000023C (year, serial number and check letter)"),
    ];

    public static TheoryData<string> PersonStepCaseNames => Names(PersonStepCases);

    [Theory]
    [MemberData(nameof(PersonStepCaseNames))]
    public async Task Person_step_shows_bad_answers_again_and_saves_nothing(string name)
    {
        var input = PersonStepCases.Single(c => c.Name == name);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();
        using (var r = await journey.SubmitSettingAsync()) await journey.ExpectRedirectAsync(r, "reason");
        using (var r = await journey.SubmitReasonAsync()) await journey.ExpectRedirectAsync(r, "person");

        using var response = await journey.SubmitPersonAsync(new("Ada", "Lovelace", new DateOnly(1985, 12, 10), "Female", Postcode: "NS1 4AB"), f => f.Type(input));

        Rejections.AssertShownAgain(await HtmlPage.ReadAsync(response), input, "Sex");
        var draft = await app.Data.QueryAsync(db => db.IdentificationDrafts.SingleAsync(d => d.Id == journey.DraftId));
        Assert.Equal((null, null, null, null, null), (draft.GivenName, draft.FamilyName, draft.DateOfBirth, draft.NhsNumber, draft.Postcode));
        // and the journey cannot be skipped ahead past the step
        using var matches = await client.GetAsync(journey.StepUrl("matches"));
        Assert.Equal(journey.StepUrl("person"), Redirects.Target(matches));
    }

    // ---------------------------------------------------------------- identification: setting step

    private static readonly BadInput[] SettingStepCases =
    [
        new("missing setting", [("Setting", null)], "Setting", "Select where they were identified"),
        new("setting not in the list", [("Setting", "Moon")], "Setting", "Select where they were identified"),
        new("future date", Date("When", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3)), "When", "Date and time identified must be in the past"),
        new("missing date", [("When.Day", ""), ("When.Month", ""), ("When.Year", "")], "When", "Enter the date they were identified"),
        new("missing time", [("Time", "")], "Time", "Enter the time they were identified"),
        new("impossible time", [("Time", "25:61")], "Time", "Enter a real time, like 09:30, 14:30 or 2:30pm"),
        new("100 KB reference", [("Reference", HundredKb)], "Reference", "Reference must be 100 characters or fewer"),
        new("script in the reference with no setting", [("Reference", Script), ("Setting", null)], "Setting", "Select where they were identified"),
    ];

    public static TheoryData<string> SettingStepCaseNames => Names(SettingStepCases);

    [Theory]
    [MemberData(nameof(SettingStepCaseNames))]
    public async Task Setting_step_shows_bad_answers_again_and_saves_nothing(string name)
    {
        var input = SettingStepCases.Single(c => c.Name == name);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();

        using var response = await journey.SubmitSettingAsync(f => f.Type(input));

        Rejections.AssertShownAgain(await HtmlPage.ReadAsync(response), input, "Setting");
        var draft = await app.Data.QueryAsync(db => db.IdentificationDrafts.SingleAsync(d => d.Id == journey.DraftId));
        Assert.Equal((null, null, null), (draft.Setting, draft.SettingReference, draft.IdentifiedAt));
    }

    // ---------------------------------------------------------------- person edit page

    private static readonly BadInput[] EditCases =
    [
        new("invalid NHS number", [("Input.NhsNumber", "1234567890")], "Input_NhsNumber", "Enter a valid NHS number: 10 numbers, like 943 476 5919"),
        new("future date of birth", Date("Input.Dob", NextYear), "Input_Dob", "Date of birth must be in the past"),
        new("missing last name", [("Input.FamilyName", "")], "Input_FamilyName", "Enter their last name. If they are known by one name only, enter it here and leave first name blank"),
        new("100 KB first name", [("Input.GivenName", HundredKb)], "Input_GivenName", "First name must be 100 characters or fewer"),
        new("100 KB communication needs", [("Input.CommunicationNeeds", HundredKb)], "Input_CommunicationNeeds", "Communication needs must be 2000 characters or fewer"),
        new("100 KB address", [("Input.Address", HundredKb)], "Input_Address", "Address must be 500 characters or fewer"),
        new("script in gender with a bad email", [("Input.Gender", Script), ("Input.Email", "not-an-email")], "Input_Email",
            "Enter an email address in the correct format, like name@example.com"),
        new("script in other names with a bad postcode", [("Input.Aliases", "Jonny " + Script), ("Input.Postcode", "NOT A POSTCODE")], "Input_Postcode",
            "Enter a real postcode, like NS1 4AB"),
    ];

    public static TheoryData<string> EditCaseNames => Names(EditCases);

    [Theory]
    [MemberData(nameof(EditCaseNames))]
    public async Task Person_edit_shows_bad_answers_again_and_saves_nothing(string name)
    {
        var input = EditCases.Single(c => c.Name == name);
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Bethan", TestData.UniqueName("Edit"), new DateOnly(1991, 4, 2),
            p => (p.Gender, p.Address, p.Postcode) = ("Woman", "1 High Street, Northshire", "NS1 4AB"));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form()
            .Set("Input.PreferredName", "Beth") // a valid change typed alongside the bad one must not be saved either
            .Type(input);

        using var response = await form.SubmitAsync(client);

        var page = await HtmlPage.ReadAsync(response);
        Rejections.AssertShownAgain(page, input);
        Assert.Equal("Beth", page.FieldValue("Input_PreferredName"));
        var (saved, updates) = await app.Data.QueryAsync(async db => (
            await db.People.SingleAsync(p => p.Id == person.Id),
            await db.AuditEvents.CountAsync(a => a.PersonId == person.Id && a.Action == AuditAction.Updated)));
        Assert.Equal(person.Version, saved.Version);
        Assert.Equal((person.GivenName, person.FamilyName, null, person.DateOfBirth, "Woman", "1 High Street, Northshire"),
            (saved.GivenName, saved.FamilyName, saved.PreferredName, saved.DateOfBirth, saved.Gender, saved.Address));
        Assert.Equal(0, updates);
    }

    // ---------------------------------------------------------------- search page

    private static readonly BadInput[] SearchCases =
    [
        new("invalid NHS number", [("Nhs", "1234567890")], "Nhs", "Enter a valid NHS number: 10 numbers, like 943 476 5919"),
        new("future date of birth", Date("Dob", NextYear), "Dob", "Date of birth must be in the past"),
        new("impossible date of birth", [("Dob.Day", "0"), ("Dob.Month", "13"), ("Dob.Year", "1990")], "Dob", "Date of birth must be a real date"),
        new("nothing to search for", [("Name", "")], "Name", "Enter a name, date of birth, NHS number or PNC ID to search"),
        // A GET form: the text goes in the URL, which browsers and Kestrel (8 KB request line) cap far below 100 KB.
        new("5,000-character name", [("Name", HundredKb[..5000])], "Name", "Name must be 200 characters or fewer"),
        new("script in the name with a bad PNC ID", [("Name", Script), ("Pnc", "2001/23Z")], "Pnc", "Enter a valid PNC ID, like 2001/0000023C"),
    ];

    public static TheoryData<string> SearchCaseNames => Names(SearchCases);

    [Theory]
    [MemberData(nameof(SearchCaseNames))]
    public async Task Search_shows_bad_answers_again_and_searches_nothing(string name)
    {
        var input = SearchCases.Single(c => c.Name == name);
        var userId = app.Data.UserId(Users.Practitioner2);
        Task<int> SearchesAsync() => app.Data.QueryAsync(db => db.AuditEvents.CountAsync(a => a.UserId == userId && a.Action == AuditAction.Searched));
        using var client = await app.SignedInAsync(Users.Practitioner2);
        var form = (await client.GetPageAsync("/people")).Form().Type(input);
        var before = await SearchesAsync();

        using var response = await form.SubmitAsync(client);

        var page = await HtmlPage.ReadAsync(response);
        Rejections.AssertShownAgain(page, input);
        Assert.Null(page.Document.QuerySelector("main table"));
        Assert.Equal(before, await SearchesAsync());
    }

    // ---------------------------------------------------------------- script shown as text

    [Fact]
    public async Task Script_saved_in_a_persons_details_is_shown_as_text_on_their_record()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form()
            .Set("Input.PreferredName", Script).Set("Input.Gender", Script).Set("Input.CommunicationNeeds", Script).Set("Input.GpPractice", Script);
        using (var saved = await form.SubmitAsync(client)) Assert.Equal($"/people/{person.Id}", Redirects.Target(saved));

        var record = await client.GetPageAsync($"/people/{person.Id}");

        AssertInert(record, expectedTextCount: 4);
        var edit = await client.GetPageAsync($"/people/{person.Id}/edit");
        Assert.Equal(Script, edit.FieldValue("Input_CommunicationNeeds"));
        AssertInert(edit, expectedTextCount: 0);
    }

    [Fact]
    public async Task Script_typed_through_the_journey_is_shown_as_text_on_the_person_and_episode_pages()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();
        using (var r = await journey.SubmitSettingAsync(f => f.Set("Reference", Script))) await journey.ExpectRedirectAsync(r, "reason");
        using (var r = await journey.SubmitReasonAsync(Script, Script)) await journey.ExpectRedirectAsync(r, "person");
        using (var r = await journey.SubmitPersonAsync(new(Script, TestData.UniqueName("Inert")))) await journey.ExpectRedirectAsync(r, "matches");
        await journey.ChooseAsync("new");
        AssertInert(await journey.CheckAsync(), expectedTextCount: 4);
        var personId = await journey.ConfirmAsync();

        var record = await client.GetPageAsync($"/people/{personId}");
        Assert.StartsWith(Script, record.H1);
        Assert.StartsWith(Script, record.Title);
        AssertInert(record, expectedTextCount: 4);
        var episodeId = await app.Data.QueryAsync(db => db.Episodes.Where(e => e.PersonId == personId).Select(e => e.Id).SingleAsync());
        AssertInert(await client.GetPageAsync($"/episodes/{episodeId}"), expectedTextCount: 5);
    }

    /// <summary>The page holds the script only as text: encoded in the HTML, no script element runs it.</summary>
    private static void AssertInert(HtmlPage page, int expectedTextCount)
    {
        Assert.DoesNotContain("<script>alert(1)", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(page.Document.QuerySelectorAll("script"), s => s.TextContent.Contains("alert", StringComparison.Ordinal));
        Assert.DoesNotContain(page.Document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        var shown = CountOf(page.Document.DocumentElement.TextContent, Script);
        Assert.True(shown >= expectedTextCount, $"{page.Url.PathAndQuery}: expected the script as text at least {expectedTextCount} times, found {shown}");
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
