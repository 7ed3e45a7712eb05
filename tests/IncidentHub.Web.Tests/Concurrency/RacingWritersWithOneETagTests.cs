using System.Net;
using System.Text.Json.Nodes;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Concurrency;

/// <summary>
/// Many people act on the same version of an incident at once: one change wins, everyone else is
/// told that the incident changed under them, and nothing they sent is half applied.
/// </summary>
public sealed class RacingWritersWithOneETagTests(AppFixture app) : AppTest(app)
{
    private const int Writers = 50;

    [Fact]
    public async Task Fifty_severity_changes_sent_with_one_ETag_let_exactly_one_win_and_refuse_the_rest_with_412()
    {
        var number = await Client.DeclareIncidentAsync(severity: "S3");
        var read = await Client.GetIncidentReplyAsync(number);
        string[] targets = ["S1", "S2", "S4"];

        var replies = await Concurrently.RunAsync(Writers, index => Client.SendForReplyAsync(
            HttpMethod.Post, $"/api/v1/incidents/{number}/severity",
            new { severity = targets[index % targets.Length], reason = $"racing writer {index}" },
            ifMatch: read.ETag));

        var won = AssertOneWinnerAndStaleRest(replies);
        var stored = await Client.GetIncidentReplyAsync(number);
        AssertStoredIsWinner(replies[won], stored);
        Assert.Equal(targets[won % targets.Length], stored.Json["severity"]!.GetValue<string>());
        Assert.Equal(read.Json["revision"]!.GetValue<int>() + 1, stored.Json["revision"]!.GetValue<int>());

        var entry = Assert.Single(await Client.GetTimelineAsync(number, "SeverityChanged"));
        Assert.EndsWith($"Reason: racing writer {won}", entry!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifty_phase_changes_sent_with_one_ETag_let_exactly_one_win_and_refuse_the_rest_with_412()
    {
        var number = await Client.DeclareIncidentAsync(severity: "S3");
        var engineer = await Client.AddPersonAsync("Erin Engineer", "erin@example.com");
        (await Client.SendForReplyAsync(
            HttpMethod.Put, $"/api/v1/incidents/{number}/roles/EngineerOnCall", new { personId = engineer }))
            .Is(HttpStatusCode.OK);
        var read = await Client.GetIncidentReplyAsync(number);
        Assert.Equal("Identification", read.Json["phase"]!.GetValue<string>());

        // Every one of these targets is allowed from Identification, so only the ETag can refuse them.
        string[] targets = ["Investigation", "Containment", "Dismissed"];
        var replies = await Concurrently.RunAsync(Writers, index => Client.SendForReplyAsync(
            HttpMethod.Post, $"/api/v1/incidents/{number}/phase",
            new { target = targets[index % targets.Length], reason = $"racing writer {index}" },
            ifMatch: read.ETag));

        var won = AssertOneWinnerAndStaleRest(replies);
        var stored = await Client.GetIncidentReplyAsync(number);
        AssertStoredIsWinner(replies[won], stored);
        Assert.Equal(targets[won % targets.Length], stored.Json["phase"]!.GetValue<string>());
        Assert.Equal(read.Json["revision"]!.GetValue<int>() + 1, stored.Json["revision"]!.GetValue<int>());

        var entry = Assert.Single(await Client.GetTimelineAsync(number, "PhaseChanged"));
        Assert.EndsWith($"Reason: racing writer {won}", entry!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>The index of the one request that was applied; every other one was refused as stale.</summary>
    private static int AssertOneWinnerAndStaleRest(Reply[] replies)
    {
        var statuses = string.Join(
            ", ", replies.GroupBy(reply => (int)reply.Status).Select(group => $"{group.Key}x{group.Count()}"));
        var winners = Enumerable.Range(0, replies.Length)
            .Where(index => replies[index].Status == HttpStatusCode.OK)
            .ToList();
        Assert.True(winners.Count == 1, $"Expected one 200; answers: {statuses}");
        foreach (var loser in replies.Where((_, index) => index != winners[0]))
        {
            loser.IsProblem(HttpStatusCode.PreconditionFailed);
        }

        return winners[0];
    }

    private static void AssertStoredIsWinner(Reply winner, Reply stored)
    {
        Assert.True(JsonNode.DeepEquals(winner.Json, stored.Json), $"Winner: {winner.Body}\nStored: {stored.Body}");
        Assert.Equal(winner.ETag, stored.ETag);
    }
}
