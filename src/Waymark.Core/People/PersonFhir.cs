using Hl7.Fhir.Model;

namespace Waymark.People;

/// <summary>
/// A person as an HL7 FHIR R4 <see cref="Patient"/>, for sharing with other systems (ADR 18). Every detail that may be
/// empty is either its value or the element with the data-absent-reason extension (<see cref="Absent.FhirExtensionUrl"/>)
/// saying why (<see cref="Absent.FhirCode"/>): <c>not-asked</c>, <c>asked-unknown</c>, <c>asked-declined</c>,
/// <c>not-applicable</c> for "has none" (no fixed abode, no GP, no phone), or <c>unknown</c> when no reason was recorded.
/// </summary>
public static class PersonFhir
{
    /// <summary>The NHS number's identifier system, as NHS England's FHIR profiles name it.</summary>
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
    /// <summary>Waymark's own system for PNC IDs (none is published). <c>.invalid</c> because it is not a published address.</summary>
    public const string PncIdSystem = "http://waymark.invalid/fhir/pnc-id";

    /// <summary>The data-absent-reason extension for <paramref name="absence"/>.</summary>
    public static Extension AbsentReason(Absence? absence) =>
        new(Absent.FhirExtensionUrl, new Code(Absent.FhirCode(absence)));

    /// <summary>The UK Core ethnic category extension (Extension-UKCore-EthnicCategory).</summary>
    public const string EthnicCategoryExtension = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory";
    /// <summary>The NHS Data Dictionary ethnic category code system for England, as UK Core binds the extension to it.</summary>
    public const string EthnicCategorySystem = "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland";

    /// <summary>
    /// The person as a Patient: id, name, sex, date of birth, NHS number, PNC ID, phone, email, address, GP practice and,
    /// when recorded, the ethnic category (UK Core extension; the NHS Data Dictionary code and its words).
    /// </summary>
    public static Patient ToPatient(Person p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var patient = new Patient
        {
            Id = p.Id.ToString(),
            Name = [new HumanName { Family = p.FamilyName, Given = [p.GivenName] }],
            Gender = p.Sex switch
            {
                Sex.Male => AdministrativeGender.Male,
                Sex.Female => AdministrativeGender.Female,
                Sex.NotSpecified => AdministrativeGender.Other,
                _ => AdministrativeGender.Unknown,
            },
        };
        if (p.EthnicCategory is { Length: > 0 } ethnic)
        {
            var display = People.EthnicCategory.NameOf(ethnic);
            patient.Extension.Add(new Extension(EthnicCategoryExtension,
                new CodeableConcept { Coding = [new Coding(EthnicCategorySystem, ethnic, display)] }));
        }
        patient.BirthDateElement = p.DateOfBirth is { } dob
            ? new Date(dob.Year, dob.Month, dob.Day)
            : new Date { Extension = [AbsentReason(p.AbsenceOf(PersonField.DateOfBirth))] };
        patient.Identifier.Add(IdentifierOf(NhsNumberSystem, p.NhsNumber, p.AbsenceOf(PersonField.NhsNumber)));
        patient.Identifier.Add(IdentifierOf(PncIdSystem, p.PncId, p.AbsenceOf(PersonField.PncId)));
        patient.Telecom.Add(Contact(ContactPoint.ContactPointSystem.Phone, p.Phone, p.AbsenceOf(PersonField.Phone)));
        patient.Telecom.Add(Contact(ContactPoint.ContactPointSystem.Email, p.Email, p.AbsenceOf(PersonField.Email)));
        patient.Address.Add(p.HasValue(PersonField.Address)
            ? new Address { Text = p.Address, PostalCode = p.Postcode, Use = Hl7.Fhir.Model.Address.AddressUse.Home }
            : new Address { Extension = [AbsentReason(p.AbsenceOf(PersonField.Address))] });
        patient.GeneralPractitioner.Add(p.GpPractice is { } gp
            ? new ResourceReference { Display = gp }
            : new ResourceReference { Extension = [AbsentReason(p.AbsenceOf(PersonField.GpPractice))] });
        return patient;
    }

    private static Identifier IdentifierOf(string system, string? value, Absence? absence) => value is not null
        ? new Identifier(system, value)
        : new Identifier { System = system, ValueElement = new FhirString { Extension = [AbsentReason(absence)] } };

    private static ContactPoint Contact(ContactPoint.ContactPointSystem system, string? value, Absence? absence) => value is not null
        ? new ContactPoint(system, null, value)
        : new ContactPoint { System = system, Extension = [AbsentReason(absence)] };
}
