using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Alerts;

/// <summary>Whatever a sender (or an attacker) posts: a clear 4xx problem, never a 500, and nothing stored.</summary>
public sealed class IngestionBadInputTests(AppFixture app) : AppTest(app)
{
    public static TheoryData<AlertSourceKind, string, string> Malformed => new()
    {
        { AlertSourceKind.Alertmanager, "not json", "body" },
        { AlertSourceKind.Alertmanager, "", "body" },
        { AlertSourceKind.Alertmanager, "null", "body" },
        { AlertSourceKind.Alertmanager, "[]", "body" },
        { AlertSourceKind.Alertmanager, """{"version": "3", "status": "firing", "groupKey": "g", "alerts": []}""", "version" },
        { AlertSourceKind.Alertmanager, """{"version": 4, "status": "firing", "groupKey": "g", "alerts": []}""", "version" },
        { AlertSourceKind.Alertmanager, """{"version": "4", "status": "burning", "groupKey": "g", "alerts": []}""", "status" },
        { AlertSourceKind.Alertmanager, """{"version": "4", "status": "firing", "alerts": []}""", "groupKey" },
        { AlertSourceKind.Alertmanager, """{"version": "4", "status": "firing", "groupKey": "g"}""", "alerts" },
        { AlertSourceKind.Alertmanager, """{"version": "4", "status": "firing", "groupKey": "g", "alerts": [{"status": "firing", "labels": {"a": "b"}}]}""", "alerts[0].startsAt" },
        { AlertSourceKind.Alertmanager, """{"version": "4", "status": "firing", "groupKey": "g", "alerts": [{"status": "firing", "labels": {"a": "b"}, "startsAt": "yesterday"}]}""", "alerts[0].startsAt" },
        { AlertSourceKind.Alertmanager, """{"version": "4", "status": "firing", "groupKey": "g", "alerts": [{"status": "firing", "labels": {"a": 1}, "startsAt": "2026-03-02T08:00:00Z"}]}""", "alerts[0].labels.a" },
        { AlertSourceKind.Alertmanager, """{"version": "4", "status": "firing", "groupKey": "g", "alerts": [{"status": "firing", "labels": {"a": "b\u0000"}, "startsAt": "2026-03-02T08:00:00Z"}]}""", "alerts[0].labels.a" },
        { AlertSourceKind.Alertmanager, """{"version": "4", "status": "firing", "groupKey": "g", "alerts": [null]}""", "alerts[0]" },
        { AlertSourceKind.Events, """{"event_action": "explode", "dedup_key": "x"}""", "event_action" },
        { AlertSourceKind.Events, """{"event_action": "trigger"}""", "payload" },
        { AlertSourceKind.Events, """{"event_action": "trigger", "payload": {"source": "x"}}""", "payload.summary" },
        { AlertSourceKind.Events, """{"event_action": "trigger", "payload": {"summary": "x", "severity": "bad"}}""", "payload.severity" },
        { AlertSourceKind.Events, """{"event_action": "resolve"}""", "dedup_key" },
        { AlertSourceKind.Generic, """{"description": "no title"}""", "title" },
        { AlertSourceKind.Generic, """{"title": "x", "start_time": "12:00"}""", "start_time" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_delivery_is_a_400_naming_the_field_and_stores_nothing(
        AlertSourceKind kind, string body, string field)
    {
        var source = await App.CreateSourceAsync(kind);
        var reply = (await Client.SendRawAsync(source, body)).IsProblem(HttpStatusCode.BadRequest);
        Assert.True(reply.Json["errors"]![field] is not null, reply.Body);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task An_empty_notification_is_accepted_and_does_nothing()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Alertmanager);
        var reply = (await Client.SendAsync(source, AlertSenders.Notification("{}:{empty}", "firing")))
            .Is(HttpStatusCode.Accepted);
        Assert.Equal(0, reply.Json["received"]!.GetValue<int>());
        Assert.Empty(reply.Json["incidents"]!.AsArray());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Over_long_values_and_too_many_alerts_are_refused_whole()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Events);
        var summary = new string('x', 1_025);
        (await Client.SendRawAsync(source, $$$"""{"event_action": "trigger", "payload": {"summary": "{{{summary}}}"}}"""))
            .IsProblem(HttpStatusCode.BadRequest);
        var key = new string('k', 256);
        (await Client.SendRawAsync(source, $$$"""{"event_action": "trigger", "dedup_key": "{{{key}}}", "payload": {"summary": "s"}}"""))
            .IsProblem(HttpStatusCode.BadRequest);

        var alertmanager = await App.CreateSourceAsync(AlertSourceKind.Alertmanager);
        var startsAt = App.Clock.GetUtcNow();
        var tooMany = AlertSenders.Notification("{}:{many}", "firing",
            [.. Enumerable.Range(0, 1_001).Select(index => AlertSenders.Firing($"m{index}", startsAt))]);
        var reply = (await Client.SendAsync(alertmanager, tooMany)).IsProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(reply.Json["errors"]!["alerts"]);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_a_413()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Generic);
        var body = $$"""{"title": "big", "description": "{{new string('d', 1_100_000)}}"}""";
        (await Client.SendRawAsync(source, body)).IsProblem(HttpStatusCode.RequestEntityTooLarge);

