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
}
