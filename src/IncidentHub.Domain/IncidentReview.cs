namespace IncidentHub.Domain;

/// <summary>The incident review: root-cause analysis and what the team learned.</summary>
public sealed record IncidentReview
{
    public const int TextMaxLength = 20_000;
    public const int MaxWhys = 10;

    public string RootCauseSummary { get; init; } = "";

    public string? ContributingFactors { get; init; }

    public string? WhatWentWell { get; init; }

    public string? WhatWentBadly { get; init; }

    public string[] FiveWhys { get; init; } = [];

    public string? Notes { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string UpdatedByName { get; init; } = "";
}
