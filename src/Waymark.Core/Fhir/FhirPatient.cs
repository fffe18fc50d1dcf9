using Hl7.Fhir.Model;
using Waymark.People;

namespace Waymark.Fhir;

/// <summary>
/// A person as a UK Core Patient: <see cref="PersonFhir.ToPatient"/> (name, sex, date of birth, NHS number in the
/// <c>https://fhir.nhs.uk/Id/nhs-number</c> system, phone, email, address, GP practice, and the ethnic category
/// extension) with the profile claimed. Left out: the PNC ID (a police identifier; a partner NHS system needs the NHS
/// number only, so by data minimisation it is never sent — PersonFhir keeps it for other uses), preferred name, gender
/// identity, language and communication needs, veteran / care leaver / parent flags, aliases and other identifiers
/// (they serve the team's own work, not a partner's record matching; docs/fhir.md).
/// </summary>
public static class FhirPatient
{
    /// <summary>The Patient for <paramref name="person"/>, without the PNC ID.</summary>
    public static Patient From(People.Person person)
    {
        var patient = PersonFhir.ToPatient(person);
        patient.Identifier.RemoveAll(i => i.System == PersonFhir.PncIdSystem);
        return UkCore.Claim(patient);
    }
}
