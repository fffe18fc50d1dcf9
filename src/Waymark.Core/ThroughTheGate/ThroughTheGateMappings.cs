using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Episodes;
using Waymark.People;

namespace Waymark.ThroughTheGate;

// How the ThroughTheGate capability's rows are stored. Team scoping is applied by convention (Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="ReleasePlan"/>.</summary>
internal sealed class ReleasePlanMapping : IEntityTypeConfiguration<ReleasePlan>
{
    public void Configure(EntityTypeBuilder<ReleasePlan> e)
    {
        e.ToTable("ReleasePlans");
        e.Property(x => x.Prison).HasMaxLength(ReleaseRules.MaxPrison);
        e.Property(x => x.PrisonNumber).HasMaxLength(7);
        e.Property(x => x.Notes).HasMaxLength(ReleaseRules.MaxNotes);
        e.Property(x => x.MeetWorkerUserId).HasMaxLength(450);
        e.Property(x => x.MeetOtherName).HasMaxLength(ReleaseRules.MaxName);
        e.Property(x => x.MeetPlace).HasMaxLength(ReleaseRules.MaxPlace);
        e.Property(x => x.Transport).HasMaxLength(ReleaseRules.MaxTransport);
        e.Property(x => x.WhatToBring).HasMaxLength(ReleaseRules.MaxBring);
        e.Property(x => x.CreatedByUserId).HasMaxLength(450);
        e.Property(x => x.UpdatedByUserId).HasMaxLength(450);
        e.Property(x => x.ReleaseRecordedByUserId).HasMaxLength(450);
        e.Property(x => x.CancelledByUserId).HasMaxLength(450);
        e.Property(x => x.CancelReason).HasMaxLength(ReleaseRules.MaxReason);
        e.Property(x => x.FollowUpRecordedByUserId).HasMaxLength(450);
        e.Property(x => x.FollowUpNote).HasMaxLength(ReleaseRules.MaxNotes);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.IsOpen);
        e.Ignore(x => x.MeetsAtGate);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        // A person's plans, newest first (their page, "already has an open plan").
        e.HasIndex(x => new { x.PersonId, x.CreatedAt });
        e.HasIndex(x => x.EpisodeId);
        // "Releases in the next 14 days": the team's open plans by expected date. Filtered to open plans, so it stays small.
        e.HasIndex(x => new { x.TeamId, x.ExpectedReleaseOn }).HasDatabaseName("IX_ReleasePlans_Open_TeamId_ExpectedReleaseOn")
            .HasFilter("\"ReleasedOn\" IS NULL AND \"CancelledAt\" IS NULL");
        // "Follow-ups after release due" (the team's list and each key worker's tasks): not yet followed up, not cancelled.
        e.HasIndex(x => new { x.TeamId, x.FollowUpDueOn }).HasDatabaseName("IX_ReleasePlans_FollowUpOpen_TeamId_FollowUpDueOn")
            .HasFilter("\"FollowUpDoneOn\" IS NULL AND \"CancelledAt\" IS NULL");
    }
}
