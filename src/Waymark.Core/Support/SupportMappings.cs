using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Teams;

namespace Waymark.Support;

/// <summary>The table mapping of <see cref="SupportSettings"/>.</summary>
internal sealed class SupportSettingsMapping : IEntityTypeConfiguration<SupportSettings>
{
    public void Configure(EntityTypeBuilder<SupportSettings> e)
    {
        e.ToTable("SupportSettings");
        e.HasKey(x => x.TeamId);
        e.Property(x => x.ChangedByUserId).HasMaxLength(450);
        e.Property(x => x.ReplyTelephone).HasMaxLength(30);
        e.Property(x => x.SenderName).HasMaxLength(100);
        e.Property(x => x.OutOfHoursTelephone).HasMaxLength(30);
        e.Property(x => x.OutOfHoursDescription).HasMaxLength(200);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
    }
}
