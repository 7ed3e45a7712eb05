using System.Text.Json.Serialization;
using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Incidents;

/// <summary>
/// Moves an incident to a target: a later phase (advance or skip), Closed, Dismissed, or back
/// (regress, reopen). The domain decides whether the move is allowed.
/// </summary>
public sealed record ChangePhase : ICommand<IncidentView>, IIncidentCommand
{
    [JsonIgnore]
    public long Number { get; init; }

    [JsonIgnore]
    public uint? ExpectedVersion { get; init; }

    public Phase? Target { get; init; }

    public string? Reason { get; init; }

    public long? DuplicateOf { get; init; }
}

public sealed class ChangePhaseValidator : AbstractValidator<ChangePhase>
{
    public ChangePhaseValidator()
    {
        RuleFor(command => command.Target).NotNull()
            .WithMessage("Name the target: a phase, Closed or Dismissed.").IsInEnum();
        RuleFor(command => command.Reason).MaximumLength(Incident.ReasonMaxLength);
        RuleFor(command => command.DuplicateOf)
            .GreaterThan(0)
            .WithMessage("Give the number of the incident this one duplicates, e.g. 42.");
    }
}

public sealed class ChangePhaseHandler(IncidentChanges changes, IncidentHubDbContext db)
    : ICommandHandler<ChangePhase, IncidentView>
{
    public async ValueTask<IncidentView> Handle(ChangePhase command, CancellationToken cancellationToken)
    {
        if (command.DuplicateOf is { } original && original != command.Number)
        {
            await EnsureExistsAsync(original, cancellationToken);
        }

        return await changes.ApplyAndViewAsync(
            command,
            (incident, actor, now) =>
                incident.ChangePhase(command.Target!.Value, command.Reason, command.DuplicateOf, actor, now),
            cancellationToken);
    }

    private async Task EnsureExistsAsync(long number, CancellationToken cancellationToken)
    {
        if (!await db.Incidents.AnyAsync(incident => incident.Number == number, cancellationToken))
        {
            throw new InvalidReferenceException(
                "duplicateOf", $"There is no incident {Incident.FormatNumber(number)}.");
        }
    }
}
