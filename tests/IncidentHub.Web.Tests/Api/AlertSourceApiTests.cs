using System.Net;
using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Security;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Api;

/// <summary>Alert sources through the API: made and changed by admins, their secret shown once and kept hashed.</summary>
public sealed class AlertSourceApiTests(AppFixture app) : AppTest(app)
{
    private const string Sources = "/api/v1/alert-sources";

    [Fact]
    public async Task A_new_source_answers_its_secret_once_and_only_its_hash_is_stored()
    {
        var created = await Client.PostOkAsync(Sources, new { name = "Prometheus production", kind = "Alertmanager" });
        var secret = created.GetProperty("secret").GetString()!;
        var source = created.GetProperty("source");
        var id = source.Id();

        Assert.StartsWith(Secrets.AlertSourcePrefix, secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= Secrets.AlertSourcePrefix.Length + 43, "256 random bits");
        Assert.Equal(secret[..(Secrets.AlertSourcePrefix.Length + 4)], source.Text("secretPrefix"));
        Assert.Equal($"/api/v1/ingest/{id}", source.Text("ingestPath"));
        Assert.Equal(App.Clock.GetUtcNow(), source.Time("secretCreatedAt"));

        var key = secret[Secrets.AlertSourcePrefix.Length..];
        foreach (var url in new[] { Sources, $"{Sources}/{id}" })
        {
            using var read = await Client.GetAsync(new Uri(url, UriKind.Relative));
            var text = await read.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
            Assert.DoesNotContain("secretHash", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Secrets.Hash(secret), text, StringComparison.OrdinalIgnoreCase);
        }

        await using var db = App.Factory.CreateDbContext();
        var stored = await db.AlertSources.SingleAsync(candidate => candidate.Id == id);
        Assert.Equal(Secrets.Hash(secret), stored.SecretHash);
        Assert.Empty(await App.FindInDatabaseAsync(key));
    }

    [Fact]
    public async Task Settings_left_out_take_their_defaults()
    {
        var source = (await Client.PostOkAsync(Sources, new { name = "Nightly checks", kind = "Generic" }))
            .GetProperty("source");

        Assert.Equal("Generic", source.Text("kind"));
        Assert.Null(source.Text("defaultService"));
        Assert.Equal(["severity", "priority"], Strings(source, "severityLabels"));
        Assert.Equal("service", source.Text("serviceLabel"));
        Assert.Equal(["service", "alertname"], Strings(source, "groupByLabels"));
        Assert.False(source.GetProperty("declareImmediately").GetBoolean());
        Assert.False(source.GetProperty("mitigateWhenResolved").GetBoolean());
        Assert.Equal(10, source.GetProperty("maxNewIncidentsPerMinute").GetInt32());
        Assert.True(source.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, source.GetProperty("openAlerts").GetInt32());
        Assert.Null(source.Time("lastAlertAt"));
    }

    [Fact]
    public async Task A_default_service_is_kept_as_its_slug_and_joins_the_catalogue()
    {
        var source = (await Client.PostOkAsync(
            Sources, new { name = "Grafana", kind = "Alertmanager", defaultService = "Payments API" }))
            .GetProperty("source");

        Assert.Equal("payments-api", source.Text("defaultService"));
        await using var db = App.Factory.CreateDbContext();
        var service = await db.Services.SingleAsync(candidate => candidate.Slug == "payments-api");
        Assert.Equal("Payments API", service.Name);
    }

