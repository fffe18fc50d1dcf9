using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Teams;

namespace Waymark.Appointments;

// How the Appointments capability's rows are stored. Team scoping is applied by convention (Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="Appointment"/>.</summary>
internal sealed class AppointmentMapping : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> e)
    {
        e.ToTable("Appointments");
        e.Property(x => x.WorkerUserId).HasMaxLength(450);
        e.Property(x => x.BookedByUserId).HasMaxLength(450);
        e.Property(x => x.OutcomeRecordedByUserId).HasMaxLength(450);
        e.Property(x => x.Location).HasMaxLength(200);
        e.Property(x => x.WithWhom).HasMaxLength(200);
        e.Property(x => x.Purpose).HasMaxLength(500);
        e.Property(x => x.OutcomeNote).HasMaxLength(1000);
        e.Property(x => x.RescheduleReason).HasMaxLength(500);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.EndsAt);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        // A worker's day and week diary, and their calendar feed.
        e.HasIndex(x => new { x.TeamId, x.WorkerUserId, x.StartsAt });
        // The person's timeline and upcoming appointments.
        e.HasIndex(x => new { x.PersonId, x.StartsAt });
        e.HasIndex(x => x.EpisodeId);
        // "Rescheduled": is there an appointment that supersedes this one (NOT EXISTS probe).
        e.HasIndex(x => x.SupersedesId);
        e.HasIndex(x => x.ReleasePlanId);
    }
}

/// <summary>The table mapping of <see cref="CalendarFeed"/>.</summary>
internal sealed class CalendarFeedMapping : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> e)
    {
        e.ToTable("CalendarFeeds");
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => new { x.TeamId, x.UserId });
    }
}
