using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Pipeline;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.StatusPage;

/// <summary>What the public status page says of itself, and the services it lists.</summary>
public sealed record StatusPageSettingsView(
    string Title, string AllGoodMessage, DateTimeOffset UpdatedAt, IReadOnlyList<string> PublicServices);

public sealed record GetStatusPageSettings : IQuery<StatusPageSettingsView>, IRequiresPermission
{
    public Permission Required => Permission.Administer;
}

/// <summary>Changes the title or the all-good message; an absent (null) field stays as it is.</summary>
public sealed record UpdateStatusPageSettings : ICommand<StatusPageSettingsView>, IRequiresPermission, IChangesStatusPage
{
    public string? Title { get; init; }

    public string? AllGoodMessage { get; init; }

    public Permission Required => Permission.Administer;
}

public sealed class UpdateStatusPageSettingsValidator : AbstractValidator<UpdateStatusPageSettings>
{
    public UpdateStatusPageSettingsValidator()
    {
        RuleFor(command => command.Title).MaximumLength(StatusPageSettings.TitleMaxLength);
        RuleFor(command => command.AllGoodMessage).MaximumLength(StatusPageSettings.AllGoodMessageMaxLength);
    }
}

public sealed class GetStatusPageSettingsHandler(IncidentHubDbContext db, TimeProvider clock)
    : IQueryHandler<GetStatusPageSettings, StatusPageSettingsView>
{
    public async ValueTask<StatusPageSettingsView> Handle(GetStatusPageSettings query, CancellationToken cancellationToken) =>
        await db.StatusPageSettingsViewAsync(
            await db.StatusPageSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken)
                ?? StatusPageSettings.Defaults(clock.GetUtcNow()),
            cancellationToken);
}

public sealed class UpdateStatusPageSettingsHandler(IncidentHubDbContext db, TimeProvider clock)
    : ICommandHandler<UpdateStatusPageSettings, StatusPageSettingsView>
{
    public async ValueTask<StatusPageSettingsView> Handle(
        UpdateStatusPageSettings command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = await db.StatusPageSettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = StatusPageSettings.Defaults(now);
            db.StatusPageSettings.Add(settings);
        }

        settings.Change(command.Title, command.AllGoodMessage, now);
        await db.SaveChangesAsync(cancellationToken);
        return await db.StatusPageSettingsViewAsync(settings, cancellationToken);
    }
}

internal static class StatusPageSettingsQueries
{
    public static async Task<StatusPageSettingsView> StatusPageSettingsViewAsync(
        this IncidentHubDbContext db, StatusPageSettings settings, CancellationToken cancellationToken) =>
        new(settings.Title, settings.AllGoodMessage, settings.UpdatedAt,
            await db.Services.AsNoTracking().Where(service => service.ShownOnStatusPage)
                .OrderBy(service => service.Slug).Select(service => service.Slug).ToListAsync(cancellationToken));
}
