namespace IncidentHub.Web.Webhooks;

/// <summary>
/// The events an endpoint may subscribe to, named as Standard Webhooks names them (<c>group.event</c>). The names are
/// part of the API: receivers switch on them, so they are never renamed.
/// </summary>
public static class WebhookEventTypes
{
    public const string IncidentDeclared = "incident.declared";
    public const string IncidentPhaseChanged = "incident.phase_changed";
    public const string IncidentMitigated = "incident.mitigated";
    public const string IncidentResolved = "incident.resolved";
    public const string IncidentClosed = "incident.closed";
    public const string IncidentSeverityChanged = "incident.severity_changed";
    public const string IncidentRoleAssigned = "incident.role_assigned";
    public const string IncidentStatusUpdatePosted = "incident.status_update_posted";
    public const string IncidentExternalUpdateOverdue = "incident.external_update_overdue";
    public const string IncidentReviewOverdue = "incident.review_overdue";
    public const string CorrectiveActionCreated = "corrective_action.created";
    public const string CorrectiveActionUpdated = "corrective_action.updated";
    public const string AlertReceived = "alert.received";
    public const string AlertResolved = "alert.resolved";

    /// <summary>Sent to one endpoint when an admin asks for it; nobody subscribes to it.</summary>
    public const string Ping = "ping";

    public static readonly IReadOnlyList<string> Subscribable =
    [
        IncidentDeclared, IncidentPhaseChanged, IncidentMitigated, IncidentResolved, IncidentClosed,
        IncidentSeverityChanged, IncidentRoleAssigned, IncidentStatusUpdatePosted, IncidentExternalUpdateOverdue,
        IncidentReviewOverdue,        CorrectiveActionCreated, CorrectiveActionUpdated, AlertReceived, AlertResolved,
    ];

    public static readonly int MaxLength = Subscribable.Append(Ping).Max(type => type.Length);
}
