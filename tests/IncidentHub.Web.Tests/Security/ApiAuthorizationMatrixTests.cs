using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Security;
using IncidentHub.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentHub.Web.Tests.Security;

/// <summary>
/// Every /api/v1 endpoint against every kind of caller: anonymous and a wrong token get 401, each
/// account role and each token scope either succeeds (2xx, on real data) or gets 403 problem details.
/// The table is checked against the app's own endpoints, so a new endpoint without a row fails.
/// Who may do what: docs/design.md, Account roles and who may do what.
/// </summary>
public sealed class ApiAuthorizationMatrixTests(AppFixture app) : AppTest(app)
{
    /// <summary>What a call needs, as the issue states the rules.</summary>
    public enum Need
    {
        /// <summary>/me and one's own tokens: any valid token.</summary>
        AnyToken,

        /// <summary>Queries: Viewer and incidents:read (or incidents:write).</summary>
        Read,

        /// <summary>Commands: Responder and incidents:write.</summary>
        Respond,

        /// <summary>
        /// Regress, reopen, dismiss, assign and unassign roles, add people: Incident Manager and incidents:write.
        /// </summary>
        ManageIncidents,

        /// <summary>Accounts and their tokens: Admin and the admin scope.</summary>
        Administer,
    }

    private const string ViewerCaller = "Viewer";
    private const string ResponderCaller = "Responder";
    private const string IncidentManagerCaller = "IncidentManager";
    private const string AdminCaller = "Admin";
    private const string ReadScopeCaller = "Admin token with only incidents:read";
    private const string WriteScopeCaller = "Admin token with only incidents:write";
    private const string AdminScopeCaller = "Admin token with only admin";

    /// <summary>Who may make a call of each kind; everyone else gets 403.</summary>
    private static readonly Dictionary<Need, string[]> Allowed = new()
    {
        [Need.AnyToken] = [ViewerCaller, ResponderCaller, IncidentManagerCaller, AdminCaller, ReadScopeCaller, WriteScopeCaller, AdminScopeCaller],
        [Need.Read] = [ViewerCaller, ResponderCaller, IncidentManagerCaller, AdminCaller, ReadScopeCaller, WriteScopeCaller],
        [Need.Respond] = [ResponderCaller, IncidentManagerCaller, AdminCaller, WriteScopeCaller],
        [Need.ManageIncidents] = [IncidentManagerCaller, AdminCaller, WriteScopeCaller],
        [Need.Administer] = [AdminCaller, AdminScopeCaller],
    };

