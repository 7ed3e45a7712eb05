namespace IncidentHub.Domain;

public sealed record CorrectiveActionDetails(
    string Title,
    string? Description,
    CorrectiveActionKind Kind,
    Guid? OwnerId,
    DateOnly? DueDate,
    string? TrackerUrl,
    CorrectiveActionPriority Priority = CorrectiveActionPriority.Medium);

public sealed record CorrectiveActionChanges
{
    public Optional<string> Title { get; init; }

    public Optional<string?> Description { get; init; }

    public Optional<CorrectiveActionKind> Kind { get; init; }

    public Optional<CorrectiveActionPriority> Priority { get; init; }

    public Optional<CorrectiveActionStatus> Status { get; init; }

    public Optional<string?> WontDoReason { get; init; }

    public Optional<Guid?> OwnerId { get; init; }

    public Optional<DateOnly?> DueDate { get; init; }

    public Optional<string?> TrackerUrl { get; init; }
}

/// <summary>
/// Work that improves one part of the loop. Actions outlive their incident: they stay visible
/// and editable after the incident is closed.
/// </summary>
public sealed class CorrectiveAction
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;
    public const int ReasonMaxLength = 2_000;
    public const int TrackerUrlMaxLength = 2_000;

    private CorrectiveAction()
    {
    }

    internal CorrectiveAction(Guid incidentId, CorrectiveActionDetails details, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        IncidentId = incidentId;
        Title = details.Title.Trim();
        Description = details.Description;
        Kind = details.Kind;
        Priority = details.Priority;
        Status = CorrectiveActionStatus.Open;
        OwnerId = details.OwnerId;
        DueDate = details.DueDate;
        TrackerUrl = details.TrackerUrl;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid IncidentId { get; private set; }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public CorrectiveActionKind Kind { get; private set; }

    public CorrectiveActionPriority Priority { get; private set; }

    public CorrectiveActionStatus Status { get; private set; }

    public string? WontDoReason { get; private set; }

    public Guid? OwnerId { get; private set; }

    public DateOnly? DueDate { get; private set; }

    public string? TrackerUrl { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL <c>xmin</c>).</summary>
    public uint Version { get; private set; }

    public bool IsFinished => Status is CorrectiveActionStatus.Done or CorrectiveActionStatus.WontDo;

    /// <summary>
    /// Applies the changes and describes them for the timeline, or returns null when nothing changed.
    /// </summary>
    internal string? Apply(CorrectiveActionChanges changes, DateTimeOffset now)
    {
        var described = new List<string>();
        var status = changes.Status.GetValueOr(Status);
        var reason = changes.WontDoReason.GetValueOr(status == CorrectiveActionStatus.WontDo ? WontDoReason : null);
        if (status == CorrectiveActionStatus.WontDo && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainValidationException("wontDoReason", "Say why this corrective action will not be done.");
        }

        if (changes.Title.IsSet && changes.Title.Value.Trim() != Title)
        {
            Title = changes.Title.Value.Trim();
            described.Add($"title to \"{Title}\"");
        }

        if (changes.Description.IsSet && changes.Description.Value != Description)
        {
            Description = changes.Description.Value;
            described.Add("description");
        }

        if (changes.Kind.IsSet && changes.Kind.Value != Kind)
        {
            Kind = changes.Kind.Value;
            described.Add($"kind to {Kind.Describe()}");
        }

        if (changes.Priority.IsSet && changes.Priority.Value != Priority)
        {
            Priority = changes.Priority.Value;
            described.Add($"priority to {Priority.Describe()}");
        }

        if (status != Status)
        {
            Status = status;
            CompletedAt = IsFinished ? now : null;
            described.Add($"status to {Status.Describe()}");
        }

        if (reason != WontDoReason)
        {
            WontDoReason = status == CorrectiveActionStatus.WontDo ? reason : null;
            if (WontDoReason is not null)
            {
                described.Add($"reason to \"{WontDoReason}\"");
            }
        }

        if (changes.OwnerId.IsSet && changes.OwnerId.Value != OwnerId)
        {
            OwnerId = changes.OwnerId.Value;
            described.Add(OwnerId is null ? "owner removed" : "owner");
        }

        if (changes.DueDate.IsSet && changes.DueDate.Value != DueDate)
        {
            DueDate = changes.DueDate.Value;
            described.Add(DueDate is null ? "due date removed" : $"due date to {DueDate:yyyy-MM-dd}");
        }

        if (changes.TrackerUrl.IsSet && changes.TrackerUrl.Value != TrackerUrl)
        {
            TrackerUrl = changes.TrackerUrl.Value;
            described.Add("tracker link");
        }

        if (described.Count == 0)
        {
            return null;
        }

        UpdatedAt = now;
        return string.Join(", ", described);
    }
}
