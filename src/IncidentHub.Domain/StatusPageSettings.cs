namespace IncidentHub.Domain;

/// <summary>
/// What the public status page says of itself: its title and what it says when nothing is wrong. One row; the services
/// it lists are the catalogue's entries marked to be shown.
/// </summary>
public sealed class StatusPageSettings
{
    public const int TitleMaxLength = 100;
    public const int AllGoodMessageMaxLength = 300;
    public const string DefaultTitle = "Service status";
    public const string DefaultAllGoodMessage = "All systems operational";

    /// <summary>The one row's key.</summary>
    public const int SingletonId = 1;

    private StatusPageSettings()
    {
    }

    public int Id { get; private set; } = SingletonId;

    public string Title { get; private set; } = DefaultTitle;

    public string AllGoodMessage { get; private set; } = DefaultAllGoodMessage;

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public static StatusPageSettings Defaults(DateTimeOffset now) => new() { UpdatedAt = now.ToStored() };

    public void Change(string? title, string? allGoodMessage, DateTimeOffset now)
    {
        if (title is not null)
        {
            Title = Required("title", title, TitleMaxLength);
        }

        if (allGoodMessage is not null)
        {
            AllGoodMessage = Required("allGoodMessage", allGoodMessage, AllGoodMessageMaxLength);
        }

        UpdatedAt = now.ToStored();
    }

    private static string Required(string field, string value, int maxLength)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            throw new DomainValidationException(field, "Write something; the public page shows it.");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainValidationException(field, $"Keep it to {maxLength} characters.");
        }

        return trimmed;
    }
}
