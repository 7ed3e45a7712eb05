using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.Services;

/// <summary>A service described by a person: reviewed from the start.</summary>
public sealed record AddService : ICommand<ServiceView>, IRequiresPermission, Pipeline.IChangesStatusPage
{
    public Permission Required => Permission.ManageIncidents;

    /// <summary>What incidents and alerts call it; fixed once added.</summary>
    public string? Slug { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? OwnerTeam { get; init; }

    public string? RunbookUrl { get; init; }

    public bool ShownOnStatusPage { get; init; }
}

public sealed class AddServiceValidator : AbstractValidator<AddService>
{
    public AddServiceValidator()
    {
        RuleFor(command => command.Slug).ValidSlug();
        RuleFor(command => command.Name).ValidName();
        RuleFor(command => command.Description).MaximumLength(Service.DescriptionMaxLength);
        RuleFor(command => command.OwnerTeam).MaximumLength(Service.OwnerTeamMaxLength);
        RuleFor(command => command.RunbookUrl).ValidRunbookUrl();
    }
}

public sealed class AddServiceHandler(IncidentHubDbContext db, TimeProvider clock)
    : ICommandHandler<AddService, ServiceView>
{
    public async ValueTask<ServiceView> Handle(AddService command, CancellationToken cancellationToken)
    {
        var slug = command.Slug!;
        if (await db.Services.AnyAsync(service => service.Slug == slug, cancellationToken))
        {
            throw new RuleViolationException(
                ServiceRules.SlugTaken, $"The catalogue already has a service {slug}. Edit that one instead.");
        }

        db.Services.Add(Service.Describe(
            new ServiceDetails
            {
                Slug = slug,
                Name = command.Name!,
                Description = command.Description,
                OwnerTeam = command.OwnerTeam,
                RunbookUrl = command.RunbookUrl,
                ShownOnStatusPage = command.ShownOnStatusPage,
            },
            clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return await db.ViewOfAsync(slug, cancellationToken);
    }
}
