using System.Text;
using System.Text.Json;

namespace IncidentHub.Web.Webhooks;

/// <summary>The body a delivery carries, in the endpoint's format.</summary>
public static class WebhookMessages
{
    public static string Body(WebhookFormat format, string type, string data, string summary, DateTimeOffset occurredAt) =>
        format == WebhookFormat.Slack ? Slack(type, data, summary) : Standard(type, data, occurredAt);

    /// <summary><c>{ "type", "timestamp", "data" }</c>, as Standard Webhooks lays a message out.</summary>
    private static string Standard(string type, string data, DateTimeOffset occurredAt)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("timestamp", occurredAt.UtcDateTime);
            writer.WritePropertyName("data");
            writer.WriteRawValue(data, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// An incoming-webhook message: <c>text</c> for clients that show only that (and notifications), <c>blocks</c> for
    /// Slack. Mattermost, Rocket.Chat and Teams' Slack-compatible connectors read <c>text</c>.
    /// </summary>
    private static string Slack(string type, string data, string summary)
    {
        var link = LinkIn(data);
        var text = Escape(summary) + (link is null ? "" : $" <{link}|Open in IncidentHub>");
        var message = new
        {
            text,
            blocks = new object[]
            {
                new { type = "section", text = new { type = "mrkdwn", text } },
                new
                {
                    type = "context",
                    elements = new object[] { new { type = "mrkdwn", text = $"`{type}` · IncidentHub" } },
                },
            },
        };
        return JsonSerializer.Serialize(message, WebhookPayloads.Options);
    }

    private static string? LinkIn(string data)
    {
        using var document = JsonDocument.Parse(data);
        foreach (var name in (string[])["incident", "alert"])
        {
            if (document.RootElement.TryGetProperty(name, out var item) && item.ValueKind == JsonValueKind.Object
                && item.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String)
            {
                return url.GetString();
            }
        }

        return null;
    }

    /// <summary>The three characters Slack's mrkdwn reads as markup.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
}
