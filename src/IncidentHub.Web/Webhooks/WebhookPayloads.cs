using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentHub.Domain;

namespace IncidentHub.Web.Webhooks;

/// <summary>
/// The <c>data</c> of each event type, and its one-line summary. Every incident event carries the incident as it is
/// after the change, so that a receiver needs no second call to act on it.
/// </summary>
public sealed class WebhookPayloads(IConfiguration configuration)
{
    public const string PublicUrlKey = "IncidentHub:PublicUrl";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly string? publicUrl = configuration[PublicUrlKey]?.TrimEnd('/') is { Length: > 0 } url ? url : null;

    public IncidentData Incident(Incident incident)
    {
        var path = $"/incidents/{incident.Number}";
        return new IncidentData(
            incident.Id, incident.Number, incident.Reference, incident.Title, incident.Severity, incident.Phase,
            [.. incident.Services], incident.DeclaredAt, incident.MitigatedAt, incident.ResolvedAt, incident.ClosedAt,
            incident.NextExternalUpdateDueAt, path, publicUrl is null ? null : publicUrl + path);
    }

    /// <summary>An absolute address for a path of the app, when the operator told us where it is served.</summary>
    public string? LinkTo(string path) => publicUrl is null ? null : publicUrl + path;

    public static WebhookEvent Event(string type, object data, string summary, DateTimeOffset now, Guid? target = null) =>
        new(type, JsonSerializer.Serialize(data, Options), summary, now, target);

    public WebhookEvent Declared(Incident incident, DateTimeOffset now) => Event(
        WebhookEventTypes.IncidentDeclared, new { incident = Incident(incident) },
        $"{Name(incident)} declared ({Severity(incident)}): {incident.Title}", now);

    public WebhookEvent PhaseChanged(Incident incident, Phase from, DateTimeOffset now) => Event(
        WebhookEventTypes.IncidentPhaseChanged, new { incident = Incident(incident), from, to = incident.Phase },
        $"{Name(incident)} moved from {from} to {incident.Phase}: {incident.Title}", now);

    public WebhookEvent Milestone(Incident incident, string type, DateTimeOffset at, DateTimeOffset now)
    {
        var what = type switch
        {
            WebhookEventTypes.IncidentMitigated => "mitigated",
            WebhookEventTypes.IncidentResolved => "resolved",
            _ => "closed",
        };
        return Event(type, new { incident = Incident(incident), at }, $"{Name(incident)} {what}: {incident.Title}", now);
    }

    public WebhookEvent SeverityChanged(Incident incident, SeverityChange change, DateTimeOffset now) => Event(
        WebhookEventTypes.IncidentSeverityChanged,
        new { incident = Incident(incident), from = change.From, to = change.To, reason = change.Reason, changedBy = change.ChangedByName },
        $"{Name(incident)} severity {change.From} → {change.To}: {incident.Title}", now);

    public WebhookEvent RoleAssigned(Incident incident, RoleAssignment assignment, DateTimeOffset now) => Event(
        WebhookEventTypes.IncidentRoleAssigned,
        new
        {
            incident = Incident(incident),
            role = assignment.Role,
            person = new { id = assignment.PersonId, name = assignment.PersonName },
            assignedBy = assignment.AssignedByName,
        },
        $"{Name(incident)}: {assignment.PersonName} is now {RoleName(assignment.Role)}", now);

    public WebhookEvent StatusUpdatePosted(Incident incident, StatusUpdate update, DateTimeOffset now) => Event(
        WebhookEventTypes.IncidentStatusUpdatePosted,
        new
        {
            incident = Incident(incident),
            statusUpdate = new
            {
                id = update.Id,
                audience = update.Audience,
                text = update.Text,
                publicStatus = update.PublicStatus,
                affectedServices = update.AffectedServices,
                postedAt = update.PostedAt,
                author = update.AuthorName,
            },
        },
        $"{Name(incident)} {update.Audience.ToString().ToLowerInvariant()} update: {update.Text}", now);

