using Waymark.CriminalJustice;

namespace Waymark.Core.Tests.Unit.CriminalJustice;

/// <summary>Event kinds and order requirements inside a sentence: only the first letter lowered, abbreviations kept.</summary>
public class EventWordsTests
{
    [Theory]
    [InlineData(CriminalJusticeEventKind.Hearing, "court hearing")]
    [InlineData(CriminalJusticeEventKind.Charge, "charge")]
    [InlineData(CriminalJusticeEventKind.MhtrFirstAppointment, "first MHTR treatment appointment")]
    public void An_event_kind_in_a_sentence_keeps_its_abbreviations(CriminalJusticeEventKind kind, string expected) =>
        Assert.Equal(expected, CriminalJusticeEventKinds.InSentence(kind));

    [Theory]
    [InlineData("Mental health treatment (MHTR)", "mental health treatment (MHTR)")]
    [InlineData("MHTR primary care", "MHTR primary care")]
    [InlineData("Curfew", "curfew")]
    [InlineData("", "")]
    public void Only_the_first_letter_is_lowered_and_not_that_of_an_abbreviation(string words, string expected) =>
        Assert.Equal(expected, CriminalJusticeEventKinds.LowerFirst(words));
}