        // Chunked, without a Content-Length to refuse it by.
        using var request = new HttpRequestMessage(HttpMethod.Post, source.Path)
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", source.Secret);
        using var response = await Client.SendAsync(request);
        (await Reply.ReadAsync(response)).IsProblem(HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_wrong_missing_or_foreign_secret_is_a_401_and_an_unknown_source_a_404()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Generic);
        var other = await App.CreateSourceAsync(AlertSourceKind.Generic);
        const string Body = """{"title": "x"}""";
        (await Client.SendRawAsync(source, Body, secret: "ihsrc_wrong")).IsProblem(HttpStatusCode.Unauthorized);
        (await Client.SendRawAsync(source, Body, secret: other.Secret)).IsProblem(HttpStatusCode.Unauthorized);

        // The admin's API token is not a source secret either.
        (await Client.SendRawAsync(source, Body, secret: Admin.Token)).IsProblem(HttpStatusCode.Unauthorized);

        using (var anonymous = App.CreateClient())
        using (var request = new HttpRequestMessage(HttpMethod.Post, source.Path)
        {
            Content = new StringContent(Body, Encoding.UTF8, "application/json"),
        })
        {
            using var response = await anonymous.SendAsync(request);
            var reply = (await Reply.ReadAsync(response)).IsProblem(HttpStatusCode.Unauthorized);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        var unknown = source with { Id = Guid.NewGuid() };
        (await Client.SendRawAsync(unknown, Body)).IsProblem(HttpStatusCode.NotFound);
        using (var notAGuid = await Client.PostAsync(
                   new Uri("/api/v1/ingest/not-a-source", UriKind.Relative), new StringContent(Body)))
        {
            Assert.True(notAGuid.StatusCode == HttpStatusCode.NotFound, $"{notAGuid.StatusCode} {notAGuid.Headers.Location}");
        }

        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_disabled_source_is_refused_with_401()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Generic, new AlertSourceSettings { Enabled = false });
        var reply = (await Client.SendRawAsync(source, """{"title": "x"}""")).IsProblem(HttpStatusCode.Unauthorized);
        Assert.Contains("disabled", reply.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Answers_are_problem_json_whatever_the_sender_accepts()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Generic);
        foreach (var accept in new[] { "text/html", "application/xml", "*/*" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, source.Path)
            {
                Content = new StringContent("{", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", source.Secret);
            request.Headers.Accept.ParseAdd(accept);
            using var response = await Client.SendAsync(request);
            (await Reply.ReadAsync(response)).IsProblem(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task A_source_over_its_delivery_rate_gets_429_and_other_sources_do_not()
    {
        await using var limited = new IncidentHubFactory(App.ConnectionString, App.Clock,
            ("IncidentHub:RateLimits:IngestPerSecond", "1"), ("IncidentHub:RateLimits:IngestBurst", "2"));
        var source = await App.CreateSourceAsync(AlertSourceKind.Generic);
        var other = await App.CreateSourceAsync(AlertSourceKind.Generic);
        using var client = limited.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var call = 0; call < 5; call++)
        {
            statuses.Add((await client.SendRawAsync(source, """{"title": "x"}""")).Status);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendRawAsync(other, """{"title": "y"}""")).Status);
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var db = App.Factory.CreateDbContext();
        Assert.Equal(0, await db.Alerts.CountAsync());
        Assert.Equal(0, await db.Incidents.CountAsync());
    }
}
