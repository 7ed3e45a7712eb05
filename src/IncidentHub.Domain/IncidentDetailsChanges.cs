namespace IncidentHub.Domain;

/// <summary>A partial update of an incident's descriptive fields.</summary>
public sealed record IncidentDetailsChanges
{
    public Optional<string> Title { get; init; }

    public Optional<string?> Summary { get; init; }

    public Optional<IncidentSource> Source { get; init; }

    public Optional<IReadOnlyList<string>> Services { get; init; }

    public Optional<DateTimeOffset?> ImpactStartedAt { get; init; }

    public Optional<DateTimeOffset?> DetectedAt { get; init; }

    public Optional<string?> NoCorrectiveActionsReason { get; init; }
}
