using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Data.Configurations;

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("People");
        b.Property(p => p.Cpf).HasMaxLength(11).IsFixedLength().IsRequired();
        b.HasIndex(p => p.Cpf).IsUnique();
        b.Property(p => p.FullName).HasMaxLength(200).IsRequired();
        b.Property(p => p.Email).HasMaxLength(254).IsRequired();
        b.HasIndex(p => p.Email);
        b.Property(p => p.NameKey).HasMaxLength(Common.NameKey.MaxLength).IsRequired();
        b.HasIndex(p => p.NameKey);
        b.HasIndex(p => new { p.OrganizationId, p.NameKey });
        b.Property(p => p.JobTitle).HasMaxLength(120);
        b.Property(p => p.RegistrationNumber).HasMaxLength(40);
        b.Property(p => p.PreferredLanguage).HasMaxLength(8).IsRequired();

        // The sentinel is true (the CLR default here), so an explicit false is always written on insert.
        b.Property(p => p.ReceivesOptionalEmails).IsRequired().HasDefaultValue(true).HasSentinel(true);
        b.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Manager).WithMany().HasForeignKey(p => p.ManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
