using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Episodes;
using Waymark.People;

namespace Waymark.Contacts;

// How the Contacts capability's rows are stored. Team scoping is applied by convention (Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="Contact"/>.</summary>
internal sealed class ContactMapping : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> e)
    {
        e.ToTable("Contacts");
        e.Property(x => x.WorkerUserId).HasMaxLength(450);
        e.Property(x => x.RecordedByUserId).HasMaxLength(450);
        e.Property(x => x.EnteredInErrorByUserId).HasMaxLength(450);
        e.Property(x => x.WithWhom).HasMaxLength(200);
        e.Property(x => x.Note).HasMaxLength(4000);
        e.Property(x => x.EnteredInErrorReason).HasMaxLength(500);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        // The person's timeline, newest first.
        e.HasIndex(x => new { x.PersonId, x.OccurredAt });
        // "Not in touch": the latest successful contact of a person in a team (one index probe per caseload row).
        e.HasIndex(x => new { x.PersonId, x.TeamId, x.Reached, x.OccurredAt });
        e.HasIndex(x => new { x.EpisodeId, x.OccurredAt });
        // A contact is corrected once: a second correction of the same version (two editors at once) is refused.
        e.HasIndex(x => x.SupersedesId).IsUnique();
        e.HasIndex(x => x.AppointmentId);
        // A team's contacts in a period (the long-term attention list, figures).
        e.HasIndex(x => new { x.TeamId, x.OccurredAt });
    }
}
