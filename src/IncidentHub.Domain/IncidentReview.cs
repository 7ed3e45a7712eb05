namespace IncidentHub.Domain;

/// <summary>
/// What the review says, in the sections of GitLab's incident review template: customer impact, how the response
/// went, five whys, the root cause (with its category, which insights count across incidents), lessons learned. The
/// summary, the milestones and the corrective actions come from the incident itself, not from this text.
/// </summary>
public sealed record IncidentReview
{
    public const int TextMaxLength = 20_000;
    public const int ShortTextMaxLength = 500;
    public const int MaxWhys = 10;

    public string RootCauseSummary { get; init; } = "";

    /// <summary>One of the operator's list of categories (config change, saturation, …); null until chosen.</summary>
    public string? RootCauseCategory { get; init; }

    public string? ContributingFactors { get; init; }

    /// <summary>Which customers were affected (internal, external, which plans or regions).</summary>
    public string? CustomersAffected { get; init; }

    /// <summary>How many, as people know it ("about 2,000 merchants"): a number is rarely exact.</summary>
    public string? CustomerCount { get; init; }

    public string? CustomerExperience { get; init; }

    /// <summary>How customers learned of the incident: the status page, an email, their own failures.</summary>
    public string? HowCustomersLearned { get; init; }

    public string? HowDetected { get; init; }

    public string? WhatWentWell { get; init; }

    public string? WhatWentBadly { get; init; }

    public string[] FiveWhys { get; init; } = [];

    public string? LessonsLearned { get; init; }

    public string? Notes { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string UpdatedByName { get; init; } = "";
}

/// <summary>Who runs the review and when: its state, owner, due date and meeting.</summary>
public sealed record ReviewPlan(
    ReviewState State,
    Guid? OwnerId,
    DateOnly? DueOn,
    DateTimeOffset? MeetingAt,
    IReadOnlyList<string> Attendees)
{
    public const int MaxAttendees = 50;
    public const int AttendeeMaxLength = 200;
}
