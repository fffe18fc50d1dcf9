using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.ServiceDirectory;
using Waymark.Teams;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>Who may open which page: signed out, each role, and users of another team.</summary>
public abstract class AuthorisationTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : AuthorisationTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : AuthorisationTests(app);

    private const Expect Y = Expect.Allowed, F = Expect.Forbidden, S = Expect.SignInRequired, N = Expect.NotFound, O = Expect.OwnTeamData;

    /// <summary>What each role, and a signed-out visitor, gets from a page or handler.</summary>
    internal sealed record Access(string Who, Expect Practitioner, Expect SupportWorker, Expect TeamManager, Expect Volunteer, Expect Commissioner, Expect Administrator, Expect SignedOut)
    {
        public Expect For(string role) => role switch
        {
            Roles.Practitioner => Practitioner,
            Roles.SupportWorker => SupportWorker,
            Roles.TeamManager => TeamManager,
            Roles.Volunteer => Volunteer,
            Roles.Commissioner => Commissioner,
            Roles.Administrator => Administrator,
            _ => throw new ArgumentOutOfRangeException(nameof(role)),
        };
    }

    //                                                                        Practitioner SupportWorker TeamManager Volunteer Commissioner Administrator SignedOut
    private static readonly Access Public = new("anyone", Y, Y, Y, Y, Y, Y, Y);
    private static readonly Access PublicForm = new("anyone, with the form's antiforgery token", Y, Y, Y, Y, Y, Y, Expect.AntiforgeryRefused);
    private static readonly Access TwoFactorStep = new("only during a sign-in", Expect.StartOver, Expect.StartOver, Expect.StartOver, Expect.StartOver, Expect.StartOver, Expect.StartOver, Expect.StartOver);
    private static readonly Access SignedIn = new("any signed-in user", Y, Y, Y, Y, Y, Y, S);
    private static readonly Access DeniedPage = new("the access-denied page: 403 for every signed-in user", F, F, F, F, F, F, S);
    private static readonly Access CaseWork = new("case workers", Y, Y, Y, F, F, F, S);
    private static readonly Access Managers = new("team managers", F, F, Y, F, F, F, S);
    private static readonly Access MemberManagers = new("team managers and administrators", F, F, Y, F, F, Y, S);
    private static readonly Access Administrators = new("administrators", F, F, F, F, F, Y, S);
    // Identification, screening, assessment, formulation and discharge: not support workers (Permissions; docs/security.md).
    private static readonly Access Clinical = new("practitioners and team managers", Y, F, Y, F, F, F, S);
    // A volunteer mentor's own pages (Permission.Mentor): case workers use the person's record instead (docs/security.md, "Volunteer mentors").
    private static readonly Access Mentors = new("volunteer mentors", F, F, F, Y, F, F, S);
    // The commissioner view and monthly dataset (Permission.ViewCommissionedFigures): aggregates and pseudonymised rows only.
    private static readonly Access Commissioners = new("commissioners", F, F, F, F, Y, F, S);

    /// <summary>Northshire records every row can point at; the draft belongs to the user being checked.</summary>
    internal sealed record World(Guid Person, Guid Episode, Guid Draft, Guid Pair, Guid Merged, Guid Merge, Guid Service,
        Guid OtherPerson, Guid Referral, Guid Completion, string PractitionerId)
    {
        public Guid Agency { get; init; }
        public Guid Consent { get; init; }
        public Guid LiaisonReport { get; init; }
        public Guid ProactiveList { get; init; }
        public Guid ProactiveRow { get; init; }
        public Guid Contact { get; init; }
        public Guid Appointment { get; init; }
        public Guid DropIn { get; init; }
        public Guid NetworkMember { get; init; }
        /// <summary>A Northshire person mentored by the demo volunteer (an active pairing).</summary>
        public Guid Mentee { get; init; }
        public Guid ActionGoal { get; init; }
        public Guid ActionStep { get; init; }
        /// <summary>A person of Northshire whose release plan is recorded as released (the follow-up page needs one).</summary>
        public Guid ReleasedPerson { get; init; }
        /// <summary>A Northshire training session (issue 15 item 7).</summary>
        public Guid Training { get; init; }
    }

    /// <summary>
    /// One row per routed page and handler ("GET /People/Details", "POST /Episodes/Details?handler=Close"): the URL it is
    /// checked at, who may use it, and what a team manager of another team gets (404 for a record of this team;
    /// their own team's data for lists and settings). <paramref name="Unprotected"/>: the page takes posts without a token.
    /// </summary>
    internal sealed record Row(string Handler, Func<World, string> Url, Access Access, Expect OtherTeam, bool Unprotected = false)
    {
        public bool IsPost => Handler.StartsWith("POST ", StringComparison.Ordinal);
    }

    internal static readonly Row[] Matrix =
    [
        // Root and account pages
        new("GET /Index", _ => "/", SignedIn, O),
        new("GET /Error", _ => "/error/200", Public, Y),
        new("POST /Error", _ => "/error/200", Public, Y, Unprotected: true),
        new("GET /Privacy", _ => "/privacy", Public, Y),
        new("GET /Accessibility", _ => "/accessibility", Public, Y),
        new("GET /Account/SignIn", _ => "/account/sign-in", Public, Y),
        new("POST /Account/SignIn", _ => "/account/sign-in", PublicForm, Y),
        new("GET /Account/TwoFactor", _ => "/account/two-factor", TwoFactorStep, Expect.StartOver),
        new("POST /Account/TwoFactor", _ => "/account/two-factor", PublicForm, Y),
        new("GET /Account/SignOut", _ => "/account/sign-out", SignedIn, Y),
        new("POST /Account/SignOut", _ => "/account/sign-out", SignedIn, Y),
        new("GET /Account/AccessDenied", _ => "/account/access-denied", DeniedPage, F),
        new("GET /Account/ForgottenPassword", _ => "/account/forgotten-password", Public, Y),
        new("GET /Account/ChooseTeam", _ => "/account/choose-team", SignedIn, Y),
        new("POST /Account/ChooseTeam", _ => "/account/choose-team", SignedIn, Y),
        new("GET /Account/Authenticator", _ => "/account/authenticator", SignedIn, Y),
        new("POST /Account/Authenticator", _ => "/account/authenticator", SignedIn, Y),
        new("POST /Account/Authenticator?handler=RecoveryCodes", _ => "/account/authenticator?handler=RecoveryCodes", SignedIn, Y),
        new("GET /Account/RecoveryCode", _ => "/account/recovery-code", TwoFactorStep, Expect.StartOver),
        new("POST /Account/RecoveryCode", _ => "/account/recovery-code", PublicForm, Y),
        new("GET /Account/Index", _ => "/account", SignedIn, Y),
        new("GET /Account/Password", _ => "/account/password", SignedIn, Y),
        new("POST /Account/Password", _ => "/account/password", SignedIn, Y),
        new("POST /Account/Index?handler=SignOutEverywhere", _ => "/account?handler=SignOutEverywhere", SignedIn, Y),
        // People
        new("GET /People/Index", _ => "/people", CaseWork, O),
        new("GET /People/Details", w => $"/people/{w.Person}", CaseWork, N),
        new("GET /People/Details", w => $"/people/{w.Merged}", CaseWork, N),
        new("GET /People/Edit", w => $"/people/{w.Person}/edit", CaseWork, N),
        new("POST /People/Edit", w => $"/people/{w.Person}/edit", CaseWork, N),
        // Identification
        new("GET /Identification/Start", _ => "/identification", Clinical, Y),
        new("GET /Identification/Start", w => $"/identification?person={w.Person}", Clinical, N),
        new("POST /Identification/Start", _ => "/identification", Clinical, Y),
        new("POST /Identification/Start", w => $"/identification?person={w.Person}", Clinical, N),
        .. Drafts.Steps.SelectMany(step => new Row[]
        {
            new($"GET /Identification/{DraftPage(step)}", w => $"/identification/{w.Draft}/{step}", Clinical, N),
            new($"POST /Identification/{DraftPage(step)}", w => $"/identification/{w.Draft}/{step}", Clinical, N),
        }),
        // Episodes and caseload
        new("GET /Episodes/Details", w => $"/episodes/{w.Episode}", CaseWork, N),
        new("POST /Episodes/Details?handler=Milestone", w => $"/episodes/{w.Episode}?handler=Milestone", CaseWork, N),
        new("POST /Episodes/Details?handler=Close", w => $"/episodes/{w.Episode}?handler=Close", Clinical, N),
        new("POST /Episodes/Details?handler=Take", w => $"/episodes/{w.Episode}?handler=Take", CaseWork, N),
        new("GET /Episodes/Allocate", w => $"/episodes/{w.Episode}/allocate", Managers, N),
        new("POST /Episodes/Allocate", w => $"/episodes/{w.Episode}/allocate", Managers, N),
        new("GET /Episodes/PlannedEnd", w => $"/episodes/{w.Episode}/planned-end", CaseWork, N),
        new("POST /Episodes/PlannedEnd", w => $"/episodes/{w.Episode}/planned-end", Clinical, N),
        new("GET /Caseload/Index", _ => "/caseload", CaseWork, O),
        new("GET /Caseload/Mine", _ => "/caseload/mine", CaseWork, O),
        new("GET /Caseload/Unallocated", _ => "/caseload/unallocated", CaseWork, O),
        new("GET /Caseload/NotInTouch", _ => "/caseload/not-in-touch", CaseWork, O),
        new("GET /Caseload/Endings", _ => "/caseload/endings", CaseWork, O),
        // Screening and assessment
        new("GET /Screening/Index", w => $"/episodes/{w.Episode}/screening", CaseWork, N),
        new("GET /Screening/Instrument", w => $"/episodes/{w.Episode}/screening/phq-9", Clinical, N),
        new("POST /Screening/Instrument", w => $"/episodes/{w.Episode}/screening/phq-9", Clinical, N),
        new("GET /Screening/Outcome", w => $"/episodes/{w.Episode}/screening/outcome", Clinical, N),
        new("POST /Screening/Outcome", w => $"/episodes/{w.Episode}/screening/outcome", Clinical, N),
        new("GET /Screening/Result", w => $"/screening/results/{w.Completion}", CaseWork, N),
        new("GET /Screening/Result?handler=Fhir", w => $"/screening/results/{w.Completion}?handler=Fhir", CaseWork, N),
        new("GET /Screening/History", w => $"/people/{w.Person}/screening", CaseWork, N),
        new("GET /Screening/Library", _ => "/screening/instruments", CaseWork, Y),
        new("GET /Screening/Library?handler=Fhir", _ => "/screening/instruments?handler=Fhir&id=phq-9", CaseWork, Y),
        new("GET /Assessment/Assessment", w => $"/episodes/{w.Episode}/assessment", CaseWork, N),
        new("POST /Assessment/Assessment", w => $"/episodes/{w.Episode}/assessment", Clinical, N),
        new("GET /Assessment/Formulation", w => $"/people/{w.Person}/formulation", CaseWork, N),
        new("POST /Assessment/Formulation", w => $"/people/{w.Person}/formulation", Clinical, N),
        new("GET /Assessment/FormulationHistory", w => $"/people/{w.Person}/formulation/history", CaseWork, N),
        new("GET /Assessment/FormulationVersion", w => $"/people/{w.OtherPerson}/formulation/1", CaseWork, N),
        // Service directory
        new("GET /Directory/Index", _ => "/directory", CaseWork, O),
        new("GET /Directory/Index", _ => "/directory?Need=housing&Place=NS1", CaseWork, O),
        new("GET /Directory/New", _ => "/directory/services/new", CaseWork, Y),
        new("POST /Directory/New", _ => "/directory/services/new", CaseWork, Y),
        new("GET /Directory/Service", w => $"/directory/services/{w.Service}", CaseWork, N),
        new("POST /Directory/Service?handler=Verify", w => $"/directory/services/{w.Service}?handler=Verify", CaseWork, N),
        new("GET /Directory/Edit", w => $"/directory/services/{w.Service}/edit", CaseWork, N),
        new("POST /Directory/Edit", w => $"/directory/services/{w.Service}/edit", CaseWork, N),
        new("GET /Directory/Import", _ => "/directory/import", Managers, O),
        new("POST /Directory/Import", _ => "/directory/import", Managers, O),
        new("GET /Directory/Export", _ => "/directory/export", Managers, O),
        new("POST /Directory/Export", _ => "/directory/export", Managers, O),
        // Criminal justice agencies (team reference data) and sharing with the criminal justice system
        new("GET /Agencies/Index", _ => "/agencies", CaseWork, O),
        new("GET /Agencies/Agency", w => $"/agencies/{w.Agency}", CaseWork, N),
        new("POST /Agencies/Agency?handler=Retire", w => $"/agencies/{w.Agency}?handler=Retire", Managers, N),
        new("POST /Agencies/Agency?handler=Reinstate", w => $"/agencies/{w.Agency}?handler=Reinstate", Managers, N),
        new("GET /Agencies/New", _ => "/agencies/new", Managers, Y),
        new("POST /Agencies/New", _ => "/agencies/new", Managers, Y),
        new("GET /Agencies/Edit", w => $"/agencies/{w.Agency}/edit", Managers, N),
        new("POST /Agencies/Edit", w => $"/agencies/{w.Agency}/edit", Managers, N),
        new("GET /Agencies/Import", _ => "/agencies/import", Managers, O),
        new("POST /Agencies/Import", _ => "/agencies/import", Managers, O),
        new("POST /Agencies/Import?handler=Confirm", _ => "/agencies/import?handler=Confirm", Managers, O),
        new("GET /Agencies/Export", _ => "/agencies/export", Managers, O),
        new("POST /Agencies/Export", _ => "/agencies/export", Managers, O),
        new("GET /Liaison/Consent", w => $"/episodes/{w.Episode}/criminal-justice/consent", CaseWork, N),
        new("POST /Liaison/Consent", w => $"/episodes/{w.Episode}/criminal-justice/consent", CaseWork, N),
        new("GET /Liaison/Withdraw", w => $"/episodes/{w.Episode}/criminal-justice/consent/{w.Consent}/withdraw", CaseWork, N),
        new("POST /Liaison/Withdraw", w => $"/episodes/{w.Episode}/criminal-justice/consent/{w.Consent}/withdraw", CaseWork, N),
        new("GET /Liaison/WithoutConsent", w => $"/episodes/{w.Episode}/criminal-justice/without-consent", Clinical, N),
        new("POST /Liaison/WithoutConsent", w => $"/episodes/{w.Episode}/criminal-justice/without-consent", Clinical, N),
        // Referrals and follow-ups
        new("GET /Referrals/New", w => $"/episodes/{w.Episode}/referrals/new", CaseWork, N),
        new("POST /Referrals/New", w => $"/episodes/{w.Episode}/referrals/new", CaseWork, N),
        new("GET /Referrals/Outcome", w => $"/episodes/{w.Episode}/outcomes/new", CaseWork, N),
        new("GET /Referrals/UnmetNeed", w => $"/episodes/{w.Episode}/unmet-need", CaseWork, N),
        new("POST /Referrals/UnmetNeed", w => $"/episodes/{w.Episode}/unmet-need", CaseWork, N),
        new("POST /Referrals/UnmetNeed?handler=Withdraw", w => $"/episodes/{w.Episode}/unmet-need?handler=Withdraw", CaseWork, N),
        new("POST /Referrals/Outcome", w => $"/episodes/{w.Episode}/outcomes/new", CaseWork, N),
        new("GET /Referrals/Details", w => $"/referrals/{w.Referral}", CaseWork, N),
        new("POST /Referrals/Details?handler=Step", w => $"/referrals/{w.Referral}?handler=Step", CaseWork, N),
        new("POST /Referrals/Details?handler=Task", w => $"/referrals/{w.Referral}?handler=Task", CaseWork, N),
        new("POST /Referrals/Details?handler=Consent", w => $"/referrals/{w.Referral}?handler=Consent", CaseWork, N),
        new("POST /Referrals/Details?handler=Withdraw", w => $"/referrals/{w.Referral}?handler=Withdraw", CaseWork, N),
        new("GET /Referrals/Summary", w => $"/referrals/{w.Referral}/summary", CaseWork, N),
        new("GET /Referrals/Tasks", _ => "/tasks", CaseWork, O),
        new("GET /Referrals/Tasks", _ => "/tasks/team", CaseWork, O),
        new("GET /Referrals/Tasks", _ => "/tasks/episodes", CaseWork, O),
        // Liaison reports: every case worker reads them; writing, checking and sending are clinical (Permission.Screen)
        new("GET /LiaisonReports/New", w => $"/episodes/{w.Episode}/liaison-reports/new", Clinical, N),
        new("POST /LiaisonReports/New", w => $"/episodes/{w.Episode}/liaison-reports/new", Clinical, N),
        new("GET /LiaisonReports/Edit", w => $"/liaison-reports/{w.LiaisonReport}/edit", Clinical, N),
        new("POST /LiaisonReports/Edit", w => $"/liaison-reports/{w.LiaisonReport}/edit", Clinical, N),
        new("GET /LiaisonReports/Preview", w => $"/liaison-reports/{w.LiaisonReport}/preview", Clinical, N),
        new("POST /LiaisonReports/Preview?handler=Send", w => $"/liaison-reports/{w.LiaisonReport}/preview?handler=Send", Clinical, N),
        new("GET /LiaisonReports/Report", w => $"/liaison-reports/{w.LiaisonReport}", CaseWork, N),
        new("GET /LiaisonReports/Report?handler=Pdf", w => $"/liaison-reports/{w.LiaisonReport}?handler=Pdf", CaseWork, N),
        new("POST /LiaisonReports/Report?handler=Correct", w => $"/liaison-reports/{w.LiaisonReport}?handler=Correct", Clinical, N),
        // Criminal justice events and clocks
        new("GET /CriminalJustice/Record", w => $"/episodes/{w.Episode}/criminal-justice/arrest", CaseWork, N),
        new("POST /CriminalJustice/Record", w => $"/episodes/{w.Episode}/criminal-justice/arrest", CaseWork, N),
        new("GET /CriminalJustice/Clocks", _ => "/criminal-justice/clocks", Managers, O),
        new("GET /CriminalJustice/ClockTargets", _ => "/criminal-justice/clock-targets", Managers, O),
        new("POST /CriminalJustice/ClockTargets", _ => "/criminal-justice/clock-targets", Managers, O),
        // Reminders through GOV.UK Notify: a person's reminders, and marking a failed one as dealt with
        new("GET /Reminders/Person", w => $"/people/{w.Person}/reminders", CaseWork, N),
        new("POST /Reminders/Person?handler=DealtWith", w => $"/people/{w.Person}/reminders?handler=DealtWith", CaseWork, N),
        // Team settings and figures
        new("GET /Team/Targets", _ => "/team/assessment-targets", Managers, O),
        new("POST /Team/Targets", _ => "/team/assessment-targets", Managers, O),
        new("GET /Team/FollowUpSettings", _ => "/team/follow-up", Managers, O),
        new("POST /Team/FollowUpSettings", _ => "/team/follow-up", Managers, O),
        new("GET /Team/SupportSettings", _ => "/team/support-settings", Managers, O),
        new("POST /Team/SupportSettings", _ => "/team/support-settings", Managers, O),
        new("GET /Team/Capacity", _ => "/caseload/capacity", Managers, O),
        new("POST /Team/Capacity", _ => "/caseload/capacity", Managers, O),
        new("GET /Figures/Index", _ => "/figures", Managers, O),
        new("GET /Figures/UnmetNeed", _ => "/figures/unmet-need", Managers, O),
        new("GET /Commissioning/Index", _ => "/commissioning", Commissioners, F),
        new("GET /Commissioning/Dataset", _ => "/commissioning/dataset", Commissioners, F),
        new("POST /Commissioning/Dataset", _ => "/commissioning/dataset", Commissioners, F),
        new("GET /Team/Members", _ => "/team/members", MemberManagers, O),
        new("GET /Team/Member", w => $"/team/members/{w.PractitionerId}", MemberManagers, N),
        new("POST /Team/Member?handler=SignOutEverywhere", w => $"/team/members/{w.PractitionerId}?handler=SignOutEverywhere", MemberManagers, N),
        new("POST /Team/Member?handler=Withdraw", w => $"/team/members/{w.PractitionerId}?handler=Withdraw", MemberManagers, N),
        new("POST /Team/Member?handler=Unlock", w => $"/team/members/{w.PractitionerId}?handler=Unlock", MemberManagers, N),
        new("POST /Team/Member?handler=ResetTwoFactor", w => $"/team/members/{w.PractitionerId}?handler=ResetTwoFactor", Administrators, F),
        new("POST /Team/Member?handler=ResetPassword", w => $"/team/members/{w.PractitionerId}?handler=ResetPassword", MemberManagers, N),
        // Administration of users (issue 16 item 4): administrators only, whatever team the account is in.
        new("GET /Administration/Index", _ => "/administration", Administrators, F),
        new("GET /Administration/NewUser", _ => "/administration/users/new", Administrators, F),
        new("POST /Administration/NewUser", _ => "/administration/users/new", Administrators, F),
        new("GET /Administration/User", w => $"/administration/users/{w.PractitionerId}", Administrators, F),
        new("POST /Administration/User?handler=Deactivate", w => $"/administration/users/{w.PractitionerId}?handler=Deactivate", Administrators, F),
        new("POST /Administration/User?handler=Reactivate", w => $"/administration/users/{w.PractitionerId}?handler=Reactivate", Administrators, F),
        new("POST /Administration/User?handler=SetRole", w => $"/administration/users/{w.PractitionerId}?handler=SetRole", Administrators, F),
        new("POST /Administration/User?handler=AddToTeam", w => $"/administration/users/{w.PractitionerId}?handler=AddToTeam", Administrators, F),
        new("POST /Administration/User?handler=RemoveFromTeam", w => $"/administration/users/{w.PractitionerId}?handler=RemoveFromTeam", Administrators, F),
        new("POST /Administration/User?handler=ResetTwoFactor", w => $"/administration/users/{w.PractitionerId}?handler=ResetTwoFactor", Administrators, F),
        new("POST /Administration/User?handler=RequirePasswordChange", w => $"/administration/users/{w.PractitionerId}?handler=RequirePasswordChange", Administrators, F),
        new("POST /Administration/User?handler=ResetPassword", w => $"/administration/users/{w.PractitionerId}?handler=ResetPassword", Administrators, F),
        // Audit trails and duplicates
        new("GET /Audit/Index", _ => "/audit", Managers, O),
        new("GET /Audit/Person", w => $"/audit/people/{w.Person}", Managers, N),
        new("GET /Audit/User", w => $"/audit/users/{w.PractitionerId}", Managers, N),
        new("GET /Duplicates/Index", _ => "/duplicates", Managers, O),
        new("POST /Duplicates/Index?handler=Scan", _ => "/duplicates?handler=Scan", Managers, O),
        new("GET /Duplicates/Review", w => $"/duplicates/{w.Pair}", Managers, N),
        new("POST /Duplicates/Review", w => $"/duplicates/{w.Pair}", Managers, N),
        new("GET /Duplicates/Merge", w => $"/duplicates/merges/{w.Merge}", Managers, N),
        new("POST /Duplicates/Merge?handler=Undo", w => $"/duplicates/merges/{w.Merge}?handler=Undo", Managers, N),
        // Proactive identification from custody and court lists (docs/security.md, "Custody and court lists")
        new("GET /ProactiveIdentification/Index", _ => "/proactive", Clinical, O),
        new("GET /ProactiveIdentification/Import", _ => "/proactive/import", Clinical, O),
        new("POST /ProactiveIdentification/Import", _ => "/proactive/import", Clinical, O),
        new("GET /ProactiveIdentification/Add", _ => "/proactive/add", Clinical, O),
        new("POST /ProactiveIdentification/Add", _ => "/proactive/add", Clinical, O),
        new("GET /ProactiveIdentification/List", w => $"/proactive/lists/{w.ProactiveList}", Clinical, N),
        new("POST /ProactiveIdentification/List?handler=Confirm", w => $"/proactive/lists/{w.ProactiveList}?handler=Confirm", Clinical, N),
        new("POST /ProactiveIdentification/List?handler=Discard", w => $"/proactive/lists/{w.ProactiveList}?handler=Discard", Clinical, N),
        new("POST /ProactiveIdentification/List?handler=Match", w => $"/proactive/lists/{w.ProactiveList}?handler=Match", Clinical, N),
        new("GET /ProactiveIdentification/Rules", _ => "/proactive/rules", Managers, O),
        new("POST /ProactiveIdentification/Rules", _ => "/proactive/rules", Managers, O),
        new("GET /ProactiveIdentification/Figures", _ => "/proactive/figures", Managers, O),
        new("GET /Identification/Start", w => $"/identification?row={w.ProactiveRow}", Clinical, N),
        new("POST /Identification/Start", w => $"/identification?row={w.ProactiveRow}", Clinical, N),
        // Contacts (case notes) and the person's timeline (docs/security.md, "Contacts")
        new("GET /Contacts/New", w => $"/people/{w.Person}/contacts/new", CaseWork, N),
        new("POST /Contacts/New", w => $"/people/{w.Person}/contacts/new", CaseWork, N),
        new("GET /Contacts/Timeline", w => $"/people/{w.Person}/timeline", CaseWork, N),
        new("GET /Contacts/Details", w => $"/contacts/{w.Contact}", CaseWork, N),
        new("GET /Contacts/Correct", w => $"/contacts/{w.Contact}/correct", CaseWork, N),
        new("POST /Contacts/Correct", w => $"/contacts/{w.Contact}/correct", CaseWork, N),
        new("GET /Contacts/EnteredInError", w => $"/contacts/{w.Contact}/entered-in-error", CaseWork, N),
        new("POST /Contacts/EnteredInError", w => $"/contacts/{w.Contact}/entered-in-error", CaseWork, N),
        // Appointments and diaries (issue 13; docs/security.md, "Appointments, diaries and the calendar feed"). The calendar feed itself (/calendar/{token}.ics)
        // is an anonymous endpoint, not a page: Appointments.AppointmentPageTests checks it.
        new("GET /Appointments/Book", w => $"/people/{w.Person}/appointments/new", CaseWork, N),
        new("POST /Appointments/Book", w => $"/people/{w.Person}/appointments/new", CaseWork, N),
        new("GET /Appointments/Details", w => $"/appointments/{w.Appointment}", CaseWork, N),
        new("GET /Appointments/Outcome", w => $"/appointments/{w.Appointment}/outcome", CaseWork, N),
        new("POST /Appointments/Outcome", w => $"/appointments/{w.Appointment}/outcome", CaseWork, N),
        new("GET /Appointments/Reschedule", w => $"/appointments/{w.Appointment}/reschedule", CaseWork, N),
        new("POST /Appointments/Reschedule", w => $"/appointments/{w.Appointment}/reschedule", CaseWork, N),
        // Action plans (issue 14 item 1; docs/security.md, "Action plans"): case workers read; writing needs WritePlans (the same roles).
        new("GET /ActionPlans/Index", w => $"/people/{w.Person}/action-plan", CaseWork, N),
        new("POST /ActionPlans/Index?handler=Done", w => $"/people/{w.Person}/action-plan?handler=Done", CaseWork, N),
        new("GET /ActionPlans/Print", w => $"/people/{w.Person}/action-plan/print", CaseWork, N),
        new("GET /ActionPlans/EasyRead", w => $"/people/{w.Person}/action-plan/easy-read", CaseWork, N),
        new("GET /ActionPlans/Goal", w => $"/people/{w.Person}/action-plan/goal", CaseWork, N),
        new("GET /ActionPlans/Goal", w => $"/people/{w.Person}/action-plan/goal/{w.ActionGoal}", CaseWork, N),
        new("POST /ActionPlans/Goal", w => $"/people/{w.Person}/action-plan/goal/{w.ActionGoal}", CaseWork, N),
        new("GET /ActionPlans/EndGoal", w => $"/people/{w.Person}/action-plan/goal/{w.ActionGoal}/end", CaseWork, N),
        new("POST /ActionPlans/EndGoal", w => $"/people/{w.Person}/action-plan/goal/{w.ActionGoal}/end", CaseWork, N),
        new("GET /ActionPlans/Step", w => $"/people/{w.Person}/action-plan/goal/{w.ActionGoal}/step", CaseWork, N),
        new("GET /ActionPlans/Step", w => $"/people/{w.Person}/action-plan/goal/{w.ActionGoal}/step/{w.ActionStep}", CaseWork, N),
        new("POST /ActionPlans/Step", w => $"/people/{w.Person}/action-plan/goal/{w.ActionGoal}/step/{w.ActionStep}", CaseWork, N),
        new("GET /ActionPlans/Review", w => $"/people/{w.Person}/action-plan/review", CaseWork, N),
        new("POST /ActionPlans/Review", w => $"/people/{w.Person}/action-plan/review", CaseWork, N),
        new("GET /ActionPlans/ReviewDate", w => $"/people/{w.Person}/action-plan/review-date", CaseWork, N),
        new("POST /ActionPlans/ReviewDate", w => $"/people/{w.Person}/action-plan/review-date", CaseWork, N),
        new("GET /Diary/Index", _ => "/diary", CaseWork, O),
        new("GET /Diary/Week", _ => "/diary/week", CaseWork, O),
        new("GET /Diary/Feed", _ => "/diary/feed", CaseWork, O),
        new("POST /Diary/Feed?handler=Create", _ => "/diary/feed?handler=Create", CaseWork, O),
        new("POST /Diary/Feed?handler=Revoke", _ => "/diary/feed?handler=Revoke", CaseWork, O),
        // Drop-ins (issue 14 item 3; docs/security.md, "Drop-ins"): reopening support is clinical (RecordIdentification).
        new("GET /DropIns/Index", _ => "/drop-ins", CaseWork, O),
        new("GET /DropIns/New", w => $"/people/{w.Person}/drop-ins/new", CaseWork, N),
        new("POST /DropIns/New", w => $"/people/{w.Person}/drop-ins/new", CaseWork, N),
        new("GET /DropIns/Details", w => $"/drop-ins/{w.DropIn}", CaseWork, N),
        new("POST /DropIns/Details?handler=Reopen", w => $"/drop-ins/{w.DropIn}?handler=Reopen", Clinical, N),
        // Families and support networks (issue 14 item 5; docs/security.md, "Families and support networks").
        new("GET /SupportNetworks/Index", w => $"/people/{w.Person}/support-network", CaseWork, N),
        new("GET /SupportNetworks/Add", w => $"/people/{w.Person}/support-network/add", CaseWork, N),
        new("POST /SupportNetworks/Add", w => $"/people/{w.Person}/support-network/add", CaseWork, N),
        new("GET /SupportNetworks/Change", w => $"/support-network/{w.NetworkMember}/change", CaseWork, N),
        new("POST /SupportNetworks/Change", w => $"/support-network/{w.NetworkMember}/change", CaseWork, N),
        new("GET /SupportNetworks/Remove", w => $"/support-network/{w.NetworkMember}/remove", CaseWork, N),
        new("POST /SupportNetworks/Remove", w => $"/support-network/{w.NetworkMember}/remove", CaseWork, N),
        // Volunteer mentors (issue 14 item 6; docs/security.md, "Volunteer mentors"): the mentor's pages, and pairing by team managers
        new("GET /Mentoring/Index", _ => "/mentoring", Mentors, F),
        new("GET /Mentoring/Mentee", w => $"/mentoring/{w.Mentee}", Mentors, F),
        new("GET /Mentoring/NewContact", w => $"/mentoring/{w.Mentee}/contacts/new", Mentors, F),
        new("POST /Mentoring/NewContact", w => $"/mentoring/{w.Mentee}/contacts/new", Mentors, F),
        new("GET /Mentoring/NewAppointment", w => $"/mentoring/{w.Mentee}/appointments/new", Mentors, F),
        new("POST /Mentoring/NewAppointment", w => $"/mentoring/{w.Mentee}/appointments/new", Mentors, F),
        new("GET /Mentoring/Pair", w => $"/people/{w.Person}/mentoring", Managers, N),
        new("POST /Mentoring/Pair", w => $"/people/{w.Person}/mentoring", Managers, N),
        new("GET /Mentoring/End", w => $"/people/{w.Mentee}/mentoring/end", Managers, N),
        new("POST /Mentoring/End", w => $"/people/{w.Mentee}/mentoring/end", Managers, N),
        new("GET /Team/Mentoring", _ => "/team/mentoring", Managers, O),
        // Crisis plans (issue 14; docs/security.md, "Crisis plans"): case workers read; WritePlans (the same three roles) writes and texts.
        new("GET /CrisisPlans/Index", w => $"/people/{w.Person}/crisis-plan", CaseWork, N),
        new("POST /CrisisPlans/Index?handler=Text", w => $"/people/{w.Person}/crisis-plan?handler=Text", CaseWork, N),
        new("GET /CrisisPlans/Version", w => $"/people/{w.Person}/crisis-plan/versions/1", CaseWork, N),
        new("GET /CrisisPlans/Edit", w => $"/people/{w.Person}/crisis-plan/edit", CaseWork, N),
        new("POST /CrisisPlans/Edit", w => $"/people/{w.Person}/crisis-plan/edit", CaseWork, N),
        new("GET /CrisisPlans/Print", w => $"/people/{w.Person}/crisis-plan/print", CaseWork, N),
        new("GET /CrisisPlans/EasyRead", w => $"/people/{w.Person}/crisis-plan/easy-read", CaseWork, N),
        // Through the gate: release plans (issue 14 item 4; docs/security.md, "Through the gate"). Person holds an open plan.
        new("GET /ThroughTheGate/Index", _ => "/releases", CaseWork, O),
        new("GET /ThroughTheGate/Index", _ => "/releases?view=follow-ups", CaseWork, O),
        new("GET /ThroughTheGate/Plan", w => $"/people/{w.Person}/release", CaseWork, N),
        new("GET /ThroughTheGate/Edit", w => $"/people/{w.Person}/release/edit", CaseWork, N),
        new("POST /ThroughTheGate/Edit", w => $"/people/{w.Person}/release/edit", CaseWork, N),
        new("GET /ThroughTheGate/Released", w => $"/people/{w.Person}/release/released", CaseWork, N),
        new("POST /ThroughTheGate/Released", w => $"/people/{w.Person}/release/released", CaseWork, N),
        new("GET /ThroughTheGate/Cancel", w => $"/people/{w.Person}/release/cancel", CaseWork, N),
        new("POST /ThroughTheGate/Cancel", w => $"/people/{w.Person}/release/cancel", CaseWork, N),
        new("GET /ThroughTheGate/FollowUp", w => $"/people/{w.ReleasedPerson}/release/follow-up", CaseWork, N),
        new("POST /ThroughTheGate/FollowUp", w => $"/people/{w.ReleasedPerson}/release/follow-up", CaseWork, N),
        // Issue 15 items 5-7 (docs/security.md): the long-term attention list, feedback, training and supervision.
        new("GET /LongTermAttention/Index", _ => "/long-term-attention?Purpose=monitoring", Managers, O),
        new("GET /Feedback/Give", _ => "/feedback/give", CaseWork, O),
        new("POST /Feedback/Give", _ => "/feedback/give", CaseWork, O),
        new("GET /Feedback/Thanks", _ => "/feedback/thanks", CaseWork, O),
        new("GET /Feedback/Unlock", _ => "/feedback/unlock", CaseWork, O),
        new("POST /Feedback/Unlock", _ => "/feedback/unlock", CaseWork, O),
        new("GET /Feedback/Sheet", _ => "/feedback/sheet", CaseWork, O),
        new("GET /Feedback/TypeIn", _ => "/feedback/type-in", CaseWork, O),
        new("POST /Feedback/TypeIn", _ => "/feedback/type-in", CaseWork, O),
        new("GET /Feedback/Comments", _ => "/feedback/comments", Managers, O),
        new("GET /Training/Index", _ => "/training", CaseWork, O),
        new("GET /Training/New", _ => "/training/new", CaseWork, O),
        new("POST /Training/New", _ => "/training/new", CaseWork, O),
        new("GET /Training/Edit", w => $"/training/{w.Training}/edit", CaseWork, N),
        new("POST /Training/Edit", w => $"/training/{w.Training}/edit", CaseWork, N),
        new("GET /Supervision/Index", _ => "/supervision", Managers, O),
        new("GET /Supervision/Record", _ => "/supervision/record", Managers, O),
        new("POST /Supervision/Record", _ => "/supervision/record", Managers, O),
        new("GET /Supervision/Mine", _ => "/supervision/mine", CaseWork, O),
        // Records governance (issue 16 items 2 and 3; docs/security.md): legal holds and subject access exports by team
        // managers of the person's team; retention (rules, next run, destruction log, start a run) by administrators.
        new("GET /LegalHolds/Index", w => $"/people/{w.Person}/legal-hold", Managers, N),
        new("POST /LegalHolds/Index", w => $"/people/{w.Person}/legal-hold", Managers, N),
        new("POST /LegalHolds/Index?handler=Lift", w => $"/people/{w.Person}/legal-hold?handler=Lift", Managers, N),
        new("GET /SubjectAccess/Index", w => $"/people/{w.Person}/subject-access", Managers, N),
        new("POST /SubjectAccess/Index", w => $"/people/{w.Person}/subject-access", Managers, N),
        new("GET /Retention/Index", _ => "/retention", Administrators, F),
        new("POST /Retention/Index", _ => "/retention", Administrators, F),
    ];

    private static string DraftPage(string step) => step switch
    {
        "setting" => "Setting",
        "reason" => "Reason",
        "person" => "Person",
        "matches" => "Matches",
        "check" => "CheckAnswers",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>The records the matrix points at, in Northshire, with a journey draft of <paramref name="email"/>.</summary>
    private Task<World> WorldAsync(string email) => WorldAsync(app, email);

    /// <summary>The records the matrix points at (see <see cref="WorldAsync(string)"/>), for other walks over the matrix.</summary>
    internal static async Task<World> WorldAsync(AppFixture app, string email)
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var draft = await app.Data.AddCompleteDraftAsync(email, app.Data.Northshire);
        var (_, _, pair) = await app.Data.PlantPairAsync(app.Data.Northshire);
        var (_, merged, merge) = await app.Data.MergedPairAsync(app.Data.Northshire);
        var service = await app.Data.AddServiceAsync(app.Data.Northshire);
        var (other, referral, completion) = await ReferredPersonAsync(app);
        var agency = await Liaison.LiaisonData.AddAgencyAsync(app.Data, app.Data.Northshire);
        var consent = await Liaison.LiaisonData.AddConsentAsync(app.Data, episode, agency.Id);
        var report = await LiaisonReports.LiaisonReportData.AddReportDraftAsync(app.Data, episode, (await LiaisonReports.LiaisonReportData.AddAgencyAsync(app.Data, app.Data.Northshire)).Id);
        var (list, row) = await ProactiveIdentification.ProactiveData.AddListAsync(app.Data, app.Data.Northshire);
        var contact = await Contacts.ContactData.AddContactAsync(app.Data, episode, app.Data.UserId(Users.Practitioner));
        var (_, actionGoal, actionStep) = await ActionPlans.ActionPlanData.AddPlanAsync(app.Data, app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        await CrisisPlans.CrisisPlanData.AddCrisisPlanAsync(app.Data, app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        await ThroughTheGate.ReleaseData.AddReleasePlanAsync(app.Data, episode);
        var (released, releasedEpisode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await ThroughTheGate.ReleaseData.AddReleasePlanAsync(app.Data, releasedEpisode, -3, p => ThroughTheGate.ReleaseData.Released(p, p.ExpectedReleaseOn, app.Data.UserId(Users.Practitioner)));
        return new(person.Id, episode.Id, draft, pair, merged.Id, merge, service.Id, other, referral, completion, app.Data.UserId(Users.Practitioner))
        {
            Agency = agency.Id, Consent = consent.Id, LiaisonReport = report.Id, ProactiveList = list, ProactiveRow = row, Contact = contact.Id,
            Appointment = (await Appointments.AppointmentData.AddAppointmentAsync(app.Data, episode, app.Data.UserId(Users.Practitioner))).Id,
            DropIn = (await DropIns.DropInData.AddDropInAsync(app.Data, person.Id, app.Data.Northshire, app.Data.UserId(Users.Practitioner))).Id,
            NetworkMember = (await DropIns.DropInData.AddMemberAsync(app.Data, person.Id, app.Data.Northshire, app.Data.UserId(Users.Practitioner))).Id,
            Mentee = await MenteeAsync(app),
            ActionGoal = actionGoal.Id, ActionStep = actionStep.Id,
            ReleasedPerson = released.Id,
            Training = await TrainingAsync(app),
        };
    }

    /// <summary>A Northshire training session.</summary>
    private static async Task<Guid> TrainingAsync(AppFixture app)
    {
        var session = new Waymark.Training.TrainingSession
        {
            TeamId = app.Data.Northshire, DeliveredOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), AgencyKind = Waymark.Liaison.AgencyKind.CustodySuite,
            Audience = Waymark.Training.TrainingAudience.CustodyStaff, Topic = Waymark.Training.TrainingTopic.MentalHealthAwareness, Attendees = 5,
            RecordedAt = DateTimeOffset.UtcNow, RecordedByUserId = app.Data.UserId(Users.Practitioner),
        };
        await app.Data.ChangeAsync(db => { db.Add(session); return Task.CompletedTask; });
        return session.Id;
    }

    /// <summary>A Northshire person with an episode, mentored by the demo volunteer.</summary>
    private static async Task<Guid> MenteeAsync(AppFixture app)
    {
        var (mentee, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await Mentoring.MentoringData.AddPairingAsync(app.Data, app.Data.Northshire, mentee.Id, app.Data.UserId(Users.Volunteer));
        return mentee.Id;
    }

    /// <summary>Another person, assessed, with a PHQ-9 result, a referral and a first formulation, made through the pages.</summary>
    private static async Task<(Guid Person, Guid Referral, Guid Completion)> ReferredPersonAsync(AppFixture app)
    {
        var (person, episode, service) = await app.Data.AddAssessedEpisodeWithHousingServiceAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var choose = await client.GetPageAsync($"/episodes/{episode.Id}/referrals/new");
        using var referred = await choose.Form("main form").Set("Choice", $"{service.Id}|housing").Set("Method", "Phone").Set("Supported", "no").SubmitAsync(client);
        var referral = Guid.Parse(Redirects.Path(referred).Split('/')[^1]);
        var phq = await client.GetPageAsync($"/episodes/{episode.Id}/screening/phq-9");
        var answers = phq.Form("main form");
        foreach (var name in phq.Document.QuerySelectorAll("input[type=radio][name^='Answers[']").Select(r => r.GetAttribute("name")!).Distinct())
            answers.Set(name, phq.Document.QuerySelector($"input[type=radio][name='{name}']")!.GetAttribute("value")!);
        using var scored = await answers.SubmitAsync(client);
        var completion = Guid.Parse(Redirects.Path(scored).Split('/')[^1]);
        var formulation = (await client.GetPageAsync($"/people/{person.Id}/formulation")).Form("main form")
            .Set("CoreProblems", "No address").Set("HowTheyRelate", "No benefits").Set("WhatMaintainsThem", "No ID").Set("Plan", "Housing first");
        using (var saved = await formulation.SubmitAsync(client)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return (person.Id, referral, completion);
    }

    /// <summary>Checks every row of the matrix for one user; POSTs carry <paramref name="token"/> (spoiled where the user is allowed).</summary>
    private static async Task AssertMatrixAsync(AppClient client, World world, Func<Row, Expect> expected, string? token, string who)
    {
        var failures = new List<string>();
        // Opening the feedback form puts the browser in hand-over mode (every other page then goes to the unlock page): last.
        foreach (var row in Matrix.OrderBy(r => r.Handler == "GET /Feedback/Give"))
        {
            var url = row.Url(world);
            var failure = row.IsPost
                ? await AccessChecks.CheckPostAsync(client, url, token, expected(row), row.Unprotected)
                : await AccessChecks.CheckAsync(client, url, expected(row));
            if (failure is not null) failures.Add($"{row.Handler}: {failure}");
        }
        Assert.True(failures.Count == 0, $"{who}:\n" + string.Join('\n', failures));
    }

    /// <summary>A valid antiforgery token for the signed-in user, from the sign-out form every page has.</summary>
    private static async Task<string> TokenAsync(AppClient client) =>
        (await client.GetPageAsync("/")).Form("header form[action='/account/sign-out']")["__RequestVerificationToken"]!;

    [Fact]
    public async Task Every_routed_page_and_handler_is_in_the_matrix_and_nothing_else()
    {
        var routed = await RoutedPages.HandlersAsync(app.Factory);
        var listed = Matrix.Select(r => r.Handler).ToHashSet(StringComparer.Ordinal);

        var missing = routed.Except(listed).Order(StringComparer.Ordinal).ToList();
        var stale = listed.Except(routed).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "Routed but not in AuthorisationTests.Matrix (add a row saying who may use it):\n" + string.Join('\n', missing));
        Assert.True(stale.Count == 0, "In AuthorisationTests.Matrix but not routed:\n" + string.Join('\n', stale));
    }

    /// <summary>
    /// No request that a page has no handler for may reach the page: Razor Pages would render it without the data its
    /// GET loads (a 500). A POST (with a valid token) to a page that only shows answers 405, or 404 when it names a
    /// handler; an unknown handler on a GET falls back to the page's own GET, as Razor Pages does.
    /// </summary>
    [Fact]
    public async Task A_post_to_a_page_that_only_shows_is_refused_and_never_renders_the_page_without_its_data()
    {
        var world = await WorldAsync(Users.TeamManager);
        using var client = await app.SignedInAsync(Users.TeamManager);
        var token = await TokenAsync(client);
        var posts = Matrix.Where(r => r.IsPost).Select(r => r.Handler).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var row in Matrix.Where(r => !r.IsPost && r.Access.TeamManager is Expect.Allowed or Expect.OwnTeamData).OrderBy(r => r.Handler == "GET /Feedback/Give"))
        {
            var url = row.Url(world);
            var named = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=Nope";
            if (!posts.Contains("POST " + row.Handler["GET ".Length..]))
            {
                // A URL that names its GET handler names one the page has no POST for: not found.
                var refused = url.Contains("handler=", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.MethodNotAllowed;
                using var posted = await client.PostAsync(url, [new("__RequestVerificationToken", token)]);
                if (posted.StatusCode != refused) failures.Add($"POST {url}: expected {(int)refused}, got {(int)posted.StatusCode}");
                using var postedNamed = await client.PostAsync(named, [new("__RequestVerificationToken", token)]);
                if (postedNamed.StatusCode != HttpStatusCode.NotFound) failures.Add($"POST {named}: expected 404, got {(int)postedNamed.StatusCode}");
            }
            using var got = await client.GetAsync(named);
            if (got.StatusCode != HttpStatusCode.OK) failures.Add($"GET {named}: expected the page (200), got {(int)got.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Signed_out_every_page_redirects_to_sign_in()
    {
        var world = await WorldAsync(Users.Practitioner);
        using var client = app.NewClient();
        await AssertMatrixAsync(client, world, r => r.Access.SignedOut, token: null, "Signed out");
    }

    [Theory]
    [InlineData(Roles.Practitioner)]
    [InlineData(Roles.SupportWorker)]
    [InlineData(Roles.TeamManager)]
    [InlineData(Roles.Volunteer)]
    [InlineData(Roles.Commissioner)]
    [InlineData(Roles.Administrator)]
    public async Task Each_role_reaches_exactly_the_pages_of_its_role(string role)
    {
        var email = Users.ForRole(role);
        var world = await WorldAsync(email);
        using var client = await app.SignedInAsync(email);
        await AssertMatrixAsync(client, world, r => r.Access.For(role), await TokenAsync(client), role);
    }

    [Fact]
    public async Task Another_teams_manager_gets_not_found_for_this_teams_records_and_only_their_own_teams_lists()
    {
        var world = await WorldAsync(Users.Practitioner);
        using var client = await app.SignedInAsync(await app.Data.AddManagerAsync(app.Data.Southshire));
        await AssertMatrixAsync(client, world, r => r.OtherTeam, await TokenAsync(client), "Southshire team manager");
    }

    [Fact]
    public async Task Another_teams_practitioner_gets_not_found_for_a_Northshire_person_episode_and_draft()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var draft = await app.Data.AddCompleteDraftAsync(Users.Practitioner, app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        await AccessChecks.AssertAllAsync(client,
        [
            ($"/people/{person.Id}", Expect.NotFound),
            ($"/people/{person.Id}/edit", Expect.NotFound),
            ($"/episodes/{episode.Id}", Expect.NotFound),
            ($"/identification?person={person.Id}", Expect.NotFound),
            .. Drafts.Steps.Select(step => ($"/identification/{draft}/{step}", Expect.NotFound)),
        ], "Southshire practitioner");
    }

    [Fact]
    public async Task Another_teams_practitioner_cannot_change_a_Northshire_person_or_episode_by_posting()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        var southshireUser = app.Data.UserId(Users.SouthshirePractitioner);
        Task<int> DraftsAsync() => app.Data.QueryAsync(db => db.IdentificationDrafts.CountAsync(d => d.UserId == southshireUser));
        var draftsBefore = await DraftsAsync();
        // A valid antiforgery token for this user, taken from a form they may open.
        var token = (await client.GetPageAsync("/identification")).Form()["__RequestVerificationToken"]!;

        using var edit = await client.PostAsync($"/people/{person.Id}/edit",
            [new("__RequestVerificationToken", token), new("Input.Version", person.Version.ToString()), new("Input.GivenName", "Changed"), new("Input.FamilyName", "Elsewhere")]);
        using var close = await client.PostAsync($"/episodes/{episode.Id}?handler=Close",
            [new("__RequestVerificationToken", token), new("Version", episode.Version.ToString()), new("Reason", "OpenedInError")]);
        using var start = await client.PostAsync("/identification", [new("__RequestVerificationToken", token), new("person", person.Id.ToString())]);

        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, close.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        var (given, closedAt) = await app.Data.QueryAsync(async db => (
            await db.People.Where(p => p.Id == person.Id).Select(p => p.GivenName).SingleAsync(),
            await db.Episodes.Where(e => e.Id == episode.Id).Select(e => e.ClosedAt).SingleAsync()));
        Assert.Equal(person.GivenName, given);
        Assert.Null(closedAt);
        Assert.Equal(draftsBefore, await DraftsAsync());
    }

    [Fact]
    public async Task People_search_finds_only_the_users_own_teams_people()
    {
        var family = TestData.UniqueName("Searchable");
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Morwenna", family, new DateOnly(1970, 7, 7));
        var url = $"/people?Name=Morwenna+{family}";
        using var northshire = await app.SignedInAsync(Users.Practitioner);
        using var southshire = await app.SignedInAsync(Users.SouthshirePractitioner);

        var found = await northshire.GetPageAsync(url);
        var notFound = await southshire.GetPageAsync(url);
        var byDob = await southshire.GetPageAsync("/people?Dob.Day=7&Dob.Month=7&Dob.Year=1970");

        Assert.Contains($"/people/{person.Id}", found.Links("main table a"));
        Assert.DoesNotContain($"/people/{person.Id}", notFound.Links("main a"));
        Assert.Contains("No matching people", notFound.MainText);
        Assert.DoesNotContain($"/people/{person.Id}", byDob.Links("main a"));
    }

    [Fact]
    public async Task Another_teams_practitioner_gets_not_found_for_a_Northshire_service_and_cannot_change_or_verify_it()
    {
        var service = await app.Data.AddServiceAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        await AccessChecks.AssertAllAsync(client,
        [
            ($"/directory/services/{service.Id}", Expect.NotFound),
            ($"/directory/services/{service.Id}/edit", Expect.NotFound),
        ], "Southshire practitioner");
        var search = await client.GetPageAsync($"/directory?Text={Uri.EscapeDataString(service.Name)}");
        Assert.Contains("No matching services", search.MainText);

        var token = (await client.GetPageAsync("/directory/services/new")).Form()["__RequestVerificationToken"]!;
        using var verify = await client.PostAsync($"/directory/services/{service.Id}?handler=Verify", [new("__RequestVerificationToken", token), new("Version", service.Version.ToString())]);
        using var edit = await client.PostAsync($"/directory/services/{service.Id}/edit",
            [new("__RequestVerificationToken", token), new("Input.Version", service.Version.ToString()), new("Input.Name", "Hijacked"), new("Input.NewOrganisationName", "X"), new("Input.OrganisationId", "new"), new("Input.Needs", "food")]);
        Assert.Equal(HttpStatusCode.NotFound, verify.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var stored = await app.Data.QueryAsync(db => db.Services.Where(s => s.Id == service.Id).Select(s => new { s.Name, s.LastVerifiedAt }).SingleAsync());
        Assert.Equal((service.Name, null), (stored.Name, stored.LastVerifiedAt));
    }

    [Fact]
    public async Task A_draft_started_by_a_colleague_in_the_same_team_is_not_found()
    {
        var draft = await app.Data.AddCompleteDraftAsync(Users.Practitioner2, app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        await AccessChecks.AssertAllAsync(client, Drafts.Steps.Select(step => ($"/identification/{draft}/{step}", Expect.NotFound)), "Colleague's draft");
    }

    [Fact]
    public async Task Northshire_team_manager_gets_not_found_for_Southshire_audit_trails()
    {
        var southshirePerson = await app.Data.AddPersonAsync(app.Data.Southshire);
        using var client = await app.SignedInAsync(Users.TeamManager);
        await AccessChecks.AssertAllAsync(client,
        [
            ($"/audit/people/{southshirePerson.Id}", Expect.NotFound),
            ($"/audit/users/{app.Data.UserId(Users.SouthshirePractitioner)}", Expect.NotFound),
            // and their own team's trails do open
            ($"/audit/users/{app.Data.UserId(Users.Practitioner2)}", Expect.Allowed),
        ], "Northshire team manager");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync("/")).Form("header form[action='/account/sign-out']");

        using var signedOut = await form.SubmitAsync(client);

        Assert.Equal("/account/sign-in", Redirects.Path(signedOut));
        using var after = await client.GetAsync("/people");
        Assert.Equal("/account/sign-in", Redirects.Path(after));
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Health_checks_answer_without_signing_in(string url)
    {
        using var client = app.NewClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
