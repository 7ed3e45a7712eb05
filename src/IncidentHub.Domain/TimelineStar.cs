namespace IncidentHub.Domain;

/// <summary>
/// A timeline entry someone marked as a key moment for the review. The entry itself stays as written: the star is kept
/// beside it, and starring and unstarring are themselves timeline entries.
/// </summary>
public sealed class TimelineStar
{
    private TimelineStar()
    {
    }

    internal TimelineStar(Guid incidentId, long timelineEventId, Actor actor, DateTimeOffset at)
    {
        IncidentId = incidentId;
        TimelineEventId = timelineEventId;
        StarredByName = actor.Name;
        StarredAt = at;
    }

    public long TimelineEventId { get; private set; }

    public Guid IncidentId { get; private set; }

    public string StarredByName { get; private set; } = "";

    public DateTimeOffset StarredAt { get; private set; }
}
