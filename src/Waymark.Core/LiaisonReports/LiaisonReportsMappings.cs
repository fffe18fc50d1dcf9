using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Episodes;
using Waymark.Liaison;

namespace Waymark.LiaisonReports;

// How the LiaisonReports capability's rows are stored. Team scoping is applied by convention (see Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="LiaisonReport"/> (one row per version).</summary>
internal sealed class LiaisonReportMapping : IEntityTypeConfiguration<LiaisonReport>
{
    public void Configure(EntityTypeBuilder<LiaisonReport> e)
    {
        e.ToTable("LiaisonReports");
        e.Property(x => x.Vulnerabilities).HasMaxLength(LiaisonReportInput.MaxText);
        e.Property(x => x.Screening).HasMaxLength(LiaisonReportInput.MaxText);
        e.Property(x => x.Assessment).HasMaxLength(LiaisonReportInput.MaxText);
        e.Property(x => x.Priorities).HasMaxLength(LiaisonReportInput.MaxText);
        e.Property(x => x.EffectOnProcess).HasMaxLength(LiaisonReportInput.MaxText);
        e.Property(x => x.FurtherInformation).HasMaxLength(LiaisonReportInput.MaxText);
        e.Property(x => x.CorrectionNote).HasMaxLength(1000);
        e.Property(x => x.SentNote).HasMaxLength(500);
        e.Property(x => x.SentInformation).HasMaxLength(500);
        e.Property(x => x.CreatedByUserId).HasMaxLength(450);
        e.Property(x => x.UpdatedByUserId).HasMaxLength(450);
        e.Property(x => x.SentByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.IsSent);
        e.Ignore(x => x.SentInformationCodes);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
        e.HasMany(x => x.Addressees).WithOne().HasForeignKey(x => x.ReportVersionId);
        e.HasMany(x => x.Recommendations).WithOne().HasForeignKey(x => x.ReportVersionId);
        // Versions are numbered 1, 2, 3… per report: two corrections at once cannot both be n+1.
        e.HasIndex(x => new { x.ReportId, x.Number }).IsUnique();
        // The episode's list and its time to first report sent.
        e.HasIndex(x => new { x.EpisodeId, x.SentAt });
        e.HasIndex(x => new { x.PersonId, x.CreatedAt });
        // The criminal justice figures: a team's reports sent by month.
        e.HasIndex(x => new { x.TeamId, x.SentAt });
    }
}

/// <summary>The table mapping of <see cref="LiaisonReportAddressee"/>.</summary>
internal sealed class LiaisonReportAddresseeMapping : IEntityTypeConfiguration<LiaisonReportAddressee>
{
    public void Configure(EntityTypeBuilder<LiaisonReportAddressee> e)
    {
        e.HasKey(x => new { x.ReportVersionId, x.AgencyId });
        e.HasOne<CriminalJusticeAgency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.AgencyId);
    }
}

/// <summary>The table mapping of <see cref="LiaisonReportRecommendation"/>.</summary>
internal sealed class LiaisonReportRecommendationMapping : IEntityTypeConfiguration<LiaisonReportRecommendation>
{
    public void Configure(EntityTypeBuilder<LiaisonReportRecommendation> e)
    {
        e.HasKey(x => new { x.ReportVersionId, x.Code });
        e.Property(x => x.Code).HasMaxLength(50);
        e.Property(x => x.Detail).HasMaxLength(1000);
        e.Property(x => x.Provider).HasMaxLength(200);
    }
}
