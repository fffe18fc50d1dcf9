using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.People;

namespace Waymark.SupportNetworks;

/// <summary>The table mapping of <see cref="SupportNetworkMember"/>.</summary>
internal sealed class SupportNetworkMemberMapping : IEntityTypeConfiguration<SupportNetworkMember>
{
    public void Configure(EntityTypeBuilder<SupportNetworkMember> e)
    {
        e.ToTable("SupportNetworkMembers");
        e.Property(x => x.Name).HasMaxLength(SupportNetworkInput.MaxName);
        e.Property(x => x.RelationshipWords).HasMaxLength(SupportNetworkInput.MaxName);
        e.Property(x => x.Phone).HasMaxLength(Support.PhoneNumbers.MaxLength);
        e.Property(x => x.Email).HasMaxLength(SupportNetworkInput.MaxEmail);
        e.Property(x => x.Address).HasMaxLength(SupportNetworkInput.MaxAddress);
        e.Property(x => x.DoNotContactReason).HasMaxLength(SupportNetworkInput.MaxReason);
        e.Property(x => x.Notes).HasMaxLength(SupportNetworkInput.MaxNotes);
        e.Property(x => x.RemovedReason).HasMaxLength(SupportNetworkInput.MaxReason);
        e.Property(x => x.ConsentRecordedByUserId).HasMaxLength(450);
        e.Property(x => x.AddedByUserId).HasMaxLength(450);
        e.Property(x => x.ChangedByUserId).HasMaxLength(450);
        e.Property(x => x.RemovedByUserId).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
        // The person's network (the list, the contact form's choice).
        e.HasIndex(x => new { x.PersonId, x.Name });
        // A contact with a member of the network (Contact.SupportNetworkMemberId): members are never deleted, only removed.
        e.HasMany<Contacts.Contact>().WithOne().HasForeignKey(c => c.SupportNetworkMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
