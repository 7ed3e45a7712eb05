using System.Collections.Concurrent;

namespace IncidentHub.Web.Security;

/// <summary>
/// A cache of something read from the database to check a request's credentials, emptied whenever credentials change:
/// by <see cref="IChangesCredentials"/> commands on this instance, and on the notification PostgreSQL raises at
/// the same commit (<see cref="ApiTokenCache.Channel"/>) on every other instance.
/// </summary>
public interface ICredentialCache
{
    /// <summary>Empties the cache: some credential changed.</summary>
    void Forget();

    /// <summary>The listener is listening: from now on no change goes unheard.</summary>
    void StartTrusting();

    /// <summary>The listener lost its connection: changes may go unheard until it is back.</summary>
    void StopTrusting();
}

/// <summary>
/// Entries recently read, so that a request with known credentials costs no database round trip, while a change still
/// applies at once:
/// <list type="bullet">
/// <item>a command that changes credentials (<see cref="IChangesCredentials"/>) empties this instance's cache when it
/// has committed, before it answers;</item>
/// <item>every other instance empties its cache when PostgreSQL tells it, at the same commit (triggers on the tables
/// the entries come from);</item>
/// <item>nothing is cached while this instance is not listening for those notifications, and no entry lives longer
/// than <see cref="MaxAge"/>.</item>
/// </list>
/// Callers cache only what they found, so guessing fills nothing.
/// </summary>
public abstract class CredentialCache<TKey, TValue>(TimeProvider clock, IEqualityComparer<TKey>? keys = null)
    : ICredentialCache
    where TKey : notnull
    where TValue : class
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<TKey, Entry> entries = new(keys);
    private long generation;
    private volatile bool trusted;

    /// <summary>Taken before reading an entry from the database and handed to <see cref="Keep"/>.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public bool TryGet(TKey key, out TValue value)
    {
        if (trusted && entries.TryGetValue(key, out var entry) && clock.GetUtcNow() - entry.CachedAt < MaxAge)
        {
            value = entry.Value;
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>
    /// Keeps a value read from the database, unless the cache was emptied since <paramref name="readAt"/>: then the
    /// row may predate the change that emptied it.
    /// </summary>
    public void Keep(TKey key, TValue value, long readAt)
    {
        if (!trusted || Generation != readAt)
        {
            return;
        }

        entries[key] = new Entry(value, clock.GetUtcNow());

        // An emptying between the check above and the write would otherwise miss this entry.
        if (Generation != readAt)
        {
            entries.TryRemove(key, out _);
        }
    }

    public void Forget()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    public void StartTrusting()
    {
        Forget();
        trusted = true;
    }

    public void StopTrusting()
    {
        trusted = false;
        Forget();
    }

    /// <summary>Replaces a kept value, unless it was replaced or forgotten in the meantime; its age stays.</summary>
    protected void Replace(TKey key, TValue kept, TValue replacement)
    {
        if (entries.TryGetValue(key, out var entry) && ReferenceEquals(entry.Value, kept))
        {
            entries.TryUpdate(key, entry with { Value = replacement }, entry);
        }
    }

    private sealed record Entry(TValue Value, DateTimeOffset CachedAt);
}

/// <summary>
/// A command that changes what credentials allow (revoking an API token, changing or deactivating an account, changing,
/// disabling or rotating the secret of an alert source).
/// </summary>
public interface IChangesCredentials;
