using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Reminders;
using Waymark.Support;
using Waymark.Teams;
using Waymark.Web.Reminders;
using Xunit.Abstractions;

namespace Waymark.Web.Tests.Reminders;

/// <summary>
/// Issue 13 item 5: 10,000 due reminders through the fake Notify, the sender stopped half-way (cancelled mid-batch, then
/// killed between Notify accepting and the record): a later sender finishes, every reminder is sent exactly once.
/// </summary>
public abstract class RestartTests(ITestOutputHelper output)
{
    public sealed class OnSqlite(ITestOutputHelper output) : RestartTests(output) { protected override DatabaseProvider Provider => DatabaseProvider.Sqlite; }

    public sealed class OnPostgres(ITestOutputHelper output) : RestartTests(output) { protected override DatabaseProvider Provider => DatabaseProvider.Postgres; }

    protected abstract DatabaseProvider Provider { get; }

    private const int Count = 10_000;

    [Fact]
    public async Task Ten_thousand_reminders_survive_a_cancel_and_a_crash_half_way_each_sent_exactly_once()
    {
        var watch = Stopwatch.StartNew();
        await using var database = TestDatabase.For(Provider);
        await database.CreateAsync();
        await database.MigrateAsync();
        await using var fake = await FakeNotifyServer.StartAsync(new FakeNotifyOptions(Port: 0));
        var settings = new NotifySettings
        {
            ApiKey = fake.ApiKey, BaseUrl = fake.BaseUrl.ToString(), SmsTemplateId = FakeNotifyServer.SmsTemplateId, EmailTemplateId = FakeNotifyServer.EmailTemplateId,
            ClaimTimeoutSeconds = 300,
        };
        var ids = await SeedAsync(database);
        output.WriteLine($"Seeded {Count} in {watch.Elapsed}");
        using var notify = new NotifyHttpGateway(settings, TimeProvider.System);

        // 1. A sender stopped (cancelled) part-way through a batch, after 3,000 messages were accepted.
        using (var stop = new CancellationTokenSource())
        await using (var db = database.CreateContext(new SystemUser("sender-1")))
        {
            var accepted = 0;
            var sender = new ReminderSender(db, notify, settings, TimeProvider.System) { AfterNotifyAccepted = _ => { if (++accepted == 3_050) stop.Cancel(); } };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.RunOnceAsync(ct: stop.Token));
        }
        output.WriteLine($"Stopped after {fake.Messages.Count} in {watch.Elapsed}");

        // 2. The next sender dies between Notify accepting a message and recording it.
        await using (var db = database.CreateContext(new SystemUser("sender-2")))
        {
            var accepted = 0;
            var sender = new ReminderSender(db, notify, settings, TimeProvider.System) { AfterNotifyAccepted = _ => { if (++accepted == 2_020) throw new InvalidOperationException("simulated crash"); } };
            await Assert.ThrowsAsync<InvalidOperationException>(() => sender.RunOnceAsync());
        }
        var beforeRecovery = fake.Messages.Count;
        output.WriteLine($"Crashed with {beforeRecovery} sent in {watch.Elapsed}");
        Assert.InRange(beforeRecovery, 5_000, Count - 1);

        // 3. After the claim timeout a new sender recovers the unrecorded ones by reference and sends the rest.
        await using (var db = database.CreateContext(new SystemUser("sender-3")))
        {
            var sender = new ReminderSender(db, notify, new NotifySettings
            {
                ApiKey = settings.ApiKey, BaseUrl = settings.BaseUrl, SmsTemplateId = settings.SmsTemplateId, ClaimTimeoutSeconds = 0,
            }, TimeProvider.System);
            var run = await sender.RunOnceAsync();
            output.WriteLine($"Finished: {run} in {watch.Elapsed}");
            Assert.True(run.Recovered > 0, "the unrecorded messages were found by reference");
        }

        var messages = fake.Messages;
        Assert.Equal(Count, messages.Count);
        Assert.Equal(Count, messages.Select(m => m.Reference).Distinct().Count());
        Assert.Equal(ids.Select(i => i.ToString()).Order(), messages.Select(m => m.Reference!).Order());
        await using var check = database.CreateContext(new SystemUser("check"));
        Assert.Equal(Count, await check.Set<Reminder>().CountAsync(r => r.SentAt != null && r.NotifyNotificationId != null));
        var recorded = await check.Set<Reminder>().Select(r => r.NotifyNotificationId!).ToListAsync();
        Assert.Equal(messages.Select(m => m.Id).Order(), recorded.Order());
        output.WriteLine($"Total {watch.Elapsed}");
    }

    private static async Task<List<Guid>> SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext(new SystemUser("seed"));
        var team = new Team { Name = $"Restart team {Guid.NewGuid():N}" };
        var person = PersonBuilder.APerson().KnownTo(team).Build();
        person.Phone = "07700 900123";
        person.ConsentToText = true;
        var now = DateTimeOffset.UtcNow;
        var appointment = new Appointment
        {
            TeamId = team.Id, PersonId = person.Id, StartsAt = now.AddDays(2), Location = "Newtown Library", WorkerUserId = "seed", BookedAt = now, BookedByUserId = "seed", RemindByText = true,
        };
        // No quiet hours: the test may run at night.
        db.AddRange(team, person, appointment, new SupportSettings { TeamId = team.Id, QuietHoursStart = new TimeOnly(0, 0), QuietHoursEnd = new TimeOnly(0, 0), ChangedAt = now });
        await db.SaveChangesAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var ids = new List<Guid>(Count);
        for (var i = 0; i < Count; i++)
        {
            var r = new Reminder
            {
                TeamId = team.Id, PersonId = person.Id, AppointmentId = appointment.Id, Channel = ReminderChannel.Text, EventAt = appointment.StartsAt,
                DueAt = now.AddMinutes(-10), CreatedAt = now, CreatedByUserId = "seed",
            };
            ids.Add(r.Id);
            db.Add(r);
        }
        await db.SaveChangesAsync();
        return ids;
    }
}
