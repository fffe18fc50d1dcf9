using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Account;

/// <summary>TOTP enrolment (RFC 6238), required for some roles outside demo mode.</summary>
[ShowsNoPersonData("The signed-in user's own account.")]
public class AuthenticatorModel(UserManager<WaymarkUser> users, HttpCurrentUser current, TeamSignIn teamSignIn, Auditor audit) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public bool Required { get; set; }
    public bool Enabled { get; private set; }
    /// <summary>Recovery codes just generated, shown once (kept between the POST and the next GET in TempData only).</summary>
    public string[] NewRecoveryCodes { get; private set; } = [];
    /// <summary>How many unused recovery codes the user has.</summary>
    public int RecoveryCodesLeft { get; private set; }

    /// <summary>How many recovery codes are made at a time.</summary>
    public const int RecoveryCodeCount = 10;
    private const string CodesKey = "RecoveryCodes";
    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 0) ModelState.AddModelError(nameof(Code), "Enter the security code from your authenticator app");
        else if (code.Length != 6 || !code.All(char.IsAsciiDigit)) ModelState.AddModelError(nameof(Code), "Security code must be 6 numbers");
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            ModelState.AddModelError(nameof(Code), "The security code is not right. Check the key you entered and try again");
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await teamSignIn.SignInAsync(user, current.TeamId, usedTwoFactor: true, continueSession: true);
        await audit.RecordNowAsync(AuditAction.TwoFactorEnrolled, "User", user.Id);
        await NewCodesAsync(user);
        return RedirectToPage();
    }

    /// <summary>Replaces the user's recovery codes with new ones (the old stop working) and shows them once.</summary>
    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await users.GetTwoFactorEnabledAsync(user)) return RedirectToPage();
        await NewCodesAsync(user);
        return RedirectToPage();
    }

    private async Task NewCodesAsync(WaymarkUser user)
    {
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        await audit.RecordNowAsync(AuditAction.RecoveryCodesGenerated, "User", user.Id);
        TempData[CodesKey] = string.Join(' ', codes);
    }

    private async Task LoadAsync(WaymarkUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            NewRecoveryCodes = (TempData[CodesKey] as string ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4) sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        SharedKey = sb.ToString().TrimEnd().ToLowerInvariant();
        AuthenticatorUri = $"otpauth://totp/Waymark:{Uri.EscapeDataString(user.Email ?? user.Id)}?secret={key}&issuer=Waymark&digits=6";
    }
}
