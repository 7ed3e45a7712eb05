using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using IncidentHub.Domain;
using IncidentHub.Testing;
using IncidentHub.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IncidentHub.Web.Tests.Api;

/// <summary>
/// The public status page as strangers read it: anonymous, in the formats status-page readers consume, and showing
/// nothing but external updates and the services marked public.
/// </summary>
public sealed class StatusPageTests(AppFixture app) : AppTest(app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly string[] PublicUrls = ["/status", "/status/summary.json", "/status/history.atom"];

    [Fact]
    public async Task With_nothing_wrong_the_page_says_so_in_every_format()
    {
        await AddServiceAsync("checkout", "Checkout", shown: true);
        using var anonymous = App.CreateClient();

        using var page = await anonymous.GetAsync(new Uri("/status", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=10", page.Headers.CacheControl?.ToString());
        Assert.Contains("All systems operational", html, StringComparison.Ordinal);
        Assert.Contains("Checkout", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        var summary = await SummaryAsync(anonymous);
        Assert.Equal("none", summary.GetProperty("status").GetProperty("indicator").GetString());
        var component = Assert.Single(summary.GetProperty("components").EnumerateArray());
        Assert.Equal(("Checkout", "operational"), (component.Text("name"), component.Text("status")));
        Assert.Empty(summary.GetProperty("incidents").EnumerateArray());

        var feed = await FeedAsync(anonymous);
        Assert.Equal("feed", feed.Root!.Name.LocalName);
        Assert.Empty(feed.Root.Elements(Atom + "entry"));
    }

    [Fact]
    public async Task An_external_update_shows_with_its_status_and_impact_and_the_worst_impact_wins()
    {
        await AddServiceAsync("checkout", "Checkout", shown: true);
        await AddServiceAsync("payments-api", "Payments API", shown: true);
        using var anonymous = App.CreateClient();
        await SummaryAsync(anonymous);
        var first = await DeclareAsync("S2", "checkout", "payments-api");
        var second = await DeclareAsync("S3", "checkout");

        await PostExternalAsync(first, "Card payments fail.", "Identified", ("payments-api", "MajorOutage"), ("checkout", "DegradedPerformance"));
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await PostExternalAsync(second, "Checkout is slow.", "Investigating", ("checkout", "PartialOutage"));

        var summary = await UntilAsync(anonymous, json => json.GetProperty("incidents").GetArrayLength() == 2);
        Assert.Equal("critical", summary.GetProperty("status").GetProperty("indicator").GetString());
        Assert.Equal(
            [("Checkout", "partial_outage"), ("Payments API", "major_outage")],
            summary.GetProperty("components").EnumerateArray().Select(component => (component.Text("name"), component.Text("status"))));
        var payments = summary.GetProperty("incidents").EnumerateArray()
            .Single(incident => incident.Text("name") == "Major outage: Checkout, Payments API");
        Assert.Equal(("identified", "critical"), (payments.Text("status"), payments.Text("impact")));
        var update = Assert.Single(payments.GetProperty("incident_updates").EnumerateArray());
        Assert.Equal(("identified", "Card payments fail."), (update.Text("status"), update.Text("body")));

        var html = await (await anonymous.GetAsync(new Uri("/status", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Major System Outage", html, StringComparison.Ordinal);
        Assert.Contains("Card payments fail.", html, StringComparison.Ordinal);
        var entries = (await FeedAsync(anonymous)).Root!.Elements(Atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal("Checkout is slow.", entries[0].Element(Atom + "content")!.Value.Split('\n')[0]);
    }

    [Fact]
    public async Task A_dismissed_incident_moves_to_the_history_as_resolved()
    {
        await AddServiceAsync("checkout", "Checkout", shown: true);
        using var anonymous = App.CreateClient();
        var number = await DeclareAsync("S3", "checkout");
        await PostExternalAsync(number, "Checkout may be slow.", "Investigating", ("checkout", "DegradedPerformance"));
        await UntilAsync(anonymous, json => json.GetProperty("incidents").GetArrayLength() == 1);

        await Client.PostOkAsync($"/api/v1/incidents/{number}/phase", new { target = "Dismissed", reason = "A false alarm." });

        var summary = await UntilAsync(anonymous, json => json.GetProperty("incidents").GetArrayLength() == 0);
        Assert.Equal("operational", summary.GetProperty("components")[0].Text("status"));
        var html = await (await anonymous.GetAsync(new Uri("/status", UriKind.Relative))).Content.ReadAsStringAsync();
        var history = html[html.IndexOf("Past incidents", StringComparison.Ordinal)..];
        Assert.Contains("Checkout may be slow.", history, StringComparison.Ordinal);
        Assert.Contains("<strong>Resolved</strong>", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_internal_ever_reaches_a_public_url()
    {
        await AddServiceAsync("payroll", "Payroll", shown: true);
        await AddServiceAsync("ledger-db", "Ledger database", shown: false);
        using var anonymous = App.CreateClient();
        var number = (await Client.DeclareAsync(new
        {
            title = "Payroll export leaks salaries",
            summary = "Internal summary: bucket acl-7731 is world readable",
            severity = "S1",
            source = "SecurityReport",
            services = new[] { "payroll", "ledger-db" },
        })).Number();
        await Client.AssignAsync(number, IncidentRole.EngineerOnCall, Admin.Id);
        await Client.PostOkAsync($"/api/v1/incidents/{number}/timeline", new { text = "Root password is hunter2-internal" });
        await Client.PostOkAsync(
            $"/api/v1/incidents/{number}/status-updates", new { audience = "Internal", text = "Alice-internal rolls back" });
        await Client.PostOkAsync($"/api/v1/incidents/{number}/corrective-actions", new { title = "Rotate secret-corrective", kind = "Prevention" });
        await Client.PostOkAsync($"/api/v1/incidents/{number}/severity", new { severity = "S2", reason = "Fewer-internal exports affected" });
        await Client.SendOkAsync(
            HttpMethod.Put, $"/api/v1/incidents/{number}/review", new { rootCauseSummary = "Misconfigured-internal bucket policy" });
        await PostExternalAsync(number, "Payroll exports are paused.", "Identified", ("payroll", "PartialOutage"), ("ledger-db", "MajorOutage"));
        await UntilAsync(anonymous, json => json.GetProperty("incidents").GetArrayLength() == 1);

        string[] secrets =
        [
            "Payroll export leaks salaries", "acl-7731", "hunter2-internal", "Alice-internal", "secret-corrective",
            "ledger", "Ledger database", "admin@example.com", Admin.DisplayName, $"INC-{number}", "SecurityReport", "S1",
            "Fewer-internal", "Misconfigured-internal",
        ];
        foreach (var url in PublicUrls)
        {
            using var response = await anonymous.GetAsync(new Uri(url, UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Payroll exports are paused.", text, StringComparison.Ordinal);
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{url} shows \"{secret}\"");
            }
        }
    }

    [Fact]
    public async Task A_reader_that_has_the_page_gets_304_and_HEAD_gets_no_body()
    {
        using var anonymous = App.CreateClient();
        foreach (var url in PublicUrls)
        {
            using var first = await anonymous.GetAsync(new Uri(url, UriKind.Relative));
            var etag = first.Headers.ETag!;

            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await anonymous.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

            using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal(first.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        }

        using var post = await anonymous.PostAsync(new Uri("/status", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task Admins_change_the_title_and_the_all_good_message_and_the_page_shows_them_at_once()
    {
        using var anonymous = App.CreateClient();
        await anonymous.GetAsync(new Uri("/status", UriKind.Relative));

        var changed = await Client.SendOkAsync(
            HttpMethod.Put, "/api/v1/status-page", new { title = "Acme status", allGoodMessage = "Everything <works>" });

        Assert.Equal("Acme status", changed.Text("title"));
        var html = await (await anonymous.GetAsync(new Uri("/status", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("<title>Acme status</title>", html, StringComparison.Ordinal);
        Assert.Contains("Everything &lt;works&gt;", html, StringComparison.Ordinal);
        Assert.Equal("Acme status", (await SummaryAsync(anonymous)).GetProperty("page").Text("name"));

        using var blank = await Client.SendJsonAsync(HttpMethod.Put, "/api/v1/status-page", new { title = " " });
        await blank.InvalidAsync("title");
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var asResponder = App.CreateClient(responder.Token);
        using var refused = await asResponder.PutAsJsonAsync("/api/v1/status-page", new { title = "Mine" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task On_its_own_host_name_the_page_is_at_the_root_and_nothing_else_of_the_app_is_there()
    {
        await using var factory = new IncidentHubFactory(
            App.ConnectionString, App.Clock, ("IncidentHub:StatusPage:Host", "status.example.com"));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://status.example.com"),
            AllowAutoRedirect = false,
        });

        using var root = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await root.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("https://status.example.com/history.atom", html, StringComparison.Ordinal);
        Assert.Equal(
            "https://status.example.com/",
            JsonDocument.Parse(await client.GetStringAsync(new Uri("/summary.json", UriKind.Relative)))
                .RootElement.GetProperty("page").Text("url"));
        foreach (var hidden in new[] { "/api/v1/incidents", "/signin", "/status", "/admin/accounts", "/metrics" })
        {
            using var response = await client.GetAsync(new Uri(hidden, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{hidden}: {response.StatusCode}");
        }

        using var elsewhere = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
        });
        using var signIn = await elsewhere.GetAsync(new Uri("/signin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task While_the_database_is_away_the_last_page_read_is_still_served()
    {
        await AddServiceAsync("checkout", "Checkout", shown: true);
        var number = await DeclareAsync("S2", "checkout");
        await PostExternalAsync(number, "Checkout fails for some customers.", "Investigating", ("checkout", "PartialOutage"));
        await using var link = new DatabaseLink(App.ConnectionString);
        await using var linked = new IncidentHubFactory(link.ConnectionString, App.Clock);
        using var anonymous = linked.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
        });
        await UntilAsync(anonymous, json => json.GetProperty("incidents").GetArrayLength() == 1);

        link.Cut();
        App.Clock.Advance(TimeSpan.FromSeconds(11));

        foreach (var url in PublicUrls)
        {
            using var response = await anonymous.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Checkout fails for some customers.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        link.Restore();
    }

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private async Task AddServiceAsync(string slug, string name, bool shown) =>
        await Client.PostOkAsync("/api/v1/services", new { slug, name, shownOnStatusPage = shown });

    private async Task<long> DeclareAsync(string severity, params string[] services) =>
        (await Client.DeclareAsync(new { title = $"Internal {Guid.NewGuid():N}", severity, source = "Monitoring", services })).Number();

    private async Task PostExternalAsync(long number, string text, string publicStatus, params (string Service, string Impact)[] affected) =>
        await Client.PostOkAsync($"/api/v1/incidents/{number}/status-updates", new
        {
            audience = "External",
            text,
            publicStatus,
            affectedServices = affected.Select(entry => new { service = entry.Service, impact = entry.Impact }).ToArray(),
        });

    private static async Task<JsonElement> SummaryAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/status/summary.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<XDocument> FeedAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/status/history.atom", UriKind.Relative));
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Reads the summary until it shows what is expected: the page hears of changes by notification.</summary>
    private static async Task<JsonElement> UntilAsync(HttpClient client, Func<JsonElement, bool> shows)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var summary = await SummaryAsync(client);
            if (shows(summary))
            {
                return summary;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The page never showed it: {summary}");
            await Task.Delay(50);
        }
    }
}
