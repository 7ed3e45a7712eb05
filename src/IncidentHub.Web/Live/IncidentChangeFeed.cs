using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using IncidentHub.Web.Data;

namespace IncidentHub.Web.Live;

public sealed record IncidentChanged(long Number, int Revision);

/// <summary>
/// Tells open pages that an incident changed. Every committed insert or update of an incident
/// row raises a PostgreSQL notification (a trigger, see the migration); each app instance hears it
/// through <see cref="DatabaseNotifications"/> and passes it on to its subscribers. Several instances
/// sharing one database therefore all hear every change, with no server besides PostgreSQL.
/// </summary>
public sealed class IncidentChangeFeed(IHostApplicationLifetime lifetime)
{
    public const string Channel = "incident_changed";
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<Guid, Channel<IncidentChanged>> subscribers = new();

    /// <summary>
    /// Changes of one incident (or of all when <paramref name="number"/> is null), with a heartbeat that keeps proxies
    /// from closing the stream.
    /// </summary>
    public async IAsyncEnumerable<SseItem<IncidentChanged?>> SubscribeAsync(
        long? number, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = System.Threading.Channels.Channel.CreateBounded<IncidentChanged>(
            new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var id = Guid.NewGuid();
        subscribers[id] = channel;

        // Streams end when the app shuts down, so that a rolling restart does not wait out the shutdown timeout.
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(
            cancellationToken, lifetime.ApplicationStopping);
        cancellationToken = streaming.Token;
        try
        {
            yield return new SseItem<IncidentChanged?>(null, "ready");
            while (true)
            {
                var next = await NextAsync(channel.Reader, cancellationToken);
                if (next.Ended)
                {
                    // The page went away: the stream ends quietly rather than as a failed request.
                    yield break;
                }

                if (next.Change is null)
                {
                    yield return new SseItem<IncidentChanged?>(null, "ping");
                }
                else if (number is null || next.Change.Number == number)
                {
                    yield return new SseItem<IncidentChanged?>(next.Change, "changed");
                }
            }
        }
        finally
        {
            subscribers.TryRemove(id, out _);
        }
    }

    /// <summary>Raised for every change heard, for what caches incidents (the public status page).</summary>
    public event Action? Changed;

    /// <summary>Passes one notification of the incident_changed channel on to every subscriber.</summary>
    public void Publish(string payload)
    {
        var change = JsonSerializer.Deserialize<IncidentChanged>(payload, JsonSerializerOptions.Web);
        if (change is null)
        {
            return;
        }

        Changed?.Invoke();

        foreach (var subscriber in subscribers.Values)
        {
            subscriber.Writer.TryWrite(change);
        }
    }

    /// <summary>The next change; no change when a heartbeat is due first; ended when the subscriber left.</summary>
    private static async Task<Next> NextAsync(
        ChannelReader<IncidentChanged> reader, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Heartbeat);
        try
        {
            return new Next(await reader.ReadAsync(timeout.Token), Ended: false);
        }
        catch (OperationCanceledException)
        {
            return new Next(null, Ended: cancellationToken.IsCancellationRequested);
        }
    }

    private readonly record struct Next(IncidentChanged? Change, bool Ended);
}
