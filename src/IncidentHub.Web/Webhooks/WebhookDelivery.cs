namespace IncidentHub.Web.Webhooks;

/// <summary>
/// One event written to the outbox in the transaction of the change that caused it. Its id is the
/// <c>webhook-id</c> every delivery of it carries, so that a receiver can tell a retry from a new event.
/// </summary>
public sealed class WebhookEvent
{
    public const int SummaryMaxLength = 300;

    private WebhookEvent()
    {
    }

    public WebhookEvent(string type, string data, string summary, DateTimeOffset occurredAt, Guid? targetEndpointId = null)
    {
        Id = Guid.CreateVersion7(occurredAt);
        Type = type;
        Data = data;
        Summary = summary.Length > SummaryMaxLength ? summary[..(SummaryMaxLength - 1)] + "…" : summary;
        OccurredAt = occurredAt;
        TargetEndpointId = targetEndpointId;
    }

    public Guid Id { get; private set; }

    public string Type { get; private set; } = "";

    /// <summary>The <c>data</c> object of the body, as JSON.</summary>
    public string Data { get; private set; } = "";

    /// <summary>One line for chat messages and the admin's delivery list.</summary>
    public string Summary { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>Set for a ping: the one endpoint it goes to, whatever that endpoint subscribes to.</summary>
    public Guid? TargetEndpointId { get; private set; }

    /// <summary>The <c>webhook-id</c> header.</summary>
    public string MessageId => "msg_" + Id.ToString("N");
}

public enum WebhookDeliveryState
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>
/// One event on its way to one endpoint, created by the database when the event is written (a trigger fans it out to
/// the enabled endpoints that subscribe to its type) and taken by whichever app instance leases it first.
/// </summary>
public sealed class WebhookDelivery
{
    public const int ErrorMaxLength = 500;

    private WebhookDelivery()
    {
    }

    public WebhookDelivery(Guid eventId, Guid endpointId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        EventId = eventId;
        EndpointId = endpointId;
        NextAttemptAt = now;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public Guid EndpointId { get; private set; }

    public WebhookDeliveryState State { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>Until when the instance that took it may send it; after that another may.</summary>
    public DateTimeOffset? LeasedUntil { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Set when an admin sent it again: the delivery it repeats.</summary>
    public Guid? ReplayOf { get; private set; }

    public static WebhookDelivery Replay(WebhookDelivery original, DateTimeOffset now) =>
        new(original.EventId, original.EndpointId, now) { ReplayOf = original.Id };
}

/// <summary>One try at sending a delivery: what came back, or why nothing did.</summary>
public sealed class WebhookAttempt
{
    public const int ExcerptMaxLength = 1000;

    private WebhookAttempt()
    {
    }

    public WebhookAttempt(
        Guid deliveryId, DateTimeOffset startedAt, int durationMilliseconds, int? statusCode, string? error, string? excerpt)
    {
        DeliveryId = deliveryId;
        StartedAt = startedAt;
        DurationMilliseconds = durationMilliseconds;
        StatusCode = statusCode;
        Error = error;
        ResponseExcerpt = excerpt;
    }

    public long Id { get; private set; }

    public Guid DeliveryId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public int DurationMilliseconds { get; private set; }

    public int? StatusCode { get; private set; }

    public string? Error { get; private set; }

    public string? ResponseExcerpt { get; private set; }
}
