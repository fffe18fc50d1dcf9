using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.LongTermAttention;

/// <summary>
/// People who need long-term attention (issue 15 item 5): team managers only (<see cref="Policies.ManageTeam"/>); never
/// commissioners, practitioners, support workers or volunteers (docs/security.md).
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions) =>
        conventions.AuthorizeFolder("/LongTermAttention", Policies.ManageTeam);
}
