using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentHub.Web.Data;

/// <summary>
/// A browser session kept on the server: the cookie holds only its key, so signing out,
/// deactivating an account or a timeout ends the session for good.
/// </summary>
public sealed class SignInSession
{
    /// <summary>SHA-256 of the session key, hex: a copy of the table does not let anyone in.</summary>
    public required string KeyHash { get; init; }

    public Guid AccountId { get; init; }

    public required byte[] Ticket { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastSeenAt { get; set; }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> builder)
    {
        builder.ToTable("sessions");
        builder.HasKey(session => session.KeyHash);
        builder.Property(session => session.KeyHash).HasMaxLength(64);
        builder.HasIndex(session => session.AccountId);
        builder.HasOne<Account>()
            .WithMany()
            .HasForeignKey(session => session.AccountId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
