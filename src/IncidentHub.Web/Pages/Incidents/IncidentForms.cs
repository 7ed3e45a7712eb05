using IncidentHub.Domain;

namespace IncidentHub.Web.Pages.Incidents;

/// <summary>
/// Every form that could overwrite someone else's change carries the version the page showed
/// (<see cref="Version"/>) and the newest timeline entry it showed (<see cref="Seen"/>), so a stale
/// submit is refused and the page can say what changed meanwhile.
/// </summary>
public abstract class VersionedForm
{
    public uint? Version { get; set; }

    public long Seen { get; set; }
}

public sealed class PhaseForm : VersionedForm
{
    public Phase? Target { get; set; }

    public string? Reason { get; set; }

    public long? DuplicateOf { get; set; }
}

/// <summary>The incident to merge into, as a person types it: 42 or INC-42.</summary>
public sealed class MergeForm
{
    public string? Into { get; set; }
}

public sealed class SeverityForm : VersionedForm
{
    public Severity? Severity { get; set; }

    public string? Reason { get; set; }
}

public sealed class RoleForm : VersionedForm
{
    public IncidentRole Role { get; set; }

    public Guid? PersonId { get; set; }
}

public sealed class DetailsForm : VersionedForm
{
    public string? Title { get; set; }

    public string? Summary { get; set; }

    public IncidentSource? Source { get; set; }

    public string? Services { get; set; }

    public DateTime? ImpactStartedAt { get; set; }

    public DateTime? DetectedAt { get; set; }

    public string? NoCorrectiveActionsReason { get; set; }

    public int? TimeZoneOffsetMinutes { get; set; }
}

public sealed class ReviewForm : VersionedForm
{
    public string? RootCauseSummary { get; set; }

    public string? RootCauseCategory { get; set; }

    public string? ContributingFactors { get; set; }

    public string? CustomersAffected { get; set; }

    public string? CustomerCount { get; set; }

    public string? CustomerExperience { get; set; }

    public string? HowCustomersLearned { get; set; }

    public string? HowDetected { get; set; }

    public string? LessonsLearned { get; set; }

    public string? WhatWentWell { get; set; }

    public string? WhatWentBadly { get; set; }

    /// <summary>One why per line.</summary>
    public string? FiveWhys { get; set; }

    public string? Notes { get; set; }
}

/// <summary>What the composer writes: a note for the timeline, or a status update for the team or customers.</summary>
public enum ComposeKind
{
    Note,
    InternalUpdate,
    ExternalUpdate,
}

public sealed class ComposeForm
{
    /// <summary>A note unless chosen otherwise, so that nothing reaches customers by mistake.</summary>
    public ComposeKind Kind { get; set; } = ComposeKind.Note;

    public string? Text { get; set; }

    /// <summary>For notes: when it happened, in the browser's local time; empty for now.</summary>
    public DateTime? OccurredAt { get; set; }

    /// <summary>For notes: a mark such as Impact started.</summary>
    public TimelineTag? Tag { get; set; }

    public int? TimeZoneOffsetMinutes { get; set; }

    /// <summary>For external updates: what the status page says (default: what the phase says).</summary>
    public PublicStatus? PublicStatus { get; set; }

    /// <summary>For external updates: each service of the incident and how it is affected.</summary>
    public List<AffectedServiceField>? Affected { get; set; }
}

public sealed class AffectedServiceField
{
    public string? Service { get; set; }

    public ServiceImpact? Impact { get; set; }
}

public sealed class ActionForm
{
    public Guid? Id { get; set; }

    public uint? Version { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public CorrectiveActionKind? Kind { get; set; }

    public CorrectiveActionPriority? Priority { get; set; }

    public CorrectiveActionStatus? Status { get; set; }

    public string? WontDoReason { get; set; }

    public Guid? OwnerId { get; set; }

    public DateOnly? DueDate { get; set; }

    public string? TrackerUrl { get; set; }
}

public sealed class ReviewPlanForm : VersionedForm
{
    public ReviewState? State { get; set; }

    public Guid? OwnerId { get; set; }

    public DateOnly? DueOn { get; set; }

    /// <summary>A local time from the browser's datetime-local field.</summary>
    public DateTime? MeetingAt { get; set; }

    /// <summary>One attendee per line.</summary>
    public string? Attendees { get; set; }

    public int? TimeZoneOffsetMinutes { get; set; }
}

public sealed class ReviewRequestForm : VersionedForm
{
    public string? Reason { get; set; }
}

public sealed class ActionLinkForm
{
    public Guid? Id { get; set; }

    /// <summary>The incident the action also answers: 42 or INC-42.</summary>
    public string? Incident { get; set; }
}
