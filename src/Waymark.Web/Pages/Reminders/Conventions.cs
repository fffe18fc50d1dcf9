using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Reminders;

/// <summary>A person's reminders and marking a failed one as dealt with: case workers (docs/security.md, "Reminders through GOV.UK Notify").</summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions) => conventions.AuthorizeFolder("/Reminders", Policies.CaseWork);
}
