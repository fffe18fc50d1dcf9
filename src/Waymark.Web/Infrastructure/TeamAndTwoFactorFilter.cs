using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Waymark.Access;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// Before any page: a signed-in user who must set a new password (a one-time password, or a change an administrator
/// forced) sets it first; one whose role requires two-factor must enrol (outside demo mode); and they must have chosen a
/// team they belong to. Account pages are exempt so all three can be done.
/// </summary>
public class TeamAndTwoFactorFilter(ICurrentUser user, IOptions<SecurityOptions> security, IOptions<DemoOptions> demo) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var page = context.ActionDescriptor.ViewEnginePath;
        if (http.User.Identity?.IsAuthenticated != true || page.StartsWith("/Account/", StringComparison.Ordinal) || page == "/Error")
        {
            await next();
            return;
        }
        if (http.User.HasClaim(WaymarkClaimsFactory.PasswordChangeRequired, "true"))
        {
            context.Result = new RedirectToPageResult("/Account/Password", new { required = "true" });
            return;
        }
        if (!demo.Value.Enabled
            && security.Value.RequireTwoFactorForRoles.Any(http.User.IsInRole)
            && http.User.FindFirst("amr")?.Value != "mfa"
            && !await HasTwoFactorAsync(http))
        {
            context.Result = new RedirectToPageResult("/Account/Authenticator", new { required = "true" });
            return;
        }
        if (user.TeamId is null)
        {
            context.Result = new RedirectToPageResult("/Account/ChooseTeam", new { returnUrl = http.Request.Path + http.Request.QueryString });
            return;
        }
        await next();
    }

    private static async Task<bool> HasTwoFactorAsync(HttpContext http)
    {
        var users = http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Teams.WaymarkUser>>();
        var u = await users.GetUserAsync(http.User);
        return u is not null && await users.GetTwoFactorEnabledAsync(u);
    }
}
