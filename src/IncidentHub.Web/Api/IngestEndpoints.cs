using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Features.Ingestion;
using IncidentHub.Web.Http;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace IncidentHub.Web.Api;

/// <summary>
/// Where monitoring sends alerts: one URL per alert source, authenticated by the source's own secret (not an API
/// token), in the format the source's kind names.
/// </summary>
internal static class IngestEndpoints
{
    public const int MaxBodyBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Reading = new()
    {
        // Senders add fields of their own (Grafana's orgId, values…); only the ones read are declared.
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
        PropertyNameCaseInsensitive = false,
        MaxDepth = 32,
    };

    public static void MapIngestEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/ingest/{sourceId:guid}", Ingest).AllowAnonymous().WithTags("Alert ingestion")
            .WithName("ingestAlerts")
            .WithMetadata(new NotIdempotentAttribute())
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Send alerts from monitoring")
            .WithDescription("The URL and secret of an alert source (Authorization: Bearer <secret>). The body is the "
                + "source kind's format: Alertmanager's webhook version 4 (Grafana alerting's too), a PagerDuty-style "
                + "Events v2 event, or generic JSON. Answers 202 with what the delivery did; a delivery that is "
                + "refused changes nothing. A repeat of the same delivery is deduplicated by each alert's fingerprint, "
                + "so retries and Alertmanager replicas are safe.");

    private static async Task<IResult> Ingest(
        Guid sourceId,
        HttpContext http,
        ISender sender,
        TimeProvider clock,
        SecurityEvents securityEvents,
        DeliveryCopies copies,
        CancellationToken cancellationToken)
    {
        var source = await sender.Send(new FindAlertSource(sourceId), cancellationToken);
        if (source is null)
        {
            return await ProblemAsync(http, StatusCodes.Status404NotFound, "Not found",
                "There is no alert source at this URL. Copy the URL from the source's page.");
        }

        if (!HoldsSecret(http.Request, source) || !source.Enabled)
        {
            securityEvents.TokenRefused(http, source.Id, source.Enabled ? "wrong alert source secret" : "alert source disabled");
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"IncidentHub\", error=\"invalid_token\"";
            return await ProblemAsync(http, StatusCodes.Status401Unauthorized, "Not authenticated", source.Enabled
                ? "Send the alert source's secret: Authorization: Bearer <secret>."
                : "This alert source is disabled; an admin can enable it again.");
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return await TooLargeAsync(http);
        }

        var body = await ReadBodyAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return await TooLargeAsync(http);
        }

        var now = clock.GetUtcNow();
        var signals = source.Kind switch
        {
            AlertSourceKind.Alertmanager => Parse<AlertmanagerPayload>(body).Read(source),
            AlertSourceKind.Events => [Parse<EventsPayload>(body).Read(source, now)],
            _ => [Parse<GenericPayload>(body).Read(source, now)],
        };
        var digest = DeliveryCopies.Digest(body);
        if (copies.Join(source.Id, digest) is { } first
            && await first.Applied.WaitAsync(cancellationToken) is { } applied)
        {
            return Accepted(source, signals, AsCopy(applied));
        }

        using var lead = copies.Lead(source.Id, digest);
        var outcome = await sender.Send(new ReceiveAlerts(source.Id, signals, lead), cancellationToken);
        lead.Complete(outcome);
        return Accepted(source, signals, outcome);
    }

    /// <summary>
    /// What a copy of a delivery would have said, applied by itself just after the first: every alert only counted, no
    /// incident changed.
    /// </summary>
    private static IngestionOutcome AsCopy(IngestionOutcome first) => new(
        first.Received, 0, first.Created + first.Updated, 0, first.Resolved + first.Ignored, []);

    private static IResult Accepted(AlertSource source, IReadOnlyList<AlertSignal> signals, IngestionOutcome outcome) =>
        source.Kind == AlertSourceKind.Events
            ? TypedResults.Json(
                new EventAccepted("success", "Event processed", signals[0].Fingerprint),
                statusCode: StatusCodes.Status202Accepted)
            : TypedResults.Json(outcome, statusCode: StatusCodes.Status202Accepted);

    /// <summary>What PagerDuty's Events API answers, so that senders built for it read our answer the same way.</summary>
    private sealed record EventAccepted(
        [property: System.Text.Json.Serialization.JsonPropertyName("status")] string Status,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message,
        [property: System.Text.Json.Serialization.JsonPropertyName("dedup_key")] string DedupKey);

    private static bool HoldsSecret(HttpRequest request, AlertSource source)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 200)
        {
            return false;
        }

        var given = Encoding.ASCII.GetBytes(Secrets.Hash(header["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(source.SecretHash));
    }

    /// <summary>The body, or null when it is over the limit (a chunked body has no Content-Length to check first).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static T Parse<T>(byte[] body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Reading)
                ?? throw Rejected(BadRequestBody, "Send a JSON object, not null.");
        }
        catch (JsonException failure)
        {
            var path = failure.Path is { Length: > 1 } jsonPath ? jsonPath.TrimStart('$', '.') : BadRequestBody;
            throw Rejected(path, failure.LineNumber is null && failure.Path is null
                ? "Send the body as JSON."
                : failure.Message.Contains("could not be converted", StringComparison.Ordinal)
                    ? "This value has the wrong type for this field."
                    : "The body is not valid JSON here.");
        }
    }

    private const string BadRequestBody = "body";

    private static PayloadRejectedException Rejected(string field, string message) => new(new() { [field] = [message] });

    private static Task<IResult> TooLargeAsync(HttpContext http) => ProblemAsync(http,
        StatusCodes.Status413PayloadTooLarge, "The request is too large",
        $"A delivery may be at most {MaxBodyBytes / 1024} KiB; send fewer alerts at once (max_alerts on the receiver).");

    private static async Task<IResult> ProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
        return Results.Empty;
    }
}
