using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ActionPlans;

/// <summary>
/// Action plans: case workers read a person's plan (and its print and easy-read copies); writing goals, steps and reviews
/// needs <see cref="Permission.WritePlans"/> (docs/security.md, "Action plans"). The plan page's "Done" handler carries
/// <c>[RequiresPermission(Permission.WritePlans)]</c>.
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/ActionPlans", Policies.CaseWork);
        foreach (var page in new[] { "Goal", "EndGoal", "Step", "Review", "ReviewDate" })
            conventions.AuthorizePage($"/ActionPlans/{page}", Policies.For(Permission.WritePlans));
    }
}
