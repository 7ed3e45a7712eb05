using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentHub.Domain;

namespace IncidentHub.Web.Features.Ingestion;

/// <summary>
/// An event in the shape of PagerDuty's Events API v2, so that a sender built for it only needs our URL.
/// <c>routing_key</c> is accepted and ignored: the URL names the source.
/// </summary>
public sealed record EventsPayload
{
    public const int SummaryMaxLength = 1_024;
    public const int DedupKeyMaxLength = 255;

    [JsonPropertyName("routing_key")]
    public string? RoutingKey { get; init; }

    [JsonPropertyName("event_action")]
    public string? EventAction { get; init; }

    [JsonPropertyName("dedup_key")]
    public string? DedupKey { get; init; }

    [JsonPropertyName("payload")]
    public EventDetails? Payload { get; init; }

    [JsonPropertyName("links")]
    public List<EventLink?>? Links { get; init; }

    [JsonPropertyName("images")]
    public List<EventImage?>? Images { get; init; }

    [JsonPropertyName("client")]
    public string? Client { get; init; }

    [JsonPropertyName("client_url")]
    public string? ClientUrl { get; init; }

    public AlertSignal Read(AlertSource source, DateTimeOffset now)
    {
        var fields = new PayloadFields();
        var action = EventAction switch
        {
            "trigger" => AlertAction.Fire,
            "acknowledge" => AlertAction.Acknowledge,
            "resolve" => AlertAction.Resolve,
            _ => (AlertAction?)null,
        };
        if (action is null)
        {
            fields.Fail("event_action", "Give \"trigger\", \"acknowledge\" or \"resolve\".");
        }

        fields.Text("routing_key", RoutingKey, PayloadFields.KeyMaxLength);
        var dedupKey = fields.Text("dedup_key", DedupKey, DedupKeyMaxLength, required: action is not AlertAction.Fire);
        var payload = Payload;
        if (payload is null && action == AlertAction.Fire)
        {
            fields.Fail("payload", "A trigger needs a payload with at least a summary.");
        }

        var summary = fields.Text("payload.summary", payload?.Summary, SummaryMaxLength, required: payload is not null
            && action == AlertAction.Fire);
        var senderSource = fields.Text("payload.source", payload?.Source, PayloadFields.ValueMaxLength);
        var severityWord = payload?.Severity;
        if (severityWord is not null and not ("critical" or "error" or "warning" or "info"))
        {
            fields.Fail("payload.severity", "Give \"critical\", \"error\", \"warning\" or \"info\".");
        }

        var timestamp = fields.Time("payload.timestamp", payload?.Timestamp);
        var component = fields.Text("payload.component", payload?.Component, PayloadFields.ValueMaxLength);
        var group = fields.Text("payload.group", payload?.Group, PayloadFields.ValueMaxLength);
        var @class = fields.Text("payload.class", payload?.Class, PayloadFields.ValueMaxLength);
        var annotations = Details(fields, payload?.CustomDetails);
        var links = new List<AlertLink>();
        ReadLinks(fields, links);
        if (fields.Url("client_url", ClientUrl) is { } clientUrl)
        {
            links.Add(new AlertLink(clientUrl, fields.Text("client", Client, PayloadFields.KeyMaxLength) ?? "Sender"));
        }

        fields.ThrowIfAny();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        Put(labels, "alertname", summary);
        Put(labels, "severity", severityWord);
        Put(labels, "source", senderSource);
        Put(labels, "component", component);
        Put(labels, "group", group);
        Put(labels, "class", @class);
        if (AlertReading.Find(annotations, source.ServiceLabel) is { } namedService)
        {
            labels.TryAdd(source.ServiceLabel, namedService);
        }

        var service = AlertReading.ServiceFrom(labels, source);
        var (groupKey, groupName) = AlertReading.GroupFrom(labels, service, source);
        var fingerprint = dedupKey ?? Guid.CreateVersion7(now).ToString("N");
        return new AlertSignal
        {
            Fingerprint = fingerprint,
            Action = action!.Value,
            GroupKey = groupKey,
            GroupName = groupName,
            Title = summary ?? "Alert " + fingerprint,
            Severity = AlertReading.SeverityFrom(labels, source.SeverityLabels),
            Service = service,
            Labels = labels,
            Annotations = annotations,
            Links = links,
            StartsAt = timestamp ?? now,
        };
    }

    private void ReadLinks(PayloadFields fields, List<AlertLink> links)
    {
        if (Links?.Count + Images?.Count > PayloadFields.MaxEntries)
        {
            fields.Fail("links", $"At most {PayloadFields.MaxEntries} links and images together.");
            return;
        }

        for (var index = 0; index < (Links?.Count ?? 0); index++)
        {
            var link = Links![index];
            if (fields.Url($"links[{index}].href", link?.Href) is { } href)
            {
                links.Add(new AlertLink(
                    href, fields.Text($"links[{index}].text", link!.Text, PayloadFields.KeyMaxLength) ?? "Link"));
            }
        }

        for (var index = 0; index < (Images?.Count ?? 0); index++)
        {
            var image = Images![index];
            if ((fields.Url($"images[{index}].href", image?.Href) ?? fields.Url($"images[{index}].src", image?.Src))
                is { } href)
            {
                links.Add(new AlertLink(
                    href, fields.Text($"images[{index}].alt", image!.Alt, PayloadFields.KeyMaxLength) ?? "Image"));
            }
        }
    }

    private static Dictionary<string, string> Details(PayloadFields fields, JsonElement? details)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (details is not { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value)
        {
            return annotations;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            if (fields.Text("payload.custom_details", PayloadFields.Describe(value), PayloadFields.ValueMaxLength)
                is { } text)
            {
                annotations["details"] = text;
            }

            return annotations;
        }

        var named = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            named[property.Name] = PayloadFields.Describe(property.Value);
        }

        return new Dictionary<string, string>(fields.Map("payload.custom_details", named));
    }

    private static void Put(Dictionary<string, string> labels, string name, string? value)
    {
        if (value is not null)
        {
            labels[name] = value;
        }
    }
}

public sealed record EventDetails
{
    [JsonPropertyName("summary")]
    public string? Summary { get; init; }

    [JsonPropertyName("source")]
    public string? Source { get; init; }

    [JsonPropertyName("severity")]
    public string? Severity { get; init; }

    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    [JsonPropertyName("component")]
    public string? Component { get; init; }

    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [JsonPropertyName("class")]
    public string? Class { get; init; }

    [JsonPropertyName("custom_details")]
    public JsonElement? CustomDetails { get; init; }
}

public sealed record EventLink
{
    [JsonPropertyName("href")]
    public string? Href { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }
}

public sealed record EventImage
{
    [JsonPropertyName("src")]
    public string? Src { get; init; }

    [JsonPropertyName("href")]
    public string? Href { get; init; }

    [JsonPropertyName("alt")]
    public string? Alt { get; init; }
}
