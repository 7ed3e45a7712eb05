namespace IncidentHub.Domain;

/// <summary>The format an alert source sends.</summary>
public enum AlertSourceKind
{
    /// <summary>Prometheus Alertmanager's webhook (version 4); Grafana alerting sends the same envelope.</summary>
    Alertmanager,

    /// <summary>Events in the shape of PagerDuty's Events API v2.</summary>
    Events,

    /// <summary>A flat JSON object for scripts, with the field names of GitLab's HTTP endpoint.</summary>
    Generic,
}

/// <summary>
/// A monitoring tool (or script) allowed to send alerts: its own URL and secret, and what its alerts do.
/// Only a hash of the secret is kept.
/// </summary>
public sealed class AlertSource
{
    public const int NameMaxLength = 100;
    public const int LabelNameMaxLength = 100;
    public const int MaxLabelNames = 10;
    public const int DefaultMaxNewIncidentsPerMinute = 10;
    public const int MaxNewIncidentsPerMinuteLimit = 1_000;

    public static IReadOnlyList<string> DefaultSeverityLabels { get; } = ["severity", "priority"];

    public static IReadOnlyList<string> DefaultGroupByLabels { get; } = ["service", "alertname"];

    public const string DefaultServiceLabel = "service";

    private AlertSource()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public AlertSourceKind Kind { get; private set; }

    /// <summary>The service an alert belongs to when its labels name none.</summary>
    public string? DefaultService { get; private set; }

    /// <summary>The labels read for the severity, first match wins (case-insensitive names).</summary>
    public List<string> SeverityLabels { get; private set; } = [.. DefaultSeverityLabels];

    public string ServiceLabel { get; private set; } = DefaultServiceLabel;

    /// <summary>
    /// For sources without Alertmanager's groupKey: alerts whose values of these labels are equal go to one incident.
    /// </summary>
    public List<string> GroupByLabels { get; private set; } = [.. DefaultGroupByLabels];

    /// <summary>New incidents are declared at once (Identification) instead of waiting in Preparation for triage.</summary>
    public bool DeclareImmediately { get; private set; }

    /// <summary>When every alert of an incident has resolved, move it to Remediation if its exit rules allow.</summary>
    public bool MitigateWhenResolved { get; private set; }

    /// <summary>New incidents this source may open per minute; beyond it, alerts join the source's storm incident.</summary>
    public int MaxNewIncidentsPerMinute { get; private set; } = DefaultMaxNewIncidentsPerMinute;

    public bool Enabled { get; private set; } = true;

    /// <summary>SHA-256 of the secret, hex.</summary>
    public string SecretHash { get; private set; } = "";

    /// <summary>The first characters of the secret, so a person can tell which one a sender has.</summary>
    public string SecretPrefix { get; private set; } = "";

    public DateTimeOffset SecretCreatedAt { get; private set; }

    /// <summary>The open incident that holds this source's alerts beyond its rate, if one is open.</summary>
    public Guid? StormIncidentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL <c>xmin</c>).</summary>
    public uint Version { get; private set; }

    public static AlertSource Create(
        AlertSourceSettings settings, string secretHash, string secretPrefix, DateTimeOffset now)
    {
        now = now.ToStored();
        var source = new AlertSource { Id = Guid.CreateVersion7(now), CreatedAt = now };
        source.Configure(settings, now);
        source.RotateSecret(secretHash, secretPrefix, now);
        return source;
    }

    public void Configure(AlertSourceSettings settings, DateTimeOffset now)
    {
        Name = settings.Name.Trim();
        Kind = settings.Kind;
        DefaultService = settings.DefaultService is { Length: > 0 } service ? ServiceSlug.From(service) : null;
        SeverityLabels = LabelNames(settings.SeverityLabels, DefaultSeverityLabels);
        ServiceLabel = string.IsNullOrWhiteSpace(settings.ServiceLabel) ? DefaultServiceLabel : settings.ServiceLabel.Trim();
        GroupByLabels = LabelNames(settings.GroupByLabels, DefaultGroupByLabels);
        DeclareImmediately = settings.DeclareImmediately;
        MitigateWhenResolved = settings.MitigateWhenResolved;
        MaxNewIncidentsPerMinute = settings.MaxNewIncidentsPerMinute ?? DefaultMaxNewIncidentsPerMinute;
        Enabled = settings.Enabled;
        UpdatedAt = now.ToStored();
    }

    public void RotateSecret(string secretHash, string secretPrefix, DateTimeOffset now)
    {
        SecretHash = secretHash;
        SecretPrefix = secretPrefix;
        SecretCreatedAt = now.ToStored();
        UpdatedAt = now.ToStored();
    }

    public void HoldStormIn(Guid? incidentId) => StormIncidentId = incidentId;

    private static List<string> LabelNames(IReadOnlyList<string>? given, IReadOnlyList<string> fallback) =>
        given is null || given.All(string.IsNullOrWhiteSpace)
            ? [.. fallback]
            : [.. given.Where(name => !string.IsNullOrWhiteSpace(name)).Select(name => name.Trim())
                .Distinct(StringComparer.OrdinalIgnoreCase)];
}

/// <summary>What an admin sets on an alert source.</summary>
public sealed record AlertSourceSettings
{
    public string Name { get; init; } = "";

    public AlertSourceKind Kind { get; init; }

    public string? DefaultService { get; init; }

    public IReadOnlyList<string>? SeverityLabels { get; init; }

    public string? ServiceLabel { get; init; }

    public IReadOnlyList<string>? GroupByLabels { get; init; }

    public bool DeclareImmediately { get; init; }

    public bool MitigateWhenResolved { get; init; }

    public int? MaxNewIncidentsPerMinute { get; init; }

    public bool Enabled { get; init; } = true;
}
