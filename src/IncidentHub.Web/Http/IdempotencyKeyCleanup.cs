using Npgsql;

namespace IncidentHub.Web.Http;

/// <summary>Forgets idempotency answers once they are older than their lifetime, so the table stays small.</summary>
public sealed class IdempotencyKeyCleanup(
    NpgsqlDataSource database, TimeProvider clock, ILogger<IdempotencyKeyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var command = database.CreateCommand("DELETE FROM idempotency_keys WHERE created_at < $1");
                command.Parameters.Add(new() { Value = clock.GetUtcNow() - IdempotencyMiddleware.Lifetime });
                var removed = await command.ExecuteNonQueryAsync(stoppingToken);
                logger.LogDebug("Removed {Count} expired idempotency keys", removed);
            }
            catch (NpgsqlException exception)
            {
                logger.LogWarning(exception, "Could not remove expired idempotency keys; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
