using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.CrisisPlans;

/// <summary>
/// Crisis plans: case workers read them (the plan, its versions, the printed and easy-read copies); writing a new
/// version and texting a copy need <see cref="Permission.WritePlans"/> (docs/security.md, "Crisis plans").
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/CrisisPlans", Policies.CaseWork);
        conventions.AuthorizePage("/CrisisPlans/Edit", Policies.For(Permission.WritePlans));
    }
}
