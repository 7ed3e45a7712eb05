using System.Text.Json.Serialization;
using FluentValidation;
using IncidentHub.Domain;
using Mediator;
using Severity = IncidentHub.Domain.Severity;

namespace IncidentHub.Web.Features.Incidents;

public sealed record ChangeSeverity : ICommand<IncidentView>, IIncidentCommand
{
    [JsonIgnore]
    public long Number { get; init; }

    [JsonIgnore]
    public uint? ExpectedVersion { get; init; }

    public Severity? Severity { get; init; }

    public string? Reason { get; init; }
}

public sealed class ChangeSeverityValidator : AbstractValidator<ChangeSeverity>
{
    public ChangeSeverityValidator()
    {
        RuleFor(command => command.Severity)
            .NotNull()
            .WithMessage("Give the new severity: S1 to S4, or Unknown.")
            .IsInEnum();
        RuleFor(command => command.Reason).MaximumLength(SeverityChange.ReasonMaxLength);
    }
}

public sealed class ChangeSeverityHandler(IncidentChanges changes) : ICommandHandler<ChangeSeverity, IncidentView>
{
    public async ValueTask<IncidentView> Handle(ChangeSeverity command, CancellationToken cancellationToken) =>
        await changes.ApplyAndViewAsync(
            command,
            (incident, actor, now) => incident.ChangeSeverity(command.Severity!.Value, command.Reason, actor, now),
            cancellationToken);
}
