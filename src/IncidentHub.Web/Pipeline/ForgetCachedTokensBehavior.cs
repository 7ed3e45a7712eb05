using IncidentHub.Web.Security;
using Mediator;

namespace IncidentHub.Web.Pipeline;

/// <summary>
/// Empties this instance's credential caches (<see cref="ICredentialCache"/>: API tokens, alert sources) once a command that changes credentials has committed
/// (this behavior runs outside the transaction), so that the next request here already sees the change.
/// Other instances hear of it from PostgreSQL.
/// </summary>
public sealed class ForgetCachedTokensBehavior<TMessage, TResponse>(IEnumerable<ICredentialCache> caches)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IChangesCredentials, IMessage
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
            // Also after a failure: the transaction may have committed before it.
            foreach (var cache in caches)
            {
                cache.Forget();
            }
        }
    }
}
