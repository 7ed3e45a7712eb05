using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace IncidentHub.Web.Infrastructure;

/// <summary>Ready means the database answers; the answer says nothing else.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
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
