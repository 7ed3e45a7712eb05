using IncidentHub.Domain;

namespace IncidentHub.Web.Pages.Admin.AlertSources;

/// <summary>What to paste into the sending tool, for the source's kind: shown with the secret, so it is complete.</summary>
public sealed record SenderConfig(string Title, string Text)
{
    /// <summary>
    /// Alertmanager's <c>webhook_config</c> (0.25 and later): <c>http_config.authorization</c> sends
    /// "Authorization: Bearer …"; <c>max_alerts: 1000</c> matches the most alerts one delivery may hold.
    /// </summary>
    public static IReadOnlyList<SenderConfig> For(AlertSourceKind kind, string url, string secret) => kind switch
    {
        AlertSourceKind.Alertmanager =>
        [
            new("Alertmanager (alertmanager.yml)", $"""
                route:
                  receiver: incidenthub
                receivers:
                  - name: incidenthub
                    webhook_configs:
                      - url: {url}
                        send_resolved: true
                        max_alerts: 1000
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: {secret}
                """),
            new("Grafana alerting (contact point)", $"""
                Alerting → Contact points → Add contact point
                Integration: Webhook
                URL: {url}
                HTTP Method: POST
                Optional Webhook settings:
                  Authorization Header - Scheme: Bearer
                  Authorization Header - Credentials: {secret}
                """),
        ],
        AlertSourceKind.Events =>
        [
            new("A trigger event (PagerDuty Events API v2 shape)", $$$"""
                curl -X POST '{{{url}}}' \
                  -H 'Authorization: Bearer {{{secret}}}' \
                  -H 'Content-Type: application/json' \
                  -d '{"event_action":"trigger","dedup_key":"db1-disk-full","payload":{"summary":"Disk 95% full on db1","source":"db1","severity":"critical"}}'
                """),
        ],
        _ =>
        [
            new("An alert from a script", $$$"""
                curl -X POST '{{{url}}}' \
                  -H 'Authorization: Bearer {{{secret}}}' \
                  -H 'Content-Type: application/json' \
                  -d '{"title":"Checkout error rate above 5%","severity":"high","service":"checkout","fingerprint":"checkout-errors","monitoring_tool":"cron"}'
                """),
        ],
    };
}
