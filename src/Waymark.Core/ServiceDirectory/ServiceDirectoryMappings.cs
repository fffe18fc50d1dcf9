using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Teams;

namespace Waymark.ServiceDirectory;

// How the ServiceDirectory capability's rows are stored. Team scoping is applied by convention (see Persistence/TeamScoping.cs).

// The local services directory: each team's own (team-scoped like people).
/// <summary>The table mapping of <see cref="Organisation"/>.</summary>
internal sealed class OrganisationMapping : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> e)
    {
        e.Property(x => x.Name).HasMaxLength(300);
        e.Property(x => x.Description).HasMaxLength(4000);
        e.Property(x => x.Website).HasMaxLength(500);
        e.Property(x => x.Email).HasMaxLength(254);
        e.Property(x => x.Phone).HasMaxLength(50);
        e.Property(x => x.SearchText).HasMaxLength(301);
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
        e.HasIndex(x => new { x.TeamId, x.Name });
        e.HasMany(x => x.Services).WithOne(x => x.Organisation).HasForeignKey(x => x.OrganisationId);
    }
}

/// <summary>The table mapping of <see cref="LocalService"/>.</summary>
internal sealed class LocalServiceMapping : IEntityTypeConfiguration<LocalService>
{
    public void Configure(EntityTypeBuilder<LocalService> e)
    {
        e.ToTable("Services");
        e.Property(x => x.Name).HasMaxLength(300);
        e.Property(x => x.Description).HasMaxLength(4000);
        e.Property(x => x.Url).HasMaxLength(500);
        e.Property(x => x.Email).HasMaxLength(254);
        e.Property(x => x.Phone).HasMaxLength(50);
        e.Property(x => x.Eligibility).HasMaxLength(4000);
        e.Property(x => x.SearchText).HasMaxLength(8310); // 300 + 4000 + 4000 and two separators; folding never lengthens
        e.Property(x => x.HowToRefer).HasMaxLength(4000);
        e.Property(x => x.ReferralRequirements).HasMaxLength(4000);
        e.Property(x => x.DropInDetails).HasMaxLength(1000);
        e.Property(x => x.LastVerifiedBy).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.TeamId, x.Name });
        e.HasIndex(x => new { x.TeamId, x.LastVerifiedAt });
        e.HasMany(x => x.Needs).WithOne().HasForeignKey(x => x.ServiceId);
        e.HasMany(x => x.Locations).WithOne().HasForeignKey(x => x.ServiceId);
        e.HasMany(x => x.Areas).WithOne().HasForeignKey(x => x.ServiceId);
        e.HasMany(x => x.OpeningTimes).WithOne().HasForeignKey(x => x.ServiceId);
        e.HasMany(x => x.Contacts).WithOne().HasForeignKey(x => x.ServiceId);
    }
}

/// <summary>The table mapping of <see cref="ServiceNeed"/>.</summary>
internal sealed class ServiceNeedMapping : IEntityTypeConfiguration<ServiceNeed>
{
    public void Configure(EntityTypeBuilder<ServiceNeed> e)
    {
        e.HasKey(x => new { x.ServiceId, x.Domain });
        e.Property(x => x.Domain).HasMaxLength(50);
        e.HasIndex(x => new { x.Domain, x.ServiceId });
    }
}

/// <summary>The table mapping of <see cref="ServiceLocation"/>.</summary>
internal sealed class ServiceLocationMapping : IEntityTypeConfiguration<ServiceLocation>
{
    public void Configure(EntityTypeBuilder<ServiceLocation> e)
    {
        e.Property(x => x.Name).HasMaxLength(300);
        e.Property(x => x.Address).HasMaxLength(500);
        e.Property(x => x.Town).HasMaxLength(100);
        e.Property(x => x.Postcode).HasMaxLength(10);
        e.Property(x => x.PostcodeDistrict).HasMaxLength(4);
        e.HasIndex(x => x.ServiceId);
        e.HasIndex(x => new { x.PostcodeDistrict, x.ServiceId });
    }
}

/// <summary>The table mapping of <see cref="ServiceArea"/>.</summary>
internal sealed class ServiceAreaMapping : IEntityTypeConfiguration<ServiceArea>
{
    public void Configure(EntityTypeBuilder<ServiceArea> e)
    {
        e.HasKey(x => new { x.ServiceId, x.District });
        e.Property(x => x.District).HasMaxLength(4);
        e.HasIndex(x => new { x.District, x.ServiceId });
    }
}

/// <summary>The table mapping of <see cref="OpeningTime"/>.</summary>
internal sealed class OpeningTimeMapping : IEntityTypeConfiguration<OpeningTime>
{
    public void Configure(EntityTypeBuilder<OpeningTime> e)
    {
        e.HasIndex(x => new { x.ServiceId, x.Day });
    }
}

/// <summary>The table mapping of <see cref="ServiceContact"/>.</summary>
internal sealed class ServiceContactMapping : IEntityTypeConfiguration<ServiceContact>
{
    public void Configure(EntityTypeBuilder<ServiceContact> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Role).HasMaxLength(200);
        e.Property(x => x.Phone).HasMaxLength(50);
        e.Property(x => x.Email).HasMaxLength(254);
        e.Property(x => x.RelationshipNotes).HasMaxLength(2000);
        e.HasIndex(x => x.ServiceId);
    }
}

// Partner agencies' keys to the read API. Looked up by hash before any team is known (the key
// decides the team), so that one lookup ignores the filter; everything else sees the team's own.
/// <summary>The table mapping of <see cref="DirectoryApiKey"/>.</summary>
internal sealed class DirectoryApiKeyMapping : IEntityTypeConfiguration<DirectoryApiKey>
{
    public void Configure(EntityTypeBuilder<DirectoryApiKey> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.KeyHash).HasMaxLength(64);
        e.Property(x => x.CreatedBy).HasMaxLength(450);
        e.Property(x => x.RevokedBy).HasMaxLength(450);
        e.Ignore(x => x.IsRevoked);
        e.HasIndex(x => x.KeyHash).IsUnique();
        e.HasIndex(x => new { x.TeamId, x.Name });
        e.Property(x => x.Scope).HasDefaultValue(ApiKeyScope.Directory).HasSentinel((ApiKeyScope)0);
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
    }
}
