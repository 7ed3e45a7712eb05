using System.Security.Cryptography;
using System.Text;

namespace IncidentHub.Domain;

/// <summary>What a sender asks of one alert.</summary>
public enum AlertAction
{
    Fire,
    Acknowledge,
    Resolve,
}

/// <summary>
/// One alert as a sender described it, whatever its format, after the source's settings were applied: what the
/// ingestion deduplicates, groups and stores.
/// </summary>
public sealed record AlertSignal
{
    public required string Fingerprint { get; init; }

    public required AlertAction Action { get; init; }

    /// <summary>Hash of the grouping identity; alerts with equal keys share an incident.</summary>
    public required string GroupKey { get; init; }

    /// <summary>The grouping identity as a person reads it, e.g. <c>{alertname="HighLatency"}</c>.</summary>
    public required string GroupName { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public Severity Severity { get; init; }

    public string? Service { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<AlertLink> Links { get; init; } = [];

    public required DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }
}

/// <summary>
/// How a source's settings read an alert's labels and annotations: severity, title, service, runbook and group.
/// The severity words are GitLab's, so that alerts labelled for GitLab map the same way here.
/// </summary>
public static class AlertReading
{
    private static readonly Dictionary<string, Severity> SeverityWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["critical"] = Severity.S1,
        ["s1"] = Severity.S1,
        ["p1"] = Severity.S1,
        ["emergency"] = Severity.S1,
        ["fatal"] = Severity.S1,
        ["high"] = Severity.S2,
        ["s2"] = Severity.S2,
        ["p2"] = Severity.S2,
        ["major"] = Severity.S2,
        ["page"] = Severity.S2,
        ["medium"] = Severity.S3,
        ["s3"] = Severity.S3,
        ["p3"] = Severity.S3,
        ["error"] = Severity.S3,
        ["alert"] = Severity.S3,
        ["low"] = Severity.S4,
        ["s4"] = Severity.S4,
        ["p4"] = Severity.S4,
        ["warn"] = Severity.S4,
        ["warning"] = Severity.S4,
        ["info"] = Severity.S4,
    };

    public static Severity SeverityOf(string? word) =>
        word is not null && SeverityWords.TryGetValue(word.Trim(), out var severity) ? severity : Severity.Unknown;

    /// <summary>The first of the source's severity labels that the alert carries decides; none is Unknown.</summary>
    public static Severity SeverityFrom(IReadOnlyDictionary<string, string> labels, IEnumerable<string> labelNames)
    {
        foreach (var name in labelNames)
        {
            if (Find(labels, name) is { } value)
            {
                return SeverityOf(value);
            }
        }

        return Severity.Unknown;
    }

    public static string? Find(IReadOnlyDictionary<string, string> values, string name)
    {
        if (values.TryGetValue(name, out var exact) && !string.IsNullOrWhiteSpace(exact))
        {
            return exact.Trim();
        }

        foreach (var (key, value) in values)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    public static string TitleFrom(
        IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations, string fallback) =>
        Clip(Find(annotations, "summary") ?? Find(annotations, "title") ?? Find(labels, "alertname") ?? fallback,
            Alert.TitleMaxLength);

    public static string? RunbookFrom(IReadOnlyDictionary<string, string> annotations) =>
        Find(annotations, "runbook_url") ?? Find(annotations, "runbook");

    /// <summary>The service label, else the source's default; as a catalogue slug.</summary>
    public static string? ServiceFrom(IReadOnlyDictionary<string, string> labels, AlertSource source) =>
        (Find(labels, source.ServiceLabel) ?? source.DefaultService) is { } named
            && ServiceSlug.From(named) is { Length: > 0 } slug
            ? slug
            : null;

    /// <summary>The group of an alert from a source without a groupKey: the values of the source's grouping labels.</summary>
    public static (string Key, string Name) GroupFrom(
        IReadOnlyDictionary<string, string> labels, string? service, AlertSource source)
    {
        var parts = source.GroupByLabels.Select(name =>
            (name, value: string.Equals(name, source.ServiceLabel, StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "service", StringComparison.OrdinalIgnoreCase)
                ? service ?? Find(labels, name)
                : Find(labels, name)));
        var name = "{" + string.Join(", ", parts.Select(part => $"{part.name}=\"{part.value}\"")) + "}";
        return (KeyOf(name), name);
    }

    /// <summary>A fixed-length key for any grouping identity, so that long groupKeys index well.</summary>
    public static string KeyOf(string identity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));

    public static string Clip(string text, int maxLength) =>
        text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";
}
