using Waymark.Teams;

namespace Waymark.Access;

/// <summary>
/// What a role may do with people's records, one value per kind of action. Pages and handlers ask for a
/// permission, never for a role, so that the table in <see cref="Permissions"/> (and its copy in
/// docs/security.md, which a test keeps equal) is the one place that says who may do what.
/// </summary>
public enum Permission
{
    /// <summary>Open people's records, episodes, the caseload, tasks, the services directory and read screening and assessment results.</summary>
    WorkWithCaseRecords,
    /// <summary>Change how to reach a person and their circumstances: phone, email, consent to contact, address, housing, GP, language and communication needs, flags.</summary>
    EditContactDetails,
    /// <summary>Change who a person is: names, dates of birth, sex, gender, ethnic category and identifiers (NHS number, PNC ID, others). These drive matching and merging.</summary>
    EditIdentityDetails,
    /// <summary>Record an identification (a new episode, or a new person).</summary>
    RecordIdentification,
    /// <summary>Complete screening instruments and record a screening outcome (clinical).</summary>
    Screen,
    /// <summary>Record the psychosocial assessment and write the formulation (clinical).</summary>
    Assess,
    /// <summary>Make referrals, record their steps and follow-ups, consent to share, and the episode's outcomes and milestones.</summary>
    Refer,
    /// <summary>Set the planned end of an episode and close it (discharge).</summary>
    CloseEpisodes,
    /// <summary>Become the key worker of one of the team's unallocated episodes ("Take"), without waiting for a manager to allocate it.</summary>
    TakeEpisodes,
    /// <summary>Team settings and figures, allocation, duplicates and merges, the audit trail, directory import and export.</summary>
    ManageTeam,
    /// <summary>The team's members: list them, sign a member out everywhere, withdraw a member from the team (docs/security.md, "Sessions").</summary>
    ManageMembers,
    /// <summary>Reset a member's two-factor authentication (new key, no recovery codes, every session ended), for a lost phone.</summary>
    ResetTwoFactor,
    /// <summary>Record a person's consent to share information about their needs with criminal justice agencies (police, CPS, courts, probation, YOTs, prisons), and its withdrawal.</summary>
    ShareWithCriminalJustice,
    /// <summary>Record a decision to share with criminal justice agencies WITHOUT the person's consent, under a lawful basis, with a second person's agreement (audited as a disclosure).</summary>
    ShareWithoutConsent,
    /// <summary>Record contacts (case notes) and attempts, book appointments and their reminders, record outcomes, and keep a diary and calendar feed (docs/support.md).</summary>
    RecordContacts,
    /// <summary>Write a person's shared action plan and crisis plan with them, print and text the shared copies (docs/support.md).</summary>
    WritePlans,
    /// <summary>
    /// A volunteer mentor's work: their own mentees' names, shared action and crisis plans, their own appointments with them,
    /// and mentoring contacts — nothing clinical, no other person (docs/support.md "Volunteer mentors").
    /// </summary>
    Mentor,
    /// <summary>
    /// A commissioner's figures for the teams they commission (their team memberships): aggregates under disclosure
    /// control and the pseudonymised monthly dataset — never a name, date of birth, identifier or free text (issue 15).
    /// </summary>
    ViewCommissionedFigures,
    /// <summary>Take a person's anonymous feedback on a team device, or type in a paper feedback sheet (users' experience).</summary>
    RecordFeedback,
    /// <summary>
    /// Administer user accounts in the browser (issue 16): create and deactivate users, set their role, add and remove
    /// team memberships in any team, force a password reset. Records are not part of it.
    /// </summary>
    AdministerUsers,
    /// <summary>Reset a forgotten password: a team manager for their team's members, an administrator for anyone (audited).</summary>
    ResetPasswords,
    /// <summary>Answer a subject access request: export everything Waymark holds about one person, with a purpose (audited).</summary>
    ExportSubjectAccess,
    /// <summary>Place and lift a legal hold on a person's records, so retention never destroys them while it stands.</summary>
    PlaceLegalHold,
    /// <summary>See the retention rules, what a run would destroy (as counts and reasons) and the destruction log; start a run.</summary>
    ManageRetention,
}

