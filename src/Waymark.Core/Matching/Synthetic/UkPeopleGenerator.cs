using System.Globalization;
using Waymark.Demo;
using Waymark.Identifiers;
using Waymark.People;

namespace Waymark.Matching.Synthetic;

/// <summary>One generated record and the person it belongs to.</summary>
public sealed record SyntheticRecord(string RecId, string Entity, string GivenName, string FamilyName, Sex Sex, string DateOfBirth,
    string HouseNumber, string Street, string Town, string Postcode, string NhsNumber)
{
    public MatchRecord ToMatchRecord() => new()
    {
        Id = RecId,
        GivenNames = GivenName,
        FamilyName = FamilyName,
        Sex = Sex,
        DateOfBirth = DateOnly.TryParseExact(DateOfBirth, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
        AddressLine = $"{HouseNumber} {Street}".Trim(),
        Town = Town,
        Postcode = Postcode,
        NhsNumber = NhsNumber.Length > 0 ? NhsNumber : null,
    };
}

/// <summary>
/// Synthetic UK people, and further records of some of them with the errors seen at custody and
/// court intake: nicknames, typing errors, sound-alike spellings, first and last names swapped, a
/// changed surname, day and month swapped, a digit wrong or two transposed, a missing or different
/// date, a move of house, a mistyped postcode, and the NHS number known only sometimes. Seeded, so the
/// same seed gives the same file. Names come from common-name lists and made-up surnames; towns,
/// streets and postcode areas are invented; NHS numbers are in the 999 test range, unique per person (85% of people have one).
/// </summary>
public sealed class UkPeopleGenerator
{
    public UkPeopleGenerator(int seed)
    {
        _rng = new Random(seed);
        _errors = new DataEntryErrors(_rng);
    }

    private readonly Random _rng;
    // The same Random as the generator's own choices, so a seed gives the same records as before the errors moved out.
    private readonly DataEntryErrors _errors;

    // Names with common short forms, so nicknames occur as often as they do in life.
    private static readonly string[] ClassicMale = ["William", "Robert", "Richard", "Stephen", "Anthony", "Christopher", "Jonathan", "Alexander", "Nicholas", "Edward", "Joseph", "Matthew", "Samuel", "Benjamin", "Timothy", "Kenneth", "Patrick", "Peter", "Terence", "Gregory"];
    private static readonly string[] ClassicFemale = ["Margaret", "Elizabeth", "Catherine", "Patricia", "Jennifer", "Susan", "Samantha", "Victoria", "Rebecca", "Deborah", "Jacqueline", "Katherine", "Alexandra", "Christina", "Josephine", "Nicola", "Stephanie", "Kimberley", "Abigail", "Frances"];
    private static readonly string[] ExtraSurnames = ["Robertson", "Reid", "Stewart", "Macdonald", "Fraser", "Hamilton", "Graham", "Ross", "Paterson", "Henderson", "Morrison", "Kerr", "Ferguson", "Duncan", "Hunter", "Hussein", "Chowdhury", "Mahmood", "Iqbal", "Akhtar", "Sharma", "Kaur", "Gill", "Lewandowski", "Wojcik", "Popescu", "Osei", "Adeyemi", "Okonkwo", "Nguyen", "Chen", "Wong", "O'Neill", "Byrne", "Ryan", "Quinn", "Brennan", "Walsh", "Dunne", "Flynn", "Thomson", "Thompson", "Stephenson", "Stevenson", "Philips", "Mathews", "Smyth", "Browne", "Greene", "Clarkson"];
    private static readonly string[] SurnameStarts = ["Ash", "Black", "Brad", "Brook", "Cald", "Carr", "Cliff", "Cole", "Crag", "Dal", "Elm", "Fair", "Fern", "Garth", "Hal", "Hart", "Hay", "Holl", "Kirk", "Lang", "Lind", "Mar", "Mid", "Mort", "Nor", "Oak", "Pen", "Rad", "Red", "Ros", "Roth", "Sand", "Shel", "Stan", "Stock", "Thorn", "Tre", "Wad", "Wel", "Whit", "Wick", "Wind", "Wool", "Yar"];
    private static readonly string[] SurnameEnds = ["by", "ley", "ton", "well", "worth", "field", "ford", "ham", "hurst", "stone", "wood", "wick", "combe", "dale", "more", "shaw", "thwaite", "ridge", "bury", "cott", "den", "land", "mere", "wright"];
    private static readonly string[] Towns = ["Northshire", "Eastbrook", "Westford", "Southam", "Kingsmere", "Ashcombe Vale", "Bramley Cross", "Calderbridge", "Dunmere", "Elmstead Green", "Fenwick Haven", "Greyholm", "Harrowgate End", "Ivybridge Mill", "Larkfield", "Marshton", "Netherby", "Oakhurst", "Pendle Rise", "Queensmoor"];
    private static readonly string[] StreetStarts = ["Oak", "Mill", "Church", "Station", "Victoria", "Albert", "Park", "Queens", "Kings", "Manor", "Chapel", "Green", "Ash", "Elm", "Beech", "Willow", "Castle", "Bridge", "North", "South"];
    private static readonly string[] StreetEnds = ["Street", "Road", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent", "Gardens", "Terrace"];
    // Invented postcode areas (no real UK area uses these letters).
    private static readonly string[] Areas = ["NS", "EB", "KM", "QX", "VZ", "JQ", "XW", "ZK"];

    private sealed class Person
    {
        public required int Number { get; init; }
        public required string Given { get; init; }
        public required string Family { get; init; }
        public required Sex Sex { get; init; }
        public required DateOnly Dob { get; init; }
        public required string Nhs { get; init; }
        public required (string House, string Street, string Town, string Postcode) Address { get; init; }
        public int Duplicates { get; set; }
    }

    /// <summary>
    /// <paramref name="count"/> records in all: count − duplicates people, then duplicates further
    /// records of people picked at random (some more than once), in shuffled order.
    /// </summary>
    public IEnumerable<SyntheticRecord> Generate(int count, int duplicates) => Generate(count, duplicates, relatives: 0);

    /// <summary>
    /// As <see cref="Generate(int, int)"/>, with the last <paramref name="relatives"/> of the people made as relatives of
    /// earlier ones: the same family name and home, a different first name, and a date of birth that makes them a twin
    /// (a third of them), a sibling (1–12 years apart) or a parent or child (18–40 years apart). They are different
    /// people, so a pair of relatives is never a true pair: they measure how often the engine takes family for the same
    /// person. With no relatives the records are exactly those of <see cref="Generate(int, int)"/> for the seed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">More duplicates than records, or more relatives than people.</exception>
    public IEnumerable<SyntheticRecord> Generate(int count, int duplicates, int relatives)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(duplicates, count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(relatives, Math.Max(0, count - duplicates - 1));
        var people = new List<Person>(count - duplicates);
        var nhs = new NhsSequence(_rng.Next(1_000_000));
        var unrelated = count - duplicates - relatives;
        for (var i = 0; i < count - duplicates; i++) people.Add(i < unrelated ? NewPerson(i, nhs) : NewRelative(i, people[_rng.Next(unrelated)], nhs));
        var records = new List<SyntheticRecord>(count);
        foreach (var p in people) records.Add(Record(p, $"rec-{p.Number}-org", p.Given, p.Family, p.Sex, p.Dob, p.Address, Present(p.Nhs, 45)));
        for (var d = 0; d < duplicates && people.Count > 0; d++)
        {
            var p = people[_rng.Next(people.Count)];
            records.Add(Duplicate(p, $"rec-{p.Number}-dup-{p.Duplicates++}"));
        }
        for (var i = records.Count - 1; i > 0; i--)
        {
            var j = _rng.Next(i + 1);
            (records[i], records[j]) = (records[j], records[i]);
        }
        return records;
    }

    public static FebrlWriteRow ToFebrl(SyntheticRecord r) => new(r.RecId, Clean(r.GivenName), Clean(r.FamilyName), r.HouseNumber, Clean(r.Street), "",
        Clean(r.Town), r.Postcode, "", r.DateOfBirth, r.NhsNumber, r.Sex switch { Sex.Male => "m", Sex.Female => "f", _ => "" });

    private static string Clean(string s) => s.Replace(",", "", StringComparison.Ordinal).ToLowerInvariant();

    private Person NewPerson(int number, NhsSequence nhs)
    {
        var female = _rng.Next(2) == 0;
        var given = _rng.Next(100) < 30
            ? Pick(female ? ClassicFemale : ClassicMale)
            : Zipf(female ? SyntheticPeople.FemaleNames : SyntheticPeople.MaleNames, 10);
        // About as spread as UK surnames: the commonest (Smith) about 1.5%, a long tail of rarer ones.
        var roll = _rng.Next(100);
        var family = roll < 25 ? Zipf(SyntheticPeople.FamilyNames, 5)
            : roll < 35 ? Pick(ExtraSurnames)
            : Pick(SurnameStarts) + Pick(SurnameEnds);
        // Ages 16–75, most in their twenties and thirties as in custody.
        var age = Math.Min(75, 16 + (int)Math.Abs(Gaussian() * 16));
        var dob = new DateOnly(2026, 1, 1).AddYears(-age).AddDays(-_rng.Next(365));
        return new Person { Number = number, Given = given, Family = family, Sex = female ? Sex.Female : Sex.Male, Dob = dob, Nhs = _rng.Next(100) < 85 ? nhs.Next() : "", Address = NewAddress() };
    }

    private Person NewRelative(int number, Person of, NhsSequence nhs)
    {
        var female = _rng.Next(2) == 0;
        string given;
        do given = Zipf(female ? SyntheticPeople.FemaleNames : SyntheticPeople.MaleNames, 10);
        while (NameKey.For(given) == NameKey.For(of.Given));
        var kind = _rng.Next(3);
        var dob = kind switch
        {
            0 => of.Dob, // twin
            1 => of.Dob.AddDays((_rng.Next(2) == 0 ? -1 : 1) * _rng.Next(365, 12 * 365)), // sibling
            _ => of.Dob.AddYears(_rng.Next(2) == 0 ? -_rng.Next(18, 41) : _rng.Next(18, 41)), // parent or child
        };
        return new Person { Number = number, Given = given, Family = of.Family, Sex = female ? Sex.Female : Sex.Male, Dob = dob, Nhs = _rng.Next(100) < 85 ? nhs.Next() : "", Address = of.Address };
    }

    private (string, string, string, string) NewAddress()
    {
        var town = _rng.Next(Towns.Length);
        var street = _rng.Next(StreetStarts.Length * StreetEnds.Length);
        var house = _rng.Next(1, 200);
        // Neighbours share a postcode: about 25 houses of one street in one town.
        var unit = Mix(town, street, house / 25);
        var area = Areas[town % Areas.Length];
        var district = 1 + town / Areas.Length * 10 + (int)(unit % 10);
        var postcode = string.Create(CultureInfo.InvariantCulture, $"{area}{district} {unit / 10 % 10}{(char)('A' + unit / 100 % 26)}{(char)('A' + unit / 2600 % 26)}");
        return (house.ToString(CultureInfo.InvariantCulture), $"{StreetStarts[street / StreetEnds.Length]} {StreetEnds[street % StreetEnds.Length]}", Towns[town], postcode);
    }

    /// <summary>
    /// A fixed mix of three numbers into 32 bits (the murmur3 finaliser over a multiplicative combination). Not
    /// HashCode.Combine: that is seeded afresh in every process, which made the same seed give different postcodes.
    /// </summary>
    private static uint Mix(int a, int b, int c)
    {
        var h = unchecked((uint)a * 0x9E3779B1u ^ (uint)b * 0x85EBCA77u ^ (uint)c * 0xC2B2AE3Du ^ 17u);
        h ^= h >> 16;
        h = unchecked(h * 0x85EBCA6Bu);
        h ^= h >> 13;
        h = unchecked(h * 0xC2B2AE35u);
        h ^= h >> 16;
        return h;
    }

    private SyntheticRecord Duplicate(Person p, string recId)
    {
        var given = p.Given;
        var family = p.Family;
        var roll = _rng.Next(100);
        if (roll < 20 && Nicknames.VariantsOf(NameKey.For(given)) is { Count: > 0 } variants) given = Title(variants[_rng.Next(variants.Count)]);
        else if (roll < 28) given = Typo(given);
        else if (roll < 31) given = given[..1];
        else if (roll < 34) given = "";
        roll = _rng.Next(100);
        if (roll < 8) family = Typo(family);
        else if (roll < 13) family = SoundAlike(family);
        else if (roll < 16) family = _rng.Next(2) == 0 ? $"{family}-{Zipf(SyntheticPeople.FamilyNames, 5)}" : Zipf(SyntheticPeople.FamilyNames, 5); // married or changed name
        else if (roll < 18) family = "";
        if (_rng.Next(100) < 5) (given, family) = (family, given);

        var dob = DobText(p.Dob);
        roll = _rng.Next(100);
        if (roll < 6 && p.Dob.Day <= 12 && p.Dob.Day != p.Dob.Month) dob = string.Create(CultureInfo.InvariantCulture, $"{p.Dob.Year:0000}{p.Dob.Day:00}{p.Dob.Month:00}");
        else if (roll < 12) dob = DigitTypo(dob);
        else if (roll < 15) dob = Transpose(dob);
        else if (roll < 19) dob = "";
        else if (roll < 21) dob = DobText(p.Dob.AddYears(_rng.Next(2) == 0 ? -1 : 1));

        var address = p.Address;
        roll = _rng.Next(100);
        if (roll < 30) address = NewAddress(); // moved, or gave another address
        else if (roll < 35) address = address with { Item4 = Typo(address.Item4) };
        roll = _rng.Next(100);
        if (roll < 12) address = ("", "", address.Item3, ""); // no fixed abode: only the town
        else if (roll < 20) address = address with { Item4 = "" };

        var sex = _rng.Next(100) < 5 ? Sex.NotKnown : p.Sex;
        return Record(p, recId, given, family, sex, dob, address, Present(p.Nhs, 40));
    }

    private static SyntheticRecord Record(Person p, string recId, string given, string family, Sex sex, DateOnly dob,
        (string House, string Street, string Town, string Postcode) a, string nhs) =>
        Record(p, recId, given, family, sex, DobText(dob), a, nhs);

    private static SyntheticRecord Record(Person p, string recId, string given, string family, Sex sex, string dob,
        (string House, string Street, string Town, string Postcode) a, string nhs) =>
        new(recId, p.Number.ToString(CultureInfo.InvariantCulture), given, family, sex, dob, a.House, a.Street, a.Town, a.Postcode, nhs);

    private string Present(string value, int percent) => _rng.Next(100) < percent ? value : "";

    private static string DobText(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private string Typo(string s) => _errors.Typo(s);
    private string SoundAlike(string s) => _errors.SoundAlike(s);
    private string DigitTypo(string dob) => _errors.DigitTypo(dob);
    private string Transpose(string dob) => _errors.Transpose(dob);

    private static string Title(string key) => key.Length == 0 ? key : char.ToUpperInvariant(key[0]) + key[1..];

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    /// <summary>Earlier names in a list are more common (weight 1 / (rank + offset)), as Smith is more common than Griffiths.</summary>
    private T Zipf<T>(IReadOnlyList<T> items, int offset)
    {
        var h = 0.0;
        for (var i = 1; i <= items.Count; i++) h += 1.0 / (i + offset);
        var x = _rng.NextDouble() * h;
        for (var i = 1; i <= items.Count; i++)
        {
            x -= 1.0 / (i + offset);
            if (x <= 0) return items[i - 1];
        }
        return items[^1];
    }

    private double Gaussian()
    {
        var u1 = 1.0 - _rng.NextDouble();
        var u2 = _rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Sin(2.0 * Math.PI * u2);
    }

    /// <summary>Distinct valid NHS numbers (about 909,000 exist) in the 999 test range: a stride coprime to a million visits each nine-digit stem once.</summary>
    private sealed class NhsSequence(int start)
    {
        private long _i;

        public string Next()
        {
            // Past a million stems the range is used up: the rest have none rather than someone else's.
            while (_i < 1_000_000)
            {
                var stem = (start + _i++ * 7_919) % 1_000_000;
                var nine = "999" + stem.ToString("000000", CultureInfo.InvariantCulture);
                if (NhsNumber.CheckDigit(nine) is { } check) return nine + check.ToString(CultureInfo.InvariantCulture);
            }
            return "";
        }
    }
}

/// <summary>
/// The mistakes people make typing names and dates of birth, as <see cref="UkPeopleGenerator"/> makes its
/// duplicates: for anything that needs realistic near-misses of a known person (the look-up benchmark).
/// </summary>
public sealed class DataEntryErrors(Random rng)
{
    /// <summary>A known nickname or other form of a first name (John → Jon, Jack, Johnny), or null when it has none.</summary>
    public string? OtherForm(string given)
    {
        var variants = Nicknames.VariantsOf(NameKey.For(given));
        if (variants.Count == 0) return null;
        var v = variants[rng.Next(variants.Count)];
        return char.ToUpperInvariant(v[0]) + v[1..];
    }

    /// <summary>One keyboard slip: a letter changed, dropped, doubled or swapped with its neighbour.</summary>
    public string Typo(string s)
    {
        if (s.Length < 2) return s;
        var i = rng.Next(s.Length - 1) + 1;
        return rng.Next(4) switch
        {
            0 => s[..i] + (char)(char.IsUpper(s[i]) ? 'A' + rng.Next(26) : 'a' + rng.Next(26)) + s[(i + 1)..],
            1 => s[..i] + s[(i + 1)..],
            2 => s[..i] + s[i] + s[i..],
            _ => i + 1 < s.Length ? s[..i] + s[i + 1] + s[i] + s[(i + 2)..] : s[..(i - 1)] + s[i] + s[i - 1],
        };
    }

    private static readonly (string, string)[] Respellings =
        [("ph", "f"), ("th", "t"), ("i", "y"), ("y", "i"), ("ck", "k"), ("ll", "l"), ("ss", "s"), ("ee", "ea"), ("ou", "ow"), ("son", "sen"), ("ie", "y"), ("c", "k")];

    /// <summary>A spelling that sounds the same: Smith → Smyth, Phillips → Filips, Stephenson → Stevenson.</summary>
    public string SoundAlike(string s)
    {
        var start = rng.Next(Respellings.Length);
        for (var k = 0; k < Respellings.Length; k++)
        {
            var (from, to) = Respellings[(start + k) % Respellings.Length];
            var at = s.IndexOf(from, 1, StringComparison.Ordinal);
            if (at > 0) return s[..at] + to + s[(at + from.Length)..];
        }
        return s + "e";
    }

    public string DigitTypo(string dob)
    {
        var i = rng.Next(dob.Length);
        var digit = (char)('0' + (dob[i] - '0' + 1 + rng.Next(9)) % 10);
        return dob[..i] + digit + dob[(i + 1)..];
    }

    public string Transpose(string dob)
    {
        for (var tries = 0; tries < 8; tries++)
        {
            var i = rng.Next(dob.Length - 1);
            if (dob[i] != dob[i + 1]) return dob[..i] + dob[i + 1] + dob[i] + dob[(i + 2)..];
        }
        return DigitTypo(dob);
    }
}
