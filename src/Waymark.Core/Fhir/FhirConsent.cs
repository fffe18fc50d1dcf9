using Hl7.Fhir.Model;
using Waymark.Liaison;
using Waymark.Referrals;

namespace Waymark.Fhir;

/// <summary>
/// A person's consent to share as a UK Core Consent: consent to share with a service they are referred to
/// (<see cref="ConsentToShare"/>) or with criminal justice agencies (<see cref="CriminalJusticeConsent"/>). Status
/// <c>active</c> while it stands, <c>inactive</c> once withdrawn; scope <c>patient-privacy</c>; category LOINC 59284-0
/// "Patient Consent"; the patient; when it was given; the policy (which kind of consent, verbal or in writing, and for
/// criminal justice consent the purposes) as the policy rule's text; the provision's period (given → withdrawn). Left
/// out: what and with whom as typed, the capacity note and withdrawal notes (free text; docs/fhir.md).
/// </summary>
public static class FhirConsent
{
    /// <summary>LOINC, the system of the consent category.</summary>
    public const string LoincSystem = "http://loinc.org";
    /// <summary>The consent scope code system (FHIR R4).</summary>
    public const string ScopeSystem = "http://terminology.hl7.org/CodeSystem/consentscope";

    /// <summary>The Consent for consent to share with a service a person is referred to.</summary>
    public static Consent From(ConsentToShare consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return New(consent.Id, consent.PersonId, consent.GivenAt, consent.WithdrawnAt,
            $"Consent to share with a service the person is referred to, given {ConsentForms.Adverb(consent.Form)}");
    }

    /// <summary>The Consent for consent to share with criminal justice agencies.</summary>
    public static Consent From(CriminalJusticeConsent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var purposes = string.Join("; ", consent.PurposeCodes.Select(SharingPurposes.Display));
        var information = string.Join("; ", consent.InformationCodes.Select(SharedInformation.Display));
        return New(consent.Id, consent.PersonId, consent.GivenAt, consent.WithdrawnAt,
            $"Consent to share with criminal justice agencies, given {ConsentForms.Adverb(consent.Form)}. Information: {information}. Purposes: {purposes}");
    }

    private static Consent New(Guid id, Guid personId, DateTimeOffset given, DateTimeOffset? withdrawn, string rule) => UkCore.Claim(new Consent
    {
        Id = id.ToString(),
        Status = withdrawn is null ? Consent.ConsentState.Active : Consent.ConsentState.Inactive,
        Scope = new CodeableConcept(ScopeSystem, "patient-privacy", "Privacy Consent"),
        Category = [new CodeableConcept(LoincSystem, "59284-0", "Patient Consent")],
        Patient = UkCore.PatientReference(personId),
        DateTimeElement = UkCore.DateTime(given),
        PolicyRule = new CodeableConcept { Text = rule },
        Provision = new Consent.provisionComponent
        {
            Type = Consent.ConsentProvisionType.Permit,
            Period = new Period { StartElement = UkCore.DateTime(given), EndElement = withdrawn is { } w ? UkCore.DateTime(w) : null },
        },
    });
}
