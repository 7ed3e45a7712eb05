using System.Linq.Expressions;
using System.Text.Json.Serialization;
using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Features.Timeline;
using Mediator;

namespace IncidentHub.Web.Features.StatusUpdates;

/// <summary>An update; <c>publicStatus</c> and <c>affectedServices</c> are what the status page shows of an external one.</summary>
public sealed record StatusUpdateView(
    Guid Id,
    StatusAudience Audience,
    string Text,
    ActorView Author,
    DateTimeOffset PostedAt,
    PublicStatus? PublicStatus,
    IReadOnlyList<AffectedService> AffectedServices)
{
    public static readonly Expression<Func<StatusUpdate, StatusUpdateView>> Projection = update =>
        new StatusUpdateView(
            update.Id,
            update.Audience,
            update.Text,
            new ActorView(update.AuthorId, update.AuthorName),
            update.PostedAt,
            update.PublicStatus,
            update.AffectedServices);

    private static readonly Func<StatusUpdate, StatusUpdateView> Map = Projection.Compile();

    public static StatusUpdateView From(StatusUpdate update) => Map(update);
}

/// <summary>
/// A Communications Manager's update on the incident, for the team or for customers. An external update may set its
/// public status and the affected services with their impact; left out, they follow the phase and the severity.
/// </summary>
public sealed record PostStatusUpdate : ICommand<StatusUpdateView>, IIncidentCommand
{
    [JsonIgnore]
    public long Number { get; init; }

    [JsonIgnore]
    public uint? ExpectedVersion { get; init; }

    public StatusAudience? Audience { get; init; }

    public string? Text { get; init; }

    public PublicStatus? PublicStatus { get; init; }

    public IReadOnlyList<AffectedServiceInput>? AffectedServices { get; init; }
}

/// <summary>
/// A service an external update names, and how it is affected. Settable properties, not a positional record: a missing
/// field is then refused by the validator at its path (<c>affectedServices[0].impact</c>), not by the JSON reader.
/// </summary>
public sealed record AffectedServiceInput
{
    public string? Service { get; init; }

    public ServiceImpact? Impact { get; init; }
}

public sealed class PostStatusUpdateValidator : AbstractValidator<PostStatusUpdate>
{
    public PostStatusUpdateValidator()
    {
        RuleFor(command => command.Audience).NotNull().WithMessage("Say who the update is for: Internal or External.").IsInEnum();
        RuleFor(command => command.Text).NotEmpty().WithMessage("Write the update.").MaximumLength(StatusUpdate.TextMaxLength);
        RuleFor(command => command.PublicStatus).IsInEnum();
        RuleFor(command => command.AffectedServices).MaxItems(MaxAffectedServices);
        RuleForEach(command => command.AffectedServices).SetValidator(new AffectedServiceInputValidator());
    }

    public const int MaxAffectedServices = 50;
}

public sealed class AffectedServiceInputValidator : AbstractValidator<AffectedServiceInput>
{
    public AffectedServiceInputValidator()
    {
        RuleFor(entry => entry.Service).NotEmpty().WithMessage("Name the service.").MaximumLength(ServiceSlug.MaxLength);
        RuleFor(entry => entry.Impact).NotNull()
            .WithMessage("Say how the service is affected: Operational, DegradedPerformance, PartialOutage or MajorOutage.")
            .IsInEnum();
    }
}

public sealed class PostStatusUpdateHandler(IncidentChanges changes) : ICommandHandler<PostStatusUpdate, StatusUpdateView>
{
    public async ValueTask<StatusUpdateView> Handle(PostStatusUpdate command, CancellationToken cancellationToken)
    {
        StatusUpdate? posted = null;
        await changes.ApplyAsync(
            command,
            (incident, actor, now) => posted = incident.PostStatusUpdate(
                command.Audience!.Value,
                command.Text!,
                actor,
                now,
                command.PublicStatus,
                command.AffectedServices?.Select(entry => new AffectedService(entry.Service!, entry.Impact!.Value)).ToList()),
            cancellationToken);
        return StatusUpdateView.From(posted!);
    }
}
