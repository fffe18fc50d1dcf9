using Waymark.Fhir;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Waymark.ActionPlans;
using Waymark.Appointments;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Caseload;
using Waymark.Commissioning;
using Waymark.Contacts;
using Waymark.CriminalJustice;
using Waymark.CrisisPlans;
using Waymark.Demo;
using Waymark.DropIns;
using Waymark.Duplicates;
using Waymark.Episodes;
using Waymark.Feedback;
using Waymark.Figures;
using Waymark.Identification;
using Waymark.Instruments;
using Waymark.Liaison;
using Waymark.LongTermAttention;
using Waymark.LiaisonReports;
using Waymark.Mentoring;
using Waymark.People;
using Waymark.ProactiveIdentification;
using Waymark.Persistence;
using Waymark.Referrals;
using Waymark.Reminders;
using Waymark.Screening;
using Waymark.ServiceDirectory;
using Waymark.Support;
using Waymark.SupportNetworks;
using Waymark.Teams;
using Waymark.ThroughTheGate;
using Waymark.Retention;
using Waymark.SubjectAccess;
using Waymark.Training;

namespace Waymark;

/// <summary>
/// Every capability of the pathway, composed once for each host (web app, CLI). A new capability adds its
/// own <c>AddXxx()</c> in its folder and one line here (docs/architecture.md). The host adds who the
/// current user is (<see cref="Access.ICurrentUser"/>) and Identity.
/// </summary>
public static class WaymarkServices
{
    /// <summary>
    /// Registers the database (<c>Database:Provider</c>, <c>ConnectionStrings:Waymark</c>), the clock and every
    /// capability. <paramref name="contentRoot"/> resolves relative folders and files in settings (<c>Instruments:Folder</c>,
    /// a relative SQLite <c>Data Source</c>).
    /// </summary>
    public static IServiceCollection AddWaymarkCore(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddWaymarkDatabase(config, contentRoot);
        services.AddAudit();
        services.AddPeople();
        services.AddIdentification();
        services.AddEpisodes();
        services.AddCaseload();
        services.AddInstruments(config, contentRoot);
        services.AddScreening();
        services.AddAssessment();
        services.AddReferrals();
        services.AddFigures();
        services.AddCommissioning();
        services.AddLiaison();
        services.AddLiaisonReports();
        services.AddCriminalJustice();
        services.AddProactiveIdentification(config);
        services.AddSupport();
        services.AddContacts();
        services.AddDropIns();
        services.AddSupportNetworks();
        services.AddAppointments();
        services.AddMentoring();
        services.AddActionPlans();
        services.AddCrisisPlans();
        services.AddThroughTheGate();
        services.AddReminders(config);
        services.AddServiceDirectory(config);
        services.AddFhir();
        services.AddDuplicates();
        services.AddTeams();
        services.AddLongTermAttention();
        services.AddFeedback();
        services.AddTrainingAndSupervision();
        services.AddRetention(config);
        services.AddSubjectAccess();
        services.AddDemo();
        return services;
    }
}
