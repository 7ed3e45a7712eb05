using System.Text.Json.Serialization;
using IncidentHub.Domain;

namespace IncidentHub.Web.Features.Incidents;

public sealed record RoleHolderView(Guid PersonId, string DisplayName, DateTimeOffset Since);

public sealed record IncidentRolesView(
    RoleHolderView? IncidentManager, RoleHolderView? EngineerOnCall, RoleHolderView? CommunicationsManagerOnCall);

public sealed record BlockerView(string Rule, string Message, string Todo);

/// <summary>
/// One exit rule of the current phase; <c>NotNeeded</c> says why it does not apply to this incident ("not needed at
/// S3"), else null.
/// </summary>
public sealed record ExitRuleView(string Rule, string Message, string Todo, bool Met, string? NotNeeded);

public sealed record TransitionView(Phase Target, TransitionKind Kind, bool RequiresReason);

/// <summary>What the review says (the sections people write), as last saved.</summary>
public sealed record ReviewView(
    string RootCauseSummary,
    string? RootCauseCategory,
    string? ContributingFactors,
    string? CustomersAffected,
    string? CustomerCount,
    string? CustomerExperience,
    string? HowCustomersLearned,
    string? HowDetected,
    string? WhatWentWell,
    string? WhatWentBadly,
    IReadOnlyList<string> FiveWhys,
    string? LessonsLearned,
    string? Notes,
    DateTimeOffset UpdatedAt,
    string UpdatedBy)
{
    public static ReviewView? From(IncidentReview? review) => review is null
        ? null
        : new ReviewView(
            review.RootCauseSummary, review.RootCauseCategory, review.ContributingFactors, review.CustomersAffected,
            review.CustomerCount, review.CustomerExperience, review.HowCustomersLearned, review.HowDetected,
            review.WhatWentWell, review.WhatWentBadly, review.FiveWhys, review.LessonsLearned, review.Notes,
            review.UpdatedAt, review.UpdatedByName);
}

/// <summary>
/// Whether the incident needs a review and why (<c>requiredBecause</c>: its worst severity, or who asked), and where
/// the review stands: state, owner, due date (null until the resolution gives it one), meeting.
/// </summary>
public sealed record ReviewStatusView(
    bool Required,
    string? RequiredBecause,
    string? RequestedBy,
    string? RequestReason,
    DateTimeOffset? RequestedAt,
    ReviewState State,
    Guid? OwnerId,
    DateOnly? DueOn,
    bool Overdue,
    DateTimeOffset? MeetingAt,
    IReadOnlyList<string> Attendees,
    Severity? WorstSeverity,
    int? MinutesOfDegradation)
{
    public static ReviewStatusView From(Incident incident, DateTimeOffset now) => new(
        incident.ReviewRequired,
        !incident.ReviewRequired ? null
            : incident.WorstSeverity?.IsHighImpact() == true ? $"It was {incident.WorstSeverity.Value.Describe()}."
            : $"{incident.ReviewRequestedByName} asked for one: {incident.ReviewRequestReason}",
        incident.ReviewRequestedByName,
        incident.ReviewRequestReason,
        incident.ReviewRequestedAt,
        incident.ReviewState,
        incident.ReviewOwnerId,
        incident.ReviewDueOn,
        incident.ReviewOverdue(now),
        incident.ReviewMeetingAt,
        incident.ReviewAttendees,
        incident.WorstSeverity,
        incident.MinutesOfDegradation);
}

/// <summary>One incident as the API and the pages show it.</summary>
public sealed record IncidentView
{
    public required long Number { get; init; }

    public string Reference => Incident.FormatNumber(Number);

    public required string Title { get; init; }

    public required string? Summary { get; init; }

    public required Phase Phase { get; init; }

    public required Severity? Severity { get; init; }

    public required IncidentSource? Source { get; init; }

    public required IReadOnlyList<string> Services { get; init; }

    public required DateTimeOffset? ImpactStartedAt { get; init; }

    public required DateTimeOffset? DetectedAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset? DeclaredAt { get; init; }

    public required DateTimeOffset? InvestigationStartedAt { get; init; }

    public required DateTimeOffset? ContainmentStartedAt { get; init; }

    public required DateTimeOffset? MitigatedAt { get; init; }

    public required DateTimeOffset? ResolvedAt { get; init; }

    public required DateTimeOffset? LearningsStartedAt { get; init; }

    public required DateTimeOffset? ClosedAt { get; init; }

    public required DateTimeOffset? DismissedAt { get; init; }

    public required string? DismissalReason { get; init; }

    public required long? DuplicateOf { get; init; }

    public required string? NoCorrectiveActionsReason { get; init; }

    public required double? TimeToDetectSeconds { get; init; }

    public required double? TimeToMitigateSeconds { get; init; }

    public required double? TimeToResolveSeconds { get; init; }

    public required IncidentRolesView Roles { get; init; }

