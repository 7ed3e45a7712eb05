using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Services;
using IncidentHub.Web.Security;
using Mediator;

namespace IncidentHub.Web.Features.AlertSources;

/// <summary>
/// An admin adds a monitoring tool (or script) that may send alerts. It gets its own secret, shown in this answer
/// only; what is kept is its hash. Settings left out take their defaults.
/// </summary>
public sealed record CreateAlertSource : ICommand<AlertSourceWithSecret>, IRequiresPermission
{
    public string? Name { get; init; }

    public AlertSourceKind? Kind { get; init; }

    /// <summary>The service of alerts whose labels name none; a new one joins the catalogue.</summary>
    public string? DefaultService { get; init; }

    /// <summary>The labels read for the severity, first match wins; empty or absent: severity, priority.</summary>
    public IReadOnlyList<string>? SeverityLabels { get; init; }

    /// <summary>The label that names an alert's service; empty or absent: service.</summary>
    public string? ServiceLabel { get; init; }

    /// <summary>Alerts equal in these labels go to one incident; empty or absent: service, alertname.</summary>
    public IReadOnlyList<string>? GroupByLabels { get; init; }

    public bool DeclareImmediately { get; init; }

    public bool MitigateWhenResolved { get; init; }

    /// <summary>Absent: 10.</summary>
    public int? MaxNewIncidentsPerMinute { get; init; }

    public bool Enabled { get; init; } = true;

    public Permission Required => Permission.Administer;

    public AlertSourceSettings ToSettings() => new()
    {
        Name = Name ?? "",
        Kind = Kind ?? AlertSourceKind.Alertmanager,
        DefaultService = DefaultService,
        SeverityLabels = SeverityLabels,
        ServiceLabel = ServiceLabel,
        GroupByLabels = GroupByLabels,
        DeclareImmediately = DeclareImmediately,
        MitigateWhenResolved = MitigateWhenResolved,
        MaxNewIncidentsPerMinute = MaxNewIncidentsPerMinute,
        Enabled = Enabled,
    };
}

public sealed class CreateAlertSourceValidator : AbstractValidator<CreateAlertSource>
{
    public CreateAlertSourceValidator()
    {
        RuleFor(command => command.Name).AlertSourceName();
        RuleFor(command => command.Kind).NotNull()
            .WithMessage($"Choose a kind: {string.Join(", ", Enum.GetNames<AlertSourceKind>())}.").IsInEnum();
        RuleFor(command => command.DefaultService).DefaultService();
        RuleFor(command => command.SeverityLabels).LabelNames();
        RuleForEach(command => command.SeverityLabels).LabelName();
        RuleFor(command => command.ServiceLabel).ServiceLabel();
        RuleFor(command => command.GroupByLabels).LabelNames();
        RuleForEach(command => command.GroupByLabels).LabelName();
        RuleFor(command => command.MaxNewIncidentsPerMinute).NewIncidentsPerMinute();
    }
}

public sealed class CreateAlertSourceHandler(IncidentHubDbContext db, TimeProvider clock)
    : ICommandHandler<CreateAlertSource, AlertSourceWithSecret>
{
    public async ValueTask<AlertSourceWithSecret> Handle(CreateAlertSource command, CancellationToken cancellationToken)
    {
        await db.EnsureNameFreeAsync(command.Name!, null, cancellationToken);
        var now = clock.GetUtcNow();
        if (!string.IsNullOrEmpty(command.DefaultService))
        {
            await db.EnsureListedAsync([command.DefaultService], now, cancellationToken);
        }

        var secret = Secrets.NewAlertSourceSecret();
        var source = AlertSource.Create(command.ToSettings(), Secrets.Hash(secret), Secrets.DisplayPrefix(secret), now);
        db.AlertSources.Add(source);
        await db.SaveChangesAsync(cancellationToken);
        return new AlertSourceWithSecret(await db.AlertSourceViewAsync(source.Id, cancellationToken), secret);
    }
}
