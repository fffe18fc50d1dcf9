using Waymark.Persistence;

namespace Waymark.Audit;

public enum AuditAction
{
    Viewed = 1,
    Searched = 2,
    Created = 3,
    Updated = 4,
    Allocated = 5,
    Closed = 6,
    Exported = 7,
    SignedIn = 8,
    SignInFailed = 9,
    LockedOut = 10,
    TwoFactorEnrolled = 11,
    Merged = 12,
    Unmerged = 13,
    Scanned = 14,
    /// <summary>A closed record's name was shown with the question why it is being opened; the record itself was not.</summary>
    PurposeAsked = 15,
    // Sessions and account security (docs/security.md). Numbered from 30 to leave room for other additions.
    /// <summary>The user signed out of one session.</summary>
    SignedOut = 30,
    /// <summary>Every session of the user (RecordId) was ended: "sign out everywhere", or implied by a password or two-factor reset.</summary>
    SessionsEnded = 31,
    /// <summary>The user (RecordId) was withdrawn from a team (Detail names it); their sessions for that team ended.</summary>
    MembershipWithdrawn = 32,
    /// <summary>An administrator turned off the user's (RecordId) two-factor authentication, so they enrol again.</summary>
    TwoFactorReset = 33,
    /// <summary>New recovery codes were generated for the user (RecordId); the old ones no longer work.</summary>
    RecoveryCodesGenerated = 34,
    /// <summary>
    /// The user's (RecordId) password was set anew by someone else (an administrator, their team manager, the command line);
    /// their sessions ended. Before issue 16 it also meant a change by the user themselves (now <see cref="PasswordChanged"/>).
    /// </summary>
    PasswordReset = 35,
    /// <summary>A team manager or administrator ended the lockout of the user (RecordId) after too many failed sign-ins.</summary>
    Unlocked = 36,
    // Administration of users (issue 16 item 4; docs/administration.md). RecordType "User", RecordId the account's id.
    /// <summary>An administrator (or the command line) created the user's account; Detail names the role and first team.</summary>
    UserCreated = 37,
    /// <summary>An administrator deactivated the account: it cannot sign in and every session ended.</summary>
    UserDeactivated = 38,
    /// <summary>An administrator reactivated a deactivated account.</summary>
    UserReactivated = 39,
    /// <summary>The user's role was changed (Detail: from and to); every session ended so the new permissions apply.</summary>
    RoleChanged = 40,
    /// <summary>The user was added to a team (Detail names it).</summary>
    MembershipAdded = 41,
    /// <summary>Someone required the user to set a new password at their next sign-in; every session ended.</summary>
    PasswordChangeRequired = 42,
    /// <summary>The user changed their own password; their other sessions ended.</summary>
    PasswordChanged = 43,
    // Criminal justice liaison (issue 12; docs/cjs-liaison.md). Numbered from 60 to leave room for other additions.
    /// <summary>
    /// A decision to share a person's information (PersonId) with criminal justice agencies WITHOUT their consent,
    /// under a recorded lawful basis (RecordType "SharingWithoutConsent"); Detail names the basis and the agencies.
    /// </summary>
    DisclosedWithoutConsent = 60,
    /// <summary>Team reference data (a criminal justice agency) was retired: no longer offered on forms, never deleted.</summary>
    Retired = 61,
    /// <summary>Retired team reference data was brought back into use.</summary>
    Reinstated = 62,
    // Records governance (issue 16; docs/adr/0024-retention-and-subject-access.md). Numbered from 70.
    /// <summary>A retention run destroyed people's records (RecordType "RetentionRun", RecordId the run; Detail counts by rule, no personal data).</summary>
    RecordsDestroyed = 70,
}

/// <summary>Words for <see cref="AuditAction"/>, for the audit trail pages.</summary>
public static class AuditActions
{
    /// <summary>"Disclosed without consent", "Signed in", "Viewed": the value's name as words, first letter capital.</summary>
    public static string Display(AuditAction action)
    {
        var name = action.ToString();
        var words = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) words.Append(' ').Append(char.ToLowerInvariant(name[i]));
            else words.Append(name[i]);
        }
        return words.ToString();
    }
}

/// <summary>
/// One append-only audit record: who (user, role, team), when, what (action, record) and why
/// (purpose, where one was asked). Never updated or deleted (enforced in SaveChanges).
/// </summary>
[NotTeamScoped("The trail spans teams and is append-only; its readers ask for a team or a person explicitly.")]
public class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string? Role { get; set; }
    public Guid? TeamId { get; set; }
    public AuditAction Action { get; set; }
    /// <summary>e.g. "Person", "Episode", "PersonSearch".</summary>
    public required string RecordType { get; set; }
    public string? RecordId { get; set; }
    /// <summary>The person whose record this concerns, so a person's trail is one indexed query.</summary>
    public Guid? PersonId { get; set; }
    public string? Purpose { get; set; }
    /// <summary>What changed or what was searched for; audit data is as protected as the record.</summary>
    public string? Detail { get; set; }
}
