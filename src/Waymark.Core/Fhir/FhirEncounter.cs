using Hl7.Fhir.Model;
using Waymark.Contacts;

namespace Waymark.Fhir;

/// <summary>
/// A contact with a person as a UK Core Encounter: status (<c>finished</c>; <c>cancelled</c> for an attempt that did not
/// reach them; <c>entered-in-error</c> when so marked), the class (HL7 v3 ActCode: <c>AMB</c> face to face or at a
/// drop-in, <c>VR</c> by phone, video, text, letter or email, <c>HH</c> a home visit, <c>FLD</c> in custody, court,
/// prison or elsewhere in the field), the kind as the type's text, the patient, when and how long. Only current
/// versions: a contact replaced by a correction is not served. Left out deliberately: the case note, who else was there,
/// and the worker (contact notes are the most sensitive text Waymark holds; docs/fhir.md).
/// </summary>
public static class FhirEncounter
{
    /// <summary>The v3 ActCode code system of <c>Encounter.class</c>.</summary>
    public const string ActCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    /// <summary>The v3 ActCode encounter class for <paramref name="kind"/>, with its display.</summary>
    public static Coding ClassOf(ContactKind kind) => kind switch
    {
        ContactKind.FaceToFace or ContactKind.DropIn => new Coding(ActCodeSystem, "AMB", "ambulatory"),
        ContactKind.Telephone or ContactKind.Video or ContactKind.TextMessage or ContactKind.Letter or ContactKind.Email
            => new Coding(ActCodeSystem, "VR", "virtual"),
        ContactKind.HomeVisit => new Coding(ActCodeSystem, "HH", "home health"),
        _ => new Coding(ActCodeSystem, "FLD", "field"),
    };

    /// <summary>The Encounter for <paramref name="contact"/>.</summary>
    public static Encounter From(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var e = new Encounter
        {
            Id = contact.Id.ToString(),
            Status = contact.EnteredInErrorAt is not null ? Encounter.EncounterStatus.EnteredInError
                : contact.Reached ? Encounter.EncounterStatus.Finished : Encounter.EncounterStatus.Cancelled,
            Class = ClassOf(contact.Kind),
            Type = [new CodeableConcept { Text = KindText(contact.Kind) }],
            Subject = UkCore.PatientReference(contact.PersonId),
            Period = new Period
            {
                StartElement = UkCore.DateTime(contact.OccurredAt),
                EndElement = contact.DurationMinutes is { } m ? UkCore.DateTime(contact.OccurredAt.AddMinutes(m)) : null,
            },
        };
        if (contact.DurationMinutes is { } minutes)
            e.Length = new Duration { Value = minutes, Unit = "min", System = "http://unitsofmeasure.org", Code = "min" };
        if (contact.EpisodeId is { } episode) e.EpisodeOfCare = [new ResourceReference($"EpisodeOfCare/{episode:D}")];
        return UkCore.Claim(e);
    }

    private static string KindText(ContactKind kind)
    {
        var name = kind.ToString();
        var words = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) words.Append(' ').Append(char.ToLowerInvariant(name[i]));
            else words.Append(name[i]);
        }
        return words.ToString();
    }
}
