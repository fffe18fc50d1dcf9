using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.LegalHolds;

/// <summary>Legal holds on a person's records (issue 16 item 2): team managers (<see cref="Permission.PlaceLegalHold"/>).</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/LegalHolds", Policies.For(Permission.PlaceLegalHold));
    }
}
