using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Episodes;

namespace Waymark.Screening;

// How the Screening capability's rows are stored. Team scoping is applied by convention (see Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="InstrumentCompletion"/>.</summary>
internal sealed class InstrumentCompletionMapping : IEntityTypeConfiguration<InstrumentCompletion>
{
    public void Configure(EntityTypeBuilder<InstrumentCompletion> e)
    {
        e.Property(x => x.InstrumentId).HasMaxLength(100);
        e.Property(x => x.InstrumentVersion).HasMaxLength(50);
        e.Property(x => x.InstrumentTitle).HasMaxLength(200);
        e.Property(x => x.AnswersJson).HasMaxLength(8000);
        e.Property(x => x.Band).HasMaxLength(200);
        e.Property(x => x.Flags).HasMaxLength(4000);
        e.Property(x => x.Outcomes).HasMaxLength(4000);
        e.Property(x => x.SubscalesJson).HasMaxLength(2000);
        e.Ignore(x => x.FlagList);
        e.Ignore(x => x.OutcomeList);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
        e.HasIndex(x => new { x.EpisodeId, x.CompletedAt });
        e.HasIndex(x => new { x.PersonId, x.CompletedAt });
    }
}

/// <summary>The table mapping of <see cref="ScreeningOutcome"/>.</summary>
internal sealed class ScreeningOutcomeMapping : IEntityTypeConfiguration<ScreeningOutcome>
{
    public void Configure(EntityTypeBuilder<ScreeningOutcome> e)
    {
        e.Property(x => x.Needs).HasMaxLength(1000);
        e.Property(x => x.RiskNotes).HasMaxLength(4000);
        e.Property(x => x.SignpostedTo).HasMaxLength(500);
        e.Property(x => x.Notes).HasMaxLength(4000);
        e.Ignore(x => x.NeedCodes);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
        e.HasIndex(x => new { x.EpisodeId, x.Sequence }).IsUnique();
        e.HasIndex(x => new { x.PersonId, x.RecordedAt });
    }
}
