using System.Globalization;
using Npgsql;

namespace IncidentHub.Web.Data;

/// <summary>
/// Failures that mean "the database cannot answer right now" rather than "this request is wrong": a refused or
/// broken connection, a server shutting down or starting up, an exhausted pool. They answer 503 with
/// <c>Retry-After</c>, so clients and load balancers retry instead of reporting a bug.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>
    /// PostgreSQL takes one to three seconds to accept connections again after a restart (docs/outages.md).
    /// </summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(3);

    public static string RetryAfterSeconds => ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    public static bool Is(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres when IsOutageState(postgres.SqlState):
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Connection exceptions (08), insufficient resources (53), the server going down or starting (57P0x), a missing
    /// database.
    /// </summary>
    private static bool IsOutageState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.InvalidCatalogName;
}
