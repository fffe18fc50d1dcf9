using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.People;
using Waymark.Teams;

namespace Waymark.Identification;

// How the Identification capability's rows are stored. Team scoping is applied by convention (see Persistence/TeamScoping.cs).

/// <summary>The table mapping of <see cref="MatchDecision"/>.</summary>
internal sealed class MatchDecisionMapping : IEntityTypeConfiguration<MatchDecision>
{
    public void Configure(EntityTypeBuilder<MatchDecision> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.GivenName).HasMaxLength(100);
        e.Property(x => x.FamilyName).HasMaxLength(100);
        e.Property(x => x.NhsNumber).HasMaxLength(10);
        e.Property(x => x.PncId).HasMaxLength(13);
        e.Property(x => x.Postcode).HasMaxLength(10);
        e.Ignore(x => x.Request);
        e.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.TeamId, x.At });
        e.HasIndex(x => x.PersonId);
        e.HasIndex(x => x.DraftId);
    }
}

/// <summary>The table mapping of <see cref="IdentificationDraft"/>.</summary>
internal sealed class IdentificationDraftMapping : IEntityTypeConfiguration<IdentificationDraft>
{
    public void Configure(EntityTypeBuilder<IdentificationDraft> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.SettingReference).HasMaxLength(100);
        e.Property(x => x.IdentifiedBySource).HasMaxLength(200);
        e.Property(x => x.IdentificationReason).HasMaxLength(4000);
        e.Property(x => x.VulnerabilityPrompts).HasMaxLength(500);
        e.Property(x => x.GivenName).HasMaxLength(100);
        e.Property(x => x.FamilyName).HasMaxLength(100);
        e.Property(x => x.NhsNumber).HasMaxLength(10);
        e.Property(x => x.PncId).HasMaxLength(13);
        e.Property(x => x.Postcode).HasMaxLength(10);
        e.HasIndex(x => new { x.UserId, x.StartedAt });
    }
}
