using IncidentHub.Web.Features.Insights;
using IncidentHub.Web.Live;
using IncidentHub.Web.Security;
using IncidentHub.Web.Webhooks;
using Npgsql;

namespace IncidentHub.Web.Data;

/// <summary>
/// The one connection per app instance that LISTENs for PostgreSQL notifications, which triggers raise
/// when a change commits: incident changes go to <see cref="IncidentChangeFeed"/>, credential changes to
/// the <see cref="ICredentialCache"/>s (API tokens, alert sources), changed months of the insights to
/// <see cref="InsightMonthCache"/>. It reconnects after a failure; while it is down
/// those caches are not used, because the changes they would have heard are lost.
/// </summary>
public sealed partial class DatabaseNotifications(
    NpgsqlDataSource database,
    IncidentChangeFeed incidents,
    IEnumerable<ICredentialCache> credentials,
    WebhookSignal webhooks,
    WebhookSubscriptions subscriptions,
    InsightMonthCache insightMonths,
    ILogger<DatabaseNotifications> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) => Dispatch(notification.Channel, notification.Payload);
                await using (var listen = new NpgsqlCommand(
                    $"LISTEN {IncidentChangeFeed.Channel}; LISTEN {ApiTokenCache.Channel}; LISTEN {WebhookSignal.Channel}; LISTEN {WebhookSubscriptions.Channel}; "
                    + $"LISTEN {InsightMonthCache.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                foreach (var cache in credentials)
                {
                    cache.StartTrusting();
                }

                insightMonths.StartTrusting();

                try
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await connection.WaitAsync(stoppingToken);
                    }
                }
                finally
                {
                    foreach (var cache in credentials)
                    {
                        cache.StopTrusting();
                    }

                    insightMonths.StopTrusting();

                    await UnlistenAsync(connection);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException)
            {
                LogListenFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private void Dispatch(string channel, string payload)
    {
        switch (channel)
        {
            case IncidentChangeFeed.Channel:
                incidents.Publish(payload);
                break;
            case ApiTokenCache.Channel:
                foreach (var cache in credentials)
                {
                    cache.Forget();
                }

                break;
            case WebhookSignal.Channel:
                webhooks.Wake();
                break;
            case WebhookSubscriptions.Channel:
                subscriptions.Forget();
                break;
            case InsightMonthCache.Channel:
                insightMonths.Forget(payload);
                break;
        }
    }

    /// <summary>
    /// Pooled connections are not reset (see Program), so the listening one must not go back still listening.
    /// </summary>
    private static async Task UnlistenAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var unlisten = new NpgsqlCommand("UNLISTEN *", connection);
            await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception exception)
            when (exception is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
        {
            // A connection that cannot take the command is broken, and Npgsql does not pool broken connections.
        }
    }

    [LoggerMessage(
        1,
        LogLevel.Warning,
        "Listening for database notifications failed; live updates and the credential caches pause until it reconnects")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
