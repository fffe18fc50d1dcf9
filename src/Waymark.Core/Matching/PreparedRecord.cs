using Waymark.Identifiers;
using Waymark.People;

namespace Waymark.Matching;

/// <summary>
/// A <see cref="MatchRecord"/> with everything the comparisons need worked out once: name keys,
/// sound-alike codes, nickname groups, name frequencies, dates as numbers, postcode parts, valid
/// identifiers. Comparing two prepared records then allocates nothing. Made by <see cref="MatchEngine.Prepare"/>.
/// </summary>
public sealed class PreparedRecord
{
    public MatchRecord Source { get; }
    internal readonly NameForm[] Names;
    /// <summary>Dates of birth as yyyymmdd, the main one first.</summary>
    internal readonly int[] Dates;
    internal readonly byte Sex;
    internal readonly string Postcode;
    internal readonly int PostcodeSector;
    internal readonly int PostcodeDistrict;
    internal readonly string Town;
    internal readonly string HouseNumber;
    internal readonly string Street;
    internal readonly string? Nhs;
    internal readonly string? Pnc;
    /// <summary>By the model's identifier kind; null where this record has none of that kind.</summary>
    internal readonly string?[] Identifiers;

    internal PreparedRecord(MatchRecord r, MatchModel model)
    {
        Source = r;
        var names = new List<NameForm>(1 + r.OtherNames.Count);
        if (NameForm.Of(r.GivenNames, r.FamilyName, alias: false, model) is { } main) names.Add(main);
        foreach (var n in r.OtherNames)
            if (NameForm.Of(n.GivenNames, n.FamilyName, alias: true, model) is { } other) names.Add(other);
        Names = [.. names];

        var dates = new List<int>(1 + r.OtherDatesOfBirth.Count);
        if (r.DateOfBirth is { } d) dates.Add(Number(d));
        foreach (var o in r.OtherDatesOfBirth)
            if (!dates.Contains(Number(o))) dates.Add(Number(o));
        Dates = [.. dates];

        Sex = r.Sex switch { People.Sex.Male => 1, People.Sex.Female => 2, _ => 0 };
        (Postcode, PostcodeSector, PostcodeDistrict) = PostcodeParts(r.Postcode);
        Town = NameKey.For(r.Town);
        (HouseNumber, Street) = AddressParts(r.AddressLine);
        Nhs = NhsNumber.IsUsable(r.NhsNumber) ? NhsNumber.Normalise(r.NhsNumber) : null; // never a placeholder like 999 999 9999
        Pnc = PncId.IsValid(r.PncId) ? PncId.Normalise(r.PncId) : null;
        Identifiers = new string?[model.IdentifierKinds.Count];
        for (var k = 0; k < Identifiers.Length; k++)
            if (r.OtherIdentifiers.TryGetValue(model.IdentifierKinds[k], out var v) && NameKey.For(v) is { Length: > 0 } key)
                Identifiers[k] = key;
    }

    internal static int Number(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;

    /// <summary>
    /// Upper case without spaces. A UK postcode (ends digit-letter-letter) splits into district (the
    /// outward code, "NS1") and sector ("NS1 4"); any other (Australian "4011", a US ZIP) takes all but
    /// the last one or two characters, so nearby codes still count for something.
    /// </summary>
    internal static (string Code, int Sector, int District) PostcodeParts(string? postcode)
    {
        if (string.IsNullOrWhiteSpace(postcode)) return ("", 0, 0);
        Span<char> buf = stackalloc char[Math.Min(postcode.Length, 32)];
        var n = 0;
        foreach (var c in postcode)
            if (char.IsAsciiLetterOrDigit(c) && n < buf.Length) buf[n++] = char.ToUpperInvariant(c);
        var code = new string(buf[..n]);
        if (n is >= 5 and <= 7 && char.IsAsciiLetter(code[0]) && char.IsAsciiDigit(code[n - 3]) && char.IsAsciiLetter(code[n - 2]) && char.IsAsciiLetter(code[n - 1]))
            return (code, n - 2, n - 3);
        return n >= 3 ? (code, n - 1, n - 2) : (code, 0, 0);
    }

    /// <summary>"12a High St." → ("12a", "highst"): the first token with a digit is the house number, the rest the street.</summary>
    internal static (string Number, string Street) AddressParts(string? line)
    {
        if (string.IsNullOrWhiteSpace(line)) return ("", "");
        var tokens = line.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var number = "";
        var rest = new List<string>(tokens.Length);
        foreach (var t in tokens)
        {
            if (number.Length == 0 && t.Any(char.IsAsciiDigit)) number = NameKey.For(t);
            else rest.Add(t);
        }
        return (number, NameKey.For(string.Join("", rest)));
    }
}

/// <summary>One name a person goes by, prepared for comparison.</summary>
internal sealed class NameForm
{
    public required string Given { get; init; }
    public required string Family { get; init; }
    public required string GivenCode { get; init; }
    public required string FamilyCode { get; init; }
    /// <summary>The family name key without particles (<see cref="NameKey.WithoutParticles"/>): "bhriain" for Ní Bhriain.</summary>
    public required string FamilyCore { get; init; }
    public required int[] GivenGroups { get; init; }
    /// <summary>-log2 of the name's frequency, or NaN when the name was not counted.</summary>
    public required double GivenRarity { get; init; }
    public required double FamilyRarity { get; init; }
    public required bool IsAlias { get; init; }
    public required string DisplayGiven { get; init; }
    public required string DisplayFamily { get; init; }

    public static NameForm? Of(string? given, string? family, bool alias, MatchModel model)
    {
        var g = NameKey.For(given);
        var f = NameKey.For(family);
        if (g.Length == 0 && f.Length == 0) return null;
        return new NameForm
        {
            Given = g,
            Family = f,
            GivenCode = Metaphone.Encode(g),
            FamilyCode = Metaphone.Encode(f),
            FamilyCore = NameKey.WithoutParticles(family),
            GivenGroups = Nicknames.GroupsOf(g),
            GivenRarity = model.GivenNameFrequencies.TryGetValue(g, out var gf) ? -Math.Log2(gf) : double.NaN,
            FamilyRarity = model.FamilyNameFrequencies.TryGetValue(f, out var ff) ? -Math.Log2(ff) : double.NaN,
            IsAlias = alias,
            DisplayGiven = given?.Trim() ?? "",
            DisplayFamily = family?.Trim() ?? "",
        };
    }
}
