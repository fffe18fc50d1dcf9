using Hl7.Fhir.Model;
using Waymark.People;

namespace Waymark.Fhir;

/// <summary>
/// A person as a UK Core Patient: <see cref="PersonFhir.ToPatient"/> (name, sex, date of birth, NHS number in the
/// <c>https://fhir.nhs.uk/Id/nhs-number</c> system, PNC ID, phone, email, address, GP practice, and the ethnic category
/// extension) with the profile claimed. Left out: preferred name, gender identity, language and communication needs,
/// veteran / care leaver / parent flags, aliases and other identifiers (they serve the team's own work, not a
/// partner's record matching; docs/fhir.md).
/// </summary>
public static class FhirPatient
{
    /// <summary>The Patient for <paramref name="person"/>.</summary>
    public static Patient From(People.Person person) => UkCore.Claim(PersonFhir.ToPatient(person));
}
