using System.Text.Json.Serialization;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Services;

public sealed record ServiceView
{
    public required string Slug { get; init; }

    public required string Name { get; init; }

    public required string? Description { get; init; }

    public required string? OwnerTeam { get; init; }

    public required string? RunbookUrl { get; init; }

    public required bool ShownOnStatusPage { get; init; }

    /// <summary>Added because an incident or an alert named it: someone should fill it in.</summary>
    public required bool NeedsReview { get; init; }

    /// <summary>Incidents naming this service that are neither closed nor dismissed.</summary>
    public required int OpenIncidents { get; init; }

    /// <summary>Its alerts that are firing or acknowledged.</summary>
    public required int OpenAlerts { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonIgnore]
    public uint Version { get; init; }
}

public static class ServiceViews
{
    /// <summary>
    /// Services with how many open incidents and alerts name them, as the API shows them. Npgsql writes the
    /// Contains as <c>services @&gt; ARRAY[slug]</c>, which the GIN index on incidents.services answers.
    /// </summary>
    public static IQueryable<ServiceView> ToViews(this IQueryable<Service> services, IncidentHubDbContext db) =>
        services.Select(service => new ServiceView
        {
            Slug = service.Slug,
            Name = service.Name,
            Description = service.Description,
            OwnerTeam = service.OwnerTeam,
            RunbookUrl = service.RunbookUrl,
            ShownOnStatusPage = service.ShownOnStatusPage,
            NeedsReview = service.NeedsReview,
            OpenIncidents = db.Incidents.Count(incident => incident.Services.Contains(service.Slug)
                && incident.Phase != Phase.Closed && incident.Phase != Phase.Dismissed),
            OpenAlerts = db.Alerts.Count(alert => alert.Service == service.Slug && alert.Status != AlertStatus.Resolved),
            CreatedAt = service.CreatedAt,
            UpdatedAt = service.UpdatedAt,
            Version = service.Version,
        });

    public static async Task<ServiceView> ViewOfAsync(
        this IncidentHubDbContext db, string slug, CancellationToken cancellationToken) =>
        await db.Services.AsNoTracking().Where(service => service.Slug == slug).ToViews(db)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw ServiceRules.NotFound(slug);
}
