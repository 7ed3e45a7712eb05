using System.Text.Json.Serialization;
using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.CorrectiveActions;

/// <summary>
/// Says that a corrective action also answers another incident (or no longer does): the link is that incident's
/// change, written on its timeline, and counts for its exit rules.
/// </summary>
public sealed record LinkCorrectiveAction : ICommand<CorrectiveActionView>, IIncidentCommand
{
    [JsonIgnore]
    public Guid Id { get; init; }

    /// <summary>The incident the action also answers: 42 or INC-42.</summary>
    public string? Incident { get; init; }

    [JsonIgnore]
    public bool Unlink { get; init; }

    [JsonIgnore]
    public long Number => IncidentNumbers.TryParse(Incident, out var number) ? number : 0;

    [JsonIgnore]
    public uint? ExpectedVersion => null;
}

public sealed class LinkCorrectiveActionValidator : AbstractValidator<LinkCorrectiveAction>
{
    public LinkCorrectiveActionValidator()
    {
        RuleFor(command => command.Incident).NotEmpty().WithMessage("Name the incident the action also answers: 42 or INC-42.")
            .MaximumLength(IncidentNumbers.MaxLength)
            .Must(incident => IncidentNumbers.TryParse(incident, out _))
            .WithMessage("Name the incident by its number: 42 or INC-42.");
    }
}

public sealed class LinkCorrectiveActionHandler(IncidentChanges changes, IncidentHubDbContext db, TimeProvider clock)
    : ICommandHandler<LinkCorrectiveAction, CorrectiveActionView>
{
    public async ValueTask<CorrectiveActionView> Handle(LinkCorrectiveAction command, CancellationToken cancellationToken)
    {
        var action = await (
                from candidate in db.CorrectiveActions.AsNoTracking()
                where candidate.Id == command.Id
                join incident in db.Incidents on candidate.IncidentId equals incident.Id
                select new { candidate.Title, incident.Number })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("There is no corrective action with this id.");
        if (!await db.Incidents.AnyAsync(incident => incident.Number == command.Number, cancellationToken))
        {
            throw new InvalidReferenceException("incident", $"There is no incident {Incident.FormatNumber(command.Number)}.");
        }

        var owner = Incident.FormatNumber(action.Number);
        await changes.ApplyAsync(
            command,
            (incident, actor, now) => _ = command.Unlink
                ? incident.UnlinkCorrectiveAction(command.Id, action.Title, owner, actor, now)
                : incident.LinkCorrectiveAction(command.Id, action.Title, owner, actor, now),
            cancellationToken);
        return await db.ViewOfAsync(command.Id, clock.Today(), cancellationToken);
    }
}
