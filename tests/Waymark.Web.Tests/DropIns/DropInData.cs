using Waymark.Contacts;
using Waymark.DropIns;
using Waymark.SupportNetworks;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.DropIns;

/// <summary>Drop-ins and support-network members added straight to the database for page tests.</summary>
internal static class DropInData
{
    /// <summary>A drop-in (and its contact) of <paramref name="personId"/> in <paramref name="teamId"/>, <paramref name="hoursAgo"/> hours ago, seen by <paramref name="userId"/>.</summary>
    public static async Task<DropIn> AddDropInAsync(this TestData data, Guid personId, Guid teamId, string userId, double hoursAgo = 1, Guid? episodeId = null)
    {
        var now = DateTimeOffset.UtcNow;
        var contact = new Contact
        {
            TeamId = teamId, PersonId = personId, EpisodeId = episodeId, Kind = ContactKind.DropIn, Reached = true, OccurredAt = now.AddHours(-hoursAgo),
            WorkerUserId = userId, RecordedByUserId = userId, RecordedAt = now, Note = "Dropped in: Housing. What helped: A cup of tea",
        };
        var dropIn = new DropIn
        {
            TeamId = teamId, PersonId = personId, EpisodeId = episodeId, ArrivedAt = now.AddHours(-hoursAgo), Reasons = DropInReasons.Housing,
            WhatHelped = "A cup of tea", SeenByUserIds = userId, ContactId = contact.Id, RecordedAt = now, RecordedByUserId = userId,
        };
        await data.ChangeAsync(db => { db.Add(contact); db.Add(dropIn); return Task.CompletedTask; });
        return dropIn;
    }

    /// <summary>A parent in the person's support network (consent given), optionally marked "do not contact".</summary>
    public static async Task<SupportNetworkMember> AddMemberAsync(this TestData data, Guid personId, Guid teamId, string userId, string name = "Maya Testmother", string? doNotContact = null)
    {
        var now = DateTimeOffset.UtcNow;
        var m = new SupportNetworkMember
        {
            TeamId = teamId, PersonId = personId, Name = name, Relationship = Relationship.Parent, ConsentToContact = true,
            ConsentRecordedAt = now, ConsentRecordedByUserId = userId, AddedAt = now, AddedByUserId = userId,
            DoNotContact = doNotContact is not null, DoNotContactReason = doNotContact, Phone = "01632 960 001",
        };
        await data.ChangeAsync(db => { db.Add(m); return Task.CompletedTask; });
        return m;
    }
}
