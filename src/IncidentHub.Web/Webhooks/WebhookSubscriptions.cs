using IncidentHub.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Webhooks;

/// <summary>
/// The event types some enabled endpoint wants, kept in memory so that the outbox writes nothing when nobody listens
/// (most installations have few endpoints, and an alert storm must not pay for events no one receives). It follows the
/// rules of the credential caches: emptied on this instance when an endpoint command commits, on every instance by the
/// <c>webhook_endpoints_changed</c> notification, and not used at all while the instance is not listening — then every
/// event is written, and the database's fan-out decides.
/// </summary>
public sealed class WebhookSubscriptions : ICredentialCache
{
    public const string Channel = "webhook_endpoints_changed";

    private readonly Lock gate = new();
    private HashSet<string>? wanted;
    private long generation;
    private bool trusted;

    /// <summary>Whether an event of this type may have an endpoint to go to; reads the endpoints when not known.</summary>
    public bool MayWant(DbContext db, string type) => Known() is { } types ? types.Contains(type) : Load(Read(db)).Contains(type);

    public async Task<bool> MayWantAsync(DbContext db, string type, CancellationToken cancellationToken) =>
        Known() is { } types ? types.Contains(type) : Load(await ReadAsync(db, cancellationToken)).Contains(type);

    /// <summary>No enabled endpoint wants anything: the outbox has nothing to look for.</summary>
    public bool WantsNothing(DbContext db) => (Known() ?? Load(Read(db))).Count == 0;

    public async Task<bool> WantsNothingAsync(DbContext db, CancellationToken cancellationToken) =>
        (Known() ?? Load(await ReadAsync(db, cancellationToken))).Count == 0;

    public void Forget()
    {
        lock (gate)
        {
            generation++;
            wanted = null;
        }
    }

    public void StartTrusting()
    {
        lock (gate)
        {
            generation++;
            wanted = null;
            trusted = true;
        }
    }

    public void StopTrusting()
    {
        lock (gate)
        {
            generation++;
            wanted = null;
            trusted = false;
        }
    }

    /// <summary>The types, when known; null when they must be read.</summary>
    private HashSet<string>? Known()
    {
        lock (gate)
        {
            return trusted ? wanted : AllTypes;
        }
    }

    private HashSet<string> Load((long ReadAt, List<string> Types) read)
    {
        var types = read.Types.ToHashSet(StringComparer.Ordinal);
        lock (gate)
        {
            // An emptying since the read means the read may predate the change: use it once, keep it not.
            if (trusted && generation == read.ReadAt)
            {
                wanted = types;
            }
        }

        return types;
    }

    private (long, List<string>) Read(DbContext db)
    {
        var readAt = Generation();
        return (readAt, [.. db.Database.SqlQueryRaw<string>(Query)]);
    }

    private async Task<(long, List<string>)> ReadAsync(DbContext db, CancellationToken cancellationToken)
    {
        var readAt = Generation();
        return (readAt, await db.Database.SqlQueryRaw<string>(Query).ToListAsync(cancellationToken));
    }

    private long Generation()
    {
        lock (gate)
        {
            return generation;
        }
    }

    private const string Query =
        "SELECT DISTINCT type AS \"Value\" FROM webhook_endpoints, unnest(event_types) AS type WHERE enabled";

    /// <summary>Every type: what an instance that cannot hear changes must assume.</summary>
    private static readonly HashSet<string> AllTypes = [.. WebhookEventTypes.Subscribable];
}
