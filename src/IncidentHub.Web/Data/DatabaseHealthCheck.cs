using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace IncidentHub.Web.Data;

/// <summary>
/// Ready means the database answers and the app is not shutting down (so a load balancer stops sending it new
/// requests while it finishes the ones in flight); the answer says nothing else.
/// </summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource database, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Shutting down");
        }

        try
        {
            await using var command = database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy(exception: exception);
        }
    }
}
