using System.Diagnostics;
using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Reviews;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace IncidentHub.Web.Webhooks;

/// <summary>
/// Sends what the outbox holds. Every app instance runs one; they share the work through the database: a delivery is
/// taken with <c>FOR UPDATE SKIP LOCKED</c> and a lease written in its row, in a transaction that commits before the
/// call goes out, so no two instances send the same delivery and none holds a lock while a receiver thinks. An
/// instance that dies mid-call leaves a lease that runs out, and another sends the delivery again (with the same
/// <c>webhook-id</c>, so that the receiver can tell).
/// </summary>
public sealed partial class WebhookDispatcher(
    NpgsqlDataSource database,
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    IDataProtectionProvider protection,
    WebhookSignal signal,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    /// <summary>Marks a request as a delivery, whose address tracing must not record whole.</summary>
    public static readonly HttpRequestOptionsKey<bool> Delivery = new("IncidentHub.WebhookDelivery");
    public const string SecretPurpose = "IncidentHub.Webhooks.Secret";

    private const int BatchSize = 8;

    private readonly TimeSpan timeout =
        TimeSpan.FromSeconds(configuration.GetValue("IncidentHub:Webhooks:TimeoutSeconds", 15.0));

    private readonly TimeSpan pollInterval =
        TimeSpan.FromSeconds(configuration.GetValue("IncidentHub:Webhooks:PollSeconds", 5.0));

    private readonly TimeSpan retention =
        TimeSpan.FromDays(configuration.GetValue("IncidentHub:Webhooks:RetentionDays", 30));

    private readonly IDataProtector secrets = protection.CreateProtector(SecretPurpose);

    private DateTimeOffset nextCleanup = DateTimeOffset.MinValue;

    private DateTimeOffset lastOverdueScan = DateTimeOffset.MinValue;

    /// <summary>Longer than a call can take, so that a lease never runs out under a call still going.</summary>
    private TimeSpan Lease => (timeout * 2) + TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await NoticeOverdueUpdatesAsync(stoppingToken);
                while (await SendDueAsync(stoppingToken) == BatchSize)
                {
                    // A full batch: there may be more due now.
                }

                await CleanUpAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database away or a receiver misbehaving must not stop the instance: the next round tries again.
                LogRoundFailed(logger, exception);
            }

            try
            {
                await signal.WaitAsync(pollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Takes and sends the deliveries due now; returns how many it took.</summary>
    private async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        await Task.WhenAll(claimed.Select(delivery => SendAsync(delivery, cancellationToken)));
        return claimed.Count;
    }

    private async Task<List<Claimed>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = database.CreateCommand(
            """
            WITH due AS (
                SELECT id FROM webhook_deliveries
                WHERE state = 'Pending' AND next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until < $1)
                ORDER BY next_attempt_at, created_at
                LIMIT $3
                FOR UPDATE SKIP LOCKED)
            UPDATE webhook_deliveries AS d SET leased_until = $2, attempts = d.attempts + 1
            FROM due, webhook_events AS e, webhook_endpoints AS p
            WHERE d.id = due.id AND e.id = d.event_id AND p.id = d.endpoint_id
            RETURNING d.id, d.attempts, d.leased_until, d.replay_of IS NOT NULL, e.id, e.type, e.data::text, e.summary,
                e.occurred_at, e.target_endpoint_id IS NOT NULL, p.id, p.url, p.format, p.protected_secret, p.enabled
            """);
        command.Parameters.Add(new() { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = now + Lease, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = BatchSize });
        var claimed = new List<Claimed>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new Claimed(
                reader.GetGuid(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetBoolean(3),
                reader.GetGuid(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
                reader.GetFieldValue<DateTimeOffset>(8), reader.GetBoolean(9), reader.GetGuid(10), reader.GetString(11),
                Enum.Parse<WebhookFormat>(reader.GetString(12)), reader.GetString(13), reader.GetBoolean(14)));
        }

        return claimed;
    }

    private async Task SendAsync(Claimed delivery, CancellationToken cancellationToken)
    {
        if (!delivery.EndpointEnabled && !delivery.Targeted && !delivery.Replayed)
        {
            await RecordAsync(delivery, Outcome.Abandoned("The endpoint was disabled before this was sent."), cancellationToken);
            return;
        }

        var startedAt = clock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        Outcome outcome;
        try
        {
            outcome = await CallAsync(delivery, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and an instance sends it again.
            return;
        }

        await RecordAsync(delivery, outcome with { StartedAt = startedAt, Duration = stopwatch.Elapsed }, cancellationToken);
    }

    private async Task<Outcome> CallAsync(Claimed delivery, CancellationToken cancellationToken)
    {
        string secret;
        try
        {
            secret = secrets.Unprotect(delivery.ProtectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Outcome.Abandoned(
                "The endpoint's secret cannot be read with this installation's data-protection keys; give it a new secret.");
        }

        var body = WebhookMessages.Body(
            delivery.Format, delivery.Type, delivery.Data, delivery.Summary, delivery.OccurredAt);
        var messageId = "msg_" + delivery.EventId.ToString("N");
        // The receiver checks the signature's time against its own clock (to refuse replays), so it is the wall clock's
        // time, never the app's configured one.
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSecrets.Sign(secret, messageId, timestamp, body));
        request.Headers.UserAgent.ParseAdd("IncidentHub-Webhooks/1");
        request.Options.Set(Delivery, true);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var excerpt = await ExcerptAsync(response, deadline.Token);
            var retryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - clock.GetUtcNow(),
                _ => (TimeSpan?)null,
            };
            return Outcome.Answered(response.StatusCode, excerpt, retryAfter);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Outcome.Failed($"No answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException exception) when (Refusal(exception) is { } refusal)
        {
            return Outcome.Abandoned($"Refused: {refusal.Message}");
        }
        catch (HttpRequestException exception)
        {
            return Outcome.Failed(Clip(exception.InnerException?.Message ?? exception.Message, WebhookDelivery.ErrorMaxLength));
        }
    }

    private static WebhookAddressRefusedException? Refusal(Exception exception) =>
        exception as WebhookAddressRefusedException
        ?? (exception.InnerException is { } inner ? Refusal(inner) : null);

    /// <summary>The start of the answer, which is usually all that says why a receiver refused.</summary>
    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[4 * WebhookAttempt.ExcerptMaxLength];
        var read = 0;
        int last;
        while (read < buffer.Length && (last = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += last;
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, read).Replace("\0", "", StringComparison.Ordinal);
        return text.Length == 0 ? null : Clip(text, WebhookAttempt.ExcerptMaxLength);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>
    /// The attempt, the delivery's new state and, when it must be, the endpoint disabled: one transaction, and only
    /// while this instance still holds the lease.
    /// </summary>
    private async Task RecordAsync(Claimed delivery, Outcome outcome, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var status = outcome.StatusCode is { } code ? (HttpStatusCode?)code : null;
        var succeeded = outcome.StatusCode is >= 200 and < 300;
        var wait = succeeded || outcome.GiveUp || !WebhookSchedule.IsWorthRetrying(status)
            ? null
            : WebhookSchedule.WaitAfter(delivery.Attempt, outcome.RetryAfter);
        var state = succeeded ? WebhookDeliveryState.Delivered
            : wait is null ? WebhookDeliveryState.Failed
            : WebhookDeliveryState.Pending;
        var error = outcome.Error ?? (succeeded ? null : $"The receiver answered {outcome.StatusCode}.");
        string? disable = status == HttpStatusCode.Gone
            ? $"Disabled at once: the receiver answered 410 Gone at {now:yyyy-MM-dd HH:mm} UTC."
            : state == WebhookDeliveryState.Failed && !delivery.Targeted && !delivery.Replayed
                && WebhookSchedule.IsWorthRetrying(status) && !outcome.GiveUp
            ? $"Disabled: an event could not be delivered after {delivery.Attempt} attempts over three days "
                + $"(last: {error})"
            : null;

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command(
                    """
                    UPDATE webhook_deliveries SET state = $2, next_attempt_at = COALESCE($3, next_attempt_at),
                        leased_until = NULL, completed_at = $4, last_status_code = $5, last_error = $6
                    WHERE id = $1 AND leased_until = $7
                    """,
                    delivery.Id, state.ToString(), (object?)(now + wait) ?? DBNull.Value,
                    state == WebhookDeliveryState.Pending ? DBNull.Value : now, (object?)outcome.StatusCode ?? DBNull.Value,
                    error is null ? DBNull.Value : Clip(error, WebhookDelivery.ErrorMaxLength),
                    delivery.LeasedUntil),
            },
        };
        if (outcome.StartedAt is { } startedAt)
        {
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO webhook_attempts (delivery_id, started_at, duration_milliseconds, status_code, error, response_excerpt)
                VALUES ($1, $2, $3, $4, $5, $6)
                """,
                delivery.Id, startedAt, (int)outcome.Duration.TotalMilliseconds,
                (object?)outcome.StatusCode ?? DBNull.Value, (object?)outcome.Error ?? DBNull.Value,
                (object?)outcome.Excerpt ?? DBNull.Value));
        }

        if (disable is not null)
        {
            batch.BatchCommands.Add(Command(
                """
                UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, disabled_at = $3
                WHERE id = $1 AND enabled
                """,
                delivery.EndpointId, Clip(disable, WebhookEndpoint.DisabledReasonMaxLength), now));
            LogEndpointDisabled(logger, delivery.EndpointId, disable);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value is DateTimeOffset at
                ? new NpgsqlParameter { Value = at, NpgsqlDbType = NpgsqlDbType.TimestampTz }
                : new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>
    /// Each open incident whose external update is late, and each needed review past its due date, is announced once
    /// per due time, by whichever instance gets there first: the notice's key (incident, subject, due time) lets only
    /// one insert succeed.
    /// </summary>
    private async Task NoticeOverdueUpdatesAsync(CancellationToken cancellationToken)
    {
        // Once a poll interval, not on every wake-up: a burst of deliveries wakes the dispatcher many times a second.
        // A clock that went back (a test's reset) scans at once.
        var now = clock.GetUtcNow();
        if (now >= lastOverdueScan && now < lastOverdueScan + pollInterval)
        {
            return;
        }

        lastOverdueScan = now;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IncidentHubDbContext>();
        var payloads = scope.ServiceProvider.GetRequiredService<WebhookPayloads>();
        var notices = db.Set<WebhookOverdueNotice>();
        var late = await db.Incidents.AsNoTracking()
            .Where(incident => incident.NextExternalUpdateDueAt <= now)
            .Where(incident => !notices.Any(notice => notice.IncidentId == incident.Id
                && notice.Subject == WebhookOverdueNotice.ExternalUpdate && notice.DueAt == incident.NextExternalUpdateDueAt))
            .OrderBy(incident => incident.NextExternalUpdateDueAt)
            .Take(100)
            .ToListAsync(cancellationToken);
        foreach (var incident in late)
        {
            var dueAt = incident.NextExternalUpdateDueAt!.Value;
            await NoticeOnceAsync(
                db, incident, WebhookOverdueNotice.ExternalUpdate, dueAt, () => payloads.ExternalUpdateOverdue(incident, dueAt, now), now,
                cancellationToken);
        }

        // A review is late from the start of the day after its due date (UTC); that instant keys its notice. xmin is a
        // system column, which * leaves out.
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var lateReviews = await db.Incidents
            .FromSql(
                $"""
                SELECT i.*, i.xmin FROM incidents AS i WHERE NOT EXISTS (
                    SELECT 1 FROM webhook_overdue_notices AS n WHERE n.incident_id = i.id AND n.subject = {WebhookOverdueNotice.Review}
                        AND n.due_at = ((i.review_due_on + 1)::timestamp AT TIME ZONE 'UTC'))
                """)
            .AsNoTracking()
            .NeedingReview()
            .ReviewOverdue(today)
            .OrderBy(incident => incident.ReviewDueOn)
            .Take(100)
            .ToListAsync(cancellationToken);
        foreach (var incident in lateReviews)
        {
            var lateFrom = new DateTimeOffset(incident.ReviewDueOn!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            await NoticeOnceAsync(
                db, incident, WebhookOverdueNotice.Review, lateFrom, () => payloads.ReviewOverdue(incident, now), now,
                cancellationToken);
        }
    }

    private static async Task NoticeOnceAsync(
        IncidentHubDbContext db,
        Incident incident,
        string subject,
        DateTimeOffset dueAt,
        Func<WebhookEvent> announcement,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var noticed = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO webhook_overdue_notices (incident_id, subject, due_at, noticed_at) VALUES ({incident.Id}, {subject}, {dueAt}, {now})
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
        if (noticed == 1)
        {
            db.WebhookEvents.Add(announcement());
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Events older than the retention, and their deliveries and attempts, once nothing is left to send.</summary>
    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < nextCleanup)
        {
            return;
        }

        nextCleanup = now.AddHours(1);
        var cutoff = now - retention;
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command(
            """
            DELETE FROM webhook_events AS e WHERE occurred_at < $1
                AND NOT EXISTS (SELECT 1 FROM webhook_deliveries AS d WHERE d.event_id = e.id AND d.state = 'Pending')
            """,
            cutoff));
        batch.BatchCommands.Add(Command("DELETE FROM webhook_overdue_notices WHERE noticed_at < $1", cutoff));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Claimed(
        Guid Id,
        int Attempt,
        DateTimeOffset LeasedUntil,
        bool Replayed,
        Guid EventId,
        string Type,
        string Data,
        string Summary,
        DateTimeOffset OccurredAt,
        bool Targeted,
        Guid EndpointId,
        string Url,
        WebhookFormat Format,
        string ProtectedSecret,
        bool EndpointEnabled);

    private sealed record Outcome(int? StatusCode, string? Error, string? Excerpt, TimeSpan? RetryAfter, bool GiveUp)
    {
        public DateTimeOffset? StartedAt { get; init; }

        public TimeSpan Duration { get; init; }

        public static Outcome Answered(HttpStatusCode status, string? excerpt, TimeSpan? retryAfter) =>
            new((int)status, null, excerpt, retryAfter, false);

        public static Outcome Failed(string error) => new(null, error, null, null, false);

        /// <summary>Not sent, or sent where it must not go again: no retry.</summary>
        public static Outcome Abandoned(string error) => new(null, error, null, null, true);
    }

    [LoggerMessage(1, LogLevel.Warning, "Webhook round failed; the next one tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Webhook endpoint {EndpointId} disabled: {Reason}")]
    private static partial void LogEndpointDisabled(ILogger logger, Guid endpointId, string reason);
}

/// <summary>That an incident's overdue external update or review was announced, so that it is announced once.</summary>
public sealed class WebhookOverdueNotice
{
    public const string ExternalUpdate = "external_update";
    public const string Review = "review";

    public Guid IncidentId { get; private set; }

    /// <summary>What is overdue: <see cref="ExternalUpdate"/> or <see cref="Review"/>.</summary>
    public string Subject { get; private set; } = ExternalUpdate;

    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset NoticedAt { get; private set; }
}