    public WebhookEvent ExternalUpdateOverdue(Incident incident, DateTimeOffset dueAt, DateTimeOffset now) => Event(
        WebhookEventTypes.IncidentExternalUpdateOverdue,
        new { incident = Incident(incident), dueAt, lastExternalUpdateAt = incident.LastExternalUpdateAt },
        $"{Name(incident)}: the external status update is overdue (due {dueAt:HH:mm} UTC): {incident.Title}", now);

    public WebhookEvent ReviewOverdue(Incident incident, DateTimeOffset now) => Event(
        WebhookEventTypes.IncidentReviewOverdue,
        new
        {
            incident = Incident(incident),
            review = new
            {
                state = incident.ReviewState,
                ownerId = incident.ReviewOwnerId,
                dueOn = incident.ReviewDueOn,
                url = LinkTo($"/incidents/{incident.Number}/review"),
            },
        },
        $"{Name(incident)}: the incident review is overdue (due {incident.ReviewDueOn:yyyy-MM-dd}, {incident.ReviewState.Describe()}): {incident.Title}",
        now);

    public WebhookEvent CorrectiveAction(Incident incident, CorrectiveAction action, bool created, DateTimeOffset now) => Event(
        created ? WebhookEventTypes.CorrectiveActionCreated : WebhookEventTypes.CorrectiveActionUpdated,
        new
        {
            incident = Incident(incident),
            correctiveAction = new
            {
                id = action.Id,
                title = action.Title,
                kind = action.Kind,
                priority = action.Priority,
                status = action.Status,
                ownerId = action.OwnerId,
                dueDate = action.DueDate,
                trackerUrl = action.TrackerUrl,
            },
        },
        $"{Name(incident)} corrective action {(created ? "added" : "updated")} ({action.Status}): {action.Title}", now);

    public WebhookEvent Alert(Alert alert, Incident? incident, bool resolved, DateTimeOffset now) => Event(
        resolved ? WebhookEventTypes.AlertResolved : WebhookEventTypes.AlertReceived,
        new
        {
            alert = new
            {
                id = alert.Id,
                sourceId = alert.SourceId,
                fingerprint = alert.Fingerprint,
                status = alert.Status,
                title = alert.Title,
                severity = alert.Severity,
                service = alert.Service,
                labels = alert.Labels,
                startsAt = alert.StartsAt,
                endsAt = alert.EndsAt,
                path = $"/alerts/{alert.Id}",
                url = LinkTo($"/alerts/{alert.Id}"),
            },
            incident = incident is null ? null : Incident(incident),
        },
        $"Alert {(resolved ? "resolved" : "received")}: {alert.Describe()}"
            + (incident is null ? "" : $" ({Name(incident)})"),
        now);

    public static WebhookEvent Ping(WebhookEndpoint endpoint, string by, DateTimeOffset now) => Event(
        WebhookEventTypes.Ping,
        new { endpoint = new { id = endpoint.Id, name = endpoint.Name }, sentBy = by },
        $"Test message from IncidentHub to \"{endpoint.Name}\", sent by {by}", now, endpoint.Id);

    private static string Name(Incident incident) => incident.Reference;

    private static string Severity(Incident incident) =>
        incident.Severity is { } severity and not Domain.Severity.Unknown ? severity.ToString() : "severity unknown";

    private static string RoleName(IncidentRole role) => role switch
    {
        IncidentRole.IncidentManager => "Incident Manager",
        IncidentRole.EngineerOnCall => "Engineer On Call",
        _ => "Communications Manager On Call",
    };
}

public sealed record IncidentData(
    Guid Id,
    long Number,
    string Reference,
    string Title,
    Severity? Severity,
    Phase Phase,
    IReadOnlyList<string> Services,
    DateTimeOffset? DeclaredAt,
    DateTimeOffset? MitigatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? NextExternalUpdateDueAt,
    string Path,
    string? Url);
