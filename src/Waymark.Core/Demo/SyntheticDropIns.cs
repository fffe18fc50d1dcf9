using Waymark.Contacts;
using Waymark.DropIns;
using Waymark.Episodes;
using Waymark.SupportNetworks;

namespace Waymark.Demo;

/// <summary>
/// Drop-ins and support networks for the demo team (issue 14 items 3 and 5), so the day's list, the person page and the
/// contact form look as a working team's would: a discharged person who dropped in this morning feeling a crisis coming
/// (support not yet reopened: the walk-through reopens it), two drop-ins in past weeks by people in support, and a
/// support network for two people (a mother with consent, a brother marked "do not contact"). Synthetic, invented words
/// and names only; phone numbers from Ofcom's drama range (01632 960xxx), emails at .invalid.
/// </summary>
public static class SyntheticDropIns
{
    /// <summary>The rows to add: drop-ins with their contacts, and support-network members.</summary>
    /// <param name="episodes">The demo team's episodes.</param>
    /// <param name="practitionerId">The demo practitioner (who saw them and recorded it).</param>
    /// <param name="now">The seeding instant.</param>
    public static IEnumerable<object> Demo(IReadOnlyList<Episode> episodes, string practitionerId, DateTimeOffset now)
    {
        var openPeople = episodes.Where(e => e.IsOpen).Select(e => e.PersonId).ToHashSet();
        var discharged = episodes.Where(e => e.ClosedAt is not null && !openPeople.Contains(e.PersonId))
            .OrderByDescending(e => e.ClosedAt).FirstOrDefault();
        if (discharged is not null)
            foreach (var row in DropIn(discharged.TeamId, discharged.PersonId, null, now.AddMinutes(-50), DropInReasons.FeelingACrisisComing | DropInReasons.Housing,
                "Eviction letter this week; sleeping badly.", "Sat with them, went through the warning signs they know, rang the housing officer together.", practitionerId, now))
                yield return row;
        // Not the episode SyntheticContacts leaves "not in touch" (the longest-running allocated one): a drop-in would put it back in touch.
        var quiet = episodes.Where(e => e.IsOpen && e.KeyWorkerId is not null && e.IdentifiedAt < now.AddDays(-40)).OrderBy(e => e.IdentifiedAt).FirstOrDefault();
        var inSupport = episodes.Where(e => e.IsOpen && e.SupportStartedAt is not null && e != quiet).OrderByDescending(e => e.IdentifiedAt).Take(2).ToList();
        foreach (var (e, i) in inSupport.Select((e, i) => (e, i)))
        {
            var at = now.AddDays(-(3 + 7 * i)).AddHours(-2);
            if (at > e.IdentifiedAt)
                foreach (var row in DropIn(e.TeamId, e.PersonId, e.Id, at, i == 0 ? DropInReasons.MoneyOrBenefits : DropInReasons.JustToSayHello,
                    null, i == 0 ? "Helped fill in the benefits form; booked a call with the welfare rights adviser." : "A cup of tea and a catch-up. Doing well.", practitionerId, now))
                    yield return row;
            yield return Member(e, "Maya Demo-Parent", Relationship.Parent, "01632 960 101", $"maya.parent{i}@example.invalid", consent: true, doNotContact: null, carer: i == 0, practitionerId, now);
            if (i == 0)
                yield return Member(e, "Idris Demo-Sibling", Relationship.Sibling, null, null, consent: false, doNotContact: "The person says contact puts them at risk.", carer: false, practitionerId, now);
        }
    }

    private static IEnumerable<object> DropIn(Guid teamId, Guid personId, Guid? episodeId, DateTimeOffset at, DropInReasons reasons, string? words, string helped, string userId, DateTimeOffset now)
    {
        var input = new DropInInput(at, reasons, words, helped, [userId]);
        var contact = new Contact
        {
            TeamId = teamId, PersonId = personId, EpisodeId = episodeId, Kind = ContactKind.DropIn, Reached = true, OccurredAt = at,
            WorkerUserId = userId, Note = input.ContactNote(), RecordedAt = at.AddMinutes(40) > now ? now : at.AddMinutes(40), RecordedByUserId = userId,
        };
        yield return contact;
        yield return new DropIn
        {
            TeamId = teamId, PersonId = personId, EpisodeId = episodeId, ArrivedAt = at, Reasons = reasons, ReasonWords = words, WhatHelped = helped,
            SeenByUserIds = userId, ContactId = contact.Id, RecordedAt = contact.RecordedAt, RecordedByUserId = userId,
        };
    }

    private static SupportNetworkMember Member(Episode e, string name, Relationship relationship, string? phone, string? email, bool consent, string? doNotContact, bool carer, string userId, DateTimeOffset now) => new()
    {
        TeamId = e.TeamId, PersonId = e.PersonId, Name = name, Relationship = relationship, Phone = phone, Email = email,
        ConsentToContact = consent, ConsentRecordedAt = now.AddDays(-2), ConsentRecordedByUserId = userId,
        DoNotContact = doNotContact is not null, DoNotContactReason = doNotContact, IsCarer = carer,
        AddedAt = now.AddDays(-2), AddedByUserId = userId,
    };
}
