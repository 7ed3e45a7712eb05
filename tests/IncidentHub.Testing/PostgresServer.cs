using Npgsql;
using Testcontainers.PostgreSql;

namespace IncidentHub.Testing;

/// <summary>
/// A PostgreSQL server for one test run, found in this order: the connection string in
/// <see cref="ConnectionVariable"/>; a Testcontainers container when a Docker engine answers;
/// a throwaway cluster made from the local PostgreSQL binaries and removed afterwards.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ConnectionVariable = "INCIDENTHUB_TEST_DATABASE";

    private readonly Func<ValueTask> stop;

    private PostgresServer(string connectionString, string description, Func<ValueTask> stop)
    {
        ConnectionString = connectionString;
        Description = description;
        this.stop = stop;
    }

    /// <summary>A connection string to a database this run owns; tests may reset it freely.</summary>
    public string ConnectionString { get; }

    public string Description { get; }

    public static async Task<PostgresServer> StartAsync(string databaseName)
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } given)
        {
            return new PostgresServer(
                await CreateDatabaseAsync(given, databaseName), "the configured server", () => ValueTask.CompletedTask);
        }

        if (await TryContainerAsync() is { } container)
        {
            return new PostgresServer(
                await CreateDatabaseAsync(container.GetConnectionString(), databaseName),
                "a Testcontainers container",
                container.DisposeAsync);
        }

        var cluster = await LocalCluster.StartAsync();
        return new PostgresServer(
            await CreateDatabaseAsync(cluster.ConnectionString, databaseName),
            $"a local cluster in {cluster.DataDirectory}",
            cluster.DisposeAsync);
    }

    public ValueTask DisposeAsync() => stop();

    private static async Task<PostgreSqlContainer?> TryContainerAsync()
    {
        if (!DockerSocketExists())
        {
            return null;
        }

        var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await container.StartAsync(timeout.Token);
            return container;
        }
#pragma warning disable CA1031 // Any failure to start a container means: use the next way.
        catch (Exception)
#pragma warning restore CA1031
        {
            await container.DisposeAsync();
            return null;
        }
    }

    private static bool DockerSocketExists() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } || File.Exists("/var/run/docker.sock");

    /// <summary>A fresh database on the server, so a shared server's other databases are never touched.</summary>
    private static async Task<string> CreateDatabaseAsync(string serverConnectionString, string databaseName)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand(
                $"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = databaseName }.ConnectionString;
    }
}
