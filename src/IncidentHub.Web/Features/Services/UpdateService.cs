using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Services;

/// <summary>A partial update of a catalogue entry: an absent field stays as it is. The slug cannot change.</summary>
public sealed record ServiceChanges
{
    public Optional<string> Name { get; init; }

    public Optional<string?> Description { get; init; }

    public Optional<string?> OwnerTeam { get; init; }

    public Optional<string?> RunbookUrl { get; init; }

    public Optional<bool> ShownOnStatusPage { get; init; }
}

/// <summary>
/// Changes a service's name, description, owner, runbook or status-page flag. Saving it marks it reviewed: a person
/// has now looked at an entry that an incident or an alert added.
/// </summary>
public sealed record UpdateService(string Slug, uint? ExpectedVersion, ServiceChanges Changes)
    : ICommand<ServiceView>, IRequiresPermission, Pipeline.IChangesStatusPage
{
    public Permission Required => Permission.ManageIncidents;
}

public sealed class UpdateServiceValidator : AbstractValidator<UpdateService>
{
    public UpdateServiceValidator()
    {
        RuleFor(command => command.Changes).NotNull();
        When(command => command.Changes is not null, () =>
        {
            RuleFor(command => command.Changes.Name.Value).ValidName()
                .WithName("Name").OverridePropertyName("name").When(command => command.Changes.Name.IsSet);
            RuleFor(command => command.Changes.Description.Value).MaximumLength(Service.DescriptionMaxLength)
                .WithName("Description")
                .OverridePropertyName("description")
                .When(command => command.Changes.Description.IsSet);
            RuleFor(command => command.Changes.OwnerTeam.Value).MaximumLength(Service.OwnerTeamMaxLength)
                .WithName("Owner Team")
                .OverridePropertyName("ownerTeam")
                .When(command => command.Changes.OwnerTeam.IsSet);
            RuleFor(command => command.Changes.RunbookUrl.Value).ValidRunbookUrl()
                .WithName("Runbook Url")
                .OverridePropertyName("runbookUrl")
                .When(command => command.Changes.RunbookUrl.IsSet);
        });
    }
}

public sealed class UpdateServiceHandler(IncidentHubDbContext db, TimeProvider clock)
    : ICommandHandler<UpdateService, ServiceView>
{
    public async ValueTask<ServiceView> Handle(UpdateService command, CancellationToken cancellationToken)
    {
        var service = await db.Services.SingleOrDefaultAsync(
            candidate => candidate.Slug == command.Slug, cancellationToken)
            ?? throw ServiceRules.NotFound(command.Slug);
        if (command.ExpectedVersion is { } expected && service.Version != expected)
        {
            throw new PreconditionFailedException(
                "This service was changed by someone else since you read it. Read it again and retry.");
        }

        var changes = command.Changes;
        service.Update(
            new ServiceDetails
            {
                Slug = service.Slug,
                Name = changes.Name.GetValueOr(service.Name),
                Description = changes.Description.GetValueOr(service.Description),
                OwnerTeam = changes.OwnerTeam.GetValueOr(service.OwnerTeam),
                RunbookUrl = changes.RunbookUrl.GetValueOr(service.RunbookUrl),
                ShownOnStatusPage = changes.ShownOnStatusPage.GetValueOr(service.ShownOnStatusPage),
            },
            clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await db.ViewOfAsync(service.Slug, cancellationToken);
    }
}
