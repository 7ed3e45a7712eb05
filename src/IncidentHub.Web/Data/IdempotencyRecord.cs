using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentHub.Web.Data;

/// <summary>
/// The first answer to a POST sent with an Idempotency-Key, kept so that retries get the same answer.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 255;

    public required string Scope { get; init; }

    public required string Key { get; init; }

    public required string RequestHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public int? StatusCode { get; init; }

    public string? ContentType { get; init; }

    public string? Location { get; init; }

    public string? ETag { get; init; }

    public byte[]? Body { get; init; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(record => new { record.Scope, record.Key });
        builder.Property(record => record.Scope).HasMaxLength(300);
        builder.Property(record => record.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength);
        builder.Property(record => record.RequestHash).HasMaxLength(64);
        builder.Property(record => record.ContentType).HasMaxLength(200);
        builder.Property(record => record.Location).HasMaxLength(2000);
        builder.Property(record => record.ETag).HasMaxLength(100);
        builder.HasIndex(record => record.CreatedAt);
    }
}
