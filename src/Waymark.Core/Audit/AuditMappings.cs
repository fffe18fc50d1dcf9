using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Waymark.Audit;

// How the Audit capability's rows are stored. Team scoping is applied by convention (see Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="AuditEvent"/>.</summary>
internal sealed class AuditEventMapping : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.Role).HasMaxLength(50);
        e.Property(x => x.RecordType).HasMaxLength(50);
        e.Property(x => x.RecordId).HasMaxLength(100);
        e.Property(x => x.Purpose).HasMaxLength(2000);
        e.Property(x => x.Detail).HasMaxLength(2000);
        e.HasIndex(x => new { x.PersonId, x.At });
        e.HasIndex(x => new { x.UserId, x.At });
        e.HasIndex(x => new { x.TeamId, x.At });
    }
}