    public required IReadOnlyList<BlockerView> Blockers { get; init; }

    /// <summary>Every exit rule of the current phase, met or not: the checklist a page shows.</summary>
    public required IReadOnlyList<ExitRuleView> ExitRules { get; init; }

    public required IReadOnlyList<TransitionView> Transitions { get; init; }

    public required int CorrectiveActionCount { get; init; }

    public required ReviewView? Review { get; init; }

    public required ReviewStatusView ReviewStatus { get; init; }

    /// <summary>When customers are owed the next external update (the cadence of the phase and severity); null when none is due.</summary>
    public required DateTimeOffset? NextExternalUpdateDueAt { get; init; }

    public required bool ExternalUpdateOverdue { get; init; }

    public required DateTimeOffset? NextInternalUpdateDueAt { get; init; }

    public required bool InternalUpdateOverdue { get; init; }

    public required DateTimeOffset? LastExternalUpdateAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required int Revision { get; init; }

    [JsonIgnore]
    public uint Version { get; init; }

    /// <summary>Whether a severity change needs a reason now (the domain's rule), for the page's form.</summary>
    [JsonIgnore]
    public bool SeverityChangeNeedsReason { get; init; }

    /// <summary>Each phase's milestone, from the domain's one table, for the page's stepper.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<Phase, DateTimeOffset?> Milestones { get; init; } =
        new Dictionary<Phase, DateTimeOffset?>();

    /// <summary>
    /// Built from the aggregate as loaded for the rules (current roles, corrective actions), so reads and writes answer
    /// alike; <paramref name="now"/> says whether an update is overdue.
    /// </summary>
    public static IncidentView From(Incident incident, DateTimeOffset now) => new()
    {
        Number = incident.Number,
        Milestones = Enum.GetValues<Phase>().ToDictionary(phase => phase, incident.MilestoneOf),
        Title = incident.Title,
        Summary = incident.Summary,
        Phase = incident.Phase,
        Severity = incident.Severity,
        Source = incident.Source,
        Services = incident.Services,
        ImpactStartedAt = incident.ImpactStartedAt,
        DetectedAt = incident.DetectedAt,
        CreatedAt = incident.CreatedAt,
        DeclaredAt = incident.DeclaredAt,
        InvestigationStartedAt = incident.InvestigationStartedAt,
        ContainmentStartedAt = incident.ContainmentStartedAt,
        MitigatedAt = incident.MitigatedAt,
        ResolvedAt = incident.ResolvedAt,
        LearningsStartedAt = incident.LearningsStartedAt,
        ClosedAt = incident.ClosedAt,
        DismissedAt = incident.DismissedAt,
        DismissalReason = incident.DismissalReason,
        DuplicateOf = incident.DuplicateOf,
        NoCorrectiveActionsReason = incident.NoCorrectiveActionsReason,
        TimeToDetectSeconds = incident.TimeToDetect?.TotalSeconds,
        TimeToMitigateSeconds = incident.TimeToMitigate?.TotalSeconds,
        TimeToResolveSeconds = incident.TimeToResolve?.TotalSeconds,
        Roles = new IncidentRolesView(
            Holder(incident, IncidentRole.IncidentManager),
            Holder(incident, IncidentRole.EngineerOnCall),
            Holder(incident, IncidentRole.CommunicationsManagerOnCall)),
        Blockers = [.. incident.Blockers().Select(rule => new BlockerView(rule.Code, rule.Message, rule.Todo))],
        ExitRules = incident.Phase.IsTerminal()
            ? []
            : [.. Domain.ExitRules.Check(incident, incident.Phase).Select(check =>
                new ExitRuleView(check.Rule.Code, check.Rule.Message, check.Rule.Todo, check.IsMet, check.NotNeeded))],
        Transitions = [.. PhaseTransitions.From(incident.Phase).Select(transition =>
            new TransitionView(transition.To, transition.Kind, PhaseTransitions.RequiresReason(transition.Kind)))],
        CorrectiveActionCount = incident.CorrectiveActions.Count,
        Review = ReviewView.From(incident.Review),
        ReviewStatus = ReviewStatusView.From(incident, now),
        NextExternalUpdateDueAt = incident.NextExternalUpdateDueAt,
        ExternalUpdateOverdue = incident.ExternalUpdateOverdue(now),
        NextInternalUpdateDueAt = incident.NextInternalUpdateDueAt,
        InternalUpdateOverdue = incident.InternalUpdateOverdue(now),
        LastExternalUpdateAt = incident.LastExternalUpdateAt,
        UpdatedAt = incident.UpdatedAt,
        Revision = incident.Revision,
        Version = incident.Version,
        SeverityChangeNeedsReason = incident.SeverityChangeNeedsReason,
    };

    private static RoleHolderView? Holder(Incident incident, IncidentRole role) =>
        incident.HolderOf(role) is { } holder
            ? new RoleHolderView(holder.PersonId, holder.PersonName, holder.From)
            : null;
}
