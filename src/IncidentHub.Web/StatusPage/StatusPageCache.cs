using System.Collections.Concurrent;
using IncidentHub.Web.Data;
using IncidentHub.Web.Live;

namespace IncidentHub.Web.StatusPage;

/// <summary>
/// The public page's state and its renderings, so that in the steady state an anonymous request costs no database
/// query. The state is read again after an incident changes (the same PostgreSQL notification the live pages use, heard
/// by every instance), after a change to the page or its services on this instance, and at most
/// <see cref="MaxAge"/> after it was read, which bounds what a missed notification or a service changed through
/// another instance can leave stale. One request reads it at a time; the others meanwhile get the previous state.
/// </summary>
public sealed class StatusPageCache : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    /// <summary>The renderings kept per address; a request with yet another Host header is rendered, not kept.</summary>
    private const int MaxAddresses = 8;

    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly IncidentChangeFeed feed;
    private readonly SemaphoreSlim reading = new(1, 1);
    private long generation;
    private volatile Snapshot? current;

    public StatusPageCache(IServiceScopeFactory scopes, TimeProvider clock, IncidentChangeFeed feed)
    {
        this.scopes = scopes;
        this.clock = clock;
        this.feed = feed;
        feed.Changed += Invalidate;
    }

    /// <summary>Something the page shows changed: the next request reads the state again.</summary>
    public void Invalidate() => Interlocked.Increment(ref generation);

    public async Task<StatusPageRendering> GetAsync(string origin, string prefix, CancellationToken cancellationToken)
    {
        var snapshot = current;
        if (snapshot is null || !IsFresh(snapshot))
        {
            snapshot = await RefreshAsync(snapshot, cancellationToken);
        }

        var key = $"{origin}|{prefix}";
        if (snapshot.Renderings.TryGetValue(key, out var rendering))
        {
            return rendering;
        }

        rendering = StatusPageRendering.Render(snapshot.State, origin, prefix, snapshot.Version);
        if (snapshot.Renderings.Count < MaxAddresses)
        {
            snapshot.Renderings.TryAdd(key, rendering);
        }

        return rendering;
    }

    public void Dispose()
    {
        feed.Changed -= Invalidate;
        reading.Dispose();
    }

    private bool IsFresh(Snapshot snapshot)
    {
        var age = clock.GetUtcNow() - snapshot.ReadAt;
        return snapshot.Generation == Interlocked.Read(ref generation) && age >= TimeSpan.Zero && age < MaxAge;
    }

    private async Task<Snapshot> RefreshAsync(Snapshot? stale, CancellationToken cancellationToken)
    {
        // While another request reads, a stale state is served rather than queued behind it.
        if (stale is not null && !await reading.WaitAsync(0, cancellationToken))
        {
            return stale;
        }

        if (stale is null)
        {
            await reading.WaitAsync(cancellationToken);
        }

        try
        {
            if (current is { } other && !ReferenceEquals(other, stale) && IsFresh(other))
            {
                return other;
            }

            var readFor = Interlocked.Read(ref generation);
            var now = clock.GetUtcNow();
            StatusPageState state;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<IncidentHubDbContext>();
                state = await StatusPageState.ReadAsync(db, now, cancellationToken);
            }
            catch (Exception exception) when (stale is not null && DatabaseOutage.Is(exception))
            {
                // Customers look at the page most when things break, the database included: the last page read stays,
                // and the next request tries again.
                return stale;
            }

            // A change heard while reading leaves this state stale, so that the next request reads again.
            var snapshot = new Snapshot(state, readFor, now, (stale?.Version ?? 0) + 1);
            current = snapshot;
            return snapshot;
        }
        finally
        {
            reading.Release();
        }
    }

    private sealed record Snapshot(StatusPageState State, long Generation, DateTimeOffset ReadAt, long Version)
    {
        public ConcurrentDictionary<string, StatusPageRendering> Renderings { get; } = new(StringComparer.Ordinal);
    }
}
