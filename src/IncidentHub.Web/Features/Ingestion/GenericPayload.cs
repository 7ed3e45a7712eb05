using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentHub.Domain;

namespace IncidentHub.Web.Features.Ingestion;

/// <summary>
/// A flat JSON alert for scripts, with the field names of GitLab's HTTP endpoint. An <c>end_time</c> resolves the
/// alert. Without a fingerprint, the title, service, tool and hosts make one, so a script that repeats an alert
/// repeats it rather than opening a new one.
/// </summary>
public sealed record GenericPayload
{
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("severity")]
    public string? Severity { get; init; }

    [JsonPropertyName("service")]
    public string? Service { get; init; }

    [JsonPropertyName("fingerprint")]
    public JsonElement? Fingerprint { get; init; }

    [JsonPropertyName("start_time")]
    public string? StartTime { get; init; }

    [JsonPropertyName("end_time")]
    public string? EndTime { get; init; }

    [JsonPropertyName("monitoring_tool")]
    public string? MonitoringTool { get; init; }

    [JsonPropertyName("hosts")]
    public JsonElement? Hosts { get; init; }

    [JsonPropertyName("runbook_url")]
    public string? RunbookUrl { get; init; }

    public AlertSignal Read(AlertSource source, DateTimeOffset now)
    {
        var fields = new PayloadFields();
        var title = fields.Text("title", Title, Alert.TitleMaxLength, required: true);
        var description = fields.Text("description", Description, Alert.DescriptionMaxLength);
        var severityWord = fields.Text("severity", Severity, PayloadFields.KeyMaxLength);
        var serviceName = fields.Text("service", Service, ServiceSlug.MaxLength);
        var fingerprint = Fingerprint is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } given
            ? fields.Text("fingerprint", PayloadFields.Describe(given), Alert.FingerprintMaxLength)
            : null;
        var startsAt = fields.Time("start_time", StartTime);
        var endsAt = fields.Time("end_time", EndTime);
        var tool = fields.Text("monitoring_tool", MonitoringTool, PayloadFields.KeyMaxLength);
        var hosts = HostsText(fields);
        var runbook = fields.Url("runbook_url", RunbookUrl);
        fields.ThrowIfAny();

        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["alertname"] = title! };
        if (severityWord is not null)
        {
            labels["severity"] = severityWord;
        }

        if (serviceName is not null)
        {
            labels[source.ServiceLabel] = serviceName;
        }

        if (tool is not null)
        {
            labels["monitoring_tool"] = tool;
        }

        if (hosts is not null)
        {
            labels["hosts"] = hosts;
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (description is not null)
        {
            annotations["description"] = description;
        }

        if (runbook is not null)
        {
            annotations["runbook_url"] = runbook;
        }

        var service = AlertReading.ServiceFrom(labels, source);
        var (groupKey, groupName) = AlertReading.GroupFrom(labels, service, source);
        return new AlertSignal
        {
            Fingerprint = fingerprint ?? PayloadFields.FingerprintOf(title, serviceName, tool, hosts),
            Action = endsAt is null ? AlertAction.Fire : AlertAction.Resolve,
            GroupKey = groupKey,
            GroupName = groupName,
            Title = title!,
            Description = description,
            Severity = AlertReading.SeverityFrom(labels, source.SeverityLabels),
            Service = service,
            Labels = labels,
            Annotations = annotations,
            Links = runbook is null ? [] : [new AlertLink(runbook, "Runbook")],
            StartsAt = startsAt ?? now,
            EndsAt = endsAt,
        };
    }

    private string? HostsText(PayloadFields fields)
    {
        if (Hosts is not { } hosts || hosts.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        var text = hosts.ValueKind == JsonValueKind.Array
            ? string.Join(", ", hosts.EnumerateArray().Select(PayloadFields.Describe))
            : PayloadFields.Describe(hosts);
        return fields.Text("hosts", text, PayloadFields.ValueMaxLength);
    }
}
