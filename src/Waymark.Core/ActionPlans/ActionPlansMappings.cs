using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.People;
using Waymark.Teams;

namespace Waymark.ActionPlans;

// How the Action plans capability's rows are stored. Team scoping is applied by convention (Persistence/TeamScoping.cs).
// Every read is "this person's rows with this team": the (PersonId, TeamId) index serves each of them. No unique index on
// (TeamId, PersonId) for the plan: after a merge of two records that each had one, the kept person has both (docs/support.md).

/// <summary>The table mapping of <see cref="ActionPlan"/>.</summary>
internal sealed class ActionPlanMapping : IEntityTypeConfiguration<ActionPlan>
{
    public void Configure(EntityTypeBuilder<ActionPlan> e)
    {
        e.ToTable("ActionPlans");
        e.Property(x => x.CreatedByUserId).HasMaxLength(450);
        e.Property(x => x.ChangedByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
        e.HasIndex(x => new { x.PersonId, x.TeamId });
    }
}

/// <summary>The table mapping of <see cref="ActionPlanGoal"/>.</summary>
internal sealed class ActionPlanGoalMapping : IEntityTypeConfiguration<ActionPlanGoal>
{
    public void Configure(EntityTypeBuilder<ActionPlanGoal> e)
    {
        e.ToTable("ActionPlanGoals");
        e.Property(x => x.InTheirWords).HasMaxLength(ActionPlanGoal.MaxWords);
        e.Property(x => x.WhyItMatters).HasMaxLength(ActionPlanGoal.MaxWhy);
        e.Property(x => x.StoppedReason).HasMaxLength(ActionPlanService.MaxStoppedReason);
        e.Property(x => x.AddedByUserId).HasMaxLength(450);
        e.Property(x => x.ChangedByUserId).HasMaxLength(450);
        e.Property(x => x.AchievedByUserId).HasMaxLength(450);
        e.Property(x => x.StoppedByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Status);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        e.HasOne<ActionPlan>().WithMany().HasForeignKey(x => x.ActionPlanId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.PersonId, x.TeamId });
        e.HasIndex(x => x.ActionPlanId);
    }
}

/// <summary>The table mapping of <see cref="ActionPlanStep"/>.</summary>
internal sealed class ActionPlanStepMapping : IEntityTypeConfiguration<ActionPlanStep>
{
    public void Configure(EntityTypeBuilder<ActionPlanStep> e)
    {
        e.ToTable("ActionPlanSteps");
        e.Property(x => x.What).HasMaxLength(ActionPlanStep.MaxWhat);
        e.Property(x => x.SomeoneElse).HasMaxLength(ActionPlanStep.MaxSomeoneElse);
        e.Property(x => x.WorkerUserId).HasMaxLength(450);
        e.Property(x => x.AddedByUserId).HasMaxLength(450);
        e.Property(x => x.ChangedByUserId).HasMaxLength(450);
        e.Property(x => x.DoneByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        e.HasOne<ActionPlanGoal>().WithMany().HasForeignKey(x => x.GoalId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.PersonId, x.TeamId });
        e.HasIndex(x => x.GoalId);
    }
}

/// <summary>The table mapping of <see cref="ActionPlanReview"/>.</summary>
internal sealed class ActionPlanReviewMapping : IEntityTypeConfiguration<ActionPlanReview>
{
    public void Configure(EntityTypeBuilder<ActionPlanReview> e)
    {
        e.ToTable("ActionPlanReviews");
        e.Property(x => x.Note).HasMaxLength(ActionPlanReview.MaxNote);
        e.Property(x => x.ReviewedByUserId).HasMaxLength(450);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        e.HasOne<ActionPlan>().WithMany().HasForeignKey(x => x.ActionPlanId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.PersonId, x.TeamId });
        e.HasIndex(x => x.ActionPlanId);
    }
}
