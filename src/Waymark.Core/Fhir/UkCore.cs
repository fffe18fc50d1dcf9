using Hl7.Fhir.Model;

namespace Waymark.Fhir;

/// <summary>
/// The UK Core (HL7 UK, package UKCore.R4.STU.02.00.00 2.0.0) profiles Waymark's FHIR API claims in <c>meta.profile</c>,
/// and the small helpers every mapper shares. Source: https://simplifier.net/hl7fhirukcorer4 and
/// NHSDigital/FHIR-R4-UKCORE-STAGING-MAIN (the files the tests validate against are in <c>tests/data/ukcore/</c>).
/// </summary>
public static class UkCore
{
    /// <summary>Where every UK Core StructureDefinition lives.</summary>
    public const string ProfileBase = "https://fhir.hl7.org.uk/StructureDefinition/";

    /// <summary>The UK Core profile of <paramref name="resourceType"/>, e.g. <c>…/UKCore-Patient</c>.</summary>
    public static string Profile(string resourceType) => ProfileBase + "UKCore-" + resourceType;

    /// <summary>The UK Core ethnic category extension on Patient.</summary>
    public const string EthnicCategoryExtension = ProfileBase + "Extension-UKCore-EthnicCategory";

    /// <summary>The NHS Data Dictionary ethnic category (England) code system UK Core binds the extension to.</summary>
    public const string EthnicCategoryEnglandSystem = "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland";

    /// <summary>A reference to the Patient resource of <paramref name="personId"/>: <c>Patient/{id}</c>.</summary>
    public static ResourceReference PatientReference(Guid personId) => new($"Patient/{personId:D}");

    /// <summary>Sets <c>meta.profile</c> to the UK Core profile of the resource's type and returns it.</summary>
    public static T Claim<T>(T resource) where T : Resource
    {
        ArgumentNullException.ThrowIfNull(resource);
        resource.Meta = new Meta { Profile = [Profile(resource.TypeName)] };
        return resource;
    }

    /// <summary>A FHIR instant for <paramref name="at"/> (kept with its offset, UTC as stored).</summary>
    public static FhirDateTime DateTime(DateTimeOffset at) => new(at);
}
