using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Screening;

/// <summary>Screening: case workers read results; completing an instrument or recording an outcome needs <see cref="Permission.Screen"/>.</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Screening", Policies.CaseWork);
        conventions.AuthorizePage("/Screening/Instrument", Policies.For(Permission.Screen));
        conventions.AuthorizePage("/Screening/Outcome", Policies.For(Permission.Screen));
    }
}
