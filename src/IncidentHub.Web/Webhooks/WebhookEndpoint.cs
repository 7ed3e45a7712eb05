namespace IncidentHub.Web.Webhooks;

/// <summary>How a delivery's body is written.</summary>
public enum WebhookFormat
{
    /// <summary><c>{ "type", "timestamp", "data" }</c>, signed as Standard Webhooks signs it.</summary>
    StandardWebhooks,

    /// <summary>
    /// A Slack incoming-webhook message (<c>text</c> and <c>blocks</c>), which Slack, Mattermost, Rocket.Chat and
    /// Teams' Slack-compatible connectors take as it is. Signed the same way, for receivers that check.
    /// </summary>
    Slack,
}

/// <summary>An address an admin registered to be told of events, with the secret its deliveries are signed with.</summary>
public sealed class WebhookEndpoint
{
    public const int NameMaxLength = 200;
    public const int UrlMaxLength = 2000;
    public const int DisabledReasonMaxLength = 500;

    private WebhookEndpoint()
    {
    }

    public WebhookEndpoint(
        string name, string url, IEnumerable<string> eventTypes, WebhookFormat format, bool enabled,
        string protectedSecret, string secretPrefix, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Name = name;
        Url = url;
        EventTypes = [.. eventTypes.Distinct(StringComparer.Ordinal)];
        Format = format;
        Enabled = enabled;
        ProtectedSecret = protectedSecret;
        SecretPrefix = secretPrefix;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    public List<string> EventTypes { get; set; } = [];

    public WebhookFormat Format { get; set; }

    public bool Enabled { get; private set; }

    /// <summary>Why it was disabled by the app itself (a 410, or deliveries that kept failing); null otherwise.</summary>
    public string? DisabledReason { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    /// <summary>The signing secret, encrypted with the app's data-protection keys (the dispatcher needs it back).</summary>
    public string ProtectedSecret { get; private set; } = "";

    public string SecretPrefix { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public void Enable(bool enabled, DateTimeOffset now)
    {
        if (enabled == Enabled)
        {
            return;
        }

        Enabled = enabled;
        DisabledReason = null;
        DisabledAt = enabled ? null : now;
    }

    public void ReplaceSecret(string protectedSecret, string secretPrefix)
    {
        ProtectedSecret = protectedSecret;
        SecretPrefix = secretPrefix;
    }

    public void Touch(DateTimeOffset now) => UpdatedAt = now;
}
