using IncidentHub.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IncidentHub.Web.Data.Configurations;

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.ToTable("services");
        builder.Property(service => service.Id).ValueGeneratedNever();
        builder.Property(service => service.Slug).HasMaxLength(ServiceSlug.MaxLength);
        builder.Property(service => service.Name).HasMaxLength(Service.NameMaxLength);
        builder.Property(service => service.Description).HasMaxLength(Service.DescriptionMaxLength);
        builder.Property(service => service.OwnerTeam).HasMaxLength(Service.OwnerTeamMaxLength);
        builder.Property(service => service.RunbookUrl).HasMaxLength(Service.RunbookUrlMaxLength);
        builder.Property(service => service.Version).IsRowVersion();
        builder.HasIndex(service => service.Slug).IsUnique();
    }
}

internal sealed class AlertSourceConfiguration : IEntityTypeConfiguration<AlertSource>
{
    public void Configure(EntityTypeBuilder<AlertSource> builder)
    {
        builder.ToTable("alert_sources");
        builder.Property(source => source.Id).ValueGeneratedNever();
        builder.Property(source => source.Name).HasMaxLength(AlertSource.NameMaxLength);
        builder.Property(source => source.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(source => source.DefaultService).HasMaxLength(ServiceSlug.MaxLength);
        builder.Property(source => source.ServiceLabel).HasMaxLength(AlertSource.LabelNameMaxLength);
        builder.Property(source => source.SecretHash).HasMaxLength(64);
        builder.Property(source => source.SecretPrefix).HasMaxLength(16);
        builder.Property(source => source.Version).IsRowVersion();
        builder.HasIndex(source => source.Name).IsUnique();
        builder.HasOne<Incident>().WithMany().HasForeignKey(source => source.StormIncidentId)
            .OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public const string IsOpen = "status <> 'Resolved'";

    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        // Repeats and copies of an alert rewrite its row, changing no indexed column: room left in each page lets
        // PostgreSQL keep the new version beside the old one (a HOT update) instead of writing every index again.
        builder.ToTable("alerts").HasStorageParameter("fillfactor", 80);
        builder.Property(alert => alert.Id).ValueGeneratedNever();
        builder.Ignore(alert => alert.IsOpen);
        builder.Property(alert => alert.Fingerprint).HasMaxLength(Alert.FingerprintMaxLength);
        builder.Property(alert => alert.GroupKey).HasMaxLength(64);
        builder.Property(alert => alert.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(alert => alert.Title).HasMaxLength(Alert.TitleMaxLength);
        builder.Property(alert => alert.Description).HasMaxLength(Alert.DescriptionMaxLength);
        builder.Property(alert => alert.Service).HasMaxLength(ServiceSlug.MaxLength);
        builder.Property(alert => alert.AcknowledgedBy).HasMaxLength(300);
        builder.Property(alert => alert.Version).IsRowVersion();
        // Kept as received; nothing queries inside them.
        JsonColumns.AsJson(builder.Property(alert => alert.Labels), SameEntries);
        JsonColumns.AsJson(builder.Property(alert => alert.Annotations), SameEntries);
        JsonColumns.AsJson(builder.Property(alert => alert.Links), JsonColumns.SameItems<AlertLink>());

        builder.HasOne<AlertSource>().WithMany().HasForeignKey(alert => alert.SourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Incident>().WithMany().HasForeignKey(alert => alert.IncidentId).OnDelete(DeleteBehavior.Cascade);

        // The database itself guarantees one open alert per fingerprint and source, whatever races the senders run.
        builder.HasIndex(alert => new { alert.SourceId, alert.Fingerprint })
            .IsUnique().HasFilter(IsOpen).HasDatabaseName("ix_alerts_open_fingerprint");
        builder.HasIndex(alert => new { alert.SourceId, alert.Fingerprint, alert.StartsAt });
        builder.HasIndex(alert => new { alert.SourceId, alert.GroupKey, alert.FirstReceivedAt });
        builder.HasIndex(alert => new { alert.IncidentId, alert.Status });
        builder.HasIndex(alert => alert.Service);
    }

    private static readonly ValueComparer<Dictionary<string, string>> SameEntries = new(
        (left, right) => HaveSameEntries(left, right),
        value => value.Count,
        value => new Dictionary<string, string>(value));

    private static bool HaveSameEntries(Dictionary<string, string>? left, Dictionary<string, string>? right)
    {
        if (left is null || right is null)
        {
            return left == right;
        }

        return left.Count == right.Count
            && left.All(entry => right.TryGetValue(entry.Key, out var value) && value == entry.Value);
    }
}
