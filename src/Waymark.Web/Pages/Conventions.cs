using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages;

/// <summary>Root pages: the home page needs a signed-in user; errors, privacy and accessibility are public.</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizePage("/Index");
        conventions.AllowAnonymousToPage("/Error");
        conventions.AllowAnonymousToPage("/Privacy");
        conventions.AllowAnonymousToPage("/Accessibility");
    }
}
