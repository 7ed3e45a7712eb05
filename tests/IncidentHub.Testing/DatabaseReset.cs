using Npgsql;
using Respawn;

namespace IncidentHub.Testing;

/// <summary>Empties the test database between tests.</summary>
public static class DatabaseReset
{
    /// <summary>
    /// Respawn's reset, tried again when PostgreSQL picks it as a deadlock's victim: the app under test keeps running
    /// between tests, and its background work (the webhook dispatcher's scans) may hold a table the reset wants.
    /// </summary>
    public static async Task ResetAsync(this Respawner respawner, string connectionString)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            try
            {
                await respawner.ResetAsync(connection);
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
            }
        }
    }
}
