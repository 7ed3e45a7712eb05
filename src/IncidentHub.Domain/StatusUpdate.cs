namespace IncidentHub.Domain;

/// <summary>
/// A Communications Manager's update, for the team (<see cref="StatusAudience.Internal"/>) or for customers. An external
/// update also says what the status page shows: the incident's public status and how each affected service is doing.
/// </summary>
public sealed class StatusUpdate
{
    public const int TextMaxLength = 5_000;

    private StatusUpdate()
    {
    }

    internal StatusUpdate(
        Guid incidentId,
        StatusAudience audience,
        string text,
        Actor author,
        DateTimeOffset postedAt,
        PublicStatus? publicStatus,
        List<AffectedService> affectedServices)
    {
        PublicStatus = publicStatus;
        AffectedServices = affectedServices;
        Id = Guid.CreateVersion7(postedAt);
        IncidentId = incidentId;
        Audience = audience;
        Text = text;
        AuthorId = author.PersonId;
        AuthorName = author.Name;
        PostedAt = postedAt;
    }

    public Guid Id { get; private set; }

    public Guid IncidentId { get; private set; }

    public StatusAudience Audience { get; private set; }

    public string Text { get; private set; } = "";

    public Guid? AuthorId { get; private set; }

    public string AuthorName { get; private set; } = "";

    public DateTimeOffset PostedAt { get; private set; }

    /// <summary>Set on external updates only.</summary>
    public PublicStatus? PublicStatus { get; private set; }

    /// <summary>Empty on internal updates.</summary>
    public List<AffectedService> AffectedServices { get; private set; } = [];
}
