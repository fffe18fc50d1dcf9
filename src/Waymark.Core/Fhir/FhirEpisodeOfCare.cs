using Hl7.Fhir.Model;
using Waymark.Episodes;

namespace Waymark.Fhir;

/// <summary>
/// An episode as a UK Core EpisodeOfCare: status (<c>active</c> while open, <c>finished</c> once closed), the patient,
/// the period (identified → closed) and the setting as the type's text. Left out: why the person was identified,
/// vulnerabilities, the closure note and reason, workers (docs/fhir.md).
/// </summary>
public static class FhirEpisodeOfCare
{
    /// <summary>The EpisodeOfCare for <paramref name="episode"/>; <paramref name="teamName"/> is shown as the managing organisation.</summary>
    public static EpisodeOfCare From(Episode episode, string? teamName = null)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var e = new EpisodeOfCare
        {
            Id = episode.Id.ToString(),
            Status = episode.ClosedAt is null ? EpisodeOfCare.EpisodeOfCareStatus.Active : EpisodeOfCare.EpisodeOfCareStatus.Finished,
            Patient = UkCore.PatientReference(episode.PersonId),
            Period = new Period { StartElement = UkCore.DateTime(episode.IdentifiedAt), EndElement = episode.ClosedAt is { } c ? UkCore.DateTime(c) : null },
            Type = [new CodeableConcept { Text = "Liaison and diversion: " + Settings.Display(episode.Setting) }],
        };
        if (teamName is not null) e.ManagingOrganization = new ResourceReference { Display = teamName };
        return UkCore.Claim(e);
    }
}
