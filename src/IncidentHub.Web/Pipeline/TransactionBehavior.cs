using IncidentHub.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore.Storage;

namespace IncidentHub.Web.Pipeline;

/// <summary>
/// Every command runs in one transaction: it either lands whole or not at all, and the row lock
/// taken by <see cref="IncidentLoading.LoadForChangeAsync"/> lasts until the change is committed.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(IncidentHubDbContext db)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is { } request)
        {
            return await RunInsideAsync(request, message, next, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // A failed save fails the whole command, so the savepoint EF would set around each save is never used.
        db.Database.AutoSavepointsEnabled = false;
        var response = await next(message, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }

    /// <summary>
    /// Inside a transaction that is not the command's own (an Idempotency-Key request, which stores its answer in
    /// the same transaction): a refused command must leave no write behind, and a failed statement must not abort
    /// the transaction the answer is stored in.
    /// </summary>
    private static async ValueTask<TResponse> RunInsideAsync(
        IDbContextTransaction request,
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        const string BeforeCommand = "before_command";
        await request.CreateSavepointAsync(BeforeCommand, cancellationToken);
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // A lost connection takes its transaction with it; there is nothing to roll back to.
            if (!DatabaseOutage.Is(failure))
            {
                await request.RollbackToSavepointAsync(BeforeCommand, CancellationToken.None);
            }

            throw;
        }
    }
}
