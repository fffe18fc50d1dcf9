using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Waymark.Access;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Diary;

/// <summary>
/// The diary: case workers read their own (a team manager any case worker's); the calendar feed is for those who record
/// contacts (<see cref="Permission.RecordContacts"/>). The feed's own address (<c>/calendar/{token}.ics</c>) is an
/// anonymous endpoint, not a page (<see cref="CalendarFeedEndpoint"/>).
/// </summary>
public sealed class Conventions : IFolderConventions
{
    /// <inheritdoc />
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Diary", Policies.CaseWork);
        conventions.AuthorizePage("/Diary/Feed", Policies.For(Permission.RecordContacts));
    }
}
