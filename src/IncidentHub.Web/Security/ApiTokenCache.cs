using System.Collections.Concurrent;

namespace IncidentHub.Web.Security;

/// <summary>
/// API tokens recently seen, by the hash of their secret, so that a request with a known token costs no
/// database round trip (reading the token was a third of the database work of listing incidents, see
/// docs/benchmarks.md). What a token may do still changes at once:
/// <list type="bullet">
/// <item>a command that changes credentials (<see cref="IChangesCredentials"/>) empties this instance's cache
/// when it has committed, before it answers;</item>
/// <item>every other instance empties its cache when PostgreSQL tells it, at the same commit, that tokens,
/// accounts or people changed (triggers on those tables, <see cref="Channel"/>);</item>
/// <item>nothing is cached while this instance is not listening for those notifications, and no entry lives
/// longer than <see cref="MaxAge"/>.</item>
/// </list>
/// Unknown tokens are never cached, so guessing fills nothing.
/// </summary>
public sealed class ApiTokenCache(TimeProvider clock)
{
    public const string Channel = "credentials_changed";

    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long generation;
    private volatile bool trusted;

    /// <summary>Taken before reading a token from the database and handed to <see cref="Keep"/>.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public bool TryGet(string tokenHash, out StoredToken token)
    {
        if (trusted && entries.TryGetValue(tokenHash, out var entry) && clock.GetUtcNow() - entry.CachedAt < MaxAge)
        {
            token = entry.Token;
            return true;
        }

        token = null!;
        return false;
    }

    /// <summary>
    /// Keeps a token read from the database, unless the cache was emptied since <paramref name="readAt"/>:
    /// then the row may predate the change that emptied it.
    /// </summary>
    public void Keep(string tokenHash, StoredToken token, long readAt)
    {
        if (!trusted || Generation != readAt)
        {
            return;
        }

        entries[tokenHash] = new Entry(token, clock.GetUtcNow());

        // An emptying between the check above and the write would otherwise miss this entry.
        if (Generation != readAt)
        {
            entries.TryRemove(tokenHash, out _);
        }
    }

    /// <summary>
    /// Records a new last-used time in a kept entry, so that it is written to the database once a minute, not on every
    /// request.
    /// </summary>
    public void Touch(string tokenHash, StoredToken token, DateTimeOffset lastUsedAt)
    {
        if (entries.TryGetValue(tokenHash, out var entry) && ReferenceEquals(entry.Token, token))
        {
            entries.TryUpdate(tokenHash, entry with { Token = token with { LastUsedAt = lastUsedAt } }, entry);
        }
    }

    /// <summary>Empties the cache: some token, account or person changed.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    /// <summary>The listener is listening: from now on no change goes unheard.</summary>
    public void StartTrusting()
    {
        Forget();
        trusted = true;
    }

    /// <summary>The listener lost its connection: changes may go unheard until it is back.</summary>
    public void StopTrusting()
    {
        trusted = false;
        Forget();
    }

    private sealed record Entry(StoredToken Token, DateTimeOffset CachedAt);
}

/// <summary>
/// A command that changes what API tokens may do (revoking one, changing or deactivating an account).
/// </summary>
public interface IChangesCredentials;
