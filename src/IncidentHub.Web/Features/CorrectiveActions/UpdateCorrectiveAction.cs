using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.CorrectiveActions;

/// <summary>
/// Changes a corrective action: status, owner, due date, kind, tracker link, text. Works after the incident is closed.
/// </summary>
public sealed record UpdateCorrectiveAction(Guid Id, uint? ExpectedVersion, CorrectiveActionChanges Changes)
    : ICommand<CorrectiveActionView>;

public sealed class UpdateCorrectiveActionValidator : AbstractValidator<UpdateCorrectiveAction>
{
    public UpdateCorrectiveActionValidator()
    {
        RuleFor(command => command.Changes).NotNull();
        When(command => command.Changes is not null, () =>
        {
            RuleFor(command => command.Changes.Title.Value).NotEmpty().WithMessage("Say what will be done.")
                .MaximumLength(CorrectiveAction.TitleMaxLength)
                .WithName("Title").OverridePropertyName("title").When(command => command.Changes.Title.IsSet);
            RuleFor(command => command.Changes.Description.Value).MaximumLength(CorrectiveAction.DescriptionMaxLength)
                .WithName("Description")
                .OverridePropertyName("description")
                .When(command => command.Changes.Description.IsSet);
            RuleFor(command => command.Changes.Kind.Value).IsInEnum()
                .WithName("Kind").OverridePropertyName("kind").When(command => command.Changes.Kind.IsSet);
            RuleFor(command => command.Changes.Priority.Value).IsInEnum()
                .WithName("Priority").OverridePropertyName("priority").When(command => command.Changes.Priority.IsSet);
            RuleFor(command => command.Changes.Status.Value).IsInEnum()
                .WithName("Status").OverridePropertyName("status").When(command => command.Changes.Status.IsSet);
            RuleFor(command => command.Changes.WontDoReason.Value).MaximumLength(CorrectiveAction.ReasonMaxLength)
                .WithName("Wont Do Reason")
                .OverridePropertyName("wontDoReason")
                .When(command => command.Changes.WontDoReason.IsSet);
            RuleFor(command => command.Changes.TrackerUrl.Value).ValidTrackerUrl()
                .WithName("Tracker Url")
                .OverridePropertyName("trackerUrl")
                .When(command => command.Changes.TrackerUrl.IsSet);
        });
    }
}

public sealed class UpdateCorrectiveActionHandler(IncidentHubDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<UpdateCorrectiveAction, CorrectiveActionView>
{
    public async ValueTask<CorrectiveActionView> Handle(
        UpdateCorrectiveAction command, CancellationToken cancellationToken)
    {
        var number = await db.Incidents
            .Where(incident => incident.CorrectiveActions.Any(action => action.Id == command.Id))
            .Select(incident => (long?)incident.Number).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("There is no corrective action with this id.");
        if (command.Changes.OwnerId is { IsSet: true, Value: var ownerId })
        {
            await db.EnsureOwnerExistsAsync(ownerId, cancellationToken);
        }

        var incident = await db.LoadForChangeAsync(number, null, cancellationToken);
        var action = incident.CorrectiveActions.Single(candidate => candidate.Id == command.Id);
        if (command.ExpectedVersion is { } expected && action.Version != expected)
        {
            throw new PreconditionFailedException(
                "This corrective action was changed by someone else since you read it. Read it again and retry.");
        }

        incident.UpdateCorrectiveAction(command.Id, command.Changes, currentUser.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await db.ViewOfAsync(command.Id, clock.Today(), cancellationToken);
    }
}
