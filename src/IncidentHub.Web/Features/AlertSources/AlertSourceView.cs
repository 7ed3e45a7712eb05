using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.AlertSources;

/// <summary>
/// An alert source as an admin sees it: its settings under the names a PATCH takes, which secret it has (the prefix,
/// never the secret or its hash) and what it has sent.
/// </summary>
public sealed record AlertSourceView(
    Guid Id,
    string Name,
    AlertSourceKind Kind,
    string? DefaultService,
    IReadOnlyList<string> SeverityLabels,
    string ServiceLabel,
    IReadOnlyList<string> GroupByLabels,
    bool DeclareImmediately,
    bool MitigateWhenResolved,
    int MaxNewIncidentsPerMinute,
    bool Enabled,
    string SecretPrefix,
    DateTimeOffset SecretCreatedAt,
    int OpenAlerts,
    DateTimeOffset? LastAlertAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    /// <summary>Where the source sends its alerts, relative to the app's base address.</summary>
    public string IngestPath => AlertIngestion.PathOf(Id);
}

/// <summary>A source just made or given a new secret: the only answer that ever holds the secret itself.</summary>
public sealed record AlertSourceWithSecret(AlertSourceView Source, string Secret);

public static class AlertSourceViews
{
    /// <summary>
    /// Sources with their alert counts, by name. Each count reads the source's alerts through the
    /// (source, fingerprint) index; a self-hosted install has a handful of sources.
    /// </summary>
    public static IQueryable<AlertSourceView> ToViews(this IQueryable<AlertSource> sources, IncidentHubDbContext db) =>
        from source in sources
        orderby source.Name, source.Id
        select new AlertSourceView(
            source.Id,
            source.Name,
            source.Kind,
            source.DefaultService,
            source.SeverityLabels,
            source.ServiceLabel,
            source.GroupByLabels,
            source.DeclareImmediately,
            source.MitigateWhenResolved,
            source.MaxNewIncidentsPerMinute,
            source.Enabled,
            source.SecretPrefix,
            source.SecretCreatedAt,
            db.Alerts.Count(alert => alert.SourceId == source.Id && alert.Status != AlertStatus.Resolved),
            db.Alerts.Where(alert => alert.SourceId == source.Id).Max(alert => (DateTimeOffset?)alert.LastReceivedAt),
            source.CreatedAt,
            source.UpdatedAt,
            source.Version);

    public static async Task<AlertSourceView> AlertSourceViewAsync(
        this IncidentHubDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.AlertSources.AsNoTracking().Where(source => source.Id == id).ToViews(db)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw AlertSourceRules.NotFound();
}
