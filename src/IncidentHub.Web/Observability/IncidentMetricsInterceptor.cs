using System.Data.Common;
using System.Runtime.CompilerServices;
using IncidentHub.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentHub.Web.Observability;

/// <summary>
/// Counts declarations and phase changes when they commit, whatever path made them (API, pages, a draft declared
/// by moving it on): seen in the change tracker when saved, counted when the transaction commits, forgotten when it
/// does not. A request that failed is never counted, and no handler has to remember to count.
/// </summary>
public sealed class IncidentMetricsInterceptor(IncidentHubMetrics metrics)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Action<IncidentHubMetrics>>> pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        FlushUnlessInTransaction(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        FlushUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public DbTransaction TransactionStarted(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        // A pooled context may come back with the leftovers of a transaction disposed without a commit.
        Forget(eventData.Context);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection,
        TransactionEndEventData eventData,
        DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Flush(eventData.Context);

    public Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Forget(eventData.Context);

    public Task TransactionRolledBackAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        if (context.Database.CurrentTransaction is null)
        {
            Forget(context);
        }

        foreach (var entry in context.ChangeTracker.Entries<Incident>())
        {
            var phase = entry.Property(incident => incident.Phase);
            Phase? from = entry.State switch
            {
                EntityState.Added => null,
                EntityState.Modified when phase.IsModified && phase.OriginalValue != phase.CurrentValue =>
                    phase.OriginalValue,
                _ => entry.Entity.Phase,
            };
            var to = entry.Entity.Phase;
            if (from == to)
            {
                continue;
            }

            var severity = entry.Entity.Severity;
            var counts = pending.GetOrCreateValue(context);
            if (from is { } left)
            {
                counts.Add(metrics => metrics.PhaseChanged(left, to));
            }

            if (from is null or Phase.Preparation && to is not Phase.Preparation and not Phase.Dismissed)
            {
                counts.Add(metrics => metrics.Declared(severity));
            }
        }
    }

    private void FlushUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Flush(context);
        }
    }

    private void Flush(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var counts))
        {
            pending.Remove(context);
            counts.ForEach(count => count(metrics));
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            pending.Remove(context);
        }
    }
}
