namespace IncidentHub.Web.Webhooks;

/// <summary>
/// Wakes this instance's dispatcher when a delivery is written (the database's notification, heard by every
/// instance), so that an event goes out within milliseconds rather than at the next poll.
/// </summary>
public sealed class WebhookSignal : IDisposable
{
    public const string Channel = "webhook_deliveries";

    private readonly SemaphoreSlim pending = new(0, 1);

    public void Wake()
    {
        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken; one wake-up claims everything due.
        }
    }

    public void Dispose() => pending.Dispose();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        pending.WaitAsync(timeout, cancellationToken);
}
