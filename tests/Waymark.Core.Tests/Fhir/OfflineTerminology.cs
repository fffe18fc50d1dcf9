using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Terminology;

namespace Waymark.Core.Tests.Fhir;

/// <summary>
/// The local terminology service, except that a code from a code system that is not available offline (SNOMED CT,
/// LOINC: licensed and far too large to ship) cannot be checked here: the answer is then "valid" with a warning saying
/// it was not checked, so a binding that needs them is a warning, not an error (docs/fhir.md). Every other code
/// (UK Core's and FHIR's own code systems) is checked against the shipped value sets.
/// </summary>
internal sealed class OfflineTerminology(ICodeValidationTerminologyService local) : ICodeValidationTerminologyService
{
    /// <summary>The code systems that cannot be checked offline.</summary>
    public static readonly IReadOnlySet<string> NotOffline = new HashSet<string> { "http://snomed.info/sct", "http://loinc.org" };

    public async Task<Parameters> ValueSetValidateCode(Parameters parameters, string? id = null, bool useGet = false)
    {
        var systems = Systems(parameters).ToList();
        if (systems.Count > 0 && systems.All(NotOffline.Contains))
            return new Parameters().Add("result", new FhirBoolean(true)).Add("message", new FhirString($"Not checked offline: {string.Join(", ", systems)}"));
        var answer = await local.ValueSetValidateCode(parameters, id, useGet);
        // A value set that includes SNOMED CT cannot be expanded offline; a code of another system checked against it is not judged here either.
        if (answer.GetSingleValue<FhirBoolean>("result")?.Value == false
            && answer.GetSingleValue<FhirString>("message")?.Value is { } message
            && (message.Contains("snomed", StringComparison.OrdinalIgnoreCase) || message.Contains("loinc", StringComparison.OrdinalIgnoreCase)))
            return new Parameters().Add("result", new FhirBoolean(true)).Add("message", new FhirString("Not checked offline: " + message));
        return answer;
    }

    public Task<Parameters> Subsumes(Parameters parameters, string? id = null, bool useGet = false) => local.Subsumes(parameters, id, useGet);

    private static IEnumerable<string> Systems(Parameters p)
    {
        if (p.GetSingleValue<FhirUri>("system")?.Value is { } s) yield return s;
        if (p.GetSingleValue<Coding>("coding")?.System is { } c) yield return c;
        if (p.GetSingleValue<CodeableConcept>("codeableConcept") is { } cc)
            foreach (var coding in cc.Coding) if (coding.System is { } cs) yield return cs;
    }
}
