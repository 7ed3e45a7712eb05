using System.Text.Json.Serialization;
using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Http;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Incidents;

/// <summary>
/// Merges an incident (typically one opened by alerts, awaiting triage) into another open incident: its alerts
/// move, both timelines say so, and it is dismissed as a duplicate. Dismissing needs an Incident Manager, so
/// merging does too.
/// </summary>
public sealed record MergeIncident : ICommand<IncidentView>, IRequiresPermission
{
    public Permission Required => Permission.ManageIncidents;

    [JsonIgnore]
    public long Number { get; init; }

    /// <summary>The incident to merge into: 42 or "INC-42".</summary>
    [JsonConverter(typeof(IncidentNumberJsonConverter))]
    public long? Into { get; init; }
}

public sealed class MergeIncidentValidator : AbstractValidator<MergeIncident>
{
    public MergeIncidentValidator() =>
        RuleFor(command => command.Into).NotNull()
            .WithMessage("Name the incident to merge into, e.g. 42 or INC-42.")
            .GreaterThan(0).WithMessage("Give the number of the incident to merge into, e.g. 42.");
}

public sealed class MergeIncidentHandler(IncidentHubDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<MergeIncident, IncidentView>
{
    public async ValueTask<IncidentView> Handle(MergeIncident command, CancellationToken cancellationToken)
    {
        var into = command.Into!.Value;
        if (into != command.Number
            && !await db.Incidents.AnyAsync(incident => incident.Number == into, cancellationToken))
        {
            throw new InvalidReferenceException("into", $"There is no incident {Incident.FormatNumber(into)}.");
        }

        // Both rows locked, the lower number first: two merges of the same pair in opposite directions queue
        // instead of deadlocking.
        var first = await db.LoadForChangeAsync(Math.Min(command.Number, into), null, cancellationToken);
        var second = await db.LoadForChangeAsync(Math.Max(command.Number, into), null, cancellationToken);
        var (merged, target) = first.Number == command.Number ? (first, second) : (second, first);

        var alerts = await db.Alerts.Where(alert => alert.IncidentId == merged.Id).ToListAsync(cancellationToken);
        merged.MergeInto(target, alerts, currentUser.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return IncidentView.From(merged, clock.GetUtcNow());
    }
}
