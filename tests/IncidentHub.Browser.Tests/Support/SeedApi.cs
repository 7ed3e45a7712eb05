using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace IncidentHub.Browser.Tests.Support;

/// <summary>
/// The REST API over the same loopback port the browser uses, with a token: sets up what a test
/// needs but is not about (the scenarios themselves go through the pages).
/// </summary>
public sealed class SeedApi : IDisposable
{
    private readonly HttpClient client;

    public SeedApi(Uri baseAddress, X509Certificate2 certificate, string token)
    {
        client = new HttpClient(TrustingOnly(certificate)) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A handler that trusts exactly the app's test certificate, for any client that talks to the app.</summary>
    public static HttpClientHandler TrustingOnly(X509Certificate2 certificate) => new()
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.RawData.AsSpan().SequenceEqual(certificate.RawData),
    };

    /// <summary>Declares an incident and answers its number.</summary>
    public async Task<long> DeclareAsync(string title, string severity = "S2", string source = "Monitoring", params string[] services)
    {
        var incident = await SendAsync(HttpMethod.Post, "/api/v1/incidents", new { title, severity, source, services });
        return incident.GetProperty("number").GetInt64();
    }

    public Task AssignAsync(long number, string role, Guid personId) =>
        SendAsync(HttpMethod.Put, $"/api/v1/incidents/{number}/roles/{role}", new { personId });

    public Task ChangeSeverityAsync(long number, string severity, string reason) =>
        SendAsync(HttpMethod.Post, $"/api/v1/incidents/{number}/severity", new { severity, reason });

    /// <summary>Moves to <paramref name="target"/>; moving back, reopening and dismissing need a <paramref name="reason"/>.</summary>
    public Task MoveAsync(long number, string target, string? reason = null) =>
        SendAsync(HttpMethod.Post, $"/api/v1/incidents/{number}/phase", new { target, reason });

    public Task AddNoteAsync(long number, string text) =>
        SendAsync(HttpMethod.Post, $"/api/v1/incidents/{number}/timeline", new { text });

    public Task PostStatusAsync(long number, string audience, string text) =>
        SendAsync(HttpMethod.Post, $"/api/v1/incidents/{number}/status-updates", new { audience, text });

    /// <summary>Adds a corrective action and answers its id.</summary>
    public async Task<Guid> AddActionAsync(long number, string title, string kind, Guid? ownerId, DateOnly? dueDate, string? trackerUrl = null)
    {
        var action = await SendAsync(HttpMethod.Post, $"/api/v1/incidents/{number}/corrective-actions", new { title, kind, ownerId, dueDate, trackerUrl });
        return action.GetProperty("id").GetGuid();
    }

    public Task AcknowledgeAlertAsync(Guid id) =>
        SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/acknowledge", new { });

    public Task SetActionStatusAsync(Guid id, string status) =>
        SendAsync(HttpMethod.Patch, $"/api/v1/corrective-actions/{id}", new { status });

    public Task SaveReviewAsync(long number, string rootCauseSummary, params string[] fiveWhys) =>
        SendAsync(HttpMethod.Put, $"/api/v1/incidents/{number}/review", new
        {
            rootCauseSummary,
            contributingFactors = "A deploy on a Friday afternoon.",
            whatWentWell = "The alert fired within a minute.",
            whatWentBadly = "The runbook was out of date.",
            fiveWhys,
        });

    public Task AddServiceAsync(
        string slug, string name, string? ownerTeam = null, string? runbookUrl = null, bool shownOnStatusPage = false) =>
        SendAsync(HttpMethod.Post, "/api/v1/services", new { slug, name, ownerTeam, runbookUrl, shownOnStatusPage });

    /// <summary>An external update naming one service and its impact, for the public status page.</summary>
    public Task PostExternalAsync(long number, string text, string service, string impact, string publicStatus = "Investigating") =>
        SendAsync(HttpMethod.Post, $"/api/v1/incidents/{number}/status-updates", new
        {
            audience = "External",
            text,
            publicStatus,
            affectedServices = new[] { new { service, impact } },
        });

    public void Dispose() => client.Dispose();

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
