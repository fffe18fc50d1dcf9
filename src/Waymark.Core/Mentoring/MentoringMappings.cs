using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.People;

namespace Waymark.Mentoring;

// How the Mentoring capability's rows are stored. Team scoping is applied by convention (Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="MentoringPairing"/>.</summary>
internal sealed class MentoringPairingMapping : IEntityTypeConfiguration<MentoringPairing>
{
    public void Configure(EntityTypeBuilder<MentoringPairing> e)
    {
        e.ToTable("MentoringPairings");
        e.Property(x => x.MentorUserId).HasMaxLength(450);
        e.Property(x => x.StartedByUserId).HasMaxLength(450);
        e.Property(x => x.EndedByUserId).HasMaxLength(450);
        e.Property(x => x.EndReason).HasMaxLength(MentoringRules.MaxEndReason);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.IsActive);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        // At most one active mentor per person per team; also the person page's "Mentor: …" probe.
        e.HasIndex(x => new { x.TeamId, x.PersonId }).IsUnique().HasFilter("\"EndedAt\" IS NULL");
        e.HasIndex(x => x.PersonId);
        // A mentor's mentees.
        e.HasIndex(x => new { x.TeamId, x.MentorUserId, x.EndedAt });
        // The team's pairings, newest first (paged).
        e.HasIndex(x => new { x.TeamId, x.EndedAt, x.StartedAt });
    }
}
