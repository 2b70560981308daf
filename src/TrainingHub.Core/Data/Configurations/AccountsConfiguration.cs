using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Data.Configurations;

public sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        b.Property(u => u.PreferredLanguage).HasMaxLength(8).IsRequired();
        b.HasIndex(u => u.PersonId).IsUnique();
        b.HasOne(u => u.Person).WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.ScopeOrganization).WithMany().HasForeignKey(u => u.ScopeOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(t => t.Name).HasMaxLength(100).IsRequired();
        b.Property(t => t.Prefix).HasMaxLength(16).IsRequired();
        b.Property(t => t.TokenHash).HasMaxLength(64).IsFixedLength().IsRequired();
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> b)
    {
        b.Property(s => s.KeyHash).HasMaxLength(64).IsFixedLength().IsRequired();
        b.HasIndex(s => s.KeyHash).IsUnique();
        b.HasIndex(s => s.UserId);
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.Property(i => i.TokenHash).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(i => i.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.OutboxKey).HasMaxLength(200).IsRequired();
        b.Property(i => i.InvitedByUserId).HasMaxLength(450);
        b.Property(i => i.AcceptedUserId).HasMaxLength(450);
        b.HasIndex(i => i.PersonId).IsUnique();
        b.HasIndex(i => i.ExpiresAt);
        b.HasOne(i => i.Person).WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RegistrationRequestConfiguration : IEntityTypeConfiguration<RegistrationRequest>
{
    public void Configure(EntityTypeBuilder<RegistrationRequest> b)
    {
        b.Property(r => r.Cpf).HasMaxLength(11).IsFixedLength().IsRequired();
        b.Property(r => r.FullName).HasMaxLength(PersonValidation.NameMax).IsRequired();
        b.Property(r => r.Email).HasMaxLength(PersonValidation.EmailMax).IsRequired();
        b.Property(r => r.Language).HasMaxLength(10).IsRequired();
        b.Property(r => r.PasswordHash).HasMaxLength(1000);
        b.Property(r => r.TokenHash).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.UserId).HasMaxLength(450);
        b.Property(r => r.DecidedByUserId).HasMaxLength(450);
        b.Property(r => r.RefusalReason).HasMaxLength(DecideRegistration.ReasonMax);
        b.HasIndex(r => new { r.Status, r.ConfirmedAt });
        b.HasIndex(r => new { r.Email, r.CreatedAt });
        b.HasIndex(r => r.Cpf);
        b.HasOne(r => r.Organization).WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// The package's key entity kept in the table the hand-written key repository made (same name, columns and
/// constraints), so the keys it stored stay readable: signed-in people stay signed in, sent unsubscribe links work.
/// </summary>
public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.Property(k => k.FriendlyName).HasMaxLength(200);
        b.Property(k => k.Xml).IsRequired();
    }
}
