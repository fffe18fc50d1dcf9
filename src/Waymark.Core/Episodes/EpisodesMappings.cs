using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Teams;

namespace Waymark.Episodes;

// How the Episodes capability's rows are stored. Team scoping is applied by convention (see Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="Episode"/>.</summary>
internal sealed class EpisodeMapping : IEntityTypeConfiguration<Episode>
{
    public void Configure(EntityTypeBuilder<Episode> e)
    {
        e.Property(x => x.SettingReference).HasMaxLength(100);
        e.Property(x => x.IdentifiedBySource).HasMaxLength(200);
        e.Property(x => x.IdentificationReason).HasMaxLength(4000);
        e.Property(x => x.VulnerabilityPrompts).HasMaxLength(500);
        e.Property(x => x.ClosureNote).HasMaxLength(2000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Status);
        e.Ignore(x => x.IsOpen);
        e.Ignore(x => x.Vulnerabilities);
        e.HasOne(x => x.Person).WithMany(p => p.Episodes).HasForeignKey(x => x.PersonId);
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
        e.HasOne<WaymarkUser>().WithMany().HasForeignKey(x => x.KeyWorkerId).OnDelete(DeleteBehavior.Restrict);
        // Caseload queries: a team's open episodes, newest first, optionally by key worker.
        e.HasIndex(x => new { x.TeamId, x.ClosedAt, x.IdentifiedAt });
        e.HasIndex(x => new { x.TeamId, x.KeyWorkerId, x.ClosedAt });
        e.HasIndex(x => new { x.TeamId, x.AssessmentDueAt });
        e.HasIndex(x => x.PersonId);
        // A team's identifications in a period (the figures, the long-term attention list).
        e.HasIndex(x => new { x.TeamId, x.IdentifiedAt });
        // Endings due (time-limited case management): a team's open episodes by planned end.
        e.HasIndex(x => new { x.TeamId, x.ClosedAt, x.PlannedEndDate });
    }
}

/// <summary>The table mapping of <see cref="PlannedEndChange"/>.</summary>
internal sealed class PlannedEndChangeMapping : IEntityTypeConfiguration<PlannedEndChange>
{
    public void Configure(EntityTypeBuilder<PlannedEndChange> e)
    {
        e.ToTable("PlannedEndChanges");
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.ChangedByUserId).HasMaxLength(450);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
        e.HasIndex(x => new { x.EpisodeId, x.ChangedAt });
        e.HasIndex(x => x.PersonId);
    }
}