    [Theory]
    [InlineData("name", "{\"kind\":\"Alertmanager\"}")]
    [InlineData("name", "{\"name\":\"   \",\"kind\":\"Alertmanager\"}")]
    [InlineData("name", "{\"name\":\"<101>\",\"kind\":\"Alertmanager\"}")]
    [InlineData("kind", "{\"name\":\"Prometheus\"}")]
    [InlineData("kind", "{\"name\":\"Prometheus\",\"kind\":\"Nagios\"}")]
    [InlineData("defaultService", "{\"name\":\"Prometheus\",\"kind\":\"Alertmanager\",\"defaultService\":\"!!!\"}")]
    [InlineData("severityLabels", "{\"name\":\"Prometheus\",\"kind\":\"Alertmanager\",\"severityLabels\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}")]
    [InlineData("severityLabels[1]", "{\"name\":\"Prometheus\",\"kind\":\"Alertmanager\",\"severityLabels\":[\"severity\",\" \"]}")]
    [InlineData("groupByLabels[0]", "{\"name\":\"Prometheus\",\"kind\":\"Alertmanager\",\"groupByLabels\":[\"<101>\"]}")]
    [InlineData("serviceLabel", "{\"name\":\"Prometheus\",\"kind\":\"Alertmanager\",\"serviceLabel\":\"<101>\"}")]
    [InlineData("maxNewIncidentsPerMinute", "{\"name\":\"Prometheus\",\"kind\":\"Alertmanager\",\"maxNewIncidentsPerMinute\":0}")]
    [InlineData("maxNewIncidentsPerMinute", "{\"name\":\"Prometheus\",\"kind\":\"Alertmanager\",\"maxNewIncidentsPerMinute\":1001}")]
    public async Task An_invalid_setting_is_a_400_naming_its_field_and_makes_nothing(string field, string body)
    {
        using var response = await PostRawAsync(Sources, body.Replace("<101>", new string('x', 101), StringComparison.Ordinal));

        await response.InvalidAsync(field);
        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.AlertSources.AnyAsync());
    }

    [Fact]
    public async Task A_name_already_taken_in_any_case_is_a_409()
    {
        await Client.PostOkAsync(Sources, new { name = "Prometheus", kind = "Alertmanager" });

        using var again = await Client.SendJsonAsync(HttpMethod.Post, Sources, new { name = "prometheus ", kind = "Generic" });

        await again.RefusedAsync("AlertSourceNameTaken");
        await using var db = App.Factory.CreateDbContext();
        Assert.Equal(1, await db.AlertSources.CountAsync());
    }

    [Fact]
    public async Task Renaming_to_a_taken_name_is_a_409_but_keeping_ones_own_name_is_not()
    {
        await Client.PostOkAsync(Sources, new { name = "Prometheus", kind = "Alertmanager" });
        var id = (await Client.PostOkAsync(Sources, new { name = "Grafana", kind = "Alertmanager" }))
            .GetProperty("source").Id();

        using var taken = await Client.SendJsonAsync(HttpMethod.Patch, $"{Sources}/{id}", new { name = "PROMETHEUS" });
        await taken.RefusedAsync("AlertSourceNameTaken");

        var same = await Client.SendOkAsync(HttpMethod.Patch, $"{Sources}/{id}", new { name = "GRAFANA" });
        Assert.Equal("GRAFANA", same.Text("name"));
    }

    [Theory]
    [InlineData(AccountRole.Viewer)]
    [InlineData(AccountRole.Responder)]
    [InlineData(AccountRole.IncidentManager)]
    public async Task Only_admins_manage_sources(AccountRole role)
    {
        var id = (await Client.PostOkAsync(Sources, new { name = "Prometheus", kind = "Alertmanager" }))
            .GetProperty("source").Id();
        var account = await App.CreateAccountAsync(role);
        using var client = App.CreateClient(account.Token);

        (HttpMethod Method, string Url, object? Body)[] calls =
        [
            (HttpMethod.Get, Sources, null),
            (HttpMethod.Post, Sources, new { name = "Mine", kind = "Generic" }),
            (HttpMethod.Get, $"{Sources}/{id}", null),
            (HttpMethod.Patch, $"{Sources}/{id}", new { enabled = false }),
            (HttpMethod.Post, $"{Sources}/{id}/secret", null),
        ];
        foreach (var (method, url, body) in calls)
        {
            using var response = await client.SendJsonAsync(method, url, body);
            await response.ProblemAsync(HttpStatusCode.Forbidden);
        }

        await using var db = App.Factory.CreateDbContext();
        var stored = await db.AlertSources.SingleAsync();
        Assert.True(stored.Enabled);
        Assert.Equal(AppFixture.Start, stored.SecretCreatedAt);
    }

    [Fact]
    public async Task Rotating_answers_a_new_secret_with_a_new_prefix_and_the_old_hash_is_gone()
    {
        var created = await Client.PostOkAsync(Sources, new { name = "Prometheus", kind = "Alertmanager" });
        var id = created.GetProperty("source").Id();
        var old = created.GetProperty("secret").GetString()!;
        App.Clock.Advance(TimeSpan.FromMinutes(5));

        var rotated = await Client.SendOkAsync(HttpMethod.Post, $"{Sources}/{id}/secret");
        var secret = rotated.GetProperty("secret").GetString()!;

        Assert.NotEqual(old, secret);
        Assert.StartsWith(Secrets.AlertSourcePrefix, secret, StringComparison.Ordinal);
        Assert.Equal(secret[..(Secrets.AlertSourcePrefix.Length + 4)], rotated.GetProperty("source").Text("secretPrefix"));
        Assert.Equal(App.Clock.GetUtcNow(), rotated.GetProperty("source").Time("secretCreatedAt"));
        await using var db = App.Factory.CreateDbContext();
        var stored = await db.AlertSources.SingleAsync(candidate => candidate.Id == id);
        Assert.Equal(Secrets.Hash(secret), stored.SecretHash);
        Assert.NotEqual(Secrets.Hash(old), stored.SecretHash);
    }

    [Fact]
    public async Task Rotating_with_a_repeated_idempotency_key_never_replays_a_secret()
    {
        var id = (await Client.PostOkAsync(Sources, new { name = "Prometheus", kind = "Alertmanager" }))
            .GetProperty("source").Id();

        var secrets = new List<string>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{Sources}/{id}/secret");
            request.Headers.Add("Idempotency-Key", "rotate-prometheus");
            using var response = await Client.SendAsync(request);
            secrets.Add((await response.ReadAsync()).GetProperty("secret").GetString()!);
        }

        Assert.NotEqual(secrets[0], secrets[1]);
        Assert.Empty(await App.FindInDatabaseAsync(secrets[0][Secrets.AlertSourcePrefix.Length..]));
    }

    [Fact]
    public async Task Rotating_an_unknown_source_is_a_404()
    {
        using var response = await Client.PostAsync(new Uri($"{Sources}/{Guid.NewGuid()}/secret", UriKind.Relative), null);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_partial_update_changes_what_it_names_and_keeps_the_rest()
    {
        var id = (await Client.PostOkAsync(Sources, new
        {
            name = "Prometheus",
            kind = "Alertmanager",
            defaultService = "checkout",
            severityLabels = new[] { "urgency" },
            serviceLabel = "app",
            groupByLabels = new[] { "cluster" },
            declareImmediately = true,
            maxNewIncidentsPerMinute = 50,
        })).GetProperty("source").Id();

        var changed = await Client.SendOkAsync(
            HttpMethod.Patch, $"{Sources}/{id}", new { mitigateWhenResolved = true, maxNewIncidentsPerMinute = 1000 });

        Assert.True(changed.GetProperty("mitigateWhenResolved").GetBoolean());
        Assert.Equal(1000, changed.GetProperty("maxNewIncidentsPerMinute").GetInt32());
        Assert.Equal("Prometheus", changed.Text("name"));
        Assert.Equal("Alertmanager", changed.Text("kind"));
        Assert.Equal("checkout", changed.Text("defaultService"));
        Assert.Equal(["urgency"], Strings(changed, "severityLabels"));
        Assert.Equal("app", changed.Text("serviceLabel"));
        Assert.Equal(["cluster"], Strings(changed, "groupByLabels"));
        Assert.True(changed.GetProperty("declareImmediately").GetBoolean());
        Assert.True(changed.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Null_puts_back_the_default_labels_and_clears_the_default_service()
    {
        var id = (await Client.PostOkAsync(Sources, new
        {
            name = "Prometheus",
            kind = "Alertmanager",
            defaultService = "checkout",
            severityLabels = new[] { "urgency" },
            groupByLabels = new[] { "cluster" },
        })).GetProperty("source").Id();

        var changed = await Client.SendOkAsync(
            HttpMethod.Patch, $"{Sources}/{id}", new { defaultService = (string?)null, severityLabels = (string[]?)null, groupByLabels = Array.Empty<string>() });

        Assert.Null(changed.Text("defaultService"));
        Assert.Equal(["severity", "priority"], Strings(changed, "severityLabels"));
        Assert.Equal(["service", "alertname"], Strings(changed, "groupByLabels"));
    }

    [Fact]
    public async Task Disabling_is_enabled_false_and_keeps_the_secret()
    {
        var created = await Client.PostOkAsync(Sources, new { name = "Prometheus", kind = "Alertmanager" });
        var id = created.GetProperty("source").Id();

        var disabled = await Client.SendOkAsync(HttpMethod.Patch, $"{Sources}/{id}", new { enabled = false });

        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.False((await Client.GetOkAsync($"{Sources}/{id}")).GetProperty("enabled").GetBoolean());
        await using var db = App.Factory.CreateDbContext();
        var stored = await db.AlertSources.SingleAsync(candidate => candidate.Id == id);
        Assert.False(stored.Enabled);
        Assert.Equal(Secrets.Hash(created.GetProperty("secret").GetString()!), stored.SecretHash);
    }

    [Fact]
    public async Task An_invalid_change_is_a_400_naming_its_field_and_changes_nothing()
    {
        var id = (await Client.PostOkAsync(Sources, new { name = "Prometheus", kind = "Alertmanager" }))
            .GetProperty("source").Id();

        using var response = await Client.SendJsonAsync(
            HttpMethod.Patch, $"{Sources}/{id}", new { enabled = false, maxNewIncidentsPerMinute = 0 });

        await response.InvalidAsync("maxNewIncidentsPerMinute");
        Assert.True((await Client.GetOkAsync($"{Sources}/{id}")).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task A_change_with_a_stale_etag_is_a_412()
    {
        var id = (await Client.PostOkAsync(Sources, new { name = "Prometheus", kind = "Alertmanager" }))
            .GetProperty("source").Id();
        using var read = await Client.GetAsync(new Uri($"{Sources}/{id}", UriKind.Relative));
        var etag = read.Headers.ETag!.ToString();
        await Client.SendOkAsync(HttpMethod.Patch, $"{Sources}/{id}", new { declareImmediately = true });

        using var stale = await Client.SendJsonAsync(HttpMethod.Patch, $"{Sources}/{id}", new { enabled = false }, etag);

        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task The_list_names_every_source_by_name_with_its_open_alerts()
    {
        await Client.PostOkAsync(Sources, new { name = "Zabbix", kind = "Generic" });
        await Client.PostOkAsync(Sources, new { name = "Alertmanager EU", kind = "Alertmanager" });

        var (items, next) = await Client.GetPageAsync(Sources);

        Assert.Null(next);
        Assert.Equal(["Alertmanager EU", "Zabbix"], items.Select(item => item.Text("name")));
        Assert.All(items, item => Assert.Equal(0, item.GetProperty("openAlerts").GetInt32()));
    }

    private static string[] Strings(JsonElement item, string name) =>
        [.. item.GetProperty(name).EnumerateArray().Select(value => value.GetString()!)];

    private async Task<HttpResponseMessage> PostRawAsync(string url, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await Client.PostAsync(new Uri(url, UriKind.Relative), content);
    }
}
