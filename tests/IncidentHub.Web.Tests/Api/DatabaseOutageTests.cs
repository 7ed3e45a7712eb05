using System.Diagnostics;
using System.Net;
using System.Text;
using IncidentHub.Testing;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IncidentHub.Web.Tests.Api;

/// <summary>
/// A second app instance whose database connections go through a <see cref="DatabaseLink"/> the tests cut: while
/// the database is away every answer is a 503 with Retry-After (problem details on the API, a page for people),
/// nothing half-done is left behind, and the app serves again as soon as the database is back.
/// </summary>
public sealed class DatabaseOutageTests(AppFixture app) : AppTest(app), IAsyncLifetime
{
    private DatabaseLink link = null!;
    private IncidentHubFactory linked = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        link = new DatabaseLink(App.ConnectionString);
        linked = new IncidentHubFactory(link.ConnectionString, App.Clock);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await linked.DisposeAsync();
        await link.DisposeAsync();
        await DisposeAsync();
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("*/*")]
    [InlineData("")]
    public async Task While_the_database_is_away_the_API_answers_503_problem_json_with_Retry_After(string accept)
    {
        using var client = linked.CreateApiClient(Admin.Token);
        await client.DeclareNumberAsync();
        link.Cut();

        foreach (var request in (HttpRequestMessage[])[
            new(HttpMethod.Get, "/api/v1/incidents"),
            new(HttpMethod.Post, "/api/v1/incidents") { Content = new StringContent("""{"title":"Down","severity":"S2","source":"Monitoring"}""", Encoding.UTF8, "application/json") },
        ])
        {
            using (request)
            {
                if (accept.Length > 0)
                {
                    request.Headers.TryAddWithoutValidation("Accept", accept);
                }

                using var response = await client.SendAsync(request);

                await ErrorAnswerTests.AssertProblemAsync(response, 503, accept);
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
            }
        }
    }

    [Fact]
    public async Task A_token_that_must_be_looked_up_during_an_outage_gets_503_problem_json()
    {
        using var client = linked.CreateApiClient("ih_not_a_token_anyone_has_seen_before");
        link.Cut();

        using var response = await client.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative));

        await ErrorAnswerTests.AssertProblemAsync(response, 503, null);
    }

    [Theory]
    [InlineData("Accept", "text/html")]
    [InlineData("Accept", "application/json")]
    [InlineData("Authorization", "Bearer ih_some_probe_token")]
    [InlineData("Cookie", "incidenthub.session=not-a-session")]
    public async Task Readiness_answers_503_during_an_outage_whatever_the_probe_sends(string header, string value)
    {
        using var client = linked.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        link.Cut();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ih_some_probe_token", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Development_too_a_failure_shows_no_stack_trace_and_not_the_callers_token()
    {
        await using var development = new IncidentHubFactory(link.ConnectionString, App.Clock, ("environment", "Development"));
        using var client = development.CreateApiClient("ih_the_callers_secret_token");
        using (await client.GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
            // Started while the database is up.
        }

        link.Cut();
        foreach (var path in (string[])["/health/ready", "/api/v1/incidents", "/"])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept", "text/html");
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("ih_the_callers_secret_token", body, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_signed_in_person_gets_a_page_that_says_the_database_is_unavailable()
    {
        using var browser = await BrowserSession.SignedInAsync(linked, Admin.Email);
        link.Cut();

        using var response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The database is unavailable", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_serves_again_within_five_seconds_of_the_database_coming_back()
    {
        using var client = linked.CreateApiClient(Admin.Token);
        await client.DeclareNumberAsync();
        link.Cut();
        using (var during = await client.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        }

        link.Restore();
        var back = Stopwatch.StartNew();
        var statuses = new List<int>();
        while (back.Elapsed < TimeSpan.FromSeconds(5))
        {
            using var response = await client.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative));
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            await Task.Delay(100);
        }

        Assert.True(statuses[^1] == 200, $"Not serving 5 s after the database came back: {string.Join(", ", statuses)}");
    }

    [Fact]
    public async Task A_declaration_cut_off_by_an_outage_leaves_no_key_behind_and_its_retry_declares_once()
    {
        using var client = linked.CreateApiClient(Admin.Token);
        await client.GetOkAsync("/api/v1/me");

        // Hold the declaration at its insert, so that the outage strikes while it runs.
        await using var blocker = new NpgsqlConnection(App.ConnectionString);
        await blocker.OpenAsync();
        await using var holding = await blocker.BeginTransactionAsync();
        await using (var lockIncidents = new NpgsqlCommand("LOCK TABLE incidents IN SHARE MODE", blocker, holding))
        {
            await lockIncidents.ExecuteNonQueryAsync();
        }

        var declaring = client.SendAsync(Declaration("cut-off"));
        await WaitUntilBlockedAsync();
        link.Cut();
        using (var cutOff = await declaring)
        {
            await ErrorAnswerTests.AssertProblemAsync(cutOff, 503, null);
        }

        await holding.RollbackAsync();
        link.Restore();

        using var retried = await SendUntilServedAsync(client, () => Declaration("cut-off"));
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        using var replayed = await client.SendAsync(Declaration("cut-off"));
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await retried.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
        await using var db = App.Factory.CreateDbContext();
        Assert.Equal(1, await db.Incidents.CountAsync());
        Assert.Equal(0, await db.IdempotencyRecords.CountAsync(record => record.StatusCode == null));
    }

    private static HttpRequestMessage Declaration(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents")
        {
            Content = new StringContent("""{"title":"Payments failing","severity":"S2","source":"Monitoring"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task WaitUntilBlockedAsync()
    {
        await using var watcher = new NpgsqlConnection(App.ConnectionString);
        await watcher.OpenAsync();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await using var waiting = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", watcher);
            if ((long)(await waiting.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("The declaration never reached its insert.");
    }

    /// <summary>Retries while the app answers 503, as a client honouring Retry-After would.</summary>
    private static async Task<HttpResponseMessage> SendUntilServedAsync(HttpClient client, Func<HttpRequestMessage> request)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var sent = request();
            var response = await client.SendAsync(sent);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(100);
        }
    }
}
