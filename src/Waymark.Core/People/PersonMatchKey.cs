using Waymark.Matching;
using Waymark.Persistence;

namespace Waymark.People;

/// <summary>
/// One blocking key of a person for one team that knows them ("SM0|1985" under
/// <see cref="BlockingRule.FamilySoundAndBirthYear"/>): a look-up fetches its candidates by probing the
/// index <c>(TeamId, Rule, Key)</c> with the typed person's keys. One row per key per team link, so a
/// probe reads one team's entries only. Maintained by <see cref="Persistence.WaymarkDbContext"/> in
/// the same SaveChanges as the names, aliases, dates and team links they come from.
/// </summary>
public class PersonMatchKey : ITeamOwned
{
    public Guid PersonId { get; set; }
    public Guid TeamId { get; set; }
    public BlockingRule Rule { get; set; }
    public string Key { get; set; } = "";

    public const int MaxKeyLength = 40;
}
