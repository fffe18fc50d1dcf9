using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Teams;

namespace Waymark.People;

// How the People capability's rows are stored. Team scoping is applied by convention (see Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="Person"/>.</summary>
internal sealed class PersonMapping : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.Property(p => p.GivenName).HasMaxLength(100);
        e.Property(p => p.FamilyName).HasMaxLength(100);
        e.Property(p => p.PreferredName).HasMaxLength(100);
        e.Property(p => p.GivenNameKey).HasMaxLength(100);
        e.Property(p => p.FamilyNameKey).HasMaxLength(100);
        e.Property(p => p.Gender).HasMaxLength(100);
        e.Property(p => p.EthnicCategory).HasMaxLength(2);
        e.Property(p => p.FirstLanguage).HasMaxLength(100);
        e.Property(p => p.CommunicationNeeds).HasMaxLength(2000);
        e.Property(p => p.Phone).HasMaxLength(30);
        e.Property(p => p.Email).HasMaxLength(254);
        e.Property(p => p.Address).HasMaxLength(500);
        e.Property(p => p.Postcode).HasMaxLength(10);
        e.Property(p => p.NhsNumber).HasMaxLength(10);
        e.Property(p => p.PncId).HasMaxLength(13);
        e.Property(p => p.GpPractice).HasMaxLength(200);
        e.Property(p => p.CreatedBy).HasMaxLength(450);
        e.Property(p => p.MergedByUserId).HasMaxLength(450);
        e.Property(p => p.Version).IsConcurrencyToken();
        // Prefix searches are index range scans on these (see PersonSearch).
        e.HasIndex(p => new { p.FamilyNameKey, p.GivenNameKey });
        e.HasIndex(p => new { p.GivenNameKey, p.FamilyNameKey });
        e.HasIndex(p => p.DateOfBirth);
        e.HasIndex(p => p.NhsNumber);
        e.HasIndex(p => p.PncId);
        e.HasMany(p => p.Aliases).WithOne().HasForeignKey(a => a.PersonId);
        e.HasMany(p => p.OtherDatesOfBirth).WithOne().HasForeignKey(a => a.PersonId);
        e.HasMany(p => p.OtherIdentifiers).WithOne().HasForeignKey(a => a.PersonId);
        e.HasMany(p => p.TeamLinks).WithOne().HasForeignKey(a => a.PersonId);
    }
}

/// <summary>The table mapping of <see cref="PersonAlias"/>.</summary>
internal sealed class PersonAliasMapping : IEntityTypeConfiguration<PersonAlias>
{
    public void Configure(EntityTypeBuilder<PersonAlias> e)
    {
        e.Property(a => a.GivenName).HasMaxLength(100);
        e.Property(a => a.FamilyName).HasMaxLength(100);
        e.Property(a => a.GivenNameKey).HasMaxLength(100);
        e.Property(a => a.FamilyNameKey).HasMaxLength(100);
        e.HasIndex(a => new { a.FamilyNameKey, a.GivenNameKey });
        e.HasIndex(a => new { a.GivenNameKey, a.FamilyNameKey });
        e.HasIndex(a => a.PersonId);
    }
}

/// <summary>The table mapping of <see cref="PersonOtherDateOfBirth"/>.</summary>
internal sealed class PersonOtherDateOfBirthMapping : IEntityTypeConfiguration<PersonOtherDateOfBirth>
{
    public void Configure(EntityTypeBuilder<PersonOtherDateOfBirth> e)
    {
        e.HasIndex(a => a.DateOfBirth);
        e.HasIndex(a => a.PersonId);
    }
}

/// <summary>The table mapping of <see cref="PersonIdentifier"/>.</summary>
internal sealed class PersonIdentifierMapping : IEntityTypeConfiguration<PersonIdentifier>
{
    public void Configure(EntityTypeBuilder<PersonIdentifier> e)
    {
        e.Property(a => a.Kind).HasMaxLength(100);
        e.Property(a => a.Value).HasMaxLength(100);
        e.HasIndex(a => a.PersonId);
        e.HasIndex(a => a.Value);
    }
}

/// <summary>The table mapping of <see cref="PersonTeamLink"/>.</summary>
internal sealed class PersonTeamLinkMapping : IEntityTypeConfiguration<PersonTeamLink>
{
    public void Configure(EntityTypeBuilder<PersonTeamLink> e)
    {
        e.HasKey(l => new { l.PersonId, l.TeamId });
        e.HasIndex(l => new { l.TeamId, l.PersonId });
        e.Property(l => l.GivenNameKey).HasMaxLength(100);
        e.Property(l => l.FamilyNameKey).HasMaxLength(100);
        e.HasIndex(l => new { l.TeamId, l.FamilyNameKey, l.GivenNameKey });
        e.HasIndex(l => new { l.TeamId, l.GivenNameKey, l.FamilyNameKey });
        e.HasOne<Team>().WithMany().HasForeignKey(l => l.TeamId);
    }
}

/// <summary>The table mapping of <see cref="PersonMatchKey"/>.</summary>
internal sealed class PersonMatchKeyMapping : IEntityTypeConfiguration<PersonMatchKey>
{
    public void Configure(EntityTypeBuilder<PersonMatchKey> e)
    {
        // Keys belong to a team link: removing the link removes its keys.
        e.HasKey(k => new { k.PersonId, k.TeamId, k.Rule, k.Key });
        e.HasOne<PersonTeamLink>().WithMany().HasForeignKey(k => new { k.PersonId, k.TeamId }).OnDelete(DeleteBehavior.Cascade);
        e.Property(k => k.Key).HasMaxLength(PersonMatchKey.MaxKeyLength);
        // The look-up's probe: one team, one rule, one key; PersonId included so the index alone answers it.
        e.HasIndex(k => new { k.TeamId, k.Rule, k.Key, k.PersonId });
    }
}
