using Npgsql;

namespace IncidentHub.Web.Data;

/// <summary>
/// Before anything else touches the database at start-up: wait for the server while it starts (a container that
/// comes up with the app), create the database when it is missing and the account may, and otherwise stop with
/// one line that says what to do instead of a stack trace.
/// </summary>
public sealed partial class DatabaseReadiness(NpgsqlDataSource database, ILogger<DatabaseReadiness> logger)
{
    public const string WaitSetting = "IncidentHub:Database:StartupWaitSeconds";

    public async Task EnsureAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var where = $"{target.Host}:{target.Port}";
        // Real time, even where tests give the app a fake clock.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(cancellationToken);
                return;
            }
            catch (PostgresException missing) when (missing.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                await CreateDatabaseAsync(target, where, cancellationToken);
                return;
            }
            catch (PostgresException refused) when (refused.SqlState.StartsWith("28", StringComparison.Ordinal))
            {
                throw new StartupException($"PostgreSQL at {where} refused the account \"{target.Username}\": "
                    + $"{refused.MessageText}. "
                    + "Check the user name and password in ConnectionStrings:IncidentHub.");
            }
            catch (Exception failure)
                when (DatabaseOutage.Is(failure) || failure is NpgsqlException or TimeoutException)
            {
                if (waited.Elapsed >= wait)
                {
                    throw new StartupException($"Cannot reach PostgreSQL at {where} ({failure.Message}). Start it, "
                        + "or fix "
                        + $"ConnectionStrings:IncidentHub; {WaitSetting} sets how long start-up waits for it.");
                }

                LogWaiting(logger, where, failure.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private async Task CreateDatabaseAsync(
        NpgsqlConnectionStringBuilder target, string where, CancellationToken cancellationToken)
    {
        var maintenance =
            new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand(
                $"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            LogCreated(logger, target.Database, where);
        }
        catch (PostgresException raced) when (raced.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance created it first.
        }
        catch (Exception failure) when (failure is NpgsqlException)
        {
            throw new StartupException($"The database \"{target.Database}\" does not exist on {where}, and the account "
                + $"\"{target.Username}\" could not create it ({failure.Message}). Create it "
                + $"(createdb -O {target.Username} {target.Database}), or grant the account CREATEDB.");
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Waiting for PostgreSQL at {Server}: {Reason}")]
    private static partial void LogWaiting(ILogger logger, string server, string reason);

    [LoggerMessage(2, LogLevel.Information, "Created the database {Database} on {Server}")]
    private static partial void LogCreated(ILogger logger, string database, string server);
}
