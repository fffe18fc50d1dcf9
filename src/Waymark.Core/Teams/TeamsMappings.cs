using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Referrals;
using Waymark.Screening;

namespace Waymark.Teams;

// How the Teams capability's rows are stored. Team scoping is applied by convention (see Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="Team"/>.</summary>
internal sealed class TeamMapping : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> e)
    {
        e.Property(t => t.Name).HasMaxLength(200);
        e.Property(t => t.Covers).HasMaxLength(4000);
        e.HasIndex(t => t.Name).IsUnique();
        e.Ignore(t => t.AssessmentTargets);
        e.Property(t => t.FollowUpDays).HasMaxLength(50).HasDefaultValue(FollowUpIntervals.Default);
        e.Property(t => t.ImmediateAssessmentMinutes).HasDefaultValue(AssessmentTargets.Default.ImmediateMinutes);
        e.Property(t => t.TodayAssessmentMinutes).HasDefaultValue(AssessmentTargets.Default.TodayMinutes);
        e.Property(t => t.RoutineAssessmentMinutes).HasDefaultValue(AssessmentTargets.Default.RoutineMinutes);
    }
}

/// <summary>The table mapping of <see cref="TeamMembership"/>.</summary>
internal sealed class TeamMembershipMapping : IEntityTypeConfiguration<TeamMembership>
{
    public void Configure(EntityTypeBuilder<TeamMembership> e)
    {
        e.HasKey(m => new { m.TeamId, m.UserId });
        e.HasOne(m => m.Team).WithMany(t => t.Members).HasForeignKey(m => m.TeamId);
        e.HasOne(m => m.User).WithMany(u => u.Memberships).HasForeignKey(m => m.UserId);
        e.HasIndex(m => m.UserId);
    }
}

/// <summary>The table mapping of <see cref="WaymarkUser"/>.</summary>
internal sealed class WaymarkUserMapping : IEntityTypeConfiguration<WaymarkUser>
{
    public void Configure(EntityTypeBuilder<WaymarkUser> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(200);
        e.Property(u => u.DeactivatedBy).HasMaxLength(450);
        e.Property(u => u.PasswordChangeRequiredBy).HasMaxLength(450);
    }
}

/// <summary>The table mapping of <see cref="UserSession"/>: looked up by id on every request; listed by user (last sign-in, ending all).</summary>
internal sealed class UserSessionMapping : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> e)
    {
        e.Property(s => s.UserId).HasMaxLength(450);
        e.Property(s => s.EndedBy).HasMaxLength(450);
        e.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(40);
        e.HasOne<WaymarkUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.UserId, s.StartedAt });
    }
}
