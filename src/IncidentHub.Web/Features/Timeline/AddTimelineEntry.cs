using System.Text.Json.Serialization;
using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Features.Incidents;
using Mediator;

namespace IncidentHub.Web.Features.Timeline;

/// <summary>A person's own timeline entry, possibly about something that happened earlier, optionally tagged.</summary>
public sealed record AddTimelineEntry : ICommand<TimelineEntryView>, IIncidentCommand
{
    [JsonIgnore]
    public long Number { get; init; }

    [JsonIgnore]
    public uint? ExpectedVersion { get; init; }

    public string? Text { get; init; }

    public DateTimeOffset? OccurredAt { get; init; }

    public TimelineTag? Tag { get; init; }
}

public sealed class AddTimelineEntryValidator : AbstractValidator<AddTimelineEntry>
{
    public AddTimelineEntryValidator()
    {
        RuleFor(command => command.Text).NotEmpty().WithMessage("Write what happened.").MaximumLength(TimelineEvent.TextMaxLength);
        RuleFor(command => command.Tag).IsInEnum();
    }
}

public sealed class AddTimelineEntryHandler(IncidentChanges changes) : ICommandHandler<AddTimelineEntry, TimelineEntryView>
{
    public async ValueTask<TimelineEntryView> Handle(AddTimelineEntry command, CancellationToken cancellationToken)
    {
        TimelineEvent? added = null;
        await changes.ApplyAsync(
            command,
            (incident, actor, now) => added = incident.AddTimelineEntry(command.Text!, command.OccurredAt, command.Tag, actor, now),
            cancellationToken);
        return TimelineEntryView.From(added!);
    }
}
