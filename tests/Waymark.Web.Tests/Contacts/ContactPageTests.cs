using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Appointments;
using Waymark.Contacts;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Contacts;

/// <summary>Contacts through the pages: recording (and bad input), the timeline with appointments, correcting and marking in error, other teams.</summary>
public abstract class ContactPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : ContactPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : ContactPageTests(app);

    private static DateOnly Today => UkTime.Today(TimeProvider.System);

    private Task<List<Contact>> ContactsAsync(Guid personId) =>
        app.Data.QueryAsync(db => db.Set<Contact>().Where(c => c.PersonId == personId).OrderBy(c => c.RecordedAt).ToListAsync());

    [Fact]
    public async Task A_support_worker_records_a_call_that_did_not_connect_and_a_face_to_face_contact_and_sees_them_on_the_timeline_and_the_person_page()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SupportWorker);
        var person1 = await client.GetPageAsync($"/people/{person.Id}");
        Assert.Contains($"/people/{person.Id}/contacts/new", person1.Links("main a"));

        var form = await client.GetPageAsync($"/people/{person.Id}/contacts/new");
        Assert.Equal("Record a contact", form.H1);
        var fields = form.Form("main form");
        Assert.Equal(Today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), fields["OccurredOn.Day"]);
        Assert.False(string.IsNullOrEmpty(fields["Time"]));
        Assert.Equal(app.Data.UserId(Users.SupportWorker), fields["Worker"]);
        var time = UkTime.ToLocal(DateTimeOffset.UtcNow.AddMinutes(-30)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var date = UkTime.DateOf(DateTimeOffset.UtcNow.AddMinutes(-30));

        using (var attempt = await fields.Set("Kind", "Telephone").Set("Reached", "no").SetDate("OccurredOn", date).Set("Time", time).Set("Note", "No answer").SubmitAsync(client))
        {
            Assert.Equal(HttpStatusCode.Redirect, attempt.StatusCode);
            Assert.Equal($"/people/{person.Id}/timeline", Redirects.Path(attempt));
        }
        var again = (await client.GetPageAsync($"/people/{person.Id}/contacts/new")).Form("main form")
            .Set("Kind", "FaceToFace").Set("Reached", "yes").SetDate("OccurredOn", date).Set("Time", time).Set("Duration", "45").Set("WithWhom", "Mother").Set("Note", "Met at the library");
        using (var met = await again.SubmitAsync(client)) Assert.Equal(HttpStatusCode.Redirect, met.StatusCode);

        var stored = await ContactsAsync(person.Id);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, c => Assert.Equal((episode.Id, app.Data.UserId(Users.SupportWorker)), (c.EpisodeId, c.RecordedByUserId)));
        var timeline = await client.GetPageAsync($"/people/{person.Id}/timeline");
        Assert.Contains("Face to face", timeline.MainText);
        Assert.Contains("Phone call (not reached)", timeline.MainText);
        Assert.Contains("Met at the library", timeline.MainText);
        var personPage = await client.GetPageAsync($"/people/{person.Id}");
        Assert.Contains("Contacts", personPage.MainText);
        Assert.Contains("Last reached:", personPage.MainText);
        Assert.Contains($"/contacts/{stored[1].Id}", personPage.Links("main a"));
    }

    [Fact]
    public async Task Bad_input_is_answered_with_the_error_summary_keeping_what_was_typed_and_nothing_is_saved()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/people/{person.Id}/contacts/new")).Form("main form")
            .Set("Kind", "HomeVisit").Set("Reached", "yes").SetDate("OccurredOn", Today.AddDays(2)).Set("Time", "10am")
            .Set("Duration", "lots").Set("WithWhom", "Brother").Set("Note", "");
        using var refused = await form.SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains("How long must be a whole number of minutes", page.ErrorSummary!);
        Assert.Contains("Enter a note of what happened", page.ErrorSummary!);
        Assert.Contains("cannot be in the future", page.ErrorSummary!);
        var kept = page.Form("main form");
        Assert.Equal(("lots", "Brother", "10am"), (kept["Duration"], kept["WithWhom"], kept["Time"]));
        Assert.Equal("HomeVisit", kept["Kind"]);

        var time = (await client.GetPageAsync($"/people/{person.Id}/contacts/new")).Form("main form")
            .Set("Kind", "Telephone").Set("Reached", "no").Set("Time", "25:99").Set("Worker", "nobody");
        var timePage = await HtmlPage.ReadAsync(await time.SubmitAsync(client));
        Assert.Contains("Enter the time like 14:30", timePage.ErrorSummary!);
        Assert.Contains("Select someone in your team", timePage.ErrorSummary!);
        Assert.Empty(await ContactsAsync(person.Id));
    }

    [Theory]
    [InlineData("01632 960 000", false)]   // a landline: Notify would refuse every text
    [InlineData("0770 090 012", false)]    // too short
    [InlineData("07700 900 123", true)]
    [InlineData("+44 7700 900123", true)]
    public async Task Consent_to_texts_needs_a_uk_mobile_number_on_the_person_edit_page(string phone, bool saved)
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Bethan", TestData.UniqueName("Texts"), new DateOnly(1991, 4, 2));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form()
            .Set("Input.Phone", phone).SetAll("Input.Consent", "text");
        using var response = await form.SubmitAsync(client);
        var stored = await app.Data.QueryAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == person.Id));
        if (saved)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.True(stored.ConsentToText);
            return;
        }
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a mobile number, like 07700 900 123, to record consent to text messages", page.ErrorSummary!);
        Assert.False(stored.ConsentToText);
        Assert.Null(stored.Phone);
    }

    [Fact]
    public async Task The_person_pages_short_timeline_links_to_the_full_timeline()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SupportWorker);
        var page = await client.GetPageAsync($"/people/{person.Id}");
        var link = page.Document.QuerySelectorAll("main a").Single(a => a.TextContent.Trim() == "See the full timeline with contacts and appointments");
        Assert.Equal($"/people/{person.Id}/timeline", link.GetAttribute("href"));
    }

    [Fact]
    public async Task A_bad_time_gives_one_error_on_the_time_only_on_recording_and_correcting()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var contact = await app.Data.AddContactAsync(episode, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.Practitioner);
        foreach (var url in new[] { $"/people/{person.Id}/contacts/new", $"/contacts/{contact.Id}/correct" })
        {
            var form = (await client.GetPageAsync(url)).Form("main form")
                .Set("Kind", "Telephone").Set("Reached", "yes").SetDate("OccurredOn", Today).Set("Time", "25:99").Set("Note", "Checked in");
            var page = await HtmlPage.ReadAsync(await form.SubmitAsync(client));
            var errors = page.Document.QuerySelectorAll(".nhsuk-error-summary__list li").Select(li => li.TextContent.Trim()).ToList();
            Assert.Equal(["Enter the time like 14:30 or 2:30pm"], errors);
        }
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("lots")]
    [InlineData("0")]
    public async Task A_form_whose_only_problem_is_how_long_shows_it_on_recording_with_or_without_a_member_and_correcting_rather_than_failing(string duration)
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var contact = await app.Data.AddContactAsync(episode, app.Data.UserId(Users.Practitioner));
        var member = await Waymark.Web.Tests.DropIns.DropInData.AddMemberAsync(app.Data, person.Id, app.Data.Northshire, app.Data.UserId(Users.Practitioner), "Maya Testmother");
        using var client = await app.SignedInAsync(Users.Practitioner);
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var time = UkTime.ToLocal(at).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var url in new[] { $"/people/{person.Id}/contacts/new", $"/people/{person.Id}/contacts/new?member={member.Id}", $"/contacts/{contact.Id}/correct" })
        {
            var form = (await client.GetPageAsync(url)).Form("main form")
                .Set("Reached", "yes").SetDate("OccurredOn", UkTime.DateOf(at)).Set("Time", time).Set("Duration", duration).Set("Note", "Checked in");
            if (!url.Contains("member=", StringComparison.Ordinal)) form.Set("Kind", "Telephone");
            using var response = await form.SubmitAsync(client);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await HtmlPage.ReadAsync(response);
            Assert.Contains("How long must be", page.ErrorSummary!);
            Assert.Equal(duration, page.Form("main form")["Duration"]);
        }
        Assert.Single(await ContactsAsync(person.Id));
    }

    [Fact]
    public async Task A_correction_that_changes_nothing_is_refused_and_makes_no_new_version()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var contact = await app.Data.AddContactAsync(episode, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/contacts/{contact.Id}/correct")).Form("main form");
        using var same = await form.SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(same);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Contains(ContactService.NothingChanged, page.ErrorSummary!);
        Assert.Single(await ContactsAsync(person.Id));
        // Trailing spaces in the note are not a change either (what is stored is trimmed).
        var spaces = await HtmlPage.ReadAsync(await form.Set("Note", form["Note"] + "  ").SubmitAsync(client));
        Assert.Contains(ContactService.NothingChanged, spaces.ErrorSummary!);
        // One changed field is enough.
        using var changed = await form.Set("Duration", "25").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(2, (await ContactsAsync(person.Id)).Count);
    }

    [Theory]
    [InlineData("From.Day=1&From.Month=12&From.Year=2026&To.Day=1&To.Month=11&To.Year=2026")]
    [InlineData("From=1/12/2026&To=1/11/2026")]
    public async Task A_timeline_filter_from_after_to_shows_the_error_and_no_entries(string query)
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddContactAsync(episode, app.Data.UserId(Users.Practitioner), c => c.Note = "Checked in by phone");
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync($"/people/{person.Id}/timeline?{query}");
        Assert.Contains(Waymark.Web.Pages.Contacts.TimelineModel.FromAfterTo, page.ErrorSummary!);
        Assert.StartsWith("Error: ", page.Title);
        Assert.DoesNotContain("Checked in by phone", page.MainText);
        var flat = await client.GetPageAsync($"/people/{person.Id}/timeline?From=31/2/2026");
        Assert.Contains("From date must be a real date", flat.ErrorSummary!);
        Assert.DoesNotContain("Checked in by phone", flat.MainText);
    }

    [Fact]
    public async Task The_timeline_shows_appointments_and_referrals_beside_contacts_and_filters_them()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var worker = app.Data.UserId(Users.Practitioner);
        await app.Data.AddContactAsync(episode, worker, c => c.Note = "Checked in by phone");
        var service = await app.Data.AddServiceAsync(app.Data.Northshire);
        await app.Data.ChangeAsync(db =>
        {
            db.Add(new Waymark.Referrals.Referral { TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = person.Id, ServiceId = service.Id, ServiceName = "Newtown Housing Options", Need = "housing", CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-5), CreatedByUserId = worker });
            db.Add(new Appointment { TeamId = episode.TeamId, PersonId = person.Id, EpisodeId = episode.Id, StartsAt = DateTimeOffset.UtcNow.AddDays(3), Purpose = "Housing options", Location = "Newtown Library", WorkerUserId = worker, BookedByUserId = worker, BookedAt = DateTimeOffset.UtcNow });
            return Task.CompletedTask;
        });
        using var client = await app.SignedInAsync(Users.Practitioner);
        var timeline = await client.GetPageAsync($"/people/{person.Id}/timeline");
        Assert.Contains("Appointment: Housing options", timeline.MainText);
        Assert.Contains("Booked", timeline.MainText);
        Assert.Contains("Checked in by phone", timeline.MainText);
        Assert.Contains("Referred to Newtown Housing Options", timeline.MainText);

        var calls = await client.GetPageAsync($"/people/{person.Id}/timeline?Kind=Telephone");
        Assert.Contains("Checked in by phone", calls.MainText);
        Assert.DoesNotContain("Appointment: Housing options", calls.MainText);
        var badDate = await client.GetPageAsync($"/people/{person.Id}/timeline?From.Day=31&From.Month=2&From.Year=2026");
        Assert.Contains("From date must be a real date", badDate.ErrorSummary!);
    }

    [Fact]
    public async Task Only_the_recorder_corrects_and_the_old_version_is_kept_then_a_manager_marks_it_in_error()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var contact = await app.Data.AddContactAsync(episode, app.Data.UserId(Users.Practitioner));
        using (var colleague = await app.SignedInAsync(Users.Practitioner2))
        {
            var refused = await colleague.GetPageAsync($"/contacts/{contact.Id}/correct");
            Assert.Contains(ContactService.OnlyRecorderOrManager, refused.MainText);
            Assert.Null(refused.Document.QuerySelector("main form"));
        }
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/contacts/{contact.Id}/correct")).Form("main form");
        Assert.Equal("Telephone", form["Kind"]);
        using var saved = await form.Set("Kind", "Video").Set("Note", "It was a video call").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await ContactsAsync(person.Id);
        Assert.Equal(2, stored.Count);
        var latest = stored.Single(c => c.SupersedesId == contact.Id);
        Assert.NotNull(stored.Single(c => c.Id == contact.Id).SupersededAt);
        var shown = await client.GetPageAsync($"/contacts/{contact.Id}");
        Assert.Contains("This version was corrected", shown.MainText);
        Assert.DoesNotContain("Talked about the housing appointment", (await client.GetPageAsync($"/people/{person.Id}/timeline")).MainText);

        using var manager = await app.SignedInAsync(Users.TeamManager);
        var blank = (await manager.GetPageAsync($"/contacts/{latest.Id}/entered-in-error")).Form("main form");
        var noReason = await HtmlPage.ReadAsync(await blank.SubmitAsync(manager));
        Assert.Contains("Select why the contact was entered in error", noReason.ErrorSummary!);
        var other = await HtmlPage.ReadAsync(await blank.Set("Why", "Other").SubmitAsync(manager));
        Assert.Contains("Enter why the contact was entered in error", other.ErrorSummary!);
        using var marked = await blank.Set("Why", "WrongPerson").Set("Reason", "Meant for J Smith").SubmitAsync(manager);
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Contains("Entered in error", (await manager.GetPageAsync($"/contacts/{latest.Id}")).MainText);
        var inError = (await ContactsAsync(person.Id)).Single(c => c.Id == latest.Id);
        Assert.Equal("It was recorded on the wrong person's record: Meant for J Smith", inError.EnteredInErrorReason);
    }

    [Fact]
    public async Task The_episode_page_shows_that_episodes_contacts_and_links_to_record_one_for_it()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var other = await app.Data.AddEpisodeAsync(person.Id, app.Data.Northshire);
        var worker = app.Data.UserId(Users.Practitioner);
        var mine = await app.Data.AddContactAsync(episode, worker, c => c.Kind = ContactKind.HomeVisit);
        var theirs = await app.Data.AddContactAsync(other, worker, c => { c.Kind = ContactKind.Letter; c.Reached = false; });
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.Contains("Home visit", page.MainText);
        Assert.Contains($"/contacts/{mine.Id}", page.Links("main a"));
        Assert.DoesNotContain($"/contacts/{theirs.Id}", page.Links("main a"));
        Assert.Contains($"/people/{person.Id}/contacts/new?episode={episode.Id}", page.Links("main a"));
        var form = await client.GetPageAsync($"/people/{person.Id}/contacts/new?episode={episode.Id}");
        Assert.Equal(episode.Id.ToString(), form.Form("main form")["Episode"]); // two open episodes: this one chosen
    }

    [Fact]
    public async Task Another_teams_person_and_contact_are_404_on_every_contacts_page()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var contact = await app.Data.AddContactAsync(episode, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        foreach (var url in new[] { $"/people/{person.Id}/contacts/new", $"/people/{person.Id}/timeline", $"/contacts/{contact.Id}", $"/contacts/{contact.Id}/correct", $"/contacts/{contact.Id}/entered-in-error" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
        }
    }
}
