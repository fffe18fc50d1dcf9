namespace Waymark.Matching;

/// <summary>The fields the engine compares. Identifier kinds follow these, one comparison each.</summary>
public enum MatchField { GivenName, FamilyName, DateOfBirth, Sex, Postcode, Town, Address, NhsNumber, PncId, Identifier }

/// <summary>One level of a comparison: a short code and the words a practitioner reads.</summary>
public sealed record ComparisonLevel(string Code, string Description);

/// <summary>
/// The comparison levels, best first. Level 0 of every comparison is "not compared" (missing on one
/// side) and weighs nothing; the others' weights are log2(m/u).
/// </summary>
public static class Levels
{
    public const byte Missing = 0;

    public static class GivenName
    {
        public const byte Exact = 1, Nickname = 2, VerySimilar = 3, SoundsAlike = 4, Similar = 5, Initial = 6, Different = 7;
    }

    public static class FamilyName
    {
        public const byte Exact = 1, VerySimilar = 2, SoundsAlike = 3, PartOf = 4, Similar = 5, Different = 6;
    }

    public static class DateOfBirth
    {
        public const byte Exact = 1, DayMonthSwapped = 2, OneDigit = 3, TransposedDigits = 4, SameYear = 5, Different = 6;
    }

    public static class Sex
    {
        public const byte Same = 1, Different = 2;
    }

    public static class Postcode
    {
        public const byte Exact = 1, OneCharacter = 2, SameSector = 3, SameDistrict = 4, Different = 5;
    }

    public static class Town
    {
        public const byte Exact = 1, Similar = 2, Different = 3;
    }

    public static class Address
    {
        public const byte Exact = 1, SameNumberSimilarStreet = 2, SimilarStreet = 3, Different = 4;
    }

    /// <summary>NHS number and PNC ID: only valid ones are compared.</summary>
    public static class StrongIdentifier
    {
        public const byte Same = 1, Different = 2;
    }

    public static class Identifier
    {
        public const byte Same = 1, OneCharacter = 2, Different = 3;
    }

    private static readonly ComparisonLevel NotCompared = new("missing", "not recorded on both, so not compared");

    internal static readonly ComparisonLevel[][] Fixed =
    [
        [NotCompared, new("exact", "same"), new("nickname", "known nickname or other form"), new("jw>=0.92", "very similar spelling"),
            new("phonetic", "sounds the same"), new("jw>=0.80", "similar spelling"), new("initial", "initial matches"), new("different", "different")],
        [NotCompared, new("exact", "same"), new("jw>=0.92", "very similar spelling"), new("phonetic", "sounds the same"),
            new("part", "one is part of the other (double-barrelled or changed name)"), new("jw>=0.80", "similar spelling"), new("different", "different")],
        [NotCompared, new("exact", "same"), new("day-month-swapped", "day and month swapped"), new("one-digit", "differs by one digit"),
            new("transposed", "two digits transposed"), new("same-year", "same year only"), new("different", "different")],
        [NotCompared, new("same", "same"), new("different", "different")],
        [NotCompared, new("exact", "same"), new("one-character", "differs by one character"), new("sector", "same sector"),
            new("district", "same district"), new("different", "different")],
        [NotCompared, new("exact", "same"), new("jw>=0.90", "similar spelling"), new("different", "different")],
        [NotCompared, new("exact", "same"), new("number+street", "same house number, similar street"), new("street", "similar street"), new("different", "different")],
        [NotCompared, new("same", "same"), new("different", "different (both valid)")],
        [NotCompared, new("same", "same"), new("different", "different (both valid)")],
    ];

    internal static readonly ComparisonLevel[] IdentifierLevels =
        [NotCompared, new("same", "same"), new("one-character", "differs by one character"), new("different", "different")];

    public static IReadOnlyList<ComparisonLevel> Of(MatchField field) =>
        field == MatchField.Identifier ? IdentifierLevels : Fixed[(int)field];
}
