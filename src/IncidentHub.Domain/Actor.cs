namespace IncidentHub.Domain;

/// <summary>
/// Who did something. The name is kept with every record so history stays readable
/// even after a person is renamed or removed.
/// </summary>
public sealed record Actor(Guid? PersonId, string Name)
{
    public static Actor System { get; } = new(null, "IncidentHub");
}
