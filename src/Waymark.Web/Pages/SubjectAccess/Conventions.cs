using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.SubjectAccess;

/// <summary>Subject access exports (issue 16 item 3): team managers (<see cref="Permission.ExportSubjectAccess"/>).</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/SubjectAccess", Policies.For(Permission.ExportSubjectAccess));
    }
}
