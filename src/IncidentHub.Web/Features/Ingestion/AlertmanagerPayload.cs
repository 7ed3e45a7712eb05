using System.Text.Json.Serialization;
using IncidentHub.Domain;

namespace IncidentHub.Web.Features.Ingestion;

/// <summary>
/// Alertmanager's webhook body, version 4, and Grafana alerting's, which is the same envelope with a few more fields.
/// Only the fields read are declared; the rest of what a sender adds is ignored.
/// </summary>
public sealed record AlertmanagerPayload
{
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("groupKey")]
    public string? GroupKey { get; init; }

    [JsonPropertyName("truncatedAlerts")]
    public int? TruncatedAlerts { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("receiver")]
    public string? Receiver { get; init; }

    [JsonPropertyName("groupLabels")]
    public Dictionary<string, string?>? GroupLabels { get; init; }

    [JsonPropertyName("commonLabels")]
    public Dictionary<string, string?>? CommonLabels { get; init; }

    [JsonPropertyName("commonAnnotations")]
    public Dictionary<string, string?>? CommonAnnotations { get; init; }

    [JsonPropertyName("externalURL")]
    public string? ExternalUrl { get; init; }

    [JsonPropertyName("alerts")]
    public List<AlertmanagerAlert?>? Alerts { get; init; }

    public IReadOnlyList<AlertSignal> Read(AlertSource source)
    {
        var fields = new PayloadFields();
        if (Version != "4")
        {
            fields.Fail("version", Version is null
                ? "Give the webhook version: \"4\"."
                : "Only version \"4\" of Alertmanager's webhook is accepted (Grafana sends it too).");
        }

        if (Status is not ("firing" or "resolved"))
        {
            fields.Fail("status", "Give \"firing\" or \"resolved\".");
        }

        var groupKey = fields.Text("groupKey", GroupKey, PayloadFields.GroupKeyMaxLength, required: true);
        fields.Map("groupLabels", GroupLabels);
        fields.Map("commonLabels", CommonLabels);
        fields.Map("commonAnnotations", CommonAnnotations);
        fields.Text("receiver", Receiver, PayloadFields.KeyMaxLength);
        var externalUrl = fields.Url("externalURL", ExternalUrl);
        if (Alerts is null)
        {
            fields.Fail("alerts", "Give the list of alerts.");
        }
        else if (Alerts.Count > PayloadFields.MaxAlerts)
        {
            fields.Fail("alerts", $"At most {PayloadFields.MaxAlerts:N0} alerts in one delivery; set max_alerts on the "
                + "receiver.");
        }

        fields.ThrowIfAny();
        var groupName = GroupLabels is { Count: > 0 }
            ? "{" + string.Join(", ", GroupLabels.OrderBy(label => label.Key, StringComparer.Ordinal)
                .Select(label => $"{label.Key}=\"{label.Value}\"")) + "}"
            : groupKey!;
        var signals = new List<AlertSignal>(Alerts!.Count);
        for (var index = 0; index < Alerts.Count; index++)
        {
            if (Alerts[index] is not { } alert)
            {
                fields.Fail($"alerts[{index}]", "Give an alert object.");
                continue;
            }

            if (alert.Read(fields, $"alerts[{index}]", source, groupKey!, groupName, externalUrl) is { } signal)
            {
                signals.Add(signal);
            }
        }

        fields.ThrowIfAny();
        return signals;
    }
}

public sealed record AlertmanagerAlert
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("labels")]
    public Dictionary<string, string?>? Labels { get; init; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string?>? Annotations { get; init; }

    [JsonPropertyName("startsAt")]
    public string? StartsAt { get; init; }

    [JsonPropertyName("endsAt")]
    public string? EndsAt { get; init; }

    [JsonPropertyName("generatorURL")]
    public string? GeneratorUrl { get; init; }

    [JsonPropertyName("fingerprint")]
    public string? Fingerprint { get; init; }

    [JsonPropertyName("silenceURL")]
    public string? SilenceUrl { get; init; }

    [JsonPropertyName("dashboardURL")]
    public string? DashboardUrl { get; init; }

    [JsonPropertyName("panelURL")]
    public string? PanelUrl { get; init; }

    internal AlertSignal? Read(
        PayloadFields fields, string at, AlertSource source, string groupKey, string groupName, string? externalUrl)
    {
        if (Status is not ("firing" or "resolved"))
        {
            fields.Fail($"{at}.status", "Give \"firing\" or \"resolved\".");
        }

        if (Labels is null)
        {
            fields.Fail($"{at}.labels", "Give the alert's labels.");
        }

        var labels = fields.Map($"{at}.labels", Labels);
        var annotations = fields.Map($"{at}.annotations", Annotations);
        var startsAt = fields.Time($"{at}.startsAt", StartsAt, required: true);
        var endsAt = fields.Time($"{at}.endsAt", EndsAt);
        var fingerprint = fields.Text($"{at}.fingerprint", Fingerprint, Alert.FingerprintMaxLength)
            ?? PayloadFields.FingerprintOf([.. labels.OrderBy(label => label.Key, StringComparer.Ordinal)
                .Select(label => $"{label.Key}={label.Value}")]);
        AlertLink?[] links =
        [
            PayloadFields.Link(fields.Url($"{at}.generatorURL", GeneratorUrl), "Source"),
            PayloadFields.Link(fields.Url($"{at}.dashboardURL", DashboardUrl), "Dashboard"),
            PayloadFields.Link(fields.Url($"{at}.panelURL", PanelUrl), "Panel"),
            PayloadFields.Link(fields.Url($"{at}.silenceURL", SilenceUrl), "Silence"),
            PayloadFields.Link(AlertReading.RunbookFrom(annotations) is { } runbook
                ? fields.Url($"{at}.annotations.runbook_url", runbook) : null, "Runbook"),
            PayloadFields.Link(externalUrl, "Alertmanager"),
        ];
        if (startsAt is null || Status is not ("firing" or "resolved") || Labels is null)
        {
            return null;
        }

        var service = AlertReading.ServiceFrom(labels, source);
        return new AlertSignal
        {
            Fingerprint = fingerprint,
            Action = Status == "resolved" ? AlertAction.Resolve : AlertAction.Fire,
            GroupKey = AlertReading.KeyOf(groupKey),
            GroupName = AlertReading.Clip(groupName, 1_000),
            Title = AlertReading.TitleFrom(labels, annotations, "Alert " + fingerprint),
            Description = AlertReading.Find(annotations, "description") is { } description
                ? AlertReading.Clip(description, Alert.DescriptionMaxLength)
                : null,
            Severity = AlertReading.SeverityFrom(labels, source.SeverityLabels),
            Service = service,
            Labels = labels,
            Annotations = annotations,
            Links = [.. links.OfType<AlertLink>()],
            StartsAt = startsAt.Value,
            EndsAt = endsAt,
        };
    }
}
