using IncidentHub.Web.StatusPage;
using Mediator;

namespace IncidentHub.Web.Pipeline;

/// <summary>A command that changes what the public status page shows besides incidents (its settings, services).</summary>
public interface IChangesStatusPage;

/// <summary>
/// Has this instance's status page read again once such a command has committed (this behavior runs outside the
/// transaction, so the next read sees the change). Other instances renew theirs within
/// <see cref="StatusPageCache.MaxAge"/>.
/// </summary>
public sealed class RefreshStatusPageBehavior<TMessage, TResponse>(StatusPageCache cache)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IChangesStatusPage, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            cache.Invalidate();
        }
    }
}
