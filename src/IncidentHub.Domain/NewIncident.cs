namespace IncidentHub.Domain;

/// <summary>What is known when an incident record is first made (drafted or declared).</summary>
public record NewIncident
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 10_000;
    public const int ServiceMaxLength = 100;
    public const int MaxServices = 50;

    public string Title { get; init; } = "";

    public string? Summary { get; init; }

    public IncidentSource? Source { get; init; }

    public Severity? Severity { get; init; }

    public IReadOnlyList<string> Services { get; init; } = [];

    public DateTimeOffset? ImpactStartedAt { get; init; }

    public DateTimeOffset? DetectedAt { get; init; }
}
