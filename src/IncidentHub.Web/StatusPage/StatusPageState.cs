using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.StatusPage;

/// <summary>A service as the public page shows it: its catalogue name, never its owner or runbook.</summary>
public sealed record PublicComponent(Guid Id, string Slug, string Name, string? Description, ServiceImpact Status);

/// <summary>One external update, as posted: its text, its public status and the public services it names.</summary>
public sealed record PublicUpdate(
    Guid Id, PublicStatus Status, string Body, DateTimeOffset PostedAt, IReadOnlyList<PublicImpact> Affected);

public sealed record PublicImpact(PublicComponent Component, ServiceImpact Impact);

/// <summary>
/// An incident as customers see it: named from the services and the worst impact its external updates gave, never by
/// its internal title, with its external updates newest first and nothing else.
/// </summary>
public sealed record PublicIncident(
    Guid Id,
    string Name,
    PublicStatus Status,
    ServiceImpact WorstImpact,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? MonitoringAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<PublicUpdate> Updates,
    IReadOnlyList<PublicComponent> Components);

/// <summary>
/// Everything the public status page shows, read in one go: what it says of itself, the services marked public with
/// their current status (the worst impact the latest external update of an unresolved incident gives them), the
/// unresolved incidents that customers were told about, and those of the last 90 days.
/// </summary>
public sealed record StatusPageState(
    string Title,
    string AllGoodMessage,
    IReadOnlyList<PublicComponent> Components,
    IReadOnlyList<PublicIncident> Active,
    IReadOnlyList<PublicIncident> Past,
    DateTimeOffset UpdatedAt)
{
    public static readonly TimeSpan History = TimeSpan.FromDays(90);

    /// <summary>The worst of the services' statuses and the unresolved incidents' impacts.</summary>
    public ServiceImpact Overall => Components.Select(component => component.Status)
        .Concat(Active.Select(incident => incident.Updates[0].Affected.Count == 0
            ? ServiceImpact.DegradedPerformance
            : incident.Updates[0].Affected.Max(affected => affected.Impact)))
        .DefaultIfEmpty(ServiceImpact.Operational)
        .Max();

    public static async Task<StatusPageState> ReadAsync(IncidentHubDbContext db, DateTimeOffset now, CancellationToken token)
    {
        var settings = await db.StatusPageSettings.AsNoTracking().FirstOrDefaultAsync(token)
            ?? Domain.StatusPageSettings.Defaults(now);
        var services = await db.Services.AsNoTracking()
            .Where(service => service.ShownOnStatusPage)
            .OrderBy(service => service.Name)
            .Select(service => new { service.Id, service.Slug, service.Name, service.Description })
            .ToListAsync(token);
        var since = now - History;
        var incidents = await db.Incidents.AsNoTracking()
            .Where(incident => incident.LastExternalUpdateAt != null
                && ((incident.Phase != Phase.Learnings && incident.Phase != Phase.Closed && incident.Phase != Phase.Dismissed)
                    || incident.LastExternalUpdateAt > since))
            .Select(incident => new
            {
                incident.Id,
                incident.Phase,
                incident.ResolvedAt,
                incident.ClosedAt,
                incident.DismissedAt,
            })
            .ToListAsync(token);
        var ids = incidents.Select(incident => incident.Id).ToArray();
        var updatesByIncident = (await db.StatusUpdates.AsNoTracking()
            .Where(update => update.Audience == StatusAudience.External && ids.Contains(update.IncidentId))
            .OrderByDescending(update => update.PostedAt)
            .Select(update => new
            {
                update.Id,
                update.IncidentId,
                update.Text,
                update.PostedAt,
                update.PublicStatus,
                update.AffectedServices,
            })
            .ToListAsync(token)).ToLookup(update => update.IncidentId);

        var bySlug = services.ToDictionary(
            service => service.Slug,
            service => new PublicComponent(service.Id, service.Slug, service.Name, service.Description, ServiceImpact.Operational),
            StringComparer.Ordinal);
        var active = new List<PublicIncident>();
        var past = new List<PublicIncident>();
        foreach (var incident in incidents)
        {
            var resolvedAt = incident.Phase >= Phase.Learnings
                ? incident.ResolvedAt ?? incident.ClosedAt ?? incident.DismissedAt
                : null;
            var published = updatesByIncident[incident.Id]
                .Select(update => new PublicUpdate(
                    update.Id,
                    update.PublicStatus ?? PublicStatus.Investigating,
                    update.Text,
                    update.PostedAt,
                    [.. update.AffectedServices
                        .Where(affected => bySlug.ContainsKey(affected.Service))
                        .Select(affected => new PublicImpact(bySlug[affected.Service], affected.Impact))]))
                .ToList();
            if (published.Count == 0)
            {
                continue;
            }

            var worst = published.SelectMany(update => update.Affected).Select(affected => affected.Impact)
                .DefaultIfEmpty(ServiceImpact.DegradedPerformance).Max();
            var named = published.SelectMany(update => update.Affected).Select(affected => affected.Component)
                .DistinctBy(component => component.Slug).OrderBy(component => component.Name, StringComparer.Ordinal)
                .ToList();
            var status = resolvedAt is not null ? PublicStatus.Resolved : published[0].Status;
            var publicIncident = new PublicIncident(
                incident.Id,
                NameOf(worst, named),
                status,
                worst,
                published[^1].PostedAt,
                resolvedAt is { } resolved && resolved > published[0].PostedAt ? resolved : published[0].PostedAt,
                published.LastOrDefault(update => update.Status == PublicStatus.Monitoring)?.PostedAt,
                resolvedAt is null ? null : resolvedAt > published[0].PostedAt ? resolvedAt : published[0].PostedAt,
                published,
                named);
            (status == PublicStatus.Resolved ? past : active).Add(publicIncident);
        }

        // A service's status: the worst impact the latest update of an unresolved incident gives it.
        var statusOf = active.SelectMany(incident => incident.Updates[0].Affected)
            .GroupBy(affected => affected.Component.Slug, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Max(affected => affected.Impact), StringComparer.Ordinal);
        var components = services
            .Select(service => bySlug[service.Slug] with
            {
                Status = statusOf.GetValueOrDefault(service.Slug, ServiceImpact.Operational),
            })
            .ToList();
        var latest = active.Concat(past).Select(incident => incident.UpdatedAt).Append(settings.UpdatedAt).Max();
        return new StatusPageState(
            settings.Title,
            settings.AllGoodMessage,
            components,
            [.. active.OrderByDescending(incident => incident.UpdatedAt)],
            [.. past.Where(incident => incident.ResolvedAt > since).OrderByDescending(incident => incident.ResolvedAt)],
            latest);
    }

    /// <summary>"Partial outage: Checkout, Payments API", or "Service disruption" when no public service is named.</summary>
    private static string NameOf(ServiceImpact worst, List<PublicComponent> components) =>
        components.Count == 0
            ? "Service disruption"
            : $"{(worst == ServiceImpact.Operational ? "Disruption" : worst.Describe())}: "
                + string.Join(", ", components.Select(component => component.Name));
}
