using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Episodes;

namespace Waymark.Assessment;

// How the Assessment capability's rows are stored. Team scoping is applied by convention (see Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="PsychosocialAssessment"/>.</summary>
internal sealed class PsychosocialAssessmentMapping : IEntityTypeConfiguration<PsychosocialAssessment>
{
    public void Configure(EntityTypeBuilder<PsychosocialAssessment> e)
    {
        e.ToTable("Assessments");
        e.Property(x => x.WhatMattersToMe).HasMaxLength(4000);
        e.Property(x => x.RiskSummary).HasMaxLength(8000);
        e.Property(x => x.AdultSafeguardingDetails).HasMaxLength(4000);
        e.Property(x => x.AdultSafeguardingAction).HasMaxLength(4000);
        e.Property(x => x.ChildSafeguardingDetails).HasMaxLength(4000);
        e.Property(x => x.ChildSafeguardingAction).HasMaxLength(4000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.NeedsFound);
        e.Ignore(x => x.PersonsPriorities);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
        e.HasIndex(x => x.EpisodeId).IsUnique();
        e.HasIndex(x => new { x.PersonId, x.UpdatedAt });
        // Figures: a team's assessments completed in a period (Figures/NeedsFigures).
        e.HasIndex(x => new { x.TeamId, x.CompletedAt });
        e.HasMany(x => x.Needs).WithOne().HasForeignKey(n => n.AssessmentId);
    }
}

/// <summary>The table mapping of <see cref="AssessedNeed"/>.</summary>
internal sealed class AssessedNeedMapping : IEntityTypeConfiguration<AssessedNeed>
{
    public void Configure(EntityTypeBuilder<AssessedNeed> e)
    {
        e.HasKey(x => new { x.AssessmentId, x.Domain });
        e.Property(x => x.Domain).HasMaxLength(50);
        e.Property(x => x.Notes).HasMaxLength(4000);
        e.Property(x => x.InTheirWords).HasMaxLength(1000);
    }
}

/// <summary>The table mapping of <see cref="FormulationRevision"/>.</summary>
internal sealed class FormulationRevisionMapping : IEntityTypeConfiguration<FormulationRevision>
{
    public void Configure(EntityTypeBuilder<FormulationRevision> e)
    {
        e.Property(x => x.CoreProblems).HasMaxLength(8000);
        e.Property(x => x.HowTheyRelate).HasMaxLength(8000);
        e.Property(x => x.WhatMaintainsThem).HasMaxLength(8000);
        e.Property(x => x.Plan).HasMaxLength(8000);
        e.Property(x => x.ChangeNote).HasMaxLength(1000);
        e.HasIndex(x => new { x.TeamId, x.PersonId, x.Number }).IsUnique();
        e.HasIndex(x => new { x.PersonId, x.WrittenAt });
    }
}
