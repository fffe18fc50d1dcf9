using Hl7.Fhir.Model;
using Waymark.Referrals;

namespace Waymark.Fhir;

/// <summary>
/// A referral to another service as a UK Core ServiceRequest: status from the referral's steps (drafted →
/// <c>draft</c>; sent, acknowledged, accepted, booked, attended, did not attend, engaged → <c>active</c>; declined →
/// <c>revoked</c>; ended → <c>completed</c>), intent <c>order</c>, the patient, when it was made, the need it meets
/// (reason, as the assessment domain's words, e.g. "Mental health", never its code; "Other need" for a code no longer declared) and the receiving service (performer, by name). Left out: notes, the support plan, decline reasons
/// and each step's notes (free text; docs/fhir.md).
/// </summary>
public static class FhirServiceRequest
{
    /// <summary>The FHIR status of a referral at <paramref name="step"/>.</summary>
    public static RequestStatus StatusOf(ReferralStep step) => step switch
    {
        ReferralStep.Drafted => RequestStatus.Draft,
        ReferralStep.Declined => RequestStatus.Revoked,
        ReferralStep.Ended => RequestStatus.Completed,
        _ => RequestStatus.Active,
    };

    /// <summary>The ServiceRequest for <paramref name="referral"/> (its events must be loaded: the status is derived from them).</summary>
    public static ServiceRequest From(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var request = new ServiceRequest
        {
            Id = referral.Id.ToString(),
            Status = StatusOf(referral.Status),
            Intent = RequestIntent.Order,
            Subject = UkCore.PatientReference(referral.PersonId),
            AuthoredOnElement = UkCore.DateTime(referral.CreatedAt),
            Code = new CodeableConcept { Text = "Referral to " + referral.ServiceName },
            ReasonCode = [new CodeableConcept { Text = ReferralFigureSource.NeedRow(referral.Need) }],
            Performer = [new ResourceReference { Display = referral.ServiceName }],
        };
        return UkCore.Claim(request);
    }
}
