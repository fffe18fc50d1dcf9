using Waymark.Contacts;

namespace Waymark.Core.Tests.Contacts;

/// <summary>The rules of a contact's input on their own: required fields, lengths, duration, and its date against the person's history.</summary>
public class ContactRulesTests
{
    private static readonly DateTimeOffset Now = FakeClock.DefaultStart;
    private static readonly DateTimeOffset KnownSince = Now.AddDays(-30);

    private static ContactInput Valid(bool reached = true) =>
        new(ContactKind.Telephone, reached, Now.AddHours(-1), 20, "worker", null, reached ? "Talked about the appointment" : null);

    private static List<(string Field, string Message)> All(ContactInput i) => i.Validate().Concat(i.DateProblems(KnownSince, Now)).ToList();

    [Fact]
    public void A_reached_contact_and_an_attempt_without_a_note_are_both_valid()
    {
        Assert.Empty(All(Valid()));
        Assert.Empty(All(Valid(reached: false)));
    }

    [Fact]
    public void An_empty_form_is_refused_with_every_problem_at_once()
    {
        var problems = All(new ContactInput(null, null, null, null, null, null, null));
        Assert.Equal(
            [nameof(ContactInput.Kind), nameof(ContactInput.Reached), nameof(ContactInput.OccurredAt), nameof(ContactInput.WorkerUserId)],
            problems.Select(p => p.Field).ToList());
    }

    [Fact]
    public void A_reached_contact_needs_a_note_but_an_attempt_does_not()
    {
        var problem = Assert.Single(All(Valid() with { Note = "  " }));
        Assert.Equal((nameof(ContactInput.Note), "Enter a note of what happened"), problem);
        Assert.Empty(All(Valid(reached: false) with { Note = " " }));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(720, true)]
    [InlineData(721, false)]
    [InlineData(-5, false)]
    public void Duration_is_from_1_to_720_minutes(int minutes, bool ok)
    {
        var problems = All(Valid() with { DurationMinutes = minutes });
        Assert.Equal(ok, problems.Count == 0);
        if (!ok) Assert.Equal(nameof(ContactInput.DurationMinutes), Assert.Single(problems).Field);
    }

    [Fact]
    public void Too_long_text_and_an_unknown_kind_are_refused()
    {
        var problems = All(Valid() with { Kind = (ContactKind)99, WithWhom = new string('a', 201), Note = new string('b', 4001) });
        Assert.Equal([nameof(ContactInput.Kind), nameof(ContactInput.WithWhom), nameof(ContactInput.Note)], problems.Select(p => p.Field).ToList());
    }

    [Fact]
    public void A_contact_cannot_be_in_the_future_beyond_the_clock_skew_nor_before_the_person_was_known()
    {
        Assert.Empty(All(Valid() with { OccurredAt = Now.AddMinutes(4) }));
        Assert.Contains("cannot be in the future", Assert.Single(All(Valid() with { OccurredAt = Now.AddMinutes(10) })).Message);
        Assert.Empty(All(Valid() with { OccurredAt = KnownSince.AddHours(-1) })); // the same UK day
        var early = Assert.Single(All(Valid() with { OccurredAt = KnownSince.AddDays(-2) }));
        Assert.Equal(nameof(ContactInput.OccurredAt), early.Field);
        Assert.Contains("became known to the service", early.Message);
    }

    [Fact]
    public void Every_kind_has_plain_words()
    {
        Assert.All(ContactKinds.All, k => Assert.NotEqual("Contact", ContactKinds.Display(k)));
        Assert.Equal("Went with them to an appointment", ContactKinds.Display(ContactKind.AccompaniedToAppointment));
    }
}
