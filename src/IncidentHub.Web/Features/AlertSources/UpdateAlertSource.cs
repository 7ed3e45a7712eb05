using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Services;
using IncidentHub.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Features.AlertSources;

/// <summary>
/// An admin changes a source's settings, or disables it (<c>enabled: false</c>: its deliveries are refused until it
/// is enabled again). A partial update: an absent field stays as it is.
/// </summary>
public sealed record UpdateAlertSource(Guid Id, uint? ExpectedVersion, AlertSourceChanges Changes)
    : ICommand<AlertSourceView>, IRequiresPermission, IChangesCredentials
{
    public Permission Required => Permission.Administer;
}

/// <summary>For the label settings, null or an empty list puts back the default.</summary>
public sealed record AlertSourceChanges
{
    public Optional<string> Name { get; init; }

    public Optional<AlertSourceKind> Kind { get; init; }

    public Optional<string?> DefaultService { get; init; }

    public Optional<IReadOnlyList<string>?> SeverityLabels { get; init; }

    public Optional<string?> ServiceLabel { get; init; }

    public Optional<IReadOnlyList<string>?> GroupByLabels { get; init; }

    public Optional<bool> DeclareImmediately { get; init; }

    public Optional<bool> MitigateWhenResolved { get; init; }

    public Optional<int> MaxNewIncidentsPerMinute { get; init; }

    public Optional<bool> Enabled { get; init; }

    /// <summary>The source's settings with these changes made.</summary>
    public AlertSourceSettings AppliedTo(AlertSource source) => new()
    {
        Name = Name.GetValueOr(source.Name),
        Kind = Kind.GetValueOr(source.Kind),
        DefaultService = DefaultService.GetValueOr(source.DefaultService),
        SeverityLabels = SeverityLabels.GetValueOr(source.SeverityLabels),
        ServiceLabel = ServiceLabel.GetValueOr(source.ServiceLabel),
        GroupByLabels = GroupByLabels.GetValueOr(source.GroupByLabels),
        DeclareImmediately = DeclareImmediately.GetValueOr(source.DeclareImmediately),
        MitigateWhenResolved = MitigateWhenResolved.GetValueOr(source.MitigateWhenResolved),
        MaxNewIncidentsPerMinute = MaxNewIncidentsPerMinute.GetValueOr(source.MaxNewIncidentsPerMinute),
        Enabled = Enabled.GetValueOr(source.Enabled),
    };
}

public sealed class UpdateAlertSourceValidator : AbstractValidator<UpdateAlertSource>
{
    public UpdateAlertSourceValidator()
    {
        RuleFor(command => command.Changes).NotNull();
        When(command => command.Changes is not null, () =>
        {
            RuleFor(command => command.Changes.Name.Value).AlertSourceName()
                .WithName("Name").OverridePropertyName("name").When(command => command.Changes.Name.IsSet);
            RuleFor(command => command.Changes.Kind.Value).IsInEnum()
                .WithName("Kind").OverridePropertyName("kind").When(command => command.Changes.Kind.IsSet);
            RuleFor(command => command.Changes.DefaultService.Value).DefaultService()
                .WithName("Default service").OverridePropertyName("defaultService")
                .When(command => command.Changes.DefaultService.IsSet);
            RuleFor(command => command.Changes.SeverityLabels.Value).LabelNames()
                .OverridePropertyName("severityLabels").When(command => command.Changes.SeverityLabels.IsSet);
            RuleForEach(command => command.Changes.SeverityLabels.Value).LabelName()
                .WithName("Severity labels").OverridePropertyName("severityLabels")
                .When(command => command.Changes.SeverityLabels is { IsSet: true, Value: not null });
            RuleFor(command => command.Changes.ServiceLabel.Value).ServiceLabel()
                .WithName("Service label").OverridePropertyName("serviceLabel")
                .When(command => command.Changes.ServiceLabel.IsSet);
            RuleFor(command => command.Changes.GroupByLabels.Value).LabelNames()
                .OverridePropertyName("groupByLabels").When(command => command.Changes.GroupByLabels.IsSet);
            RuleForEach(command => command.Changes.GroupByLabels.Value).LabelName()
                .WithName("Group by labels").OverridePropertyName("groupByLabels")
                .When(command => command.Changes.GroupByLabels is { IsSet: true, Value: not null });
            RuleFor(command => command.Changes.MaxNewIncidentsPerMinute.Value).NewIncidentsPerMinute()
                .OverridePropertyName("maxNewIncidentsPerMinute")
                .When(command => command.Changes.MaxNewIncidentsPerMinute.IsSet);
        });
    }
}

public sealed class UpdateAlertSourceHandler(IncidentHubDbContext db, TimeProvider clock)
    : ICommandHandler<UpdateAlertSource, AlertSourceView>
{
    public async ValueTask<AlertSourceView> Handle(UpdateAlertSource command, CancellationToken cancellationToken)
    {
        var source = await db.AlertSources.SingleOrDefaultAsync(candidate => candidate.Id == command.Id, cancellationToken)
            ?? throw AlertSourceRules.NotFound();
        if (command.ExpectedVersion is { } expected && expected != source.Version)
        {
            throw new PreconditionFailedException(
                "Someone changed this alert source since you read it (its ETag differs). Read it again and retry.");
        }

        var changes = command.Changes;
        if (changes.Name.IsSet)
        {
            await db.EnsureNameFreeAsync(changes.Name.Value, source.Id, cancellationToken);
        }

        var now = clock.GetUtcNow();
        if (changes.DefaultService is { IsSet: true, Value: { Length: > 0 } service })
        {
            await db.EnsureListedAsync([service], now, cancellationToken);
        }

        source.Configure(changes.AppliedTo(source), now);
        await db.SaveChangesAsync(cancellationToken);
        return await db.AlertSourceViewAsync(source.Id, cancellationToken);
    }
}
