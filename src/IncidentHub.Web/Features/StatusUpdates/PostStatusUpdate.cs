using System.Linq.Expressions;
using System.Text.Json.Serialization;
using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Features.Timeline;
using Mediator;

namespace IncidentHub.Web.Features.StatusUpdates;

public sealed record StatusUpdateView(Guid Id, StatusAudience Audience, string Text, ActorView Author, DateTimeOffset PostedAt)
{
    public static readonly Expression<Func<StatusUpdate, StatusUpdateView>> Projection = update =>
        new StatusUpdateView(update.Id, update.Audience, update.Text, new ActorView(update.AuthorId, update.AuthorName), update.PostedAt);

    private static readonly Func<StatusUpdate, StatusUpdateView> Map = Projection.Compile();

    public static StatusUpdateView From(StatusUpdate update) => Map(update);
}

/// <summary>A Communications Manager's update on the incident, for the team or for customers.</summary>
public sealed record PostStatusUpdate : ICommand<StatusUpdateView>, IIncidentCommand
{
    [JsonIgnore]
    public long Number { get; init; }

    [JsonIgnore]
    public uint? ExpectedVersion { get; init; }

    public StatusAudience? Audience { get; init; }

    public string? Text { get; init; }
}

public sealed class PostStatusUpdateValidator : AbstractValidator<PostStatusUpdate>
{
    public PostStatusUpdateValidator()
    {
        RuleFor(command => command.Audience).NotNull().WithMessage("Say who the update is for: Internal or External.").IsInEnum();
        RuleFor(command => command.Text).NotEmpty().WithMessage("Write the update.").MaximumLength(StatusUpdate.TextMaxLength);
    }
}

public sealed class PostStatusUpdateHandler(IncidentChanges changes) : ICommandHandler<PostStatusUpdate, StatusUpdateView>
{
    public async ValueTask<StatusUpdateView> Handle(PostStatusUpdate command, CancellationToken cancellationToken)
    {
        StatusUpdate? posted = null;
        await changes.ApplyAsync(
            command,
            (incident, actor, now) => posted = incident.PostStatusUpdate(command.Audience!.Value, command.Text!, actor, now),
            cancellationToken);
        return StatusUpdateView.From(posted!);
    }
}
