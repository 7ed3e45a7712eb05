using IncidentHub.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentHub.Web.Data;

/// <summary>
/// A person's sign-in: the Identity user whose id is the person's id. A person without an account
/// (a contractor who owns a corrective action) stays possible; a service account is a person that
/// has an account but no password and acts only through API tokens.
/// </summary>
public sealed class Account : IdentityUser<Guid>
{
    public AccountRole Role { get; set; } = AccountRole.Viewer;

    public bool IsServiceAccount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.Property(account => account.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<Person>()
            .WithOne()
            .HasForeignKey<Account>(account => account.Id)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
