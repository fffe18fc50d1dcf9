using Waymark.Matching;
using Waymark.People;

namespace Waymark.Identification;

/// <summary>The bridge between people in the database and the matching engine: records and blocking keys.</summary>
public static class PersonMatching
{
    /// <summary>
    /// The rules whose keys are stored in <see cref="PersonMatchKey"/>. NHS number and PNC ID are looked
    /// up through the person's own indexed columns instead; other identifiers are not typed at intake.
    /// </summary>
    public static readonly IReadOnlyList<BlockingRule> StoredRules =
    [
        BlockingRule.DateOfBirth, BlockingRule.FamilySoundAndBirthYear, BlockingRule.GivenSoundAndBirthDayMonth,
        BlockingRule.NamesSoundEitherOrder, BlockingRule.Postcode,
    ];

    /// <summary>
    /// The rules whose keys are stored for Find a person (<see cref="People.PersonSearch"/>) rather than the look-up:
    /// every word of every name, and its sound-alike code. The look-up never probes them (their blocks are large).
    /// </summary>
    public static readonly IReadOnlyList<BlockingRule> SearchRules = [BlockingRule.NameWord, BlockingRule.NameSound];

    /// <summary>Every rule whose keys are kept in <see cref="PersonMatchKey"/>: <see cref="StoredRules"/> and <see cref="SearchRules"/>.</summary>
    public static readonly IReadOnlyList<BlockingRule> KeptRules = [.. StoredRules, .. SearchRules];

    // Keys depend only on names, dates and postcodes, never on m and u, so any model prepares them.
    private static readonly MatchEngine KeyEngine = new(MatchModel.Default());

    public static MatchRecord ToMatchRecord(Person p) =>
        ToMatchRecord(p, p.Aliases.Select(a => new PersonName(a.GivenName, a.FamilyName)), p.OtherDatesOfBirth.Select(d => d.DateOfBirth));

    public static MatchRecord ToMatchRecord(Person p, IEnumerable<PersonName> aliases, IEnumerable<DateOnly> otherDates) => new()
    {
        Id = p.Id.ToString(),
        GivenNames = p.GivenName,
        FamilyName = p.FamilyName,
        OtherNames = aliases.ToList(),
        DateOfBirth = p.DateOfBirth,
        OtherDatesOfBirth = otherDates.ToList(),
        Sex = p.Sex,
        Postcode = p.Postcode,
        NhsNumber = p.NhsNumber,
        PncId = p.PncId,
    };

    /// <summary>What was typed at intake, as a record to compare.</summary>
    public static MatchRecord ToMatchRecord(LookupRequest r) => new()
    {
        Id = "probe",
        GivenNames = r.GivenName,
        FamilyName = r.FamilyName,
        DateOfBirth = r.DateOfBirth,
        Sex = r.Sex,
        Postcode = r.Postcode,
        NhsNumber = r.NhsNumber,
        PncId = r.PncId,
    };

    /// <summary>A record's distinct keys under the look-up's rules (<see cref="StoredRules"/>).</summary>
    public static IReadOnlyList<(BlockingRule Rule, string Key)> KeysOf(MatchRecord record) => KeysOf(record, StoredRules);

    /// <summary>A record's distinct keys under <paramref name="rules"/>, each cut to <see cref="PersonMatchKey.MaxKeyLength"/> characters.</summary>
    public static IReadOnlyList<(BlockingRule Rule, string Key)> KeysOf(MatchRecord record, IReadOnlyList<BlockingRule> rules)
    {
        var prepared = KeyEngine.Prepare(record);
        var keys = new List<(BlockingRule, string)>();
        foreach (var rule in rules)
            foreach (var key in BlockingIndex.ReadableKeys(prepared, rule))
                keys.Add((rule, key.Length > PersonMatchKey.MaxKeyLength ? key[..PersonMatchKey.MaxKeyLength] : key));
        return keys.Distinct().ToList();
    }

    /// <summary>The key rows a person should have: their keys under <see cref="KeptRules"/> (or <paramref name="rules"/>) once for every team that knows them.</summary>
    public static IEnumerable<PersonMatchKey> KeyRows(Guid personId, IEnumerable<Guid> teamIds, MatchRecord record, IReadOnlyList<BlockingRule>? rules = null)
    {
        var keys = KeysOf(record, rules ?? KeptRules);
        foreach (var team in teamIds.Distinct())
            foreach (var (rule, key) in keys)
                yield return new PersonMatchKey { PersonId = personId, TeamId = team, Rule = rule, Key = key };
    }
}
