using IncidentHub.Web.Api.OpenApi;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.Webhooks;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentHub.Web.Api;

/// <summary>The admin's outgoing webhooks: where events are sent, and what became of each delivery.</summary>
internal static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").ProducesForbidden();
        webhooks.MapGet("", List).WithName("listWebhookEndpoints")
            .WithSummary("List webhook endpoints (admin)")
            .WithDescription("All of them on one page, by name: nextCursor is always null. Never a secret.");
        webhooks.MapPost("", Create).ReadsJsonBody().ProducesConflict().WithMetadata(new NotIdempotentAttribute())
            .WithName("createWebhookEndpoint")
            .WithSummary("Add a webhook endpoint (admin); the answer is the only time its secret is shown")
            .WithDescription("Deliveries are signed with the secret as Standard Webhooks signs them (webhook-id, "
                + "webhook-timestamp, webhook-signature). format: StandardWebhooks (default) or Slack (an incoming-"
                + "webhook message). A name already taken (in any case) is a 409.");
        webhooks.MapGet("/{id:guid}", Get).ProducesNotFound().AnswersETag().WithName("getWebhookEndpoint")
            .WithSummary("Get a webhook endpoint (admin)")
            .WithDescription("Its settings, the prefix of its secret, why it was disabled if the app disabled it.");
        webhooks.MapPatch("/{id:guid}", Update).ProducesNotFound().ReadsJsonBody().ChangesVersioned()
            .ProducesConflict().WithName("updateWebhookEndpoint")
            .WithSummary("Change a webhook endpoint, disable or enable it (admin)")
            .WithDescription("A partial update: an absent field stays as it is. Deliveries still pending for a "
                + "disabled endpoint are not sent.");
        webhooks.MapDelete("/{id:guid}", Delete).ProducesNotFound().WithName("deleteWebhookEndpoint")
            .WithSummary("Remove a webhook endpoint and its delivery log (admin)")
            .WithDescription("Deliveries still pending are dropped with it. To pause it instead, disable it.");
        webhooks.MapPost("/{id:guid}/secret", Rotate).ProducesNotFound().WithMetadata(new NotIdempotentAttribute())
            .WithName("rotateWebhookSecret")
            .WithSummary("Give a webhook endpoint a new secret (admin); the answer is the only time it is shown")
            .WithDescription("Deliveries are signed with the new secret from now on.");
        webhooks.MapPost("/{id:guid}/ping", Ping).ProducesNotFound().WithMetadata(new NotIdempotentAttribute())
            .WithName("pingWebhookEndpoint")
            .WithSummary("Send a ping event to this endpoint (admin)")
            .WithDescription("Enabled or not. The answer is the delivery, pending: read it again to see how it went.");
        webhooks.MapGet("/{id:guid}/deliveries", ListDeliveries).ProducesNotFound().ReadsQuery<ListWebhookDeliveries>()
            .WithName("listWebhookDeliveries")
            .WithSummary("List an endpoint's deliveries, newest first, with their attempts (admin)")
            .WithDescription("state: Pending, Delivered or Failed.");
        webhooks.MapGet("/{id:guid}/deliveries/{deliveryId:guid}", GetDelivery).ProducesNotFound()
            .WithName("getWebhookDelivery")
            .WithSummary("Get one delivery with its attempts (admin)")
            .WithDescription("Its state, when it is tried next, and each attempt: status, duration, the start of the answer.");
        webhooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/replay", Replay).ProducesNotFound()
            .WithMetadata(new NotIdempotentAttribute()).WithName("replayWebhookDelivery")
            .WithSummary("Send a delivery's event again (admin)")
            .WithDescription("A new delivery of the same event (same webhook-id), with its own attempts.");
    }

    private static async Task<Ok<Page<WebhookEndpointView>>> List(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Page<WebhookEndpointView>(
            await sender.Send(new ListWebhookEndpoints(), cancellationToken), null));

    private static async Task<Created<WebhookEndpointWithSecret>> Create(
        CreateWebhookEndpoint body, ISender sender, CancellationToken cancellationToken)
    {
        var created = await sender.Send(body, cancellationToken);
        return TypedResults.Created($"/api/v1/webhooks/{created.Endpoint.Id}", created);
    }

    private static async Task<Ok<WebhookEndpointView>> Get(
        Guid id, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        Versioned(http, await sender.Send(new GetWebhookEndpoint(id), cancellationToken));

    private static async Task<Ok<WebhookEndpointView>> Update(
        Guid id, WebhookEndpointChanges body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        Versioned(http, await sender.Send(
            new UpdateWebhookEndpoint(id, ETags.ExpectedVersion(http.Request), body), cancellationToken));

    private static async Task<NoContent> Delete(Guid id, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteWebhookEndpoint(id), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WebhookEndpointWithSecret>> Rotate(
        Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RotateWebhookSecret(id), cancellationToken));

    private static async Task<Accepted<WebhookDeliveryView>> Ping(
        Guid id, ISender sender, CancellationToken cancellationToken)
    {
        var delivery = await sender.Send(new PingWebhookEndpoint(id), cancellationToken);
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries/{delivery.Id}", delivery);
    }

    private static async Task<Ok<Page<WebhookDeliveryView>>> ListDeliveries(
        Guid id, string? state, string? cursor, int? limit, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new ListWebhookDeliveries { EndpointId = id, State = state, Cursor = cursor, Limit = limit }, cancellationToken));

    private static async Task<Ok<WebhookDeliveryView>> GetDelivery(
        Guid id, Guid deliveryId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetWebhookDelivery(id, deliveryId), cancellationToken));

    private static async Task<Accepted<WebhookDeliveryView>> Replay(
        Guid id, Guid deliveryId, ISender sender, CancellationToken cancellationToken)
    {
        var delivery = await sender.Send(new ReplayWebhookDelivery(id, deliveryId), cancellationToken);
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries/{delivery.Id}", delivery);
    }

    private static Ok<WebhookEndpointView> Versioned(HttpContext http, WebhookEndpointView view)
    {
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view);
    }
}
