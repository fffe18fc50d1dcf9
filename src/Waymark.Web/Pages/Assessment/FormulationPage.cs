using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Web.Pages.Assessment;

/// <summary>Formulation pages are about a person the team can see (another team's person is a 404).</summary>
public abstract class FormulationPage(WaymarkDbContext db) : PageModel
{
    [FromRoute] public Guid PersonId { get; set; }
    public string PersonName { get; private set; } = "";
    private Dictionary<string, string> _names = [];

    protected WaymarkDbContext Db => db;

    protected async Task<bool> LoadPersonAsync(CancellationToken ct)
    {
        var p = await db.People.AsNoTracking().Where(x => x.Id == PersonId)
            .Select(x => new { x.GivenName, x.FamilyName }).FirstOrDefaultAsync(ct);
        if (p is null) return false;
        PersonName = Waymark.People.PersonNames.Full(p.GivenName, p.FamilyName);
        return true;
    }

    protected async Task LoadNamesAsync(IEnumerable<string?> userIds, CancellationToken ct)
    {
        _names = await db.DisplayNamesAsync(userIds, ct);
    }

    public string NameOf(string? userId) => userId is not null && _names.TryGetValue(userId, out var n) ? n : "unknown";
}
