using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.People;

namespace Waymark.CrisisPlans;

// How the CrisisPlans capability's rows are stored. Team scoping is applied by convention (Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="CrisisPlan"/>.</summary>
internal sealed class CrisisPlanMapping : IEntityTypeConfiguration<CrisisPlan>
{
    public void Configure(EntityTypeBuilder<CrisisPlan> e)
    {
        e.ToTable("CrisisPlans");
        e.Property(x => x.CreatedByUserId).HasMaxLength(450);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        // The person's current plan with a team (the banner, the plan page): one probe. Not unique: after a merge the
        // kept person may hold two plans with a team, and the latest is current.
        e.HasIndex(x => new { x.PersonId, x.TeamId, x.LatestAt });
    }
}

/// <summary>The table mapping of <see cref="CrisisPlanVersion"/>.</summary>
internal sealed class CrisisPlanVersionMapping : IEntityTypeConfiguration<CrisisPlanVersion>
{
    public void Configure(EntityTypeBuilder<CrisisPlanVersion> e)
    {
        e.ToTable("CrisisPlanVersions");
        e.Ignore(x => x.Contacts);
        e.Property(x => x.RecordedByUserId).HasMaxLength(450);
        e.Property(x => x.WhoWasThere).HasMaxLength(200);
        foreach (var p in new[] { nameof(CrisisPlanVersion.WarningSigns), nameof(CrisisPlanVersion.SelfHelp), nameof(CrisisPlanVersion.HelpfulPeopleAndPlaces),
                     nameof(CrisisPlanVersion.CrisisContacts), nameof(CrisisPlanVersion.OwnServices), nameof(CrisisPlanVersion.SafeSurroundings), nameof(CrisisPlanVersion.PracticalThings) })
            e.Property(p).HasMaxLength(8000);
        e.HasOne<CrisisPlan>().WithMany().HasForeignKey(x => x.CrisisPlanId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        // Each number once per plan: two people saving from the same version cannot both make the next one.
        e.HasIndex(x => new { x.CrisisPlanId, x.Number }).IsUnique();
        e.HasIndex(x => x.PersonId);
    }
}

/// <summary>The table mapping of <see cref="CrisisPlanShare"/>.</summary>
internal sealed class CrisisPlanShareMapping : IEntityTypeConfiguration<CrisisPlanShare>
{
    public void Configure(EntityTypeBuilder<CrisisPlanShare> e)
    {
        e.ToTable("CrisisPlanShares");
        e.Property(x => x.SentByUserId).HasMaxLength(450);
        e.Property(x => x.NotifyId).HasMaxLength(100);
        e.Property(x => x.Failure).HasMaxLength(500);
        e.HasOne<CrisisPlanVersion>().WithMany().HasForeignKey(x => x.CrisisPlanVersionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        e.HasIndex(x => new { x.PersonId, x.SentAt });
        e.HasIndex(x => x.CrisisPlanVersionId);
    }
}
