using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace IncidentHub.Web.Features.Ingestion;

/// <summary>
/// Deliveries to one source with the same body that are in this process at the same time: the two replicas of an
/// Alertmanager pair send every notification at once. The first one is applied; the others wait for it and, once it
/// has committed, are answered without a transaction of their own, counted on its alerts as copies. Without this,
/// each copy took the same locks, waited for the whole of the first one's transaction, and then read and counted
/// its alerts in a transaction of its own. Copies that reach other instances, or come too late to join, are
/// deduplicated by the locks and fingerprints as before.
/// </summary>
public sealed class DeliveryCopies
{
    private readonly ConcurrentDictionary<(Guid Source, string Body), InFlight> inFlight = new();

    public static string Digest(byte[] body) => Convert.ToBase64String(SHA256.HashData(body));

    /// <summary>The delivery of this body already in flight, which has taken this one as a copy; or null.</summary>
    public InFlight? Join(Guid sourceId, string digest) =>
        inFlight.TryGetValue((sourceId, digest), out var first) && first.TryTakeCopy() ? first : null;

    /// <summary>
    /// Makes this delivery the one its copies wait for, unless another one already is (then it goes its own way,
    /// as a copy sent to another instance would). Dispose it when the delivery has ended, applied or not.
    /// </summary>
    public InFlight Lead(Guid sourceId, string digest)
    {
        var key = (sourceId, digest);
        var lead = new InFlight();
        if (inFlight.TryAdd(key, lead))
        {
            lead.WhenEnded(() => inFlight.TryRemove(new KeyValuePair<(Guid Source, string Body), InFlight>(key, lead)));
        }

        return lead;
    }

    public sealed class InFlight : IDisposable
    {
        private readonly TaskCompletionSource<IngestionOutcome?> applied =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock gate = new();
        private Action? ended;
        private int copies;
        private bool closed;

        /// <summary>The first delivery's outcome once it has committed; null if it failed (the copy then applies itself).</summary>
        public Task<IngestionOutcome?> Applied => applied.Task;

        /// <summary>
        /// Takes no more copies and says how many joined: the first delivery counts them on its alerts in its own
        /// transaction, so that they are committed (or not) with it.
        /// </summary>
        public int CloseToCopies()
        {
            lock (gate)
            {
                closed = true;
                return copies;
            }
        }

        /// <summary>The delivery was applied and committed: its copies get its outcome.</summary>
        public void Complete(IngestionOutcome outcome)
        {
            CloseToCopies();
            ended?.Invoke();
            applied.TrySetResult(outcome);
        }

        /// <summary>Ends the delivery; copies still waiting (it failed) apply themselves.</summary>
        public void Dispose()
        {
            CloseToCopies();
            ended?.Invoke();
            applied.TrySetResult(null);
        }

        internal bool TryTakeCopy()
        {
            lock (gate)
            {
                if (closed)
                {
                    return false;
                }

                copies++;
                return true;
            }
        }

        internal void WhenEnded(Action action) => ended = action;
    }
}
