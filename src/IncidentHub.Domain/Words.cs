namespace IncidentHub.Domain;

/// <summary>
/// How the domain's values read to people: the one place that turns code names (<c>InProgress</c>,
/// <c>ImpactStarted</c>) into words ("In progress", "Impact started"), for the pages and for the
/// sentences the incident writes into its own timeline. The API keeps the code names.
/// </summary>
public static class Words
{
    public static string Describe(this Severity severity) => severity switch
    {
        Severity.S1 => "S1 (critical)",
        Severity.S2 => "S2 (high)",
        Severity.S3 => "S3 (medium)",
        Severity.S4 => "S4 (low)",
        _ => "Unknown",
    };

    public static string Describe(this IncidentRole role) => role switch
    {
        IncidentRole.IncidentManager => "Incident Manager",
        IncidentRole.EngineerOnCall => "Engineer On Call",
        IncidentRole.CommunicationsManagerOnCall => "Communications Manager On Call",
        _ => role.ToString(),
    };

    public static string Describe(this AccountRole role) => role switch
    {
        AccountRole.IncidentManager => "Incident Manager",
        _ => role.ToString(),
    };

    public static string Describe(this TimelineTag tag) => tag switch
    {
        TimelineTag.ImpactStarted => "Impact started",
        TimelineTag.ImpactDetected => "Impact detected",
        TimelineTag.ResponseInitiated => "Response initiated",
        TimelineTag.ImpactMitigated => "Impact mitigated",
        TimelineTag.CauseIdentified => "Cause identified",
        TimelineTag.ImpactEnded => "Impact ended",
        _ => tag.ToString(),
    };

    public static string Describe(this TimelineEventKind kind) => kind switch
    {
        TimelineEventKind.Drafted => "Drafted",
        TimelineEventKind.Declared => "Declared",
        TimelineEventKind.PhaseChanged => "Phase changed",
        TimelineEventKind.DetailsUpdated => "Details updated",
        TimelineEventKind.SeverityChanged => "Severity changed",
        TimelineEventKind.RoleAssigned => "Role assigned",
        TimelineEventKind.RoleUnassigned => "Role unassigned",
        TimelineEventKind.StatusUpdate => "Status update",
        TimelineEventKind.CorrectiveActionAdded => "Corrective action added",
        TimelineEventKind.CorrectiveActionUpdated => "Corrective action updated",
        TimelineEventKind.ReviewSaved => "Review saved",
        TimelineEventKind.Note => "Note",
        TimelineEventKind.Alert => "Alert",
        TimelineEventKind.Merged => "Merged",
        TimelineEventKind.ReviewRequested => "Review requested",
        TimelineEventKind.EntryStarred => "Starred for the review",
        _ => kind.ToString(),
    };

    public static string Describe(this CorrectiveActionPriority priority) => priority switch
    {
        CorrectiveActionPriority.High => "High",
        CorrectiveActionPriority.Medium => "Medium",
        CorrectiveActionPriority.Low => "Low",
        _ => priority.ToString(),
    };

    public static string Describe(this ReviewState state) => state switch
    {
        ReviewState.NotStarted => "Not started",
        ReviewState.Draft => "Draft",
        ReviewState.InReview => "In review",
        ReviewState.Published => "Published",
        _ => state.ToString(),
    };

    public static string Describe(this CorrectiveActionStatus status) => status switch
    {
        CorrectiveActionStatus.Open => "Open",
        CorrectiveActionStatus.InProgress => "In progress",
        CorrectiveActionStatus.Done => "Done",
        CorrectiveActionStatus.WontDo => "Won't do",
        _ => status.ToString(),
    };

    public static string Describe(this CorrectiveActionKind kind) => kind switch
    {
        CorrectiveActionKind.Prevention => "Prevention",
        CorrectiveActionKind.Detection => "Detection",
        CorrectiveActionKind.Mitigation => "Mitigation",
        CorrectiveActionKind.Resolution => "Resolution",
        CorrectiveActionKind.Preparation => "Preparation",
        _ => kind.ToString(),
    };

    public static string Describe(this StatusAudience audience) => audience switch
    {
        StatusAudience.Internal => "Internal",
        StatusAudience.External => "External",
        _ => audience.ToString(),
    };

    public static string Describe(this ServiceImpact impact) => impact switch
    {
        ServiceImpact.Operational => "Operational",
        ServiceImpact.DegradedPerformance => "Degraded performance",
        ServiceImpact.PartialOutage => "Partial outage",
        ServiceImpact.MajorOutage => "Major outage",
        _ => impact.ToString(),
    };

    public static string Describe(this IncidentSource source) => source switch
    {
        IncidentSource.Monitoring => "Monitoring or alerting",
        IncidentSource.CustomerReport => "Customer report",
        IncidentSource.TeamMemberReport => "Team member report",
        IncidentSource.SecurityReport => "Security report",
        _ => source.ToString(),
    };
}
