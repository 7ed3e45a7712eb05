using System.Net;
using System.Net.Http.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Webhooks;

/// <summary>Registering and managing endpoints through the API, including what it refuses and why.</summary>
public sealed class WebhookApiTests(AppFixture app) : AppTest(app)
{
    private const string Webhooks = WebhookSupport.Webhooks;

    [Fact]
    public async Task The_secret_is_in_the_creation_answer_only_and_reads_show_its_prefix()
    {
        var created = await (await Client.PostAsJsonAsync(Webhooks, new
        {
            name = "#incidents on Slack",
            url = "https://hooks.slack.com/services/T000/B000/XXXX",
            eventTypes = new[] { "incident.declared", "incident.resolved" },
            format = "Slack",
        })).ReadAsync(HttpStatusCode.Created);
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        var endpoint = created.GetProperty("endpoint");
        Assert.Equal(secret[..10], endpoint.Text("secretPrefix"));

        var read = await Client.GetAsync($"{Webhooks}/{endpoint.Id()}");
        var body = await read.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], body, StringComparison.Ordinal);
        Assert.NotNull(read.Headers.ETag);
        var list = await (await Client.GetAsync(Webhooks)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.Contains("\"format\":\"Slack\"", list, StringComparison.Ordinal);

        var rotated = await (await Client.PostAsync($"{Webhooks}/{endpoint.Id()}/secret", null)).ReadAsync();
        Assert.NotEqual(secret, rotated.GetProperty("secret").GetString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000/hook", "loopback")]
    [InlineData("http://10.1.2.3/hook", "private")]
    [InlineData("http://192.168.0.10/hook", "private")]
    [InlineData("http://172.20.0.1/hook", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://100.64.0.1/hook", "shared")]
    [InlineData("http://[::1]/hook", "loopback")]
    [InlineData("http://[fd00:ec2::254]/hook", "private")]
    [InlineData("http://[::ffff:10.0.0.1]/hook", "private")]
    [InlineData("http://0.0.0.0/hook", "unspecified")]
    [InlineData("ftp://example.com/hook", "https://")]
    [InlineData("hooks.example.com/hook", "https://")]
    [InlineData("https://user:password@example.com/hook", "user name")]
    public async Task An_address_webhooks_may_not_reach_is_refused_with_the_reason_under_url(string url, string reason)
    {
        // The tests allow 127.0.0.1/32 only, for their receivers: 127.0.0.1 itself passes, the rest of loopback not.
        var isAllowedLoopback = url.Contains("127.0.0.1", StringComparison.Ordinal);
        var response = await Client.PostAsJsonAsync(Webhooks, new
        {
            name = "Hook",
            url = isAllowedLoopback ? url.Replace("127.0.0.1", "127.0.0.9", StringComparison.Ordinal) : url,
            eventTypes = new[] { "incident.declared" },
        });

        var messages = await response.InvalidAsync("url");
        Assert.Contains(reason, string.Join(" ", messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_is_refused_where_https_is_required()
    {
        await using var strict = new IncidentHubFactory(
            App.ConnectionString, App.Clock, ("IncidentHub:Webhooks:RequireHttps", "true"));
        using var client = strict.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new("Bearer", Admin.Token);

        var response = await client.PostAsJsonAsync(Webhooks, new
        {
            name = "Hook",
            url = "http://hooks.example.com/x",
            eventTypes = new[] { "incident.declared" },
        });

        Assert.Contains("https://", (await response.InvalidAsync("url"))[0], StringComparison.Ordinal);
        var secure = await client.PostAsJsonAsync(Webhooks, new
        {
            name = "Hook",
            url = "https://hooks.example.com/x",
            eventTypes = new[] { "incident.declared" },
        });
        Assert.Equal(HttpStatusCode.Created, secure.StatusCode);
    }

    [Fact]
    public async Task Unknown_event_types_an_empty_list_a_missing_name_and_an_unknown_format_are_refused_per_field()
    {
        var response = await Client.PostAsJsonAsync(Webhooks, new
        {
            name = "",
            url = "https://hooks.example.com/x",
            eventTypes = new[] { "incident.declared", "incident.exploded" },
        });
        Assert.NotEmpty(await response.InvalidAsync("name"));
        Assert.Contains("incident.resolved", (await response.InvalidAsync("eventTypes[1]"))[0], StringComparison.Ordinal);

        var none = await Client.PostAsJsonAsync(Webhooks, new { name = "Hook", url = "https://x.example.com", eventTypes = Array.Empty<string>() });
        Assert.NotEmpty(await none.InvalidAsync("eventTypes"));

        var format = await Client.SendJsonAsync(HttpMethod.Post, Webhooks, new
        {
            name = "Hook",
            url = "https://x.example.com",
            eventTypes = new[] { "ping" },
            format = "Teams",
        });
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Equal("application/problem+json", format.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_name_taken_in_any_case_is_a_conflict()
    {
        await Create("Ops chat");
        var again = await Client.PostAsJsonAsync(Webhooks, new
        {
            name = "OPS CHAT",
            url = "https://hooks.example.com/y",
            eventTypes = new[] { "incident.declared" },
        });
        await again.RefusedAsync("WebhookNameTaken");
    }

    [Fact]
    public async Task An_admin_disables_renames_and_enables_with_If_Match_and_a_stale_ETag_is_refused()
    {
        var id = await Create("Ops chat");
        var read = await Client.GetAsync($"{Webhooks}/{id}");
        var etag = read.Headers.ETag!.ToString();

        var disabled = await (await Client.SendJsonAsync(
            HttpMethod.Patch, $"{Webhooks}/{id}", new { enabled = false, name = "Ops room" }, etag)).ReadAsync();
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Equal("Ops room", disabled.Text("name"));
        Assert.Null(disabled.Text("disabledReason"));

        var stale = await Client.SendJsonAsync(HttpMethod.Patch, $"{Webhooks}/{id}", new { enabled = true }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var enabled = await (await Client.SendJsonAsync(
            HttpMethod.Patch, $"{Webhooks}/{id}", new { enabled = true, eventTypes = new[] { "alert.received" } })).ReadAsync();
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        Assert.Equal(["alert.received"], enabled.GetProperty("eventTypes").EnumerateArray().Select(type => type.GetString()));
    }

    [Fact]
    public async Task A_deleted_endpoint_is_gone_with_its_deliveries_and_unknown_ones_are_404()
    {
        var id = await Create("Ops chat");
        (await Client.PostAsync($"{Webhooks}/{id}/ping", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Webhooks}/{id}")).StatusCode);

        await (await Client.GetAsync($"{Webhooks}/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"{Webhooks}/{id}/deliveries")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Client.PostAsync($"{Webhooks}/{id}/deliveries/{Guid.NewGuid()}/replay", null)).ProblemAsync(HttpStatusCode.NotFound);
        await using var db = App.Factory.CreateDbContext();
        Assert.Empty(db.WebhookDeliveries);
    }

    [Fact]
    public async Task The_delivery_list_filters_by_state_and_refuses_an_unknown_one()
    {
        var id = await Create("Ops chat");
        (await Client.PostAsync($"{Webhooks}/{id}/ping", null)).EnsureSuccessStatusCode();

        var bad = await Client.GetAsync($"{Webhooks}/{id}/deliveries?state=Lost");
        Assert.Contains("Pending", (await bad.InvalidAsync("state"))[0], StringComparison.Ordinal);
        var badCursor = await Client.GetAsync($"{Webhooks}/{id}/deliveries?cursor=nonsense");
        Assert.NotEmpty(await badCursor.InvalidAsync("cursor"));

        var delivered = await (await Client.GetAsync($"{Webhooks}/{id}/deliveries?state=Delivered")).ReadAsync();
        Assert.Empty(delivered.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Only_admins_manage_webhooks()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var client = App.CreateClient(responder.Token);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Webhooks)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync(Webhooks, new
        {
            name = "Mine",
            url = "https://hooks.example.com/x",
            eventTypes = new[] { "incident.declared" },
        })).StatusCode);
    }

    private async Task<Guid> Create(string name) =>
        (await (await Client.PostAsJsonAsync(Webhooks, new
        {
            name,
            url = "https://hooks.example.com/x",
            eventTypes = new[] { "incident.declared" },
        })).ReadAsync(HttpStatusCode.Created)).GetProperty("endpoint").Id();
}
