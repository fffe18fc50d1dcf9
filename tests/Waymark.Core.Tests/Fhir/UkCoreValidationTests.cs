using Hl7.Fhir.Model;
using Waymark.Fhir;
using Waymark.People;

namespace Waymark.Core.Tests.Fhir;

/// <summary>
/// Every resource the FHIR API serves validates against the UK Core profile it claims (tests/data/ukcore) with no errors,
/// and the validator is live: a broken resource fails. Bindings to SNOMED CT or LOINC cannot be checked offline and are
/// reported as warnings (<see cref="OfflineTerminology"/>).
/// </summary>
public class UkCoreValidationTests
{
    public static TheoryData<string> Names() => [.. FhirSamples.Every().Select(x => x.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_resource_the_API_serves_validates_against_its_UK_Core_profile(string name)
    {
        var resource = FhirSamples.Every().Single(x => x.Name == name).Resource;
        Assert.Equal(UkCore.Profile(resource.TypeName), Assert.Single(resource.Meta!.Profile));
        var outcome = UkCoreValidator.Instance.Validate(resource);
        var errors = UkCoreValidator.Errors(outcome);
        Assert.True(errors.Count == 0, name + ":\n" + string.Join('\n', errors));
    }

    [Fact]
    public void Every_type_the_API_serves_has_a_sample()
    {
        Assert.Equal(FhirResources.All.Order(), FhirSamples.Every().Select(x => x.Resource.TypeName).Distinct().Order());
    }

    [Fact]
    public void A_patient_with_an_NHS_number_identifier_lacking_its_value_fails()
    {
        var patient = FhirPatient.From(FhirSamples.Person());
        patient.Identifier.Single(i => i.System == PersonFhir.NhsNumberSystem).Value = null;
        var errors = UkCoreValidator.Errors(UkCoreValidator.Instance.Validate(patient));
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void A_patient_with_two_ethnic_categories_fails()
    {
        var patient = FhirPatient.From(FhirSamples.Person());
        patient.Extension.Add(new Extension(UkCore.EthnicCategoryExtension, new CodeableConcept(UkCore.EthnicCategoryEnglandSystem, "A", "White - British")));
        Assert.NotEmpty(UkCoreValidator.Errors(UkCoreValidator.Instance.Validate(patient)));
    }

    [Fact]
    public void An_encounter_without_its_class_or_an_appointment_without_participants_fails()
    {
        var (_, encounter) = FhirSamples.Every().First(x => x.Resource is Encounter);
        var e = (Encounter)encounter.DeepCopy();
        e.Class = null!;
        Assert.NotEmpty(UkCoreValidator.Errors(UkCoreValidator.Instance.Validate(e)));
        var a = (Appointment)FhirSamples.Every().First(x => x.Resource is Appointment).Resource.DeepCopy();
        a.Participant.Clear();
        Assert.NotEmpty(UkCoreValidator.Errors(UkCoreValidator.Instance.Validate(a)));
    }
}
