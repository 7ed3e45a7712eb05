namespace IncidentHub.Domain;

public sealed class SeverityChange
{
    public const int ReasonMaxLength = 2_000;

    private SeverityChange()
    {
    }

    internal SeverityChange(
        Guid incidentId, Severity? from, Severity to, string? reason, Actor actor, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        IncidentId = incidentId;
        From = from;
        To = to;
        Reason = reason;
        ChangedById = actor.PersonId;
        ChangedByName = actor.Name;
        ChangedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid IncidentId { get; private set; }

    public Severity? From { get; private set; }

    public Severity To { get; private set; }

    public string? Reason { get; private set; }

    public Guid? ChangedById { get; private set; }

    public string ChangedByName { get; private set; } = "";

    public DateTimeOffset ChangedAt { get; private set; }
}
