namespace IncidentHub.Domain;

/// <summary>How the problem was identified: the four paths (see docs/design.md, Phases).</summary>
public enum IncidentSource
{
    Monitoring,
    CustomerReport,
    TeamMemberReport,
    SecurityReport,
}

public enum IncidentRole
{
    IncidentManager,
    EngineerOnCall,
    CommunicationsManagerOnCall,
}

public enum StatusAudience
{
    Internal,
    External,
}

public enum CorrectiveActionKind
{
    Prevention,
    Detection,
    Mitigation,
    Resolution,
    Preparation,
}

/// <summary>How soon a corrective action should be done, as the team weighs it against the rest of its work.</summary>
public enum CorrectiveActionPriority
{
    High,
    Medium,
    Low,
}

public enum CorrectiveActionStatus
{
    Open,
    InProgress,
    Done,
    WontDo,
}

/// <summary>Tags people put on their own timeline entries to mark the key moments of an incident.</summary>
public enum TimelineTag
{
    ImpactStarted,
    ImpactDetected,
    ResponseInitiated,
    ImpactMitigated,
    CauseIdentified,
    ImpactEnded,
}

public enum TimelineEventKind
{
    Drafted,
    Declared,
    PhaseChanged,
    DetailsUpdated,
    SeverityChanged,
    RoleAssigned,
    RoleUnassigned,
    StatusUpdate,
    CorrectiveActionAdded,
    CorrectiveActionUpdated,
    ReviewSaved,
    Note,

    /// <summary>An alert joined, repeated, resolved or fired again: written by its source, not a person.</summary>
    Alert,

    /// <summary>Another incident was merged into this one, or this one into another.</summary>
    Merged,

    /// <summary>Someone asked for a review of an incident that would not need one by its severity, or withdrew that.</summary>
    ReviewRequested,

    /// <summary>An entry was starred for the review's timeline, or unstarred.</summary>
    EntryStarred,
}

/// <summary>Where an incident review stands: written, discussed, then published for everyone to learn from.</summary>
public enum ReviewState
{
    NotStarted,
    Draft,
    InReview,
    Published,
}
