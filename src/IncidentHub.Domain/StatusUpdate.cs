namespace IncidentHub.Domain;

/// <summary>
/// A Communications Manager's update, for the team (<see cref="StatusAudience.Internal"/>) or for customers.
/// </summary>
public sealed class StatusUpdate
{
    public const int TextMaxLength = 5_000;

    private StatusUpdate()
    {
    }

    internal StatusUpdate(Guid incidentId, StatusAudience audience, string text, Actor author, DateTimeOffset postedAt)
    {
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
}
