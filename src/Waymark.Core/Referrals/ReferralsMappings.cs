using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Episodes;
using Waymark.ServiceDirectory;

namespace Waymark.Referrals;

// How the Referrals capability's rows are stored. Team scoping is applied by convention (see Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="Referral"/>.</summary>
internal sealed class ReferralMapping : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> e)
    {
        e.Property(x => x.ServiceName).HasMaxLength(300);
        e.Property(x => x.Need).HasMaxLength(50);
        e.Property(x => x.SupportPlan).HasMaxLength(1000);
        e.Property(x => x.Note).HasMaxLength(2000);
        e.Property(x => x.CreatedByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Status);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
        e.HasOne<LocalService>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.ReferralId);
        e.HasIndex(x => new { x.EpisodeId, x.CreatedAt });
        e.HasIndex(x => new { x.PersonId, x.CreatedAt });
        e.HasIndex(x => new { x.TeamId, x.ServiceId, x.CreatedAt });
        // The referral and unmet-need figures: a team's referrals made before the period ends.
        e.HasIndex(x => new { x.TeamId, x.CreatedAt });
    }
}

/// <summary>The table mapping of <see cref="ReferralEvent"/>.</summary>
internal sealed class ReferralEventMapping : IEntityTypeConfiguration<ReferralEvent>
{
    public void Configure(EntityTypeBuilder<ReferralEvent> e)
    {
        e.Property(x => x.ByUserId).HasMaxLength(450);
        e.Property(x => x.Note).HasMaxLength(2000);
        e.HasIndex(x => new { x.ReferralId, x.Sequence }).IsUnique();
    }
}

/// <summary>The table mapping of <see cref="FollowUpTask"/>.</summary>
internal sealed class FollowUpTaskMapping : IEntityTypeConfiguration<FollowUpTask>
{
    public void Configure(EntityTypeBuilder<FollowUpTask> e)
    {
        e.Property(x => x.AssignedToUserId).HasMaxLength(450);
        e.Property(x => x.DoneByUserId).HasMaxLength(450);
        e.Property(x => x.DoneNote).HasMaxLength(2000);
        e.Property(x => x.ClosedReason).HasMaxLength(200);
        e.Ignore(x => x.IsOpen);
        e.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId);
        e.HasIndex(x => new { x.ReferralId, x.Number }).IsUnique();
        // My tasks, the team's overdue list and the caseload's overdue flag: open tasks by due time.
        e.HasIndex(x => new { x.AssignedToUserId, x.DoneAt, x.ClosedAt, x.DueAt });
        e.HasIndex(x => new { x.TeamId, x.DoneAt, x.ClosedAt, x.DueAt });
        e.HasIndex(x => new { x.EpisodeId, x.DoneAt, x.ClosedAt, x.DueAt });
    }
}

/// <summary>The table mapping of <see cref="Outcome"/>.</summary>
internal sealed class OutcomeMapping : IEntityTypeConfiguration<Outcome>
{
    public void Configure(EntityTypeBuilder<Outcome> e)
    {
        e.Property(x => x.Note).HasMaxLength(2000);
        e.Property(x => x.RecordedByUserId).HasMaxLength(450);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
        e.HasIndex(x => new { x.EpisodeId, x.On });
        e.HasIndex(x => new { x.TeamId, x.On });
    }
}

/// <summary>The table mapping of <see cref="ConsentToShare"/>.</summary>
internal sealed class ConsentToShareMapping : IEntityTypeConfiguration<ConsentToShare>
{
    public void Configure(EntityTypeBuilder<ConsentToShare> e)
    {
        e.ToTable("Consents");
        e.Property(x => x.What).HasMaxLength(2000);
        e.Property(x => x.WithWhom).HasMaxLength(500);
        e.Property(x => x.RecordedByUserId).HasMaxLength(450);
        e.Property(x => x.WithdrawnByUserId).HasMaxLength(450);
        e.Ignore(x => x.Stands);
        e.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId);
        e.HasIndex(x => new { x.ReferralId, x.RecordedAt });
    }
}

/// <summary>The table mapping of <see cref="UnmetNeed"/>.</summary>
internal sealed class UnmetNeedMapping : IEntityTypeConfiguration<UnmetNeed>
{
    public void Configure(EntityTypeBuilder<UnmetNeed> e)
    {
        e.ToTable("UnmetNeeds");
        e.Property(x => x.Need).HasMaxLength(50);
        e.Property(x => x.Detail).HasMaxLength(UnmetNeed.MaxDetail);
        e.Property(x => x.RecordedByUserId).HasMaxLength(450);
        e.Property(x => x.WithdrawnByUserId).HasMaxLength(450);
        e.Property(x => x.WithdrawnReason).HasMaxLength(UnmetNeed.MaxWithdrawnReason);
        e.Ignore(x => x.Stands);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId);
        // The unmet-need figures: a team's records by month.
        e.HasIndex(x => new { x.TeamId, x.RecordedAt });
        e.HasIndex(x => new { x.EpisodeId, x.RecordedAt });
        e.HasIndex(x => x.PersonId);
    }
}
