using Waymark.CriminalJustice;
using Waymark.Liaison;
using Waymark.Reminders;
using Waymark.Support;

namespace Waymark.Demo;

/// <summary>
/// Demo reminders (synthetic data only): for the demo's latest court hearing, a text reminder that failed (so the
/// person's page and My tasks show "Reminders that failed") and an email reminder that was delivered. Both are final,
/// so the sender leaves them alone and nothing goes to the fake Notify. The person is given what sending needed
/// (<see cref="ReminderConsent"/>): consent to texts and emails, a mobile number and an address, so their record agrees
/// with the reminders sent to them (a walk-through found an email "delivered" to a person with no address or consent).
/// </summary>
public static class SyntheticReminders
{
    /// <summary>The two reminders of the latest hearing among <paramref name="events"/>, sent 24 hours before it or two hours ago, whichever is earlier; none without a hearing.</summary>
    /// <param name="events">The demo's criminal justice events (<see cref="SyntheticCriminalJustice.Demo"/>), hearings among them.</param>
    /// <param name="agencies">The demo team's agencies, for the court's name.</param>
    /// <param name="userId">Who planned the reminders.</param>
    /// <param name="now">The seeding instant.</param>
    /// <param name="personOf">The demo person of an id (tracked, so the consents given here are saved with them).</param>
    public static IEnumerable<Reminder> Demo(IEnumerable<CriminalJusticeEvent> events, IReadOnlyList<CriminalJusticeAgency> agencies, string userId, DateTimeOffset now,
        Func<Guid, People.Person> personOf)
    {
        if (events.Where(e => e.Kind == CriminalJusticeEventKind.Hearing && e.HearingAt != null).OrderByDescending(e => e.HearingAt).FirstOrDefault() is not { } h) yield break;
        var person = personOf(h.PersonId);
        person.ConsentToText = person.ConsentToEmail = true;
        if (!PhoneNumbers.IsUkMobile(person.Phone)) person.Phone = "07700 900462"; // Ofcom's drama range
        person.Email ??= $"{person.GivenName.ToLowerInvariant()}.{person.Id.ToString("N")[..6]}@example.invalid";
        var at = h.HearingAt!.Value;
        var court = agencies.FirstOrDefault(a => a.Id == h.AgencyId)?.Name;
        var sentAt = at.AddHours(-24) < now.AddHours(-2) ? at.AddHours(-24) : now.AddHours(-2);
        const string sender = "Northshire Liaison and Diversion", phone = "01632 960 000";
        foreach (var channel in new[] { ReminderChannel.Text, ReminderChannel.Email })
        {
            var failed = channel == ReminderChannel.Text;
            yield return new Reminder
            {
                TeamId = h.TeamId, PersonId = h.PersonId, HearingEventId = h.Id, Channel = channel,
                EventAt = at, DueAt = sentAt, CreatedAt = sentAt.AddDays(-1), CreatedByUserId = userId,
                SendingStartedAt = sentAt, SentAt = sentAt, NotifyNotificationId = Guid.NewGuid().ToString(),
                Body = ReminderMessages.Hearing(sender, at, court, phone),
                DeliveryStatus = failed ? "permanent-failure" : "delivered", StatusCheckedAt = sentAt.AddMinutes(5),
                DeliveredAt = failed ? null : sentAt.AddMinutes(1),
                FailedAt = failed ? sentAt.AddMinutes(5) : null,
                FailureReason = failed ? ReminderSender.FailureReason("permanent-failure") : null,
            };
        }
    }
}
