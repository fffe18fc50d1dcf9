using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Contacts;
using Waymark.Episodes;
using Waymark.People;

namespace Waymark.DropIns;

// How the DropIns capability's rows are stored. Team scoping is applied by convention (Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="DropIn"/>.</summary>
internal sealed class DropInMapping : IEntityTypeConfiguration<DropIn>
{
    public void Configure(EntityTypeBuilder<DropIn> e)
    {
        e.ToTable("DropIns");
        e.Property(x => x.ReasonWords).HasMaxLength(DropInInput.MaxReasonWords);
        e.Property(x => x.WhatHelped).HasMaxLength(DropInInput.MaxWhatHelped);
        e.Property(x => x.SeenByUserIds).HasMaxLength(4600);
        e.Property(x => x.RecordedByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.ReopenedEpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
        // The team's drop-ins of a day, in arrival order (the day's list).
        e.HasIndex(x => new { x.TeamId, x.ArrivedAt });
        // The person's latest drop-ins.
        e.HasIndex(x => new { x.PersonId, x.ArrivedAt });
        e.HasIndex(x => x.ContactId).IsUnique();
        e.HasIndex(x => x.ReopenedEpisodeId);
        e.HasIndex(x => x.EpisodeId);
    }
}
