using IncidentHub.Web.Security;
using Mediator;

namespace IncidentHub.Web.Pipeline;

/// <summary>Checks every message against the current user before anything else runs.</summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(CommandAuthorization authorization)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        await authorization.EnsureAllowedAsync(message, cancellationToken);
        return await next(message, cancellationToken);
    }
}
