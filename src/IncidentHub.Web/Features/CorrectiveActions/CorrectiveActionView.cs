using System.Text.Json.Serialization;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.CorrectiveActions;

/// <summary>Another incident a corrective action also answers.</summary>
public sealed record LinkedIncidentView(long Number, string Title, Severity? WorstSeverity);

public sealed record CorrectiveActionView
{
    public required Guid Id { get; init; }

    public required long IncidentNumber { get; init; }

    public required string IncidentTitle { get; init; }

    public required string Title { get; init; }

    public required string? Description { get; init; }

    public required CorrectiveActionKind Kind { get; init; }

    public required CorrectiveActionPriority Priority { get; init; }

    /// <summary>The severity, at its worst, of the worst incident the action answers: its own or a linked one.</summary>
    public Severity? WorstSeverity =>
        LinkedIncidents.Select(linked => linked.WorstSeverity).Append(IncidentWorstSeverity)
            .OfType<Severity>()
            .OrderBy(severity => severity == Severity.Unknown ? 5 : (int)severity)
            .Select(severity => (Severity?)severity)
            .FirstOrDefault();

    [JsonIgnore]
    public Severity? IncidentWorstSeverity { get; init; }

    /// <summary>Other incidents this action also answers.</summary>
    public required IReadOnlyList<LinkedIncidentView> LinkedIncidents { get; init; }

    public required CorrectiveActionStatus Status { get; init; }

    public required string? WontDoReason { get; init; }

    public required Guid? OwnerId { get; init; }

    public required string? OwnerName { get; init; }

    public required DateOnly? DueDate { get; init; }

    public required string? TrackerUrl { get; init; }

    public required bool Overdue { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required DateTimeOffset? CompletedAt { get; init; }

    [JsonIgnore]
    public uint Version { get; init; }
}

public static class CorrectiveActionViews
{
    /// <summary>Actions with their incident and owner, as the API shows them.</summary>
    public static IQueryable<CorrectiveActionView> ToViews(
        this IQueryable<CorrectiveAction> actions, IncidentHubDbContext db, DateOnly today) =>
        from action in actions
        join incident in db.Incidents on action.IncidentId equals incident.Id
        join person in db.People on action.OwnerId equals person.Id into owners
        from owner in owners.DefaultIfEmpty()
        select new CorrectiveActionView
        {
            Id = action.Id,
            IncidentNumber = incident.Number,
            IncidentTitle = incident.Title,
            Title = action.Title,
            Description = action.Description,
            Kind = action.Kind,
            Priority = action.Priority,
            IncidentWorstSeverity = incident.WorstSeverity,
            LinkedIncidents = (
                from link in db.Set<CorrectiveActionLink>()
                where link.ActionId == action.Id
                join linked in db.Incidents on link.IncidentId equals linked.Id
                orderby linked.Number
                select new LinkedIncidentView(linked.Number, linked.Title, linked.WorstSeverity)).ToList(),
            Status = action.Status,
            WontDoReason = action.WontDoReason,
            OwnerId = action.OwnerId,
            OwnerName = owner == null ? null : owner.DisplayName,
            DueDate = action.DueDate,
            TrackerUrl = action.TrackerUrl,
            Overdue = action.DueDate < today
                && (action.Status == CorrectiveActionStatus.Open || action.Status == CorrectiveActionStatus.InProgress),
            CreatedAt = action.CreatedAt,
            UpdatedAt = action.UpdatedAt,
            CompletedAt = action.CompletedAt,
            Version = action.Version,
        };

    public static async Task<CorrectiveActionView> ViewOfAsync(
        this IncidentHubDbContext db, Guid id, DateOnly today, CancellationToken cancellationToken) =>
        await db.CorrectiveActions
            .AsNoTracking()
            .Where(action => action.Id == id)
            .ToViews(db, today)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("There is no corrective action with this id.");

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
