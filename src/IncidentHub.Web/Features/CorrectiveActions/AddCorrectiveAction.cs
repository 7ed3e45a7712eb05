using System.Text.Json.Serialization;
using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Incidents;
using Mediator;

namespace IncidentHub.Web.Features.CorrectiveActions;

public sealed record AddCorrectiveAction : ICommand<CorrectiveActionView>, IIncidentCommand
{
    [JsonIgnore]
    public long Number { get; init; }

    [JsonIgnore]
    public uint? ExpectedVersion { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public CorrectiveActionKind? Kind { get; init; }

    /// <summary>High, Medium (when absent) or Low.</summary>
    public CorrectiveActionPriority? Priority { get; init; }

    public Guid? OwnerId { get; init; }

    public DateOnly? DueDate { get; init; }

    public string? TrackerUrl { get; init; }
}

public sealed class AddCorrectiveActionValidator : AbstractValidator<AddCorrectiveAction>
{
    public AddCorrectiveActionValidator()
    {
        RuleFor(command => command.Title)
            .NotEmpty()
            .WithMessage("Say what will be done.")
            .MaximumLength(CorrectiveAction.TitleMaxLength);
        RuleFor(command => command.Description).MaximumLength(CorrectiveAction.DescriptionMaxLength);
        RuleFor(command => command.Kind).NotNull()
            .WithMessage(
                "Say which part of the loop it improves: Prevention, Detection, Mitigation, Resolution or Preparation.")
            .IsInEnum();
        RuleFor(command => command.Priority).IsInEnum();
        RuleFor(command => command.TrackerUrl).ValidTrackerUrl();
    }
}

public sealed class AddCorrectiveActionHandler(IncidentChanges changes, IncidentHubDbContext db, TimeProvider clock)
    : ICommandHandler<AddCorrectiveAction, CorrectiveActionView>
{
    public async ValueTask<CorrectiveActionView> Handle(
        AddCorrectiveAction command, CancellationToken cancellationToken)
    {
        await db.EnsureOwnerExistsAsync(command.OwnerId, cancellationToken);
        var details = new CorrectiveActionDetails(
            command.Title!,
            command.Description,
            command.Kind!.Value,
            command.OwnerId,
            command.DueDate,
            command.TrackerUrl,
            command.Priority ?? CorrectiveActionPriority.Medium);
        CorrectiveAction? added = null;
        await changes.ApplyAsync(
            command,
            (incident, actor, now) => added = incident.AddCorrectiveAction(details, actor, now),
            cancellationToken);
        return await db.ViewOfAsync(added!.Id, clock.Today(), cancellationToken);
    }
}
