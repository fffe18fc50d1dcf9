using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Audit;
using Waymark.CriminalJustice;
using Waymark.Liaison;
using Waymark.Reminders;
using Waymark.Web.Reminders;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Reminders;

/// <summary>Reminders through the app: the fake Notify started by the app, failures shown to the key worker and dealt with, the hearing form's reminders.</summary>
public abstract class ReminderPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : ReminderPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : ReminderPageTests(app);

    private async Task<(Guid PersonId, Guid EpisodeId, Reminder Failed)> FailedReminderAsync(bool consent = true)
    {
        var me = app.Data.UserId(Users.Practitioner);
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, with: p => { p.Phone = "07700 900999"; p.ConsentToText = consent; p.Email = "x@example.invalid"; });
        var episode = await app.Data.AddEpisodeAsync(person.Id, app.Data.Northshire, e => e.KeyWorkerId = me);
        var now = DateTimeOffset.UtcNow;
        var failed = new Reminder
        {
            TeamId = app.Data.Northshire, PersonId = person.Id, Channel = ReminderChannel.Text, EventAt = now.AddDays(1), DueAt = now.AddHours(-1),
            CreatedAt = now.AddDays(-1), CreatedByUserId = me, SendingStartedAt = now.AddHours(-1), SentAt = now.AddHours(-1), NotifyNotificationId = Guid.NewGuid().ToString(),
            Body = "Reminder from Northshire: you have an appointment.", DeliveryStatus = "permanent-failure", FailedAt = now.AddMinutes(-30),
            FailureReason = ReminderSender.FailureReason("permanent-failure"),
        };
        await app.Data.ChangeAsync(db => { db.Add(failed); return Task.CompletedTask; });
        return (person.Id, episode.Id, failed);
    }

    [Fact]
    public void The_app_started_the_fake_Notify_and_points_its_client_at_it_when_no_key_is_set()
    {
        var host = app.Factory.Services.GetRequiredService<FakeNotifyHost>();
        var settings = app.Factory.Services.GetRequiredService<NotifySettings>();
        Assert.NotNull(host.Fake);
        Assert.Equal(host.Fake!.BaseUrl.ToString(), settings.BaseUrl);
        Assert.Equal(host.Fake.ApiKey, settings.ApiKey);
        Assert.Equal("127.0.0.1", host.Fake.BaseUrl.Host);
        // The one log line names the address: log redaction must leave it readable (and the key is never logged).
        Assert.Equal($"at {host.Fake.BaseUrl}", Waymark.Web.Infrastructure.LogRedaction.Redact($"at {host.Fake.BaseUrl}"));
    }

    [Fact]
    public async Task A_due_reminder_goes_through_the_app_s_fake_Notify_which_shows_it_and_its_delivery_is_recorded()
    {
        var (team, _) = await app.Data.AddTeamWithManagerAsync();
        var person = await app.Data.AddPersonAsync(team, with: p => { p.Phone = "07700 900123"; p.ConsentToText = true; });
        var now = DateTimeOffset.UtcNow;
        var reminder = new Reminder
        {
            TeamId = team, PersonId = person.Id, Channel = ReminderChannel.Text, EventAt = now.AddHours(5), DueAt = now.AddMinutes(-1), CreatedAt = now, CreatedByUserId = "test",
        };
        // No quiet hours for this team, so the test passes at any time of day.
        await app.Data.ChangeAsync(db =>
        {
            db.AddRange(reminder, new Waymark.Support.SupportSettings { TeamId = team, QuietHoursStart = new TimeOnly(0, 0), QuietHoursEnd = new TimeOnly(0, 0), SenderName = "Test Liaison and Diversion", ChangedAt = now });
            return Task.CompletedTask;
        });
        var fake = app.Factory.Services.GetRequiredService<FakeNotifyHost>().Fake!;

        await app.Data.QueryAsync(db => ActivatorSender(db, TimeProvider.System).SendDueBatchAsync());
        var message = Assert.Single(fake.Messages, m => m.Reference == reminder.Id.ToString());
        Assert.StartsWith("Reminder from Test Liaison and Diversion: you have an appointment on ", message.Body, StringComparison.Ordinal);
        using (var http = new HttpClient { BaseAddress = fake.BaseUrl })
            Assert.Contains(reminder.Id.ToString(), await http.GetStringAsync("/"), StringComparison.Ordinal);

        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the fake delivers after Notify:FakeDeliverySeconds
        await app.Data.QueryAsync(db => ActivatorSender(db, new FakeClock(DateTimeOffset.UtcNow.AddMinutes(2))).CheckStatusesAsync());
        var stored = await app.Data.QueryAsync(db => db.Set<Reminder>().SingleAsync(r => r.Id == reminder.Id));
        Assert.Equal((message.Id, "delivered"), (stored.NotifyNotificationId, stored.DeliveryStatus));
        Assert.NotNull(stored.DeliveredAt);
    }

    private ReminderSender ActivatorSender(Waymark.Persistence.WaymarkDbContext db, TimeProvider clock) =>
        new(db, app.Factory.Services.GetRequiredService<INotifyGateway>(), app.Factory.Services.GetRequiredService<NotifySettings>(), clock);

    [Fact]
    public async Task The_demo_shows_a_delivered_and_a_failed_hearing_reminder_sent_to_nobody()
    {
        var (delivered, failed) = await app.Data.QueryAsync(async db => (
            await db.Set<Reminder>().CountAsync(r => r.TeamId == app.Data.Northshire && r.HearingEventId != null && r.DeliveredAt != null),
            await db.Set<Reminder>().CountAsync(r => r.TeamId == app.Data.Northshire && r.HearingEventId != null && r.FailedAt != null)));
        Assert.True(delivered >= 1 && failed >= 1, $"delivered {delivered}, failed {failed}");
    }

    [Fact]
    public async Task A_failed_reminder_shows_on_the_person_page_and_my_tasks_until_marked_as_dealt_with()
    {
        var (personId, _, failed) = await FailedReminderAsync();
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync($"/people/{personId}");
        Assert.Contains("Reminders that failed", page.MainText);
        Assert.Contains("permanent failure", page.MainText);
        var tasks = await client.GetPageAsync("/tasks");
        Assert.Contains("Reminders that failed", tasks.MainText);
        Assert.Contains($"/people/{personId}#reminders-failed", tasks.Document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));

        using var done = await page.Form("#reminders-failed form").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await client.GetPageAsync($"/people/{personId}");
        Assert.DoesNotContain("Reminders that failed", after.MainText);
        Assert.DoesNotContain($"/people/{personId}#reminders-failed", (await client.GetPageAsync("/tasks")).Document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
        var (seenBy, audited) = await app.Data.QueryAsync(async db => (
            (await db.Set<Reminder>().SingleAsync(r => r.Id == failed.Id)).FailureSeenByUserId,
            await db.AuditEvents.AnyAsync(a => a.RecordType == nameof(Reminder) && a.RecordId == failed.Id.ToString() && a.Action == AuditAction.Updated)));
        Assert.Equal(app.Data.UserId(Users.Practitioner), seenBy);
        Assert.True(audited);

        var list = await client.GetPageAsync($"/people/{personId}/reminders");
        Assert.StartsWith("Reminders to ", list.H1, StringComparison.Ordinal);
        Assert.Contains("Failed", list.MainText);
        Assert.Contains("Dealt with", list.MainText);
        Assert.Contains("you have an appointment", list.MainText);
    }

    [Fact]
    public async Task Another_team_cannot_see_or_deal_with_a_team_s_reminders()
    {
        var (personId, _, failed) = await FailedReminderAsync();
        using var other = await app.SignedInAsync(Users.SouthshirePractitioner);
        await other.GetPageAsync($"/people/{personId}/reminders", HttpStatusCode.NotFound);
        using var mine = await app.SignedInAsync(Users.Practitioner);
        // Not one of this person's reminders: 404, nothing changes.
        var page = await mine.GetPageAsync($"/people/{personId}");
        using var wrong = await page.Form("#reminders-failed form").Set("reminderId", Guid.NewGuid().ToString()).SubmitAsync(mine);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Null(await app.Data.QueryAsync(async db => (await db.Set<Reminder>().SingleAsync(r => r.Id == failed.Id)).FailureSeenAt));
    }

    [Fact]
    public async Task The_hearing_form_refuses_a_text_reminder_without_consent_and_plans_one_with_it()
    {
        var court = new CriminalJusticeAgency { TeamId = app.Data.Northshire, Kind = AgencyKind.MagistratesCourt, Name = TestData.UniqueName("Magistrates' Court"), CreatedByUserId = "test" };
        await app.Data.ChangeAsync(db => { db.Add(court); return Task.CompletedTask; });
        var me = app.Data.UserId(Users.Practitioner);
        var without = await app.Data.AddPersonAsync(app.Data.Northshire, with: p => { p.Phone = "07700 900123"; p.ConsentToText = false; });
        var withConsent = await app.Data.AddPersonAsync(app.Data.Northshire, with: p => { p.Phone = "07700 900123"; p.ConsentToText = true; });
        var e1 = await app.Data.AddEpisodeAsync(without.Id, app.Data.Northshire, e => e.KeyWorkerId = me);
        var e2 = await app.Data.AddEpisodeAsync(withConsent.Id, app.Data.Northshire, e => e.KeyWorkerId = me);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var date = UkTime.Today(TimeProvider.System).AddDays(10);

        var form = (await client.GetPageAsync($"/episodes/{e1.Id}/criminal-justice/hearing")).Form("main form");
        var refused = await HtmlPage.ReadAsync(await form.Set("Court", court.Id.ToString()).SetDate("HearingDate", date).Set("HearingTime", "10am")
            .Set("HearingType", "Trial").SetAll("Remind", "text").SubmitAsync(client));
        Assert.Contains("have not consented to text messages", refused.ErrorSummary!);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.Set<CriminalJusticeEvent>().CountAsync(x => x.EpisodeId == e1.Id)));

        var ok = (await client.GetPageAsync($"/episodes/{e2.Id}/criminal-justice/hearing")).Form("main form");
        using var saved = await ok.Set("Court", court.Id.ToString()).SetDate("HearingDate", date).Set("HearingTime", "10am").Set("HearingType", "Trial").SetAll("Remind", "text").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var reminder = await app.Data.QueryAsync(db => db.Set<Reminder>().SingleAsync(r => r.PersonId == withConsent.Id));
        Assert.Equal(ReminderChannel.Text, reminder.Channel);
        Assert.NotNull(reminder.HearingEventId);
        Assert.Equal(UkTime.FromLocal(date, new TimeOnly(10, 0)), reminder.EventAt);
    }
}
