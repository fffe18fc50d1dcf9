using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.People;
using Waymark.Teams;

namespace Waymark.Duplicates;

// How the Duplicates capability's rows are stored. Team scoping is applied by convention (see Persistence/TeamScoping.cs).

// Duplicates: a team's own queue and decisions (ADR 12).
/// <summary>The table mapping of <see cref="DuplicateCandidate"/>.</summary>
internal sealed class DuplicateCandidateMapping : IEntityTypeConfiguration<DuplicateCandidate>
{
    public void Configure(EntityTypeBuilder<DuplicateCandidate> e)
    {
        e.Property(x => x.Reasons).HasMaxLength(4000);
        e.Property(x => x.DecidedByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.TeamId, x.PersonAId, x.PersonBId }).IsUnique();
        // The queue: a team's undecided pairs, most probable first.
        e.HasIndex(x => new { x.TeamId, x.Decision, x.Probability, x.Weight });
        e.HasIndex(x => x.PersonAId);
        e.HasIndex(x => x.PersonBId);
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonAId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonBId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The table mapping of <see cref="PersonMerge"/>.</summary>
internal sealed class PersonMergeMapping : IEntityTypeConfiguration<PersonMerge>
{
    public void Configure(EntityTypeBuilder<PersonMerge> e)
    {
        e.Property(x => x.MergedByUserId).HasMaxLength(450);
        e.Property(x => x.UndoneByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Moves);
        e.Ignore(x => x.Snapshot);
        e.HasIndex(x => x.KeptPersonId);
        e.HasIndex(x => x.MergedPersonId);
        e.HasIndex(x => new { x.TeamId, x.MergedAt });
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.KeptPersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.MergedPersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
