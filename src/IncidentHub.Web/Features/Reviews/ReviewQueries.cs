using IncidentHub.Domain;

namespace IncidentHub.Web.Features.Reviews;

public static class ReviewQueries
{
    /// <summary>The database's reading of <see cref="Incident.ReviewRequired"/>: keep the two alike.</summary>
    public static IQueryable<Incident> NeedingReview(this IQueryable<Incident> incidents) => incidents.Where(incident =>
        incident.Phase != Phase.Dismissed && incident.DeclaredAt != null &&
        (incident.WorstSeverity == Severity.S1 || incident.WorstSeverity == Severity.S2 || incident.ReviewRequestedAt != null));

    /// <summary>The database's reading of <see cref="Incident.ReviewOverdue"/> for incidents that need a review.</summary>
    public static IQueryable<Incident> ReviewOverdue(this IQueryable<Incident> incidents, DateOnly today) =>
        incidents.Where(incident => incident.ReviewDueOn < today && incident.ReviewState != ReviewState.Published);
}
