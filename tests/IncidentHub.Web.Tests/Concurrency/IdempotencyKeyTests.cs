using System.Net;
using System.Text;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Concurrency;

/// <summary>A POST sent with an Idempotency-Key runs once; retries get its answer instead of running again.</summary>
public sealed class IdempotencyKeyTests(AppFixture app) : AppTest(app)
{
    private const string Incidents = "/api/v1/incidents";
    private const string Declaration = """{"title":"Payments failing","severity":"S2","source":"Monitoring"}""";

    [Fact]
    public async Task Twenty_parallel_retries_of_one_declaration_create_one_incident_and_all_get_its_answer()
    {
        var replies = await Concurrently.RunAsync(20, _ => PostAsync(Incidents, Declaration, "declare-once"));

        var created = replies.Where(reply => reply.Status == HttpStatusCode.Created).ToList();
        var stillRunning = replies.Where(reply => reply.Status == HttpStatusCode.Conflict).ToList();
        Assert.True(created.Count + stillRunning.Count == replies.Length,
            $"Answers: {string.Join(", ", replies.Select(reply => (int)reply.Status))}\n"
            + $"{string.Join("\n", replies.Select(reply => reply.Body))}");
        foreach (var reply in stillRunning)
        {
            reply.IsProblem(HttpStatusCode.Conflict);
            Assert.Contains("still running", reply.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var first = Assert.Single(created, reply => reply.Replayed is null);
        Assert.NotNull(first.Location);
        Assert.NotNull(first.ETag);
        foreach (var replay in created.Where(reply => reply != first))
        {
            AssertReplayOf(first, replay);
        }

        Assert.Equal(1, await CountIncidentsAsync());
        var stored = await Client.GetIncidentReplyAsync(first.Json["number"]!.GetValue<long>());
        Assert.Equal("Payments failing", stored.Json["title"]!.GetValue<string>());

        var retry = await PostAsync(Incidents, Declaration, "declare-once");
        AssertReplayOf(first, retry);
        Assert.Equal(1, await CountIncidentsAsync());
    }

    [Fact]
    public async Task Reusing_a_key_for_a_different_body_is_refused_with_422_and_runs_nothing()
    {
        var first = (await PostAsync(Incidents, Declaration, "reused")).Is(HttpStatusCode.Created);

        var other = await PostAsync(
            Incidents, """{"title":"Search slow","severity":"S4","source":"CustomerReport"}""", "reused");

        other.IsProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await CountIncidentsAsync());
        AssertReplayOf(first, await PostAsync(Incidents, Declaration, "reused"));
    }

    [Fact]
    public async Task The_same_key_on_another_endpoint_is_a_separate_request()
    {
        var incident = (await PostAsync(Incidents, Declaration, "shared-key")).Is(HttpStatusCode.Created);

        var person = await PostAsync(
            "/api/v1/people", """{"displayName":"Pat Responder","email":"pat@example.com"}""", "shared-key");

        person.Is(HttpStatusCode.Created);
        Assert.Null(person.Replayed);
        Assert.Equal("pat@example.com", person.Json["email"]!.GetValue<string>());
        Assert.StartsWith("/api/v1/people/", person.Location, StringComparison.Ordinal);
        AssertReplayOf(incident, await PostAsync(Incidents, Declaration, "shared-key"));
        AssertReplayOf(
            person,
            await PostAsync(
                "/api/v1/people", """{"displayName":"Pat Responder","email":"pat@example.com"}""", "shared-key"));
        Assert.Equal(1, await CountIncidentsAsync());
    }

    [Fact]
    public async Task A_key_is_remembered_for_24_hours_and_runs_again_afterwards()
    {
        try
        {
            var first = (await PostAsync(Incidents, Declaration, "daily")).Is(HttpStatusCode.Created);

            App.Clock.Advance(TimeSpan.FromHours(23));
            AssertReplayOf(first, await PostAsync(Incidents, Declaration, "daily"));
            Assert.Equal(1, await CountIncidentsAsync());

            App.Clock.Advance(TimeSpan.FromHours(2));
            var again = (await PostAsync(Incidents, Declaration, "daily")).Is(HttpStatusCode.Created);

            Assert.Null(again.Replayed);
            Assert.NotEqual(first.Json["number"]!.GetValue<long>(), again.Json["number"]!.GetValue<long>());
            Assert.Equal(2, await CountIncidentsAsync());
            AssertReplayOf(again, await PostAsync(Incidents, Declaration, "daily"));
        }
        finally
        {
            // AppFixture.ResetAsync moves the clock with SetUtcNow, which cannot go back in time.
            App.Clock.AdjustTime(AppFixture.Start);
        }
    }

    private async Task<Reply> PostAsync(string path, string json, string key)
    {
        var request = new HttpRequestMessage(
            HttpMethod.Post, path)
        { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return await Client.SendForReplyAsync(request);
    }

    private async Task<int> CountIncidentsAsync()
    {
        await using var db = App.Factory.CreateDbContext();
        return await db.Incidents.CountAsync();
    }

    private static void AssertReplayOf(Reply first, Reply replay)
    {
        Assert.True(
            replay.Status == first.Status,
            $"Expected a replayed {(int)first.Status}, got {(int)replay.Status}: {replay.Body}");
        Assert.Equal("true", replay.Replayed);
        Assert.Equal(first.Body, replay.Body);
        Assert.Equal(first.Location, replay.Location);
        Assert.Equal(first.ETag, replay.ETag);
        Assert.Equal(first.MediaType, replay.MediaType);
    }
}
