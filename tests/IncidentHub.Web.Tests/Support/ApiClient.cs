using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentHub.Domain;
using Microsoft.Extensions.Time.Testing;

namespace IncidentHub.Web.Tests.Support;

/// <summary>
/// The REST API as a user of it calls it: small JSON helpers, so that tests read as the steps a
/// person or a script takes. Helpers that return a <see cref="JsonElement"/> assert the success
/// status first; the ones that return the response leave the answer to the test.
/// </summary>
public static class ApiClient
{
    public const string Incidents = "/api/v1/incidents";
    public const string People = "/api/v1/people";
    public const string CorrectiveActions = "/api/v1/corrective-actions";
    /// <summary>The actor of changes made by the default test client: the admin, through its token.</summary>
    public const string ActorName = "Test Admin (token \"tests\")";

    // ---- reading answers ----

    /// <summary>The JSON body, after checking the status (the body is in the failure message).</summary>
    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    /// <summary>An RFC 9457 problem with this status.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await response.ReadAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), "A problem says what went wrong.");
        return problem;
    }

    /// <summary>A 409 that names the rule which refused the change.</summary>
    public static async Task<JsonElement> RefusedAsync(this HttpResponseMessage response, string rule)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        return problem;
    }

    /// <summary>A 400 with at least one error for <paramref name="field"/>; returns that field's messages.</summary>
    public static async Task<string[]> InvalidAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"Expected an error for '{field}' in {errors}");
        var texts = messages.EnumerateArray().Select(message => message.GetString() ?? "").ToArray();
        Assert.NotEmpty(texts);
        Assert.All(texts, text => Assert.False(string.IsNullOrWhiteSpace(text)));
        return texts;
    }

    /// <summary>The rule codes of a refusal, in order (all breaches, not only the first).</summary>
    public static string[] Rules(this JsonElement problem) =>
        [.. problem.GetProperty("rules").EnumerateArray().Select(breach => breach.GetProperty("rule").GetString()!)];

    // ---- reading fields ----

    public static long Number(this JsonElement incident) => incident.GetProperty("number").GetInt64();

    public static Guid Id(this JsonElement item) => item.GetProperty("id").GetGuid();

    public static string? Text(this JsonElement item, string name) =>
        item.GetProperty(name) is { ValueKind: JsonValueKind.Null } ? null : item.GetProperty(name).GetString();

    public static DateTimeOffset? Time(this JsonElement item, string name) =>
        item.GetProperty(name) is { ValueKind: JsonValueKind.Null } ? null : item.GetProperty(name).GetDateTimeOffset();

    public static double? Seconds(this JsonElement item, string name) =>
        item.GetProperty(name) is { ValueKind: JsonValueKind.Null } ? null : item.GetProperty(name).GetDouble();

    /// <summary>The current holder of a role as the incident shows it, or null.</summary>
    public static JsonElement? Holder(this JsonElement incident, IncidentRole role)
    {
        var holder = incident.GetProperty("roles").GetProperty(JsonNamingPolicy.CamelCase.ConvertName(role.ToString()));
        return holder.ValueKind == JsonValueKind.Null ? null : holder;
    }

    public static string[] BlockerRules(this JsonElement incident) =>
        [.. incident.GetProperty("blockers").EnumerateArray().Select(blocker => blocker.GetProperty("rule").GetString()!)];

    // ---- sending ----

    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    public static string IncidentUrl(long number) => $"{Incidents}/{number}";

    // ---- incidents ----

    /// <summary>Declares (or, with "phase":"Preparation", drafts) an incident from a body as a client would send it; expects 201.</summary>
    public static async Task<JsonElement> DeclareAsync(this HttpClient client, object body) =>
        await (await client.PostAsJsonAsync(Incidents, body)).ReadAsync(HttpStatusCode.Created);

    public static Task<JsonElement> DeclareAsync(this HttpClient client, string title = "Checkout is failing", string severity = "S3") =>
        client.DeclareAsync(new { title, severity, source = "Monitoring" });

    public static async Task<JsonElement> GetIncidentAsync(this HttpClient client, long number) =>
        await (await client.GetAsync(IncidentUrl(number))).ReadAsync();

    public static Task<HttpResponseMessage> PostPhaseAsync(this HttpClient client, long number, Phase target, string? reason = null, long? duplicateOf = null) =>
        client.PostAsJsonAsync($"{IncidentUrl(number)}/phase", new { target = target.ToString(), reason, duplicateOf });

    /// <summary>Moves the incident and expects the move to be accepted.</summary>
    public static async Task<JsonElement> MoveAsync(this HttpClient client, long number, Phase target, string? reason = null) =>
        await (await client.PostPhaseAsync(number, target, reason)).ReadAsync();

    public static async Task<JsonElement> SetSeverityAsync(this HttpClient client, long number, string severity, string? reason = null) =>
        await (await client.PostAsJsonAsync($"{IncidentUrl(number)}/severity", new { severity, reason })).ReadAsync();

    public static Task<HttpResponseMessage> PutRoleAsync(this HttpClient client, long number, string role, Guid? personId) =>
        client.PutAsJsonAsync($"{IncidentUrl(number)}/roles/{role}", new { personId });

    public static async Task<JsonElement> AssignAsync(this HttpClient client, long number, IncidentRole role, Guid personId) =>
        await (await client.PutRoleAsync(number, role.ToString(), personId)).ReadAsync();

    public static async Task<JsonElement> PatchIncidentAsync(this HttpClient client, long number, object changes) =>
        await (await client.SendJsonAsync(HttpMethod.Patch, IncidentUrl(number), changes)).ReadAsync();

    public static async Task<JsonElement> SaveReviewAsync(this HttpClient client, long number, string rootCauseSummary) =>
        await (await client.PutAsJsonAsync($"{IncidentUrl(number)}/review", new { rootCauseSummary })).ReadAsync();

    public static async Task<JsonElement> AddCorrectiveActionAsync(this HttpClient client, long number, object body) =>
        await (await client.PostAsJsonAsync($"{IncidentUrl(number)}/corrective-actions", body)).ReadAsync(HttpStatusCode.Created);

    /// <summary>
    /// Declares an incident and takes it, one phase at a time, to <paramref name="phase"/> (up to Closed),
    /// meeting each exit rule on the way the way a team would.
    /// </summary>
    public static async Task<JsonElement> IncidentInAsync(this HttpClient client, Phase phase, string title = "Checkout is failing", string severity = "S3")
    {
        var incident = await client.DeclareAsync(title, severity);
        var number = incident.Number();
        for (var next = Phase.Investigation; next <= phase; next++)
        {
            await client.MeetExitRulesAsync(number, leaving: next - 1, severity);
            incident = await client.MoveAsync(number, next);
        }

        return incident;
    }

    private static async Task MeetExitRulesAsync(this HttpClient client, long number, Phase leaving, string severity)
    {
        switch (leaving)
        {
            case Phase.Identification:
                await client.AssignAsync(number, IncidentRole.EngineerOnCall, await client.AddPersonAsync("Erin Engineer"));
                break;
            case Phase.Investigation when severity is "S1" or "S2":
                await client.AssignAsync(number, IncidentRole.IncidentManager, await client.AddPersonAsync("Ivy Manager"));
                await client.AssignAsync(number, IncidentRole.CommunicationsManagerOnCall, await client.AddPersonAsync("Cory Comms"));
                break;
            case Phase.Recovery:
                await client.PatchIncidentAsync(number, new { noCorrectiveActionsReason = "A configuration slip; the fix is already in place." });
                break;
            case Phase.Learnings:
                await client.SaveReviewAsync(number, "A bad configuration push.");
                break;
        }
    }

    // ---- people ----

    /// <summary>Adds a person; without an email, one unique to this call is made up.</summary>
    public static async Task<Guid> AddPersonAsync(this HttpClient client, string displayName, string? email = null)
    {
        email ??= $"{displayName.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.com";
        var person = await (await client.PostAsJsonAsync(People, new { displayName, email })).ReadAsync(HttpStatusCode.Created);
        return person.Id();
    }

    // ---- lists ----

    /// <summary>One page of a list: every list answers exactly {"items": [...], "nextCursor": ...}.</summary>
    public static async Task<(JsonElement[] Items, string? NextCursor)> GetPageAsync(this HttpClient client, string url)
    {
        var page = await (await client.GetAsync(url)).ReadAsync();
        Assert.Equal(new[] { "items", "nextCursor" }, page.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
        return ([.. page.GetProperty("items").EnumerateArray()], page.Text("nextCursor"));
    }

    /// <summary>Every item of a list, following nextCursor from page to page; every page but the last is full.</summary>
    public static async Task<List<JsonElement>> GetAllPagesAsync(this HttpClient client, string url, int limit)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        for (var pages = 1; ; pages++)
        {
            Assert.True(pages <= 100, "Paging never ends.");
            var next = $"{url}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            (var page, cursor) = await client.GetPageAsync(next);
            items.AddRange(page);
            if (cursor is null)
            {
                Assert.True(page.Length <= limit);
                return items;
            }

            Assert.Equal(limit, page.Length);
        }
    }

    // ---- time ----

    /// <summary>Moves the fake clock on and answers the new time, for exact assertions about when things happened.</summary>
    public static DateTimeOffset Tick(this FakeTimeProvider clock, TimeSpan by)
    {
        clock.Advance(by);
        return clock.GetUtcNow();
    }

    public static DateTimeOffset TickMinutes(this FakeTimeProvider clock, int minutes) => clock.Tick(TimeSpan.FromMinutes(minutes));
}