/// <summary>
/// Which roles hold each <see cref="Permission"/>. Source: PRODUCT.md "Who uses it": a support (community link,
/// peer support) worker needs the caseload, contacts, appointments, accompanying people to services, drop-in and crisis
/// plans, so they read the record and keep contact details and referrals up to date, but identification, clinical
/// screening, assessment, formulation, identity details (which drive matching and merging) and discharge stay with
/// practitioners and team managers. Volunteers and commissioners hold none of these (volunteers will see only their
/// mentees' shared plans; commissioners only aggregate figures); administrators manage users and settings, not records.
/// </summary>
public static class Permissions
{
    private static readonly IReadOnlyDictionary<Permission, IReadOnlyList<string>> Table = new Dictionary<Permission, IReadOnlyList<string>>
    {
        [Permission.WorkWithCaseRecords] = [Roles.Practitioner, Roles.SupportWorker, Roles.TeamManager],
        [Permission.EditContactDetails] = [Roles.Practitioner, Roles.SupportWorker, Roles.TeamManager],
        [Permission.EditIdentityDetails] = [Roles.Practitioner, Roles.TeamManager],
        [Permission.RecordIdentification] = [Roles.Practitioner, Roles.TeamManager],
        [Permission.Screen] = [Roles.Practitioner, Roles.TeamManager],
        [Permission.Assess] = [Roles.Practitioner, Roles.TeamManager],
        [Permission.Refer] = [Roles.Practitioner, Roles.SupportWorker, Roles.TeamManager],
        [Permission.CloseEpisodes] = [Roles.Practitioner, Roles.TeamManager],
        // Everyone who can hold a caseload (Roles.CaseWorkers): a manager could allocate it to them anyway.
        [Permission.TakeEpisodes] = [Roles.Practitioner, Roles.SupportWorker, Roles.TeamManager],
        [Permission.ManageTeam] = [Roles.TeamManager],
        // Access to the service rather than to records: team managers look after their team's members; administrators
        // manage users, and alone reset two-factor (the one way back in for a member with no phone and no recovery codes).
        [Permission.ManageMembers] = [Roles.TeamManager, Roles.Administrator],
        [Permission.ResetTwoFactor] = [Roles.Administrator],
        // Consent to share with the criminal justice system is recorded by whoever is with the person (a support worker
        // at court as much as a practitioner in custody), as consent for referrals is; it is its own permission so it
        // can be narrowed without touching referrals (docs/security.md, "Consent to share with the criminal justice system").
        [Permission.ShareWithCriminalJustice] = [Roles.Practitioner, Roles.SupportWorker, Roles.TeamManager],
        // Overriding confidentiality is a professional judgement (GMC Confidentiality 2017 paras 63-70; Caldicott
        // principle 7): registered practitioners and team managers only.
        [Permission.ShareWithoutConsent] = [Roles.Practitioner, Roles.TeamManager],
        // Keeping in touch is everyone's who works a caseload, support workers most of all (PRODUCT.md "Who uses it").
        // Volunteer mentors record their own mentoring contacts under Mentor, a narrower permission.
        [Permission.RecordContacts] = [Roles.Practitioner, Roles.SupportWorker, Roles.TeamManager],
        // Plans are made with the person by whoever works with them (PRODUCT.md: support workers do crisis plans).
        [Permission.WritePlans] = [Roles.Practitioner, Roles.SupportWorker, Roles.TeamManager],
        // Mentoring is the volunteer's alone: case workers see mentees' records through WorkWithCaseRecords already, and a
        // mentor's pages show a deliberately narrow view (issue 14: nothing clinical).
        [Permission.Mentor] = [Roles.Volunteer],
        // Commissioners see their commissioned teams' aggregates and nothing else (PRODUCT.md "Who uses it"; issue 15).
        [Permission.ViewCommissionedFigures] = [Roles.Commissioner],
        // Whoever is with the person hands them the device or types in their sheet; the answers are anonymous.
        [Permission.RecordFeedback] = [Roles.Practitioner, Roles.SupportWorker, Roles.TeamManager],
        // Administrators manage users and settings, not records (PRODUCT.md "Who uses it").
        [Permission.AdministerUsers] = [Roles.Administrator],
        // A worker locked out on a night shift asks their manager; an administrator can reset anyone's.
        [Permission.ResetPasswords] = [Roles.TeamManager, Roles.Administrator],
        // UK GDPR Article 15: the service's manager answers for the team's records (ICO guidance on the right of access).
        [Permission.ExportSubjectAccess] = [Roles.TeamManager],
        [Permission.PlaceLegalHold] = [Roles.TeamManager],
        // Retention is a setting of the whole installation; its log holds no personal data.
        [Permission.ManageRetention] = [Roles.Administrator],
    };

    /// <summary>Every permission, in declaration order.</summary>
    public static IReadOnlyList<Permission> All { get; } = Enum.GetValues<Permission>();

    /// <summary>The roles (<see cref="Roles"/> names) that hold <paramref name="permission"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a declared permission.</exception>
    public static IReadOnlyList<string> RolesWith(Permission permission) =>
        Table.TryGetValue(permission, out var roles) ? roles : throw new ArgumentOutOfRangeException(nameof(permission), permission, "Not a permission");

    /// <summary>Whether <paramref name="role"/> (a <see cref="Roles"/> name, or null) holds <paramref name="permission"/>.</summary>
    public static bool Allows(string? role, Permission permission) =>
        role is not null && RolesWith(permission).Contains(role, StringComparer.Ordinal);

    /// <summary>The authorisation policy name for <paramref name="permission"/> ("Permission:Screen").</summary>
    public static string Policy(Permission permission) => "Permission:" + permission;
}
