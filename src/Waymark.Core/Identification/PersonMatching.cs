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

    /// <summary>A record's distinct keys under the stored rules.</summary>
    public static IReadOnlyList<(BlockingRule Rule, string Key)> KeysOf(MatchRecord record)
    {
        var prepared = KeyEngine.Prepare(record);
        var keys = new List<(BlockingRule, string)>();
        foreach (var rule in StoredRules)
            foreach (var key in BlockingIndex.ReadableKeys(prepared, rule))
                keys.Add((rule, key.Length > PersonMatchKey.MaxKeyLength ? key[..PersonMatchKey.MaxKeyLength] : key));
        return keys.Distinct().ToList();
    }

    /// <summary>The key rows a person should have: their keys once for every team that knows them.</summary>
    public static IEnumerable<PersonMatchKey> KeyRows(Guid personId, IEnumerable<Guid> teamIds, MatchRecord record)
    {
        var keys = KeysOf(record);
        foreach (var team in teamIds.Distinct())
            foreach (var (rule, key) in keys)
                yield return new PersonMatchKey { PersonId = personId, TeamId = team, Rule = rule, Key = key };
    }
}
