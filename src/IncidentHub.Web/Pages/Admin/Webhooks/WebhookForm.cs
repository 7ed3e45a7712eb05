using IncidentHub.Web.Features.Webhooks;
using IncidentHub.Web.Webhooks;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IncidentHub.Web.Pages.Admin.Webhooks;

/// <summary>An endpoint's settings as the form holds them; they become the same commands the API sends.</summary>
public sealed class WebhookForm
{
    public string? Name { get; set; }

    public string? Url { get; set; }

    public WebhookFormat Format { get; set; } = WebhookFormat.StandardWebhooks;

    public List<string> EventTypes { get; set; } = [];

    public static WebhookForm From(WebhookEndpointView endpoint) => new()
    {
        Name = endpoint.Name,
        Url = endpoint.Url,
        Format = endpoint.Format,
        EventTypes = [.. endpoint.EventTypes],
    };

    public CreateWebhookEndpoint ToCreate() => new()
    {
        Name = Name,
        Url = Url,
        Format = Format,
        EventTypes = EventTypes,
        Enabled = true,
    };

    public WebhookEndpointChanges ToChanges() => new()
    {
        Name = Name ?? "",
        Url = Url ?? "",
        Format = Format,
        EventTypes = EventTypes,
    };

    /// <summary>An error about one event type ("EventTypes[2]") shows beside the list of boxes.</summary>
    public static void MoveListErrorsToTheirField(ModelStateDictionary state)
    {
        foreach (var key in state.Keys.Where(key => key.StartsWith("Input.EventTypes[", StringComparison.Ordinal)).ToList())
        {
            foreach (var error in state[key]!.Errors)
            {
                state.AddModelError("Input.EventTypes", error.ErrorMessage);
            }

            state.Remove(key);
        }
    }

    /// <summary>Words for an event type beside its box.</summary>
    public static string Describe(string type) => type switch
    {
        WebhookEventTypes.IncidentDeclared => "an incident is declared",
        WebhookEventTypes.IncidentPhaseChanged => "an incident moves to another phase",
        WebhookEventTypes.IncidentMitigated => "an incident is mitigated",
        WebhookEventTypes.IncidentResolved => "an incident is resolved",
        WebhookEventTypes.IncidentClosed => "an incident is closed",
        WebhookEventTypes.IncidentSeverityChanged => "an incident's severity changes",
        WebhookEventTypes.IncidentRoleAssigned => "someone takes a role on an incident",
        WebhookEventTypes.IncidentStatusUpdatePosted => "a status update is posted",
        WebhookEventTypes.IncidentExternalUpdateOverdue => "an external update is overdue",
        WebhookEventTypes.IncidentReviewOverdue => "a review is past its due date",
        WebhookEventTypes.CorrectiveActionCreated => "a corrective action is added",
        WebhookEventTypes.CorrectiveActionUpdated => "a corrective action changes",
        WebhookEventTypes.AlertReceived => "an alert fires",
        WebhookEventTypes.AlertResolved => "an alert resolves",
        _ => type,
    };

    public static string Describe(WebhookFormat format) => format == WebhookFormat.Slack
        ? "Slack-compatible message (Slack, Mattermost, Rocket.Chat, Teams)"
        : "Standard Webhooks (JSON, signed)";
}
