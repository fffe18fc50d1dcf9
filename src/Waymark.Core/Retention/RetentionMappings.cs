using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Waymark.Retention;

/// <summary>The table mapping of <see cref="LegalHold"/>: found by person (retention's "does a hold stand" probe).</summary>
internal sealed class LegalHoldMapping : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> e)
    {
        e.Property(x => x.Reason).HasMaxLength(LegalHolds.MaxReason);
        e.Property(x => x.LiftReason).HasMaxLength(LegalHolds.MaxReason);
        e.Property(x => x.PlacedByUserId).HasMaxLength(450);
        e.Property(x => x.LiftedByUserId).HasMaxLength(450);
        e.HasIndex(x => new { x.PersonId, x.LiftedAt });
        e.HasOne<People.Person>().WithMany().HasForeignKey(x => x.PersonId);
    }
}

/// <summary>The table mapping of <see cref="DestructionLogEntry"/>: listed newest first, looked up by hash.</summary>
internal sealed class DestructionLogEntryMapping : IEntityTypeConfiguration<DestructionLogEntry>
{
    public void Configure(EntityTypeBuilder<DestructionLogEntry> e)
    {
        e.Property(x => x.PersonHash).HasMaxLength(64);
        e.Property(x => x.CountsJson).HasMaxLength(4000);
        e.Property(x => x.StartedBy).HasMaxLength(450);
        e.HasIndex(x => x.DestroyedAt);
        e.HasIndex(x => x.PersonHash);
    }
}

/// <summary>The table mapping of <see cref="RetentionKey"/>.</summary>
internal sealed class RetentionKeyMapping : IEntityTypeConfiguration<RetentionKey>
{
    public void Configure(EntityTypeBuilder<RetentionKey> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
    }
}
