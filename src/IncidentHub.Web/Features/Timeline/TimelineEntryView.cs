using System.Linq.Expressions;
using IncidentHub.Domain;

namespace IncidentHub.Web.Features.Timeline;

public sealed record ActorView(Guid? Id, string DisplayName);

public sealed record TimelineEntryView(long Id, TimelineEventKind Kind, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, ActorView Actor, string Text, TimelineTag? Tag)
{
    public static readonly Expression<Func<TimelineEvent, TimelineEntryView>> Projection = entry =>
        new TimelineEntryView(entry.Id, entry.Kind, entry.OccurredAt, entry.RecordedAt, new ActorView(entry.ActorId, entry.ActorName), entry.Text, entry.Tag);

    private static readonly Func<TimelineEvent, TimelineEntryView> Map = Projection.Compile();

    public static TimelineEntryView From(TimelineEvent entry) => Map(entry);
}
