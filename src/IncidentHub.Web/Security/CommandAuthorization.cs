using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Security;

/// <summary>Thrown when the current user may not send a message (403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>
/// The one place that decides whether the current user may send a message, so a page and an API
/// endpoint can never disagree. Queries need <see cref="Permission.Read"/>, commands
/// <see cref="Permission.Respond"/>, unless the message says otherwise; moving back, reopening,
/// dismissing and role changes need an Incident Manager — or the incident's current Incident
/// Manager, who may assign the EOC and the CMOC and hand over their own role whatever their account role.
/// </summary>
public sealed class CommandAuthorization(
    ICurrentUser currentUser, IncidentHubDbContext db, SecurityEvents securityEvents, IHttpContextAccessor http)
{
    // What a page asks about one incident, once per request: the page asks for every control it may offer
    // (each move, each role), and each question would otherwise read the same row. A command's own check
    // (EnsureAllowedAsync) never uses these: it reads the incident as it is when the command runs.
    private readonly Dictionary<long, Phase?> askedPhases = [];
    private readonly Dictionary<long, bool> askedIncidentManager = [];

    public async ValueTask EnsureAllowedAsync(IMessage message, CancellationToken cancellationToken)
    {
        if (message is IRequiresPermission { Required: Permission.Anyone })
        {
            return;
        }

        var user = currentUser.Principal ?? throw new UnauthorizedAccessException("Sign in first.");
        if (await RefusalAsync(user, message, asking: false, cancellationToken) is { } reason)
        {
            Refuse(user, message, reason);
        }
    }

    /// <summary>
    /// Why the current user may not send <paramref name="message"/>, or null when they may: what a page
    /// asks before it offers a control, so that it offers exactly what the command will accept.
    /// Asking is not a refusal: nothing is logged.
    /// </summary>
    public async ValueTask<string?> RefusalAsync(IMessage message, CancellationToken cancellationToken) =>
        message is IRequiresPermission { Required: Permission.Anyone } ? null
        : currentUser.Principal is { } user ? await RefusalAsync(user, message, asking: true, cancellationToken)
        : "Sign in first.";

    public async ValueTask<bool> AllowsAsync(IMessage message, CancellationToken cancellationToken) =>
        await RefusalAsync(message, cancellationToken) is null;

    private async ValueTask<string?> RefusalAsync(
        CurrentPrincipal user, IMessage message, bool asking, CancellationToken cancellationToken)
    {
        var required = await RequiredAsync(message, user, asking, cancellationToken);
        if (user.Role < required.MinimumRole())
        {
            return $"Your role ({user.Role.Describe()}) does not allow this; it needs " +
                $"{required.MinimumRole().Describe()}.";
        }

        return required.AllowedByScopes(user)
            ? null
            : $"Token \"{user.TokenName}\" does not have the scope this needs.";
    }

    private async ValueTask<Permission> RequiredAsync(
        IMessage message, CurrentPrincipal user, bool asking, CancellationToken cancellationToken) => message switch
        {
            IRequiresPermission explicitly => explicitly.Required,
            ChangePhase change =>
                await IsMoveBackOrDismissalAsync(change, asking, cancellationToken)
                    ? Permission.ManageIncidents
                    : Permission.Respond,
            AssignRole assign =>
                await IsCurrentIncidentManagerAsync(assign.Number, user, asking, cancellationToken)
                    ? Permission.Respond
                    : Permission.ManageIncidents,
            UnassignRole unassign =>
                unassign.Role != IncidentRole.IncidentManager
                    && await IsCurrentIncidentManagerAsync(unassign.Number, user, asking, cancellationToken)
                    ? Permission.Respond
                : Permission.ManageIncidents,
            IBaseQuery => Permission.Read,
            _ => Permission.Respond,
        };

    private async Task<bool> IsMoveBackOrDismissalAsync(
        ChangePhase change, bool asking, CancellationToken cancellationToken)
    {
        if (!asking || !askedPhases.TryGetValue(change.Number, out var phase))
        {
            phase = await db.Incidents.Where(incident => incident.Number == change.Number)
                .Select(incident => (Phase?)incident.Phase).SingleOrDefaultAsync(cancellationToken);
            if (asking)
            {
                askedPhases[change.Number] = phase;
            }
        }

        return phase is { } from && change.Target is { } to
            && PhaseTransitions.Find(from, to)
                is TransitionKind.Regress or TransitionKind.Reopen or TransitionKind.Dismiss;
    }

    private async Task<bool> IsCurrentIncidentManagerAsync(
        long number, CurrentPrincipal user, bool asking, CancellationToken cancellationToken)
    {
        if (asking && askedIncidentManager.TryGetValue(number, out var known))
        {
            return known;
        }

        var holds = await db.Incidents.Where(incident => incident.Number == number)
            .SelectMany(incident => incident.RoleAssignments)
            .AnyAsync(
                held =>
                    held.Role == IncidentRole.IncidentManager && held.Until == null && held.PersonId == user.PersonId,
                cancellationToken);
        if (asking)
        {
            askedIncidentManager[number] = holds;
        }

        return holds;
    }

    private void Refuse(CurrentPrincipal user, IMessage message, string reason)
    {
        securityEvents.Refused(http.HttpContext, user, message.GetType().Name, reason);
        throw new ForbiddenException(reason);
    }
}
