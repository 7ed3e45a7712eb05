namespace IncidentHub.Domain;

/// <summary>
/// One line of an incident's append-only log. Events are only ever created by <see cref="Incident"/>,
/// never edited or deleted.
/// </summary>
public sealed class TimelineEvent
{
    public const int TextMaxLength = 10_000;

    private TimelineEvent()
    {
    }

    internal TimelineEvent(
        Guid incidentId,
        TimelineEventKind kind,
        string text,
        Actor actor,
        DateTimeOffset occurredAt,
        DateTimeOffset recordedAt,
        TimelineTag? tag = null)
    {
        IncidentId = incidentId;
        Kind = kind;
        Text = text;
        ActorId = actor.PersonId;
        ActorName = actor.Name;
        OccurredAt = occurredAt.ToStored();
        RecordedAt = recordedAt.ToStored();
        Tag = tag;
    }

    /// <summary>Assigned by the database in insertion order, which also makes it a stable paging key.</summary>
    public long Id { get; private set; }

    public Guid IncidentId { get; private set; }

    public TimelineEventKind Kind { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    public string Text { get; private set; } = "";

    public TimelineTag? Tag { get; private set; }
}
