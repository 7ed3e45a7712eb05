using FluentValidation;
using IncidentHub.Web.Data;
using IncidentHub.Web.Http;
using IncidentHub.Web.Security;
using IncidentHub.Web.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Webhooks;

/// <summary>An endpoint as an admin sees it: its settings under the names a PATCH takes, never its secret.</summary>
public sealed record WebhookEndpointView(
    Guid Id,
    string Name,
    string Url,
    IReadOnlyList<string> EventTypes,
    WebhookFormat Format,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    string SecretPrefix,
    int PendingDeliveries,
    int FailedDeliveries,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version);

/// <summary>An endpoint just made or given a new secret: the only answer that ever holds the secret.</summary>
public sealed record WebhookEndpointWithSecret(WebhookEndpointView Endpoint, string Secret);

/// <summary>One event on its way to one endpoint, with every attempt made so far (newest first).</summary>
public sealed record WebhookDeliveryView(
    Guid Id,
    Guid EndpointId,
    string MessageId,
    string EventType,
    string Summary,
    DateTimeOffset OccurredAt,
    WebhookDeliveryState State,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? CompletedAt,
    int? LastStatusCode,
    string? LastError,
    Guid? ReplayOf,
    IReadOnlyList<WebhookAttemptView> AttemptLog)
{
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record WebhookAttemptView(
    DateTimeOffset StartedAt, int DurationMilliseconds, int? StatusCode, string? Error, string? ResponseExcerpt);

public sealed record ListWebhookEndpoints : IQuery<IReadOnlyList<WebhookEndpointView>>, IRequiresPermission
{
    public Permission Required => Permission.Administer;
}

public sealed record GetWebhookEndpoint(Guid Id) : IQuery<WebhookEndpointView>, IRequiresPermission
{
    public Permission Required => Permission.Administer;
}

/// <summary>An endpoint's deliveries, newest first; <c>state</c> narrows them.</summary>
public sealed record ListWebhookDeliveries : IQuery<Page<WebhookDeliveryView>>, IRequiresPermission
{
    public Guid EndpointId { get; init; }

    /// <summary>Pending, Delivered or Failed.</summary>
    public string? State { get; init; }

    public string? Cursor { get; init; }

    public int? Limit { get; init; }

    public Permission Required => Permission.Administer;
}

public sealed record GetWebhookDelivery(Guid EndpointId, Guid Id) : IQuery<WebhookDeliveryView>, IRequiresPermission
{
    public Permission Required => Permission.Administer;
}

/// <summary>
/// Sends a delivery's event to its endpoint again, as a new delivery with its own attempts (the event and its
/// <c>webhook-id</c> stay the same), whether the first was delivered or failed, and even to a disabled endpoint.
/// </summary>
public sealed record ReplayWebhookDelivery(Guid EndpointId, Guid Id) : ICommand<WebhookDeliveryView>, IRequiresPermission
{
    public Permission Required => Permission.Administer;
}

public sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveries>
{
    public ListWebhookDeliveriesValidator()
    {
        RuleFor(query => query.State).IsEnumName<ListWebhookDeliveries, WebhookDeliveryState>();
        RuleFor(query => query.Limit).ValidLimit();
        RuleFor(query => query.Cursor).ValidCursor(CursorPart.Ticks, CursorPart.Id);
    }
}

public static class WebhookViews
{
    private const int AttemptsShown = 20;

    public static async Task<WebhookEndpointView> WebhookEndpointViewAsync(
        this IncidentHubDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.Where(endpoint => endpoint.Id == id).ToViews(db).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("There is no such webhook endpoint.");

    public static IQueryable<WebhookEndpointView> ToViews(
        this IQueryable<WebhookEndpoint> endpoints, IncidentHubDbContext db) =>
        from endpoint in endpoints
        orderby endpoint.Name, endpoint.Id
        select new WebhookEndpointView(
            endpoint.Id,
            endpoint.Name,
            endpoint.Url,
            endpoint.EventTypes,
            endpoint.Format,
            endpoint.Enabled,
            endpoint.DisabledReason,
            endpoint.DisabledAt,
            endpoint.SecretPrefix,
            db.WebhookDeliveries.Count(delivery =>
                delivery.EndpointId == endpoint.Id && delivery.State == WebhookDeliveryState.Pending),
            db.WebhookDeliveries.Count(delivery =>
                delivery.EndpointId == endpoint.Id && delivery.State == WebhookDeliveryState.Failed),
            endpoint.CreatedAt,
            endpoint.UpdatedAt,
            endpoint.Version);

    public static async Task<WebhookDeliveryView> WebhookDeliveryViewAsync(
        this IncidentHubDbContext db, Guid endpointId, Guid id, CancellationToken cancellationToken) =>
        (await db.DeliveryViewsAsync(
            db.WebhookDeliveries.Where(delivery => delivery.EndpointId == endpointId && delivery.Id == id),
            cancellationToken)).SingleOrDefault()
        ?? throw new NotFoundException("This endpoint has no such delivery.");

    /// <summary>
    /// Deliveries with their latest attempts, read in one statement: the dispatcher writes an attempt and moves its
    /// delivery on in one transaction, and two reads could see one of those without the other.
    /// </summary>
    public static async Task<List<WebhookDeliveryView>> DeliveryViewsAsync(
        this IncidentHubDbContext db, IQueryable<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        var rows = await (
            from delivery in deliveries
            join webhookEvent in db.WebhookEvents on delivery.EventId equals webhookEvent.Id
            orderby delivery.CreatedAt descending, delivery.Id descending
            select new
            {
                delivery,
                webhookEvent.Type,
                webhookEvent.Summary,
                webhookEvent.OccurredAt,
                Attempts = db.WebhookAttempts.Where(attempt => attempt.DeliveryId == delivery.Id)
                    .OrderByDescending(attempt => attempt.StartedAt).ThenByDescending(attempt => attempt.Id)
                    .Take(AttemptsShown)
                    .Select(attempt => new WebhookAttemptView(
                        attempt.StartedAt, attempt.DurationMilliseconds, attempt.StatusCode, attempt.Error,
                        attempt.ResponseExcerpt))
                    .ToList(),
            })
            .AsNoTracking().AsSingleQuery().ToListAsync(cancellationToken);
        return
        [
            .. rows.Select(row => new WebhookDeliveryView(
                row.delivery.Id,
                row.delivery.EndpointId,
                "msg_" + row.delivery.EventId.ToString("N"),
                row.Type,
                row.Summary,
                row.OccurredAt,
                row.delivery.State,
                row.delivery.Attempts,
                row.delivery.State == WebhookDeliveryState.Pending ? row.delivery.NextAttemptAt : null,
                row.delivery.CompletedAt,
                row.delivery.LastStatusCode,
                row.delivery.LastError,
                row.delivery.ReplayOf,
                row.Attempts)
            {
                CreatedAt = row.delivery.CreatedAt,
            }),
        ];
    }
}

public sealed class ListWebhookEndpointsHandler(IncidentHubDbContext db)
    : IQueryHandler<ListWebhookEndpoints, IReadOnlyList<WebhookEndpointView>>
{
    public async ValueTask<IReadOnlyList<WebhookEndpointView>> Handle(
        ListWebhookEndpoints query, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.ToViews(db).ToListAsync(cancellationToken);
}

public sealed class GetWebhookEndpointHandler(IncidentHubDbContext db)
    : IQueryHandler<GetWebhookEndpoint, WebhookEndpointView>
{
    public async ValueTask<WebhookEndpointView> Handle(GetWebhookEndpoint query, CancellationToken cancellationToken) =>
        await db.WebhookEndpointViewAsync(query.Id, cancellationToken);
}

public sealed class ListWebhookDeliveriesHandler(IncidentHubDbContext db)
    : IQueryHandler<ListWebhookDeliveries, Page<WebhookDeliveryView>>
{
    public async ValueTask<Page<WebhookDeliveryView>> Handle(
        ListWebhookDeliveries query, CancellationToken cancellationToken)
    {
        await db.WebhookEndpointViewAsync(query.EndpointId, cancellationToken);
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var deliveries = db.WebhookDeliveries.Where(delivery => delivery.EndpointId == query.EndpointId);
        if (EnumText.Parse<WebhookDeliveryState>(query.State) is { } state)
        {
            deliveries = deliveries.Where(delivery => delivery.State == state);
        }

        if (query.Cursor is { } cursor)
        {
            var parts = Cursor.Decode(cursor, 2);
            var lastTime = new DateTimeOffset(Cursor.Parse<long>(parts[0]), TimeSpan.Zero);
            var lastId = Cursor.Parse<Guid>(parts[1]);
            deliveries = deliveries.Where(delivery => EF.Functions.LessThan(
                ValueTuple.Create(delivery.CreatedAt, delivery.Id), ValueTuple.Create(lastTime, lastId)));
        }

        var fetched = await db.DeliveryViewsAsync(
            deliveries.OrderByDescending(delivery => delivery.CreatedAt).ThenByDescending(delivery => delivery.Id)
                .Take(limit + 1),
            cancellationToken);
        return Page<WebhookDeliveryView>.From(
            fetched, limit, last => Cursor.Encode(last.CreatedAt.UtcTicks, last.Id));
    }
}

public sealed class GetWebhookDeliveryHandler(IncidentHubDbContext db)
    : IQueryHandler<GetWebhookDelivery, WebhookDeliveryView>
{
    public async ValueTask<WebhookDeliveryView> Handle(GetWebhookDelivery query, CancellationToken cancellationToken) =>
        await db.WebhookDeliveryViewAsync(query.EndpointId, query.Id, cancellationToken);
}

public sealed class ReplayWebhookDeliveryHandler(IncidentHubDbContext db, TimeProvider clock)
    : ICommandHandler<ReplayWebhookDelivery, WebhookDeliveryView>
{
    public async ValueTask<WebhookDeliveryView> Handle(ReplayWebhookDelivery command, CancellationToken cancellationToken)
    {
        var original = await db.WebhookDeliveries.AsNoTracking()
                .SingleOrDefaultAsync(
                    delivery => delivery.EndpointId == command.EndpointId && delivery.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("This endpoint has no such delivery.");
        var replay = WebhookDelivery.Replay(original, clock.GetUtcNow());
        db.WebhookDeliveries.Add(replay);
        await db.SaveChangesAsync(cancellationToken);
        return await db.WebhookDeliveryViewAsync(command.EndpointId, replay.Id, cancellationToken);
    }
}
