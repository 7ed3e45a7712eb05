using IncidentHub.Web.Data;
using Mediator;

namespace IncidentHub.Web.Infrastructure;

/// <summary>
/// Every command runs in one transaction: it either lands whole or not at all, and the row lock
/// taken by <see cref="IncidentLoading.LoadForChangeAsync"/> lasts until the change is committed.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(IncidentHubDbContext db)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // A failed save fails the whole command, so the savepoint EF would set around each save is never used.
        db.Database.AutoSavepointsEnabled = false;
        var response = await next(message, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }
}
