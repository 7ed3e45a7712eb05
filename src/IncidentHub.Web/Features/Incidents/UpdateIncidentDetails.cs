using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Services;
using Mediator;

namespace IncidentHub.Web.Features.Incidents;

/// <summary>
/// Changes the title, summary, source, affected services, impact start, detection time or the statement on corrective
/// actions.
/// </summary>
public sealed record UpdateIncidentDetails(long Number, uint? ExpectedVersion, IncidentDetailsChanges Changes)
    : ICommand<IncidentView>, IIncidentCommand;

public sealed class UpdateIncidentDetailsValidator : AbstractValidator<UpdateIncidentDetails>
{
    public UpdateIncidentDetailsValidator()
    {
        RuleFor(command => command.Changes).NotNull();
        When(command => command.Changes is not null, () =>
        {
            RuleFor(command => command.Changes.Title.Value).NotEmpty().WithMessage("Give the incident a title.")
                .MaximumLength(NewIncident.TitleMaxLength)
                .WithName("Title").OverridePropertyName("title").When(command => command.Changes.Title.IsSet);
            RuleFor(command => command.Changes.Summary.Value).MaximumLength(NewIncident.SummaryMaxLength)
                .WithName("Summary").OverridePropertyName("summary").When(command => command.Changes.Summary.IsSet);
            RuleFor(command => command.Changes.Source.Value).IsInEnum()
                .WithName("Source").OverridePropertyName("source").When(command => command.Changes.Source.IsSet);
            RuleFor(command => command.Changes.Services.Value)
                .NotNull().WithMessage("Give a list of services; an empty list removes them all.")
                .MaxItems(NewIncident.MaxServices)
                .WithMessage($"An incident can name at most {NewIncident.MaxServices} services.")
                .WithName("Services").OverridePropertyName("services").When(command => command.Changes.Services.IsSet);
            RuleForEach(command => command.Changes.Services.Value)
                .NotEmpty()
                .MaximumLength(NewIncident.ServiceMaxLength)
                .Must(name => string.IsNullOrWhiteSpace(name) || ServiceSlug.From(name).Length > 0).WithMessage(NewIncidentRules.ServiceNeedsLetter)
                .WithName("Services")
                .OverridePropertyName("services")
                .When(command => command.Changes.Services is { IsSet: true, Value: not null });
            RuleFor(command => command.Changes.NoCorrectiveActionsReason.Value).MaximumLength(Incident.ReasonMaxLength)
                .WithName("No Corrective Actions Reason")
                .OverridePropertyName("noCorrectiveActionsReason")
                .When(command => command.Changes.NoCorrectiveActionsReason.IsSet);
        });
    }
}

public sealed class UpdateIncidentDetailsHandler(IncidentChanges changes, IncidentHubDbContext db, TimeProvider clock)
    : ICommandHandler<UpdateIncidentDetails, IncidentView>
{
    public async ValueTask<IncidentView> Handle(UpdateIncidentDetails command, CancellationToken cancellationToken)
    {
        if (command.Changes.Services.IsSet)
        {
            await db.EnsureListedAsync(command.Changes.Services.Value, clock.GetUtcNow(), cancellationToken);
        }

        return await changes.ApplyAndViewAsync(
            command, (incident, actor, now) => incident.UpdateDetails(command.Changes, actor, now), cancellationToken);
    }
}
