using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Liaison;
using Waymark.People;
using Waymark.Teams;

namespace Waymark.ProactiveIdentification;

// How proactive identification's rows are stored. Team scoping is applied by convention (Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="ProactiveList"/>.</summary>
internal sealed class ProactiveListMapping : IEntityTypeConfiguration<ProactiveList>
{
    public void Configure(EntityTypeBuilder<ProactiveList> e)
    {
        e.ToTable("ProactiveLists");
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.ImportedByUserId).HasMaxLength(450);
        e.Property(x => x.ConfirmedByUserId).HasMaxLength(450);
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
        e.HasOne<CriminalJusticeAgency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Rows).WithOne().HasForeignKey(x => x.ListId);
        // The queue and figures read a team's lists by day; retention reads old days.
        e.HasIndex(x => new { x.TeamId, x.Day });
        e.HasIndex(x => x.Day);
        e.HasIndex(x => x.AgencyId);
    }
}

/// <summary>The table mapping of <see cref="ProactiveListRow"/>.</summary>
internal sealed class ProactiveListRowMapping : IEntityTypeConfiguration<ProactiveListRow>
{
    public void Configure(EntityTypeBuilder<ProactiveListRow> e)
    {
        e.ToTable("ProactiveListRows");
        e.Property(x => x.Reference).HasMaxLength(ListRowReader.MaxReference);
        e.Property(x => x.FamilyName).HasMaxLength(ListRowReader.MaxName);
        e.Property(x => x.GivenNames).HasMaxLength(ListRowReader.MaxName);
        e.Property(x => x.Postcode).HasMaxLength(16);
        e.Property(x => x.PncId).HasMaxLength(20);
        e.Property(x => x.NhsNumber).HasMaxLength(10);
        e.Property(x => x.OffenceCategory).HasMaxLength(ListRowReader.MaxOffence);
        e.Property(x => x.Notes).HasMaxLength(ListRowReader.MaxNotes);
        e.Property(x => x.VerdictByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.MatchedPersonId);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ListId, x.Line });
        e.HasIndex(x => x.PersonId);
    }
}

/// <summary>The table mapping of <see cref="ProactiveScreeningSettings"/>.</summary>
internal sealed class ProactiveScreeningSettingsMapping : IEntityTypeConfiguration<ProactiveScreeningSettings>
{
    public void Configure(EntityTypeBuilder<ProactiveScreeningSettings> e)
    {
        e.ToTable("ProactiveScreeningSettings");
        e.HasKey(x => x.TeamId);
        e.Property(x => x.Rules).HasMaxLength(500);
        e.Property(x => x.UpdatedByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Chosen);
        e.HasOne<Team>().WithOne().HasForeignKey<ProactiveScreeningSettings>(x => x.TeamId);
    }
}
