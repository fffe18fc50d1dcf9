using Waymark.Contacts;
using Waymark.DropIns;
using Waymark.Episodes;
using Waymark.SupportNetworks;
using Waymark.TestSupport;
using static Waymark.TestSupport.EpisodeBuilder;

namespace Waymark.Core.Tests.DropIns;

/// <summary>The rules of a drop-in's input, its reasons, reopening an episode, a support-network member and the contact kinds.</summary>
public class DropInRulesTests
{
    private static readonly DateTimeOffset Now = FakeClock.DefaultStart;

    private static DropInInput Good => new(Now.AddMinutes(-20), DropInReasons.Housing | DropInReasons.FeelingACrisisComing, null, "Talked it through", ["amira"]);

    [Fact]
    public void A_good_drop_in_has_no_problems_and_its_contact_note_names_the_reasons_and_what_helped()
    {
        Assert.Empty(Good.Validate());
        Assert.Empty(Good.DateProblems(Now.AddDays(-100), Now));
        Assert.Equal("Dropped in: Feeling a crisis coming, Housing. What helped: Talked it through", Good.ContactNote());
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var bad = new DropInInput(null, DropInReasons.None, new string('x', 501), "  ", []);
        Assert.Equal([nameof(DropInInput.ArrivedAt), nameof(DropInInput.Reasons), nameof(DropInInput.ReasonWords), nameof(DropInInput.WhatHelped), nameof(DropInInput.SeenBy)],
            bad.Validate().Select(p => p.Field).ToList());
    }

    [Fact]
    public void Something_else_needs_words_and_an_unknown_reason_bit_is_refused()
    {
        Assert.Equal("Enter why they came, as you chose something else", (Good with { Reasons = DropInReasons.Other }).Validate().Single().Message);
        Assert.Empty((Good with { Reasons = DropInReasons.Other, ReasonWords = "Lost their phone" }).Validate());
        Assert.Equal(nameof(DropInInput.Reasons), (Good with { Reasons = (DropInReasons)4096 }).Validate().Single().Field);
    }

    [Fact]
    public void The_arrival_cannot_be_in_the_future_or_before_the_person_was_known()
    {
        Assert.Contains("cannot be in the future", (Good with { ArrivedAt = Now.AddHours(1) }).DateProblems(Now.AddDays(-1), Now).Single().Message);
        Assert.Contains("before", (Good with { ArrivedAt = Now.AddDays(-3) }).DateProblems(Now.AddDays(-1), Now).Single().Message);
    }

    [Fact]
    public void Reasons_are_described_in_form_order()
    {
        Assert.Equal("Housing, Just to say hello", DropInReasonList.Describe(DropInReasons.JustToSayHello | DropInReasons.Housing));
        Assert.Equal("None recorded", DropInReasonList.Describe(DropInReasons.None));
        Assert.Equal(10, DropInReasonList.All.Count);
    }

    [Fact]
    public void Reopening_from_a_closed_episode_starts_support_at_once_linked_to_it_with_the_user_as_key_worker()
    {
        var last = AnEpisode().For(Guid.NewGuid()).InTeam(Guid.NewGuid()).ClosedBecause(ClosureReason.SupportCompleted).Build();
        var e = Episode.ReopenFrom(last, "amira", Now, screenAgain: false, ageNow: 17);
        Assert.Equal((last.PersonId, last.TeamId, last.Id, Setting.SelfReferral), (e.PersonId, e.TeamId, e.ReopenedFromEpisodeId, e.Setting));
        Assert.Equal(EpisodeStatus.InSupport, e.Status);
        Assert.Null(e.ScreenedAt);
        Assert.Equal(("amira", Now, "amira"), (e.KeyWorkerId, e.SupportStartedAt!.Value, e.IdentifiedByUserId));
        Assert.True(e.IsYouth);
    }

    [Fact]
    public void Screening_again_leaves_the_new_episode_at_identified()
    {
        var last = AnEpisode().For(Guid.NewGuid()).InTeam(Guid.NewGuid()).ClosedBecause(ClosureReason.SupportCompleted).Build();
        var e = Episode.ReopenFrom(last, "amira", Now, screenAgain: true, ageNow: null);
        Assert.Equal(EpisodeStatus.Identified, e.Status);
        Assert.Equal(last.Id, e.ReopenedFromEpisodeId);
    }

    [Fact]
    public void An_open_episode_cannot_be_reopened_from()
    {
        var open = AnEpisode().For(Guid.NewGuid()).InTeam(Guid.NewGuid()).AtStatus(EpisodeStatus.InSupport).Build();
        Assert.Throws<EpisodeRuleException>(() => Episode.ReopenFrom(open, "amira", Now, false, 30));
    }

    [Fact]
    public void The_contact_form_refuses_drop_in_and_mentoring_kinds_but_a_correction_may_keep_its_own()
    {
        ContactInput With(ContactKind k) => new(k, true, Now, null, "amira", null, "Note");
        Assert.Equal(ContactInput.NotRecordableKind, With(ContactKind.DropIn).Validate().Single().Message);
        Assert.Equal(ContactInput.NotRecordableKind, With(ContactKind.Mentoring).Validate().Single().Message);
        Assert.Empty(With(ContactKind.DropIn).Validate(keptKind: ContactKind.DropIn));
        Assert.Empty(With(ContactKind.InPrison).Validate());
    }

    [Fact]
    public void A_support_network_member_is_chosen_only_for_a_contact_with_family_or_friends()
    {
        var withMother = new ContactInput(ContactKind.WithFamily, true, Now, null, "amira", null, "Note", SupportNetworkMemberId: Guid.NewGuid());
        Assert.Empty(withMother.Validate());
        Assert.Equal(nameof(ContactInput.SupportNetworkMemberId), (withMother with { Kind = ContactKind.Telephone }).Validate().Single().Field);
    }

    [Fact]
    public void A_support_network_member_needs_a_name_relationship_consent_answer_a_real_phone_and_email_and_a_reason_not_to_contact()
    {
        var good = new SupportNetworkInput("Maya Test", Relationship.Parent, null, "01632 960 001", "maya@example.invalid", null, true, false, null, true, false, null);
        Assert.Empty(good.Validate());
        var bad = new SupportNetworkInput(" ", Relationship.Other, null, "call me", "not-an-email", null, null, true, " ", false, false, null);
        Assert.Equal(["Name", "RelationshipWords", "Phone", "Email", "ConsentToContact", "DoNotContactReason"], bad.Validate().Select(p => p.Field).ToList());
        Assert.Equal("Other family (aunt)", Relationships.Describe(Relationship.OtherFamily, "aunt"));
        Assert.Equal("Hostel key worker", Relationships.Describe(Relationship.Other, "Hostel key worker"));
    }
}
