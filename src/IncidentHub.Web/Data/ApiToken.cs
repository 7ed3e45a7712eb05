using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentHub.Web.Data;

/// <summary>
/// A personal access token for tooling. Only a hash of the token is kept: the token itself is
/// shown once, when it is made.
/// </summary>
public sealed class ApiToken
{
    public const int NameMaxLength = 100;

    public Guid Id { get; init; }

    public Guid AccountId { get; init; }

    public required string Name { get; init; }

    public required string[] Scopes { get; init; }

    /// <summary>SHA-256 of the token, hex: the token has 256 random bits, so a fast hash is enough.</summary>
    public required string TokenHash { get; init; }

    /// <summary>The first characters of the token, so a person can tell their tokens apart.</summary>
    public required string Prefix { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid CreatedById { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.Property(token => token.Name).HasMaxLength(ApiToken.NameMaxLength);
        builder.Property(token => token.TokenHash).HasMaxLength(64);
        builder.Property(token => token.Prefix).HasMaxLength(16);
        builder.HasIndex(token => token.TokenHash).IsUnique();
        builder.HasIndex(token => new { token.AccountId, token.CreatedAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(token => token.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
