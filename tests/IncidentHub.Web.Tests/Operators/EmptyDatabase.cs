using Npgsql;

namespace IncidentHub.Web.Tests.Operators;

/// <summary>A new, empty database beside the test database, dropped afterwards.</summary>
public sealed class EmptyDatabase : IAsyncDisposable
{
    private readonly string serverConnectionString;
    private readonly string name;

    private EmptyDatabase(string serverConnectionString, string name)
    {
        this.serverConnectionString = serverConnectionString;
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString)
        {
            Database = name,
            Pooling = false,
        }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<EmptyDatabase> CreateAsync(string testConnectionString)
    {
        var database = new EmptyDatabase(testConnectionString, $"incidenthub_empty_{Guid.NewGuid():N}");
        await database.ExecuteAsync($"CREATE DATABASE \"{database.name}\"");
        return database;
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
