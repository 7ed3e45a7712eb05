using Npgsql;

namespace IncidentHub.Web.Features.Insights;

/// <summary>
/// Folds the rows the insight triggers appended (one +1 or −1 row per change, so that writers never wait on each other)
/// into one row per key, every minute, so the rollups stay the size of their keys. Sums are the same before and after;
/// instances that run it at the same time skip it (an advisory lock in insight_compact).
/// </summary>
public sealed class InsightCompaction(NpgsqlDataSource database, TimeProvider clock, ILogger<InsightCompaction> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // After a bulk change (a migration, an import) the first fold takes minutes: let it finish.
                await using var command = database.CreateCommand("SELECT insight_compact()");
                command.CommandTimeout = 3600;
                await command.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (NpgsqlException exception)
            {
                logger.LogWarning(exception, "Could not fold the insight rollups; will try again");
            }
        }
    }
}
