using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Security;

namespace IncidentHub.Web.Tests.Support;

/// <summary>An alert source made straight in the database, and a sender that posts to its URL with its secret.</summary>
public sealed record TestSource(Guid Id, string Secret, AlertSourceKind Kind)
{
    public string Path => $"/api/v1/ingest/{Id}";
}

public static class AlertSenders
{
    public static async Task<TestSource> CreateSourceAsync(
        this AppFixture app, AlertSourceKind kind, AlertSourceSettings? settings = null)
    {
        var secret = "ihsrc_" + Secrets.NewKey();
        var source = AlertSource.Create(
            (settings ?? new AlertSourceSettings()) with
            {
                Name = settings?.Name is { Length: > 0 } name ? name : $"{kind} {Guid.NewGuid():N}"[..30],
                Kind = kind,
            },
            Secrets.Hash(secret),
            Secrets.DisplayPrefix(secret),
            app.Clock.GetUtcNow());
        await using var db = app.Factory.CreateDbContext();
        db.AlertSources.Add(source);
        await db.SaveChangesAsync();
        return new TestSource(source.Id, secret, kind);
    }

    public static Task<Reply> SendAsync(this HttpClient client, TestSource source, object payload) =>
        client.SendRawAsync(source, JsonSerializer.Serialize(payload));

    public static async Task<Reply> SendRawAsync(
        this HttpClient client, TestSource source, string body, string? secret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, source.Path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret ?? source.Secret);
        using var response = await client.SendAsync(request);
        return await Reply.ReadAsync(response);
    }

    /// <summary>An Alertmanager (version 4) notification for one group, as Alertmanager 0.25 writes it.</summary>
    public static object Notification(
        string groupKey, string status, params object[] alerts) => new
        {
            receiver = "incidenthub",
            status,
            alerts,
            groupLabels = new Dictionary<string, string> { ["alertname"] = "HighLatency" },
            commonLabels = new Dictionary<string, string> { ["alertname"] = "HighLatency" },
            commonAnnotations = new Dictionary<string, string>(),
            externalURL = "http://alertmanager.example.com:9093",
            version = "4",
            groupKey,
            truncatedAlerts = 0,
        };

    public static object Firing(
        string fingerprint, DateTimeOffset startsAt, string severity = "critical", string service = "checkout",
        string alertname = "HighLatency") => new
        {
            status = "firing",
            labels = new Dictionary<string, string>
            {
                ["alertname"] = alertname,
                ["severity"] = severity,
                ["service"] = service,
                ["instance"] = $"{fingerprint}:9100",
            },
            annotations = new Dictionary<string, string>
            {
                ["summary"] = $"{alertname} on {fingerprint}",
                ["runbook_url"] = "https://runbooks.example.com/latency",
            },
            // Alertmanager writes nanoseconds: nine fractional digits.
            startsAt = startsAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture)
                + "00Z",
            endsAt = "0001-01-01T00:00:00Z",
            generatorURL = "http://prometheus.example.com:9090/graph?g0.expr=up",
            fingerprint,
        };

    public static object Resolved(string fingerprint, DateTimeOffset startsAt, DateTimeOffset endsAt) => new
    {
        status = "resolved",
        labels = new Dictionary<string, string>
        {
            ["alertname"] = "HighLatency",
            ["severity"] = "critical",
            ["service"] = "checkout",
            ["instance"] = $"{fingerprint}:9100",
        },
        annotations = new Dictionary<string, string> { ["summary"] = $"HighLatency on {fingerprint}" },
        startsAt = startsAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        endsAt = endsAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        generatorURL = "http://prometheus.example.com:9090/graph?g0.expr=up",
        fingerprint,
    };
}
