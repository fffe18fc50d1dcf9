using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.Teams;

namespace Waymark.CriminalJustice;

// How the CriminalJustice capability's rows are stored. Team scoping is applied by convention (Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="CriminalJusticeEvent"/>.</summary>
internal sealed class CriminalJusticeEventMapping : IEntityTypeConfiguration<CriminalJusticeEvent>
{
    public void Configure(EntityTypeBuilder<CriminalJusticeEvent> e)
    {
        e.ToTable("CriminalJusticeEvents");
        e.Property(x => x.PoliceDecision).HasMaxLength(12);
        e.Property(x => x.BailConditions).HasMaxLength(EventInput.MaxConditions);
        e.Property(x => x.Requirements).HasMaxLength(500);
        e.Property(x => x.LegalStatus).HasMaxLength(2);
        e.Property(x => x.RecordedByUserId).HasMaxLength(450);
        e.Ignore(x => x.RequirementCodes);
        e.Ignore(x => x.StartsMhtr);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
        e.HasOne<CriminalJusticeAgency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        // The episode page: its events newest first.
        e.HasIndex(x => new { x.EpisodeId, x.On });
        // "Court hearings to support": the team's hearings of today and tomorrow.
        e.HasIndex(x => new { x.TeamId, x.Kind, x.On });
        // What supersedes or ends an event (NOT EXISTS probes).
        e.HasIndex(x => x.SupersedesId);
        e.HasIndex(x => x.HearingId);
        e.HasIndex(x => new { x.PersonId, x.On });
        e.HasIndex(x => x.AgencyId);
    }
}

/// <summary>The table mapping of <see cref="CriminalJusticeClock"/>.</summary>
internal sealed class CriminalJusticeClockMapping : IEntityTypeConfiguration<CriminalJusticeClock>
{
    public void Configure(EntityTypeBuilder<CriminalJusticeClock> e)
    {
        e.ToTable("CriminalJusticeClocks");
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
        e.HasIndex(x => new { x.EpisodeId, x.Kind }).IsUnique();
        // The clocks list: a team's running clocks by due date. The caseload flag probes (EpisodeId, Kind) above.
        e.HasIndex(x => new { x.TeamId, x.StoppedOn, x.DueOn });
        e.HasIndex(x => x.PersonId);
    }
}

/// <summary>The table mapping of <see cref="CriminalJusticeClockSettings"/>.</summary>
internal sealed class CriminalJusticeClockSettingsMapping : IEntityTypeConfiguration<CriminalJusticeClockSettings>
{
    public void Configure(EntityTypeBuilder<CriminalJusticeClockSettings> e)
    {
        e.ToTable("CriminalJusticeClockSettings");
        e.HasKey(x => x.TeamId);
        e.Property(x => x.ChangedByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
    }
}
