using IncidentHub.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentHub.Web.Data.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.Property(endpoint => endpoint.Id).ValueGeneratedNever();
        builder.Property(endpoint => endpoint.Name).HasMaxLength(WebhookEndpoint.NameMaxLength);
        builder.Property(endpoint => endpoint.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength);
        builder.Property(endpoint => endpoint.Format).HasConversion<string>().HasMaxLength(32);
        builder.Property(endpoint => endpoint.DisabledReason).HasMaxLength(WebhookEndpoint.DisabledReasonMaxLength);
        builder.Property(endpoint => endpoint.SecretPrefix).HasMaxLength(16);
        builder.Property(endpoint => endpoint.Version).IsRowVersion();
        builder.HasIndex(endpoint => endpoint.Name).IsUnique();
    }
}

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable("webhook_events");
        builder.Property(webhookEvent => webhookEvent.Id).ValueGeneratedNever();
        builder.Property(webhookEvent => webhookEvent.Type).HasMaxLength(64);
        builder.Property(webhookEvent => webhookEvent.Data).HasColumnType("jsonb");
        builder.Property(webhookEvent => webhookEvent.Summary).HasMaxLength(WebhookEvent.SummaryMaxLength);
        builder.Ignore(webhookEvent => webhookEvent.MessageId);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(webhookEvent => webhookEvent.TargetEndpointId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(webhookEvent => webhookEvent.OccurredAt);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(delivery => delivery.Id).ValueGeneratedNever();
        builder.Property(delivery => delivery.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(delivery => delivery.LastError).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        builder.HasOne<WebhookEvent>().WithMany().HasForeignKey(delivery => delivery.EventId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(delivery => delivery.EndpointId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(delivery => delivery.ReplayOf)
            .OnDelete(DeleteBehavior.SetNull);

        // What the dispatchers scan: only the pending ones, by when they are due.
        builder.HasIndex(delivery => delivery.NextAttemptAt)
            .HasFilter("state = 'Pending'").HasDatabaseName("ix_webhook_deliveries_due");
        builder.HasIndex(delivery => new { delivery.EndpointId, delivery.CreatedAt, delivery.Id });
        builder.HasIndex(delivery => delivery.EventId);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.Property(attempt => attempt.Error).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        builder.Property(attempt => attempt.ResponseExcerpt).HasMaxLength(WebhookAttempt.ExcerptMaxLength);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(attempt => attempt.DeliveryId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(attempt => attempt.DeliveryId);
    }
}

internal sealed class WebhookOverdueNoticeConfiguration : IEntityTypeConfiguration<WebhookOverdueNotice>
{
    public void Configure(EntityTypeBuilder<WebhookOverdueNotice> builder)
    {
        builder.ToTable("webhook_overdue_notices");
        builder.HasKey(notice => new { notice.IncidentId, notice.Subject, notice.DueAt });
        builder.Property(notice => notice.Subject).HasMaxLength(32).HasDefaultValue(WebhookOverdueNotice.ExternalUpdate);
        builder.HasOne<IncidentHub.Domain.Incident>().WithMany().HasForeignKey(notice => notice.IncidentId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
