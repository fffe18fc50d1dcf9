using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Waymark.Access;

namespace Waymark.Web.Infrastructure;

/// <summary>Asking the signed-in user's role for a <see cref="Permission"/> (the table is <see cref="Permissions"/>).</summary>
public static class PermissionChecks
{
    /// <summary>Whether any role the user holds has <paramref name="permission"/>; false when signed out.</summary>
    public static bool Can(this ClaimsPrincipal user, Permission permission) =>
        user.Identity?.IsAuthenticated == true && Permissions.RolesWith(permission).Any(user.IsInRole);
}

/// <summary>
/// A page handler that needs a <see cref="Permission"/> beyond the one its folder or page needs (for example, a
/// support worker may open the episode page but not close the episode). Enforced by <see cref="PermissionFilter"/>:
/// a user without it gets 403 and the handler never runs. Whole pages say what they need in their folder's Conventions.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresPermissionAttribute(Permission permission) : Attribute
{
    /// <summary>The permission the handler needs.</summary>
    public Permission Permission { get; } = permission;
}

/// <summary>Refuses (403) a handler marked <see cref="RequiresPermissionAttribute"/> to a user without that permission.</summary>
public sealed class PermissionFilter : IAsyncPageFilter
{
    /// <inheritdoc />
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var needs = context.HandlerMethod?.MethodInfo.GetCustomAttributes(typeof(RequiresPermissionAttribute), inherit: true)
            .Cast<RequiresPermissionAttribute>().FirstOrDefault();
        if (needs is not null && !context.HttpContext.User.Can(needs.Permission))
        {
            context.Result = new ForbidResult();
            return;
        }
        await next();
    }
}
