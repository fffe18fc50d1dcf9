using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.ActionPlans;
using Waymark.Appointments;
using Waymark.CrisisPlans;
using Waymark.Liaison;
using Waymark.Referrals;
using Waymark.Screening;

namespace Waymark.Fhir;

// The indexes the FHIR API's team-wide searches need (a team's rows by their main date, newest first) that the
// capabilities' own mappings do not already have. Kept here, beside the searches they serve; EF applies these
// configurations as well as each entity's own mapping.

/// <summary>FHIR QuestionnaireResponse search: a team's completions by date.</summary>
internal sealed class FhirInstrumentCompletionIndexes : IEntityTypeConfiguration<InstrumentCompletion>
{
    public void Configure(EntityTypeBuilder<InstrumentCompletion> e) => e.HasIndex(x => new { x.TeamId, x.CompletedAt });
}

/// <summary>FHIR Appointment search: a team's appointments by start.</summary>
internal sealed class FhirAppointmentIndexes : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> e) => e.HasIndex(x => new { x.TeamId, x.StartsAt });
}

/// <summary>FHIR CarePlan search: a team's action plans by when made.</summary>
internal sealed class FhirActionPlanIndexes : IEntityTypeConfiguration<ActionPlan>
{
    public void Configure(EntityTypeBuilder<ActionPlan> e) => e.HasIndex(x => new { x.TeamId, x.CreatedAt });
}

/// <summary>FHIR CarePlan search: a team's crisis plans by when made.</summary>
internal sealed class FhirCrisisPlanIndexes : IEntityTypeConfiguration<CrisisPlan>
{
    public void Configure(EntityTypeBuilder<CrisisPlan> e) => e.HasIndex(x => new { x.TeamId, x.CreatedAt });
}

/// <summary>FHIR Consent search: a team's, and a person's, consents to share with a service by when given.</summary>
internal sealed class FhirConsentToShareIndexes : IEntityTypeConfiguration<ConsentToShare>
{
    public void Configure(EntityTypeBuilder<ConsentToShare> e)
    {
        e.HasIndex(x => new { x.TeamId, x.GivenAt });
        e.HasIndex(x => new { x.PersonId, x.GivenAt });
    }
}

/// <summary>FHIR Consent search: a team's consents to share with criminal justice agencies by when given.</summary>
internal sealed class FhirCriminalJusticeConsentIndexes : IEntityTypeConfiguration<CriminalJusticeConsent>
{
    public void Configure(EntityTypeBuilder<CriminalJusticeConsent> e) => e.HasIndex(x => new { x.TeamId, x.GivenAt });
}
