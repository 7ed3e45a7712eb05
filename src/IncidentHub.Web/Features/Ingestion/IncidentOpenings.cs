using Npgsql;
using NpgsqlTypes;

namespace IncidentHub.Web.Features.Ingestion;

/// <summary>
/// Counts the incidents each alert source opened in the last minute, for its storm limit. The count is taken and
/// raised by one statement on a connection of its own, outside the delivery's transaction: the row it locks is
/// released at once, so the deliveries of one source that open new groups no longer queue behind each other until
/// commit. A slot taken by a delivery that then fails is not given back; the storm only begins that much earlier.
/// </summary>
public sealed class IncidentOpenings(NpgsqlDataSource database) : IAsyncDisposable
{
    /// <summary>
    /// Its own small pool: a delivery holds a connection of the main pool while it asks here, so asking on the main
    /// pool could exhaust it with deliveries that each wait for a second connection.
    /// </summary>
    public static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = "incidenthub-openings" };
        builder.ConnectionStringBuilder.MaxPoolSize = 4;
        builder.ConnectionStringBuilder.MinPoolSize = 0;
        return builder.Build();
    }

    /// <summary>Takes up to <paramref name="wanted"/> of the source's openings left in the minute before
    /// <paramref name="now"/>, and says how many it got.</summary>
    public async Task<int> ReserveAsync(
        Guid sourceId, int wanted, int perMinute, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The openings of the last minute are kept as their times (at most the limit of them), so the minute slides.
        await using var command = database.CreateCommand(
            """
            INSERT INTO alert_source_openings AS o (source_id, opened_at, last_granted)
            VALUES ($1, array_fill($2::timestamptz, ARRAY[LEAST($4, $5)]), LEAST($4, $5))
            ON CONFLICT (source_id) DO UPDATE SET
                opened_at = ARRAY(SELECT t FROM unnest(o.opened_at) AS t WHERE t > $3)
                    || array_fill($2::timestamptz,
                        ARRAY[GREATEST(0, LEAST($4, $5 - (SELECT count(*) FROM unnest(o.opened_at) AS t WHERE t > $3)))::int]),
                last_granted = GREATEST(0, LEAST($4, $5 - (SELECT count(*) FROM unnest(o.opened_at) AS t WHERE t > $3)))::int
            RETURNING last_granted
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sourceId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>
        {
            TypedValue = now.ToUniversalTime().AddMinutes(-1),
            NpgsqlDbType = NpgsqlDbType.TimestampTz,
        });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = wanted });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = perMinute });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
