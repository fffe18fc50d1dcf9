using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Episodes;
using Waymark.Teams;

namespace Waymark.Liaison;

// How the Liaison capability's rows are stored. Team scoping is applied by convention (see Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="CriminalJusticeAgency"/>.</summary>
internal sealed class CriminalJusticeAgencyMapping : IEntityTypeConfiguration<CriminalJusticeAgency>
{
    public void Configure(EntityTypeBuilder<CriminalJusticeAgency> e)
    {
        e.ToTable("CriminalJusticeAgencies");
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Code).HasMaxLength(20);
        e.Property(x => x.SecureEmail).HasMaxLength(254);
        e.Property(x => x.Telephone).HasMaxLength(50);
        e.Property(x => x.Address).HasMaxLength(500);
        e.Property(x => x.Notes).HasMaxLength(1000);
        e.Property(x => x.CreatedByUserId).HasMaxLength(450);
        e.Property(x => x.RetiredByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.IsInUse);
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
        // One name per team; the list is by kind, then name.
        e.HasIndex(x => new { x.TeamId, x.Name }).IsUnique();
        e.HasIndex(x => new { x.TeamId, x.Kind, x.Name });
    }
}

/// <summary>The table mapping of <see cref="CriminalJusticeConsent"/>.</summary>
internal sealed class CriminalJusticeConsentMapping : IEntityTypeConfiguration<CriminalJusticeConsent>
{
    public void Configure(EntityTypeBuilder<CriminalJusticeConsent> e)
    {
        e.Property(x => x.Information).HasMaxLength(500);
        e.Property(x => x.Purposes).HasMaxLength(500);
        e.Property(x => x.CapacityNote).HasMaxLength(1000);
        e.Property(x => x.RecordedByUserId).HasMaxLength(450);
        e.Property(x => x.WithdrawnByUserId).HasMaxLength(450);
        e.Property(x => x.WithdrawnNote).HasMaxLength(1000);
        e.Ignore(x => x.InformationCodes);
        e.Ignore(x => x.PurposeCodes);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
        e.HasMany(x => x.Agencies).WithOne().HasForeignKey(x => x.ConsentId);
        e.HasIndex(x => new { x.EpisodeId, x.GivenAt });
        e.HasIndex(x => new { x.PersonId, x.GivenAt });
    }
}

/// <summary>The table mapping of <see cref="CriminalJusticeConsentAgency"/>.</summary>
internal sealed class CriminalJusticeConsentAgencyMapping : IEntityTypeConfiguration<CriminalJusticeConsentAgency>
{
    public void Configure(EntityTypeBuilder<CriminalJusticeConsentAgency> e)
    {
        e.HasKey(x => new { x.ConsentId, x.AgencyId });
        e.HasOne<CriminalJusticeAgency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.AgencyId);
    }
}

/// <summary>The table mapping of <see cref="SharingWithoutConsent"/>.</summary>
internal sealed class SharingWithoutConsentMapping : IEntityTypeConfiguration<SharingWithoutConsent>
{
    public void Configure(EntityTypeBuilder<SharingWithoutConsent> e)
    {
        e.Property(x => x.Reason).HasMaxLength(2000);
        e.Property(x => x.SecondPersonName).HasMaxLength(200);
        e.Property(x => x.Information).HasMaxLength(500);
        e.Property(x => x.RecordedByUserId).HasMaxLength(450);
        e.Ignore(x => x.InformationCodes);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
        e.HasMany(x => x.Agencies).WithOne().HasForeignKey(x => x.SharingId);
        e.HasIndex(x => new { x.EpisodeId, x.DecidedAt });
        e.HasIndex(x => new { x.PersonId, x.DecidedAt });
    }
}

/// <summary>The table mapping of <see cref="SharingWithoutConsentAgency"/>.</summary>
internal sealed class SharingWithoutConsentAgencyMapping : IEntityTypeConfiguration<SharingWithoutConsentAgency>
{
    public void Configure(EntityTypeBuilder<SharingWithoutConsentAgency> e)
    {
        e.HasKey(x => new { x.SharingId, x.AgencyId });
        e.HasOne<CriminalJusticeAgency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.AgencyId);
    }
}