    private static readonly Case[] Cases =
    [
        new("GET", "/api/v1/incidents", Need.Read, _ => Ready("/api/v1/incidents")),
        new("POST", "/api/v1/incidents", Need.Respond, _ => Ready("/api/v1/incidents", new { title = "Checkout down", severity = "S3", source = "Monitoring" })),
        new("GET", "/api/v1/incidents/{number}", Need.Read, async context => Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}")),
        new("PATCH", "/api/v1/incidents/{number}", Need.Respond, async context =>
            Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}", new { title = "Checkout returns 502s for EU customers" })),
        new("POST", "/api/v1/incidents/{number}/phase", Need.Respond, async context =>
        {
            var number = await context.Admin.DeclareNumberAsync();
            await context.Admin.AssignAsync(number, "EngineerOnCall", context.AdminId);
            return Call($"/api/v1/incidents/{number}/phase", new { target = "Investigation" });
        }, "advance"),
        new("POST", "/api/v1/incidents/{number}/phase", Need.ManageIncidents, async context =>
        {
            var number = await context.Admin.DeclareNumberAsync();
            await context.Admin.AssignAsync(number, "EngineerOnCall", context.AdminId);
            await context.Admin.MoveAsync(number, "Remediation");
            return Call($"/api/v1/incidents/{number}/phase", new { target = "Containment", reason = "Errors are back" });
        }, "regress"),
        new("POST", "/api/v1/incidents/{number}/phase", Need.ManageIncidents, async context =>
        {
            var number = await context.Admin.DeclareNumberAsync();
            await context.Admin.AssignAsync(number, "EngineerOnCall", context.AdminId);
            await context.Admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/incidents/{number}", new { noCorrectiveActionsReason = "A one-off hardware fault" });
            await context.Admin.SendOkAsync(HttpMethod.Put, $"/api/v1/incidents/{number}/review", new { rootCauseSummary = "A failed disk" });
            await context.Admin.MoveAsync(number, "Closed");
            return Call($"/api/v1/incidents/{number}/phase", new { target = "Investigation", reason = "It happened again" });
        }, "reopen"),
        new("POST", "/api/v1/incidents/{number}/phase", Need.ManageIncidents, async context =>
            Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/phase", new { target = "Dismissed", reason = "False alarm" }), "dismiss"),
        new("POST", "/api/v1/incidents/{number}/severity", Need.Respond, async context =>
            Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/severity", new { severity = "S2", reason = "More customers affected" })),
        new("PUT", "/api/v1/incidents/{number}/roles/{role}", Need.ManageIncidents, async context =>
            Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/roles/EngineerOnCall", new { personId = context.AdminId })),
        new("DELETE", "/api/v1/incidents/{number}/roles/{role}", Need.ManageIncidents, async context =>
        {
            var number = await context.Admin.DeclareNumberAsync();
            await context.Admin.AssignAsync(number, "EngineerOnCall", context.AdminId);
            return Call($"/api/v1/incidents/{number}/roles/EngineerOnCall");
        }),
        new("PUT", "/api/v1/incidents/{number}/review", Need.Respond, async context =>
            Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/review", new { rootCauseSummary = "A bad deploy" })),
        new("GET", "/api/v1/incidents/{number}/review", Need.Read, async context => Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/review")),
        new("GET", "/api/v1/incidents/{number}/review.md", Need.Read, async context => Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/review.md")),
        new("PUT", "/api/v1/incidents/{number}/review/plan", Need.Respond, async context =>
        {
            var number = await context.Admin.DeclareNumberAsync();
            await context.Admin.SendOkAsync(HttpMethod.Put, $"/api/v1/incidents/{number}/review", new { rootCauseSummary = "A bad deploy" });
            return Call($"/api/v1/incidents/{number}/review/plan", new { state = "InReview", ownerId = context.AdminId });
        }),
        new("POST", "/api/v1/incidents/{number}/review/request", Need.Respond, async context =>
            Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/review/request", new { reason = "Third time this month" })),
        new("DELETE", "/api/v1/incidents/{number}/review/request", Need.Respond, async context =>
        {
            var number = await context.Admin.DeclareNumberAsync();
            await context.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/incidents/{number}/review/request", new { reason = "Third time this month" });
            return Call($"/api/v1/incidents/{number}/review/request");
        }),
        new("PUT", "/api/v1/incidents/{number}/timeline/{entryId}/star", Need.Respond, async context =>
        {
            var number = await context.Admin.DeclareNumberAsync();
            var entry = (await context.Admin.GetPageAsync($"/api/v1/incidents/{number}/timeline")).Items[0].GetProperty("id").GetInt64();
            return Call($"/api/v1/incidents/{number}/timeline/{entry}/star");
        }),
        new("DELETE", "/api/v1/incidents/{number}/timeline/{entryId}/star", Need.Respond, async context =>
        {
            var number = await context.Admin.DeclareNumberAsync();
            var entry = (await context.Admin.GetPageAsync($"/api/v1/incidents/{number}/timeline")).Items[0].GetProperty("id").GetInt64();
            await context.Admin.SendOkAsync(HttpMethod.Put, $"/api/v1/incidents/{number}/timeline/{entry}/star", null);
            return Call($"/api/v1/incidents/{number}/timeline/{entry}/star");
        }),
        new("GET", "/api/v1/reviews", Need.Read, _ => Ready("/api/v1/reviews")),
        new("GET", "/api/v1/preparation-board", Need.Read, _ => Ready("/api/v1/preparation-board")),
        new("POST", "/api/v1/corrective-actions/{id:guid}/incidents", Need.Respond, async context =>
        {
            var number = await context.Admin.DeclareNumberAsync();
            var other = await context.Admin.DeclareNumberAsync();
            var action = await context.Admin.PostOkAsync($"/api/v1/incidents/{number}/corrective-actions", new { title = "Add a canary", kind = "Prevention" });
            return Call($"/api/v1/corrective-actions/{action.GetProperty("id").GetGuid()}/incidents", new { incident = $"INC-{other}" });
        }),
        new("DELETE", "/api/v1/corrective-actions/{id:guid}/incidents/{number}", Need.Respond, async context =>
        {
            var number = await context.Admin.DeclareNumberAsync();
            var other = await context.Admin.DeclareNumberAsync();
            var action = await context.Admin.PostOkAsync($"/api/v1/incidents/{number}/corrective-actions", new { title = "Add a canary", kind = "Prevention" });
            var id = action.GetProperty("id").GetGuid();
            await context.Admin.PostOkAsync($"/api/v1/corrective-actions/{id}/incidents", new { incident = $"INC-{other}" });
            return Call($"/api/v1/corrective-actions/{id}/incidents/{other}");
        }),
        new("GET", "/api/v1/reviews/categories", Need.Read, _ => Ready("/api/v1/reviews/categories")),
        new("GET", "/api/v1/incidents/{number}/timeline", Need.Read, async context => Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/timeline")),
        new("POST", "/api/v1/incidents/{number}/timeline", Need.Respond, async context =>
            Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/timeline", new { text = "Rolled back the deploy" })),
        new("GET", "/api/v1/incidents/{number}/status-updates", Need.Read, async context =>
            Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/status-updates")),
        new("POST", "/api/v1/incidents/{number}/status-updates", Need.Respond, async context =>
            Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/status-updates", new { audience = "Internal", text = "We are on it" })),
        new("GET", "/api/v1/incidents/{number}/corrective-actions", Need.Read, async context =>
            Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/corrective-actions")),
        new("POST", "/api/v1/incidents/{number}/corrective-actions", Need.Respond, async context =>
            Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/corrective-actions", new { title = "Alert on 502s", kind = "Detection" })),
        new("GET", "/api/v1/corrective-actions", Need.Read, _ => Ready("/api/v1/corrective-actions")),
        new("GET", "/api/v1/corrective-actions/{id:guid}", Need.Read, async context => Call($"/api/v1/corrective-actions/{await context.CorrectiveActionAsync()}")),
        new("PATCH", "/api/v1/corrective-actions/{id:guid}", Need.Respond, async context =>
            Call($"/api/v1/corrective-actions/{await context.CorrectiveActionAsync()}", new { status = "InProgress" })),
        new("GET", "/api/v1/alerts", Need.Read, _ => Ready("/api/v1/alerts")),
        new("GET", "/api/v1/alerts/{id:guid}", Need.Read, async context => Call($"/api/v1/alerts/{await context.AlertAsync()}")),
        new("POST", "/api/v1/alerts/{id:guid}/acknowledge", Need.Respond, async context =>
            Call($"/api/v1/alerts/{await context.AlertAsync()}/acknowledge")),
        new("GET", "/api/v1/incidents/{number}/alerts", Need.Read, async context =>
            Call($"/api/v1/incidents/{await context.Admin.DeclareNumberAsync()}/alerts")),
        new("POST", "/api/v1/incidents/{number}/merge", Need.ManageIncidents, async context =>
        {
            var target = await context.Admin.DeclareNumberAsync();
            var merged = await context.Admin.DeclareNumberAsync("Latency alert");
            return Call($"/api/v1/incidents/{merged}/merge", new { into = target });
        }),
        new("GET", "/api/v1/people", Need.Read, _ => Ready("/api/v1/people")),
        new("GET", "/api/v1/people/{id:guid}", Need.Read, context => Ready($"/api/v1/people/{context.AdminId}")),
        new("POST", "/api/v1/people", Need.ManageIncidents, _ =>
            Ready("/api/v1/people", new { displayName = "Erin Walsh", email = $"erin-{Guid.NewGuid():N}@example.com" })),
        new("GET", "/api/v1/services", Need.Read, _ => Ready("/api/v1/services")),
        new("GET", "/api/v1/status-page", Need.Administer, _ => Ready("/api/v1/status-page")),
        new("PUT", "/api/v1/status-page", Need.Administer, _ =>
            Ready("/api/v1/status-page", new { allGoodMessage = "All good here" })),
        new("POST", "/api/v1/services", Need.ManageIncidents, _ =>
            Ready("/api/v1/services", new { slug = $"search-{Guid.NewGuid():N}", name = "Search" })),
        new("GET", "/api/v1/services/{slug}", Need.Read, async context => Call($"/api/v1/services/{await context.ServiceAsync()}")),
        new("PATCH", "/api/v1/services/{slug}", Need.ManageIncidents, async context =>
            Call($"/api/v1/services/{await context.ServiceAsync()}", new { ownerTeam = "Search team" })),
        new("GET", "/api/v1/me", Need.AnyToken, _ => Ready("/api/v1/me")),
        new("GET", "/api/v1/tokens", Need.AnyToken, _ => Ready("/api/v1/tokens")),
        new("POST", "/api/v1/tokens", Need.AnyToken, context => Ready("/api/v1/tokens", new { name = "alertmanager", scopes = context.Caller.Scopes })),
        new("DELETE", "/api/v1/tokens/{id:guid}", Need.AnyToken, async context =>
            Call($"/api/v1/tokens/{(await context.App.CreateTokenAsync(context.Caller.AccountId, "old script", [Scopes.IncidentsRead])).Id}")),
        new("GET", "/api/v1/accounts", Need.Administer, _ => Ready("/api/v1/accounts")),
        new("POST", "/api/v1/accounts", Need.Administer, _ => Ready("/api/v1/accounts", new
        {
            email = $"new-{Guid.NewGuid():N}@example.com",
            displayName = "New Colleague",
            role = "Viewer",
            password = TestAccount.Password,
        })),
        new("PATCH", "/api/v1/accounts/{id:guid}", Need.Administer, async context =>
            Call($"/api/v1/accounts/{await context.ServiceAccountAsync()}", new { displayName = "Grafana alerts" })),
        new("GET", "/api/v1/accounts/{id:guid}/tokens", Need.Administer, async context => Call($"/api/v1/accounts/{await context.ServiceAccountAsync()}/tokens")),
        new("POST", "/api/v1/accounts/{id:guid}/tokens", Need.Administer, async context =>
            Call($"/api/v1/accounts/{await context.ServiceAccountAsync()}/tokens", new { name = "grafana", scopes = context.Caller.Scopes })),
        new("GET", "/api/v1/alert-sources", Need.Administer, _ => Ready("/api/v1/alert-sources")),
        new("POST", "/api/v1/alert-sources", Need.Administer, _ =>
            Ready("/api/v1/alert-sources", new { name = $"Prometheus {Guid.NewGuid():N}", kind = "Alertmanager" })),
        new("GET", "/api/v1/alert-sources/{id:guid}", Need.Administer, async context =>
            Call($"/api/v1/alert-sources/{await context.AlertSourceAsync()}")),
        new("PATCH", "/api/v1/alert-sources/{id:guid}", Need.Administer, async context =>
            Call($"/api/v1/alert-sources/{await context.AlertSourceAsync()}", new { enabled = false })),
        new("POST", "/api/v1/alert-sources/{id:guid}/secret", Need.Administer, async context =>
            Call($"/api/v1/alert-sources/{await context.AlertSourceAsync()}/secret")),
        new("GET", "/api/v1/insights", Need.Read, _ => Ready("/api/v1/insights")),
        new("GET", "/api/v1/insights/by-month.csv", Need.Read, _ => Ready("/api/v1/insights/by-month.csv")),
        new("GET", "/api/v1/insights/by-severity.csv", Need.Read, _ => Ready("/api/v1/insights/by-severity.csv")),
        new("GET", "/api/v1/insights/by-source.csv", Need.Read, _ => Ready("/api/v1/insights/by-source.csv")),
        new("GET", "/api/v1/insights/by-service.csv", Need.Read, _ => Ready("/api/v1/insights/by-service.csv")),
        new("GET", "/api/v1/insights/by-root-cause.csv", Need.Read, _ => Ready("/api/v1/insights/by-root-cause.csv")),
        new("GET", "/api/v1/insights/corrective-actions.csv", Need.Read, _ => Ready("/api/v1/insights/corrective-actions.csv")),
        new("GET", "/api/v1/insights/response-times.csv", Need.Read, _ => Ready("/api/v1/insights/response-times.csv")),
        new("GET", "/api/v1/insights/recurrence.csv", Need.Read, _ => Ready("/api/v1/insights/recurrence.csv")),
        new("GET", "/api/v1/webhooks", Need.Administer, _ => Ready("/api/v1/webhooks")),
        new("POST", "/api/v1/webhooks", Need.Administer, _ => Ready("/api/v1/webhooks", new
        {
            name = $"Chat {Guid.NewGuid():N}", url = "https://hooks.example.com/x", eventTypes = new[] { "incident.declared" },
        })),
        new("GET", "/api/v1/webhooks/{id:guid}", Need.Administer, async context =>
            Call($"/api/v1/webhooks/{await context.WebhookAsync()}")),
        new("PATCH", "/api/v1/webhooks/{id:guid}", Need.Administer, async context =>
            Call($"/api/v1/webhooks/{await context.WebhookAsync()}", new { enabled = false })),
        new("DELETE", "/api/v1/webhooks/{id:guid}", Need.Administer, async context =>
            Call($"/api/v1/webhooks/{await context.WebhookAsync()}")),
        new("POST", "/api/v1/webhooks/{id:guid}/secret", Need.Administer, async context =>
            Call($"/api/v1/webhooks/{await context.WebhookAsync()}/secret")),
        new("POST", "/api/v1/webhooks/{id:guid}/ping", Need.Administer, async context =>
            Call($"/api/v1/webhooks/{await context.WebhookAsync()}/ping")),
        new("GET", "/api/v1/webhooks/{id:guid}/deliveries", Need.Administer, async context =>
            Call($"/api/v1/webhooks/{await context.WebhookAsync()}/deliveries")),
        new("GET", "/api/v1/webhooks/{id:guid}/deliveries/{deliveryId:guid}", Need.Administer, async context =>
            Call(await context.WebhookDeliveryAsync())),
        new("POST", "/api/v1/webhooks/{id:guid}/deliveries/{deliveryId:guid}/replay", Need.Administer, async context =>
            Call(await context.WebhookDeliveryAsync() + "/replay")),
    ];

    public static TheoryData<string> CaseNames => [.. Cases.Select(candidate => candidate.Name)];

    [Fact]
    public void The_table_has_a_row_for_every_api_endpoint_and_no_row_for_a_missing_one()
    {
        var api = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint =>
                endpoint.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal) == true)
            .ToList();

        // Alert ingestion takes its source's secret, not a token (IngestionBadInputTests); it is the only exception.
        var anonymous = api.Where(endpoint => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(endpoint => endpoint.RoutePattern.RawText!.Trim('/'));
        Assert.Equal(["api/v1/ingest/{sourceId:guid}"], anonymous);
        var endpoints = api.Where(endpoint => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} /{endpoint.RoutePattern.RawText!.Trim('/')}"))
            .ToHashSet(StringComparer.Ordinal);
        var rows = Cases.Select(row => $"{row.Method} {row.Route}").ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(endpoints);
        Assert.True(endpoints.SetEquals(rows),
            $"Endpoints without a row: {string.Join(", ", endpoints.Except(rows).Order())}. "
            + $"Rows without an endpoint: {string.Join(", ", rows.Except(endpoints).Order())}.");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public Task Each_caller_gets_what_its_role_and_scopes_allow(string name) => CheckAsync(name);

    private async Task CheckAsync(string name)
    {
        var row = Cases.Single(candidate => candidate.Name == name);
        var callers = await CreateCallersAsync();
        var failures = new List<string>();

        // Anonymous and a wrong token: 401 with a challenge, as problem details.
        foreach (var (who, token) in
            new[] { ("anonymous", (string?)null), ("an unknown token", "ihub_" + new string('x', 43)) })
        {
            var call = await row.Prepare(new CaseContext(App, Client, Admin.Id, callers[AdminCaller]));
            using var response = await SendAsync(row.Method, call, token);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Unauthorized
                || !response.Headers.WwwAuthenticate.Any(challenge => challenge.Scheme == "Bearer")
                || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{who}: expected 401 problem+json with WWW-Authenticate: Bearer, "
                    + $"got {(int)response.StatusCode} "
                    + $"[{response.Headers.WwwAuthenticate}] {response.Content.Headers.ContentType}: {body}");
            }
        }

        foreach (var caller in callers.Values)
        {
            var allowed = Allowed[row.Need].Contains(caller.Name);
            var call = await row.Prepare(new CaseContext(App, Client, Admin.Id, caller));
            using var response = await SendAsync(row.Method, call, caller.Token);
            var body = await response.Content.ReadAsStringAsync();
            if (allowed && !response.IsSuccessStatusCode)
            {
                failures.Add($"{caller.Name}: expected 2xx, got {(int)response.StatusCode}: {body}");
            }
            else if (!allowed
                && (response.StatusCode != HttpStatusCode.Forbidden
                    || response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
            {
                failures.Add(
                    $"{caller.Name}: expected 403 problem+json, got {(int)response.StatusCode} "
                    + $"{response.Content.Headers.ContentType}: {body}");
            }
        }

        Assert.True(failures.Count == 0, $"{name}:\n{string.Join("\n", failures)}");
    }

    private async Task<Dictionary<string, Caller>> CreateCallersAsync()
    {
        string[] readWrite = [Scopes.IncidentsRead, Scopes.IncidentsWrite];
        var viewer = await App.CreateAccountAsync(AccountRole.Viewer);
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        var manager = await App.CreateAccountAsync(AccountRole.IncidentManager);
        Caller[] callers =
        [
            new(ViewerCaller, viewer.Token, viewer.Id, readWrite),
            new(ResponderCaller, responder.Token, responder.Id, readWrite),
            new(IncidentManagerCaller, manager.Token, manager.Id, readWrite),
            new(AdminCaller, Admin.Token, Admin.Id, [.. Scopes.All]),
            new(ReadScopeCaller, (await App.CreateTokenAsync(Admin.Id, "read only", [Scopes.IncidentsRead])).Token, Admin.Id, [Scopes.IncidentsRead]),
            new(WriteScopeCaller, (await App.CreateTokenAsync(Admin.Id, "write only", [Scopes.IncidentsWrite])).Token, Admin.Id, [Scopes.IncidentsWrite]),
            new(AdminScopeCaller, (await App.CreateTokenAsync(Admin.Id, "admin only", [Scopes.Admin])).Token, Admin.Id, [Scopes.Admin]),
        ];
        return callers.ToDictionary(caller => caller.Name);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, PreparedCall call, string? token)
    {
        using var client = App.CreateClient(token);
        using var request = ApiCalls.Request(new HttpMethod(method), call.Url, call.Body, token);
        return await client.SendAsync(request);
    }

    private static PreparedCall Call(string url, object? body = null) => new(url, body);

    private static Task<PreparedCall> Ready(string url, object? body = null) => Task.FromResult(Call(url, body));

    private sealed record PreparedCall(string Url, object? Body);

    private sealed record Caller(string Name, string Token, Guid AccountId, string[] Scopes);

    /// <summary>
    /// The setup of one call: the admin's client makes the data the call needs, fresh for every caller.
    /// </summary>
    private sealed record CaseContext(AppFixture App, HttpClient Admin, Guid AdminId, Caller Caller)
    {
        public async Task<Guid> CorrectiveActionAsync()
        {
            var number = await Admin.DeclareNumberAsync();
            return (await Admin.PostOkAsync(
                $"/api/v1/incidents/{number}/corrective-actions", new { title = "Alert on 502s", kind = "Detection" }))
                .GetProperty("id").GetGuid();
        }

        /// <summary>A firing alert on a fresh incident, stored as ingestion stores it.</summary>
        public async Task<Guid> AlertAsync()
        {
            var number = await Admin.DeclareNumberAsync();
            var source = await App.AddSourceAsync($"Prometheus {Guid.NewGuid():N}");
            return await App.FireAsync(source, number, "High latency");
        }

        public async Task<Guid> AlertSourceAsync() =>
            (await Admin.PostOkAsync("/api/v1/alert-sources", new { name = $"Grafana {Guid.NewGuid():N}", kind = "Alertmanager" }))
                .GetProperty("source").GetProperty("id").GetGuid();

        public async Task<Guid> WebhookAsync() =>
            (await Admin.PostOkAsync("/api/v1/webhooks", new
            {
                name = $"Chat {Guid.NewGuid():N}",
                url = "https://hooks.example.com/x",
                eventTypes = new[] { "incident.declared" },
            })).GetProperty("endpoint").GetProperty("id").GetGuid();

        /// <summary>The address of a delivery: a ping's, to an endpoint made for it.</summary>
        public async Task<string> WebhookDeliveryAsync()
        {
            var endpoint = await WebhookAsync();
            var delivery = await Admin.PostOkAsync($"/api/v1/webhooks/{endpoint}/ping", new { });
            return $"/api/v1/webhooks/{endpoint}/deliveries/{delivery.GetProperty("id").GetGuid()}";
        }

        public async Task<string> ServiceAsync() =>
            (await Admin.PostOkAsync("/api/v1/services", new { slug = $"indexer-{Guid.NewGuid():N}", name = "Indexer" }))
                .GetProperty("slug").GetString()!;

        /// <summary>A service account with the Admin role, so that a token with any scope may be made for it.</summary>
        public async Task<Guid> ServiceAccountAsync() =>
            (await Admin.PostOkAsync("/api/v1/accounts", new
            {
                email = $"grafana-{Guid.NewGuid():N}@example.com",
                displayName = "Grafana",
                role = "Admin",
                serviceAccount = true,
            })).GetProperty("id").GetGuid();
    }

    private sealed record Case(
        string Method, string Route, Need Need, Func<CaseContext, Task<PreparedCall>> Prepare, string? Variant = null)
    {
        public string Name => Variant is null ? $"{Method} {Route}" : $"{Method} {Route} ({Variant})";
    }
}
