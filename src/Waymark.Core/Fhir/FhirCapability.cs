using Hl7.Fhir.Model;

namespace Waymark.Fhir;

/// <summary>The CapabilityStatement of <c>/fhir/metadata</c>: exactly the types, interactions and search parameters served.</summary>
public static class FhirCapability
{
    /// <summary>The statement for a server whose FHIR base is <paramref name="baseUrl"/> (e.g. <c>https://host/fhir</c>).</summary>
    public static CapabilityStatement Statement(string baseUrl)
    {
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "Read and search only, for one team per partner key. Send the key as 'Authorization: Bearer <key>' or X-Api-Key. Paging: _count (1-100, default 20) and the next link.",
            Security = new CapabilityStatement.SecurityComponent
            {
                Description = "A partner key issued by the team (waymark fhir api-key add), scoped to one team; revocable.",
            },
        };
        foreach (var type in FhirResources.All)
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = type,
                Profile = UkCore.Profile(type),
                Interaction =
                [
                    new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                    new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
                ],
            };
            foreach (var name in FhirSearchRequest.Parameters(type).Keys)
            {
                resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent
                {
                    Name = name,
                    Type = name switch
                    {
                        "date" => SearchParamType.Date,
                        "patient" => SearchParamType.Reference,
                        "_id" => SearchParamType.Token,
                        _ => SearchParamType.Token,
                    },
                });
            }
            rest.Resource.Add(resource);
        }
        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = "2026-12-01",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Waymark" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Waymark FHIR R4 API (UK Core)", Url = baseUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json"],
            Rest = [rest],
        };
    }
}
