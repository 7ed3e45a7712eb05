namespace IncidentHub.Web.Live;

/// <summary>Server-Sent Events for the pages: the list and an incident page refresh themselves from these.</summary>
public static class LiveEndpoints
{
    public static void MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/live/incidents", (IncidentChangeFeed feed, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(feed.SubscribeAsync(null, cancellationToken)))
            .ExcludeFromDescription();
        app.MapGet(
            "/live/incidents/{number:long}",
            (long number, IncidentChangeFeed feed, CancellationToken cancellationToken) =>
                TypedResults.ServerSentEvents(feed.SubscribeAsync(number, cancellationToken)))
            .ExcludeFromDescription();
    }
}
