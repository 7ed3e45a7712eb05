using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.AlertSources;

/// <summary>
/// Gives a source a new secret, shown in this answer only. Only the new hash is kept, so the old secret stops working
/// with the commit: a sender still using it gets 401 until it is given the new one.
/// </summary>
public sealed record RotateAlertSourceSecret(Guid Id) : ICommand<AlertSourceWithSecret>, IRequiresPermission, IChangesCredentials
{
    public Permission Required => Permission.Administer;
}

public sealed class RotateAlertSourceSecretHandler(IncidentHubDbContext db, TimeProvider clock)
    : ICommandHandler<RotateAlertSourceSecret, AlertSourceWithSecret>
{
    public async ValueTask<AlertSourceWithSecret> Handle(
        RotateAlertSourceSecret command, CancellationToken cancellationToken)
    {
        var source = await db.AlertSources.SingleOrDefaultAsync(candidate => candidate.Id == command.Id, cancellationToken)
            ?? throw AlertSourceRules.NotFound();
        var secret = Secrets.NewAlertSourceSecret();
        source.RotateSecret(Secrets.Hash(secret), Secrets.DisplayPrefix(secret), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new AlertSourceWithSecret(await db.AlertSourceViewAsync(source.Id, cancellationToken), secret);
    }
}
