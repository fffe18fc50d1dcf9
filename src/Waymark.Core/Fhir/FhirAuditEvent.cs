using Hl7.Fhir.Model;
using WaymarkAuditEvent = Waymark.Audit.AuditEvent;
using AuditAction = Waymark.Audit.AuditAction;
using AuditEvent = Hl7.Fhir.Model.AuditEvent;

namespace Waymark.Fhir;

/// <summary>
/// An event of the audit trail about a person as a UK Core AuditEvent: type <c>rest</c> (audit-event-type), the action
/// (<c>R</c> read for views, searches and exports; <c>C</c> create; <c>U</c> update and the rest; <c>E</c> execute for
/// sign-in events), when, the outcome (success; <c>4</c> minor failure for a failed sign-in), who (the user's opaque id
/// or the partner key's id, and their role), the source (Waymark) and the person as the entity. Left out: the detail
/// and purpose texts (they may quote what was searched for or typed; docs/fhir.md).
/// </summary>
public static class FhirAuditEvent
{
    /// <summary>The code system of AuditEvent.type.</summary>
    public const string TypeSystem = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    /// <summary>Waymark's own system for user ids (opaque; not a published address).</summary>
    public const string UserIdSystem = "http://waymark.invalid/fhir/user-id";

    /// <summary>
    /// The audit record types served as AuditEvents (an allow-list; docs/fhir.md): only events about the records the API
    /// itself serves — the person (<c>Person</c>: Patient), episodes (EpisodeOfCare), referrals (ServiceRequest),
    /// appointments, contacts (Encounter), action and crisis plans (CarePlan), both kinds of consent (Consent), instrument
    /// completions (QuestionnaireResponse) — and the API's own reads and searches of them (<c>FhirApi</c>). Every other
    /// kind is never served: legal holds, subject access, retention, administration of users, merges, sessions, API key
    /// management, disclosures without consent, and any record type added later until it is added here on purpose.
    /// </summary>
    public static IReadOnlyList<string> ServedRecordTypes { get; } =
    [
        "Person", "Episode", "Referral", "Appointment", "Contact",
        "ActionPlan", "ActionPlanGoal", "ActionPlanStep", "ActionPlanReview", "CrisisPlanVersion",
        "Consent", "CriminalJusticeConsent", "InstrumentCompletion", "FhirApi",
    ];

    /// <summary>The FHIR action of <paramref name="action"/>.</summary>
    public static AuditEvent.AuditEventAction ActionOf(AuditAction action) => action switch
    {
        AuditAction.Viewed or AuditAction.Searched or AuditAction.Exported or AuditAction.PurposeAsked => AuditEvent.AuditEventAction.R,
        AuditAction.Created => AuditEvent.AuditEventAction.C,
        AuditAction.SignedIn or AuditAction.SignInFailed or AuditAction.SignedOut => AuditEvent.AuditEventAction.E,
        _ => AuditEvent.AuditEventAction.U,
    };

    /// <summary>The AuditEvent for <paramref name="e"/>.</summary>
    public static AuditEvent From(WaymarkAuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var who = new ResourceReference
        {
            Identifier = new Identifier(UserIdSystem, e.UserId ?? "system"),
            Display = e.UserId is null ? "Waymark (system)" : null,
        };
        var audit = new AuditEvent
        {
            Id = e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Type = new Coding(TypeSystem, "rest", "RESTful Operation"),
            Action = ActionOf(e.Action),
            RecordedElement = new Instant(e.At),
            Outcome = e.Action == AuditAction.SignInFailed ? AuditEvent.AuditEventOutcome.N4 : AuditEvent.AuditEventOutcome.N0,
            OutcomeDesc = Audit.AuditActions.Display(e.Action) + " " + e.RecordType,
            Agent =
            [
                new AuditEvent.AgentComponent
                {
                    Who = who,
                    Requestor = true,
                    Role = e.Role is { } role ? [new CodeableConcept { Text = role }] : [],
                },
            ],
            Source = new AuditEvent.SourceComponent { Observer = new ResourceReference { Display = "Waymark" } },
        };
        if (e.PersonId is { } person)
            audit.Entity.Add(new AuditEvent.EntityComponent { What = UkCore.PatientReference(person) });
        return UkCore.Claim(audit);
    }
}
