using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Appointments;
using Waymark.People;

namespace Waymark.Reminders;

// How the Reminders capability's rows are stored. Team scoping is applied by convention (Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="Reminder"/>.</summary>
internal sealed class ReminderMapping : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> e)
    {
        e.ToTable("Reminders");
        e.Property(x => x.CreatedByUserId).HasMaxLength(450);
        e.Property(x => x.FailureSeenByUserId).HasMaxLength(450);
        e.Property(x => x.CancelReason).HasMaxLength(200);
        e.Property(x => x.NotifyNotificationId).HasMaxLength(64);
        e.Property(x => x.Body).HasMaxLength(918);
        e.Property(x => x.DeliveryStatus).HasMaxLength(40);
        e.Property(x => x.FailureReason).HasMaxLength(500);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        e.HasOne<Appointment>().WithMany().HasForeignKey(x => x.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        // The sender's queue: due, not yet claimed, not cancelled.
        e.HasIndex(x => new { x.SendingStartedAt, x.CancelledAt, x.DueAt });
        // Delivery status checks: no final status yet (equalities first), oldest sent first.
        e.HasIndex(x => new { x.DeliveredAt, x.FailedAt, x.SentAt });
        // Recovery: not sent, not failed, not cancelled, claimed before the timeout (only the few in flight).
        e.HasIndex(x => new { x.SentAt, x.FailedAt, x.CancelledAt, x.SendingStartedAt });
        // Failures shown to the key worker: the team's not yet dealt with, newest first (dealt-with ones are skipped by the index).
        e.HasIndex(x => new { x.TeamId, x.FailureSeenAt, x.FailedAt });
        e.HasIndex(x => x.AppointmentId);
        e.HasIndex(x => x.HearingEventId);
        e.HasIndex(x => x.PersonId);
    }
}
