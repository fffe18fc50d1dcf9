using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Administration;

/// <summary>
/// Every user account, a page at a time by name, searchable by part of a name or email address and filtered by whether
/// it is active: role, teams, two-factor, last sign-in. The search is not audited: these are staff accounts, not records
/// about the people the teams work with.
/// </summary>
[ShowsNoPersonData("Staff accounts (names, emails, roles, teams, sign-in times); no records about the people the teams work with.")]
public class IndexModel(UserAccounts accounts) : PageModel
{
    /// <summary>Accounts listed per page.</summary>
    public const int PageSize = 25;

    /// <summary>Part of a name or email address; at most 256 characters are used.</summary>
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    /// <summary>"Active", "Deactivated" or empty for all.</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public IReadOnlyList<AccountRow> Accounts { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasNext { get; private set; }
    public string? Notice { get; private set; }

    /// <summary>The status filter's choices.</summary>
    public static readonly IReadOnlyList<SelectListItem> StatusItems =
        [new("Active and deactivated", ""), new("Active", nameof(AccountStatus.Active)), new("Deactivated", nameof(AccountStatus.Deactivated))];

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        PageNumber = Math.Clamp(pageNumber, 1, 100_000);
        Notice = TempData["Notice"] as string;
        var search = Search?.Trim() is { Length: > 256 } longSearch ? longSearch[..256] : Search;
        AccountStatus? status = Enum.TryParse<AccountStatus>(Status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        if (status is null) Status = "";
        var page = await accounts.ListAsync(search, status, PageNumber, PageSize, ct);
        (Accounts, HasNext) = (page.Rows, page.HasNext);
    }
}
