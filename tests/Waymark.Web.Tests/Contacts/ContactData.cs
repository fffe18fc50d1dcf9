using Waymark.Contacts;
using Waymark.Episodes;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Contacts;

/// <summary>Contacts added straight to the database for page tests.</summary>
internal static class ContactData
{
    /// <summary>A reached phone call an hour ago on <paramref name="episode"/>, recorded by (and with) <paramref name="userId"/>.</summary>
    public static async Task<Contact> AddContactAsync(this TestData data, Episode episode, string userId, Action<Contact>? with = null)
    {
        var now = DateTimeOffset.UtcNow;
        var contact = new Contact
        {
            TeamId = episode.TeamId, PersonId = episode.PersonId, EpisodeId = episode.Id, Kind = ContactKind.Telephone, Reached = true,
            OccurredAt = now.AddHours(-1), DurationMinutes = 10, WorkerUserId = userId, RecordedByUserId = userId, RecordedAt = now,
            Note = "Talked about the housing appointment",
        };
        with?.Invoke(contact);
        await data.ChangeAsync(db => { db.Add(contact); return Task.CompletedTask; });
        return contact;
    }
}
