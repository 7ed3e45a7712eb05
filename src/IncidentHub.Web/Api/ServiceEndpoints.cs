using IncidentHub.Web.Api.OpenApi;
using IncidentHub.Web.Features;
using IncidentHub.Web.Features.Services;
using IncidentHub.Web.Features.StatusPage;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentHub.Web.Api;

internal static class ServiceEndpoints
{
    public static void MapServiceEndpoints(this RouteGroupBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Services").ProducesForbidden();
        services.MapGet("", List).ReadsQuery<ListServices>().WithName("listServices")
            .WithSummary("List the service catalogue")
            .WithDescription("Entries to review first, then by name; q matches slug, name or owning team. "
                + "The whole catalogue in one page: nextCursor is always null.");
        services.MapPost("", Add).ReadsJsonBody().ProducesConflict().AnswersETag().WithName("addService")
            .WithSummary("Add a service to the catalogue")
            .WithDescription("The slug is what incidents and alerts name; it must already be a slug "
                + "(payments-api, not Payments API) and cannot change later. A slug already taken is a 409.");
        services.MapGet("/{slug}", Get).ProducesNotFound().AnswersETag().WithName("getService")
            .WithSummary("Get a service")
            .WithDescription("By slug. The ETag is the service's version, for If-Match on changes.");
        services.MapPatch("/{slug}", Update).ProducesNotFound().ReadsJsonBody().ChangesVersioned()
            .WithName("updateService")
            .WithSummary("Update a service")
            .WithDescription("A partial update: an absent field stays as it is, null clears it. The slug cannot "
                + "change. Saving marks an entry that an incident or an alert added as reviewed.");
    }

    /// <summary>What the public status page says of itself (admins); the page itself is at /status.</summary>
    public static void MapStatusPageSettingsEndpoints(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/status-page").WithTags("Status page").ProducesForbidden();
        settings.MapGet("", async Task<Ok<StatusPageSettingsView>> (ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new GetStatusPageSettings(), cancellationToken)))
            .WithName("getStatusPageSettings")
            .WithSummary("Get the public status page's settings")
            .WithDescription("Admins: its title, what it says when all is well, and the services it lists.");
        settings.MapPut("", async Task<Ok<StatusPageSettingsView>> (
                    UpdateStatusPageSettings body, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(body, cancellationToken)))
            .ReadsJsonBody().WithName("updateStatusPageSettings")
            .WithSummary("Change the public status page's title or all-good message")
            .WithDescription("Admins. An absent field stays as it is. The services it lists are the catalogue's "
                + "entries with shownOnStatusPage; the page is anonymous at /status, /status/summary.json (Atlassian "
                + "Statuspage's summary shape) and /status/history.atom.");
    }

    private static async Task<Ok<Page<ServiceView>>> List(
        [AsParameters] ListServices query, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(query, cancellationToken));

    private static async Task<Ok<ServiceView>> Get(
        string slug, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        Versioned(http, await sender.Send(new GetService(slug), cancellationToken));

    private static async Task<Created<ServiceView>> Add(
        AddService body, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var service = await sender.Send(body, cancellationToken);
        http.Response.Headers.ETag = ETags.For(service.Version);
        return TypedResults.Created($"/api/v1/services/{service.Slug}", service);
    }

    private static async Task<Ok<ServiceView>> Update(
        string slug, ServiceChanges body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        Versioned(http, await sender.Send(
            new UpdateService(slug, ETags.ExpectedVersion(http.Request), body), cancellationToken));

    private static Ok<ServiceView> Versioned(HttpContext http, ServiceView view)
    {
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view);
    }
}
