namespace IncidentHub.Domain;

/// <summary>
/// One holder of one role for a span of time. A role is held by the assignment whose
/// <see cref="Until"/> is empty; ended assignments are the history.
/// </summary>
public sealed class RoleAssignment
{
    private RoleAssignment()
    {
    }

    internal RoleAssignment(Guid incidentId, IncidentRole role, Actor holder, Actor assignedBy, DateTimeOffset from)
    {
        Id = Guid.CreateVersion7(from);
        IncidentId = incidentId;
        Role = role;
        PersonId = holder.PersonId ?? throw new ArgumentException("A role is held by a person.", nameof(holder));
        PersonName = holder.Name;
        AssignedById = assignedBy.PersonId;
        AssignedByName = assignedBy.Name;
        From = from;
    }

    public Guid Id { get; private set; }

    public Guid IncidentId { get; private set; }

    public IncidentRole Role { get; private set; }

    public Guid PersonId { get; private set; }

    public string PersonName { get; private set; } = "";

    public Guid? AssignedById { get; private set; }

    public string AssignedByName { get; private set; } = "";

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset? Until { get; private set; }

    public Guid? EndedById { get; private set; }

    public string? EndedByName { get; private set; }

    public bool IsCurrent => Until is null;

    internal void End(Actor by, DateTimeOffset at)
    {
        Until = at;
        EndedById = by.PersonId;
        EndedByName = by.Name;
    }
}
