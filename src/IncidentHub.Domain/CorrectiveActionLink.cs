namespace IncidentHub.Domain;

/// <summary>
/// A corrective action of another incident that also answers this one: one action (a runbook, an alert, a fix) often
/// answers several incidents. The action stays with the incident it was added to; the link is this incident's.
/// </summary>
public sealed class CorrectiveActionLink
{
    private CorrectiveActionLink()
    {
    }

    internal CorrectiveActionLink(Guid incidentId, Guid actionId, Actor actor, DateTimeOffset at)
    {
        IncidentId = incidentId;
        ActionId = actionId;
        LinkedByName = actor.Name;
        LinkedAt = at;
    }

    public Guid IncidentId { get; private set; }

    public Guid ActionId { get; private set; }

    public string LinkedByName { get; private set; } = "";

    public DateTimeOffset LinkedAt { get; private set; }
}
