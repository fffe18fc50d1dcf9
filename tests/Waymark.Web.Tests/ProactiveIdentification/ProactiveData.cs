using Waymark.Liaison;
using Waymark.People;
using Waymark.ProactiveIdentification;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.ProactiveIdentification;

/// <summary>Custody suites, lists and rules arranged directly in the database (agencies are the liaison helper's pages).</summary>
internal static class ProactiveData
{
    /// <summary>A custody suite (or another kind) of the team, with a unique name.</summary>
    public static async Task<Guid> AddAgencyAsync(TestData data, Guid team, AgencyKind kind = AgencyKind.CustodySuite) =>
        (await Liaison.LiaisonData.AddAgencyAsync(data, team, null, kind)).Id;

    /// <summary>A confirmed list of today (UK) at a new custody suite of the team, with one synthetic row matched to nobody.</summary>
    public static async Task<(Guid List, Guid Row)> AddListAsync(TestData data, Guid team, Action<ProactiveListRow>? row = null)
    {
        var agency = await AddAgencyAsync(data, team);
        var now = DateTimeOffset.UtcNow;
        var list = new ProactiveList { TeamId = team, AgencyId = agency, Day = UkTime.DateOf(now), Source = ListSource.Typed, ImportedAt = now, ImportedByUserId = "test", ConfirmedAt = now, ConfirmedByUserId = "test" };
        var r = new ProactiveListRow { ListId = list.Id, TeamId = team, Line = 1, FamilyName = TestData.UniqueName("Listed"), GivenNames = "Robin", DateOfBirth = new DateOnly(1990, 1, 1), Sex = Sex.Male, Reference = "NS-" + Guid.NewGuid().ToString("N")[..8] };
        row?.Invoke(r);
        list.Rows.Add(r);
        await data.ChangeAsync(db => { db.Add(list); return Task.CompletedTask; });
        return (list.Id, r.Id);
    }

    /// <summary>Sets the team's screening rules.</summary>
    public static Task SetRulesAsync(TestData data, Guid team, params SelectionRule[] rules) => data.ChangeAsync(async db =>
    {
        var existing = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Set<ProactiveScreeningSettings>()), s => s.TeamId == team);
        if (existing is null) db.Add(new ProactiveScreeningSettings { TeamId = team, Rules = SelectionRules.Format(rules) });
        else { existing.Rules = SelectionRules.Format(rules); existing.Version = Guid.NewGuid(); }
    });
}
