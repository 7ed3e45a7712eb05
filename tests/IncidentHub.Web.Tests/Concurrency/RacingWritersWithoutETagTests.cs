using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Concurrency;

/// <summary>
/// Writers that do not send If-Match accept whatever is current: they queue on the incident, every
/// one of them lands, and none overwrites another's change without a trace.
/// </summary>
public sealed class RacingWritersWithoutETagTests(AppFixture app) : AppTest(app)
{
    private const int Writers = 50;
    private const string ReasonMarker = " Reason: ";

    [Fact]
    public async Task Fifty_severity_changes_without_If_Match_all_land_in_order_and_none_is_lost()
    {
        var number = await Client.DeclareIncidentAsync(severity: "S3");
        string[] targets = ["S1", "S2", "S3", "S4"];

        var replies = await Concurrently.RunAsync(Writers, index => Client.SendForReplyAsync(
            HttpMethod.Post, $"/api/v1/incidents/{number}/severity",
            new { severity = targets[index % targets.Length], reason = $"writer {index}" }));

        for (var index = 0; index < Writers; index++)
        {
            // Each writer sees its own change applied (or found it already in place).
            Assert.Equal(
                targets[index % targets.Length],
                replies[index].Is(HttpStatusCode.OK).Json["severity"]!.GetValue<string>());
        }

        // The timeline lists changes in the order they were applied; each names its writer's reason.
        var applied = (await Client.GetTimelineAsync(number, "SeverityChanged"))
            .Select(entry => entry!["text"]!.GetValue<string>())
            .Select(text => text[(text.IndexOf(ReasonMarker, StringComparison.Ordinal) + ReasonMarker.Length)..])
            .ToList();
        Assert.NotEmpty(applied);

        await using var db = App.Factory.CreateDbContext();
        var incidentId = await db.Incidents
            .Where(incident => incident.Number == number)
            .Select(incident => incident.Id)
            .SingleAsync();
        var rows = await db.SeverityChanges.Where(change => change.IncidentId == incidentId).ToListAsync();
        var declared = Assert.Single(rows, row => row.From is null);
        Assert.Equal(Severity.S3, declared.To);
        Assert.Equal(rows.Count - 1, applied.Count);

        var byReason = rows.Where(row => row.From is not null).ToDictionary(row => row.Reason!);
        var previous = declared.To;
        foreach (var reason in applied)
        {
            var change = byReason[reason];
            Assert.True(
                change.From == previous,
                $"The change \"{reason}\" went from {change.From}, but the severity was {previous}: "
                + "an update was lost.");
            Assert.NotEqual(change.From, change.To);
            previous = change.To;
        }

        var stored = await Client.GetIncidentReplyAsync(number);
        Assert.Equal(previous.ToString(), stored.Json["severity"]!.GetValue<string>());
        Assert.Equal(1 + applied.Count, stored.Json["revision"]!.GetValue<int>());
    }

    [Fact]
    public async Task Fifty_timeline_entries_and_status_updates_without_If_Match_are_all_kept()
    {
        var number = await Client.DeclareIncidentAsync();
        var before = await Client.GetIncidentReplyAsync(number);

        var replies = await Concurrently.RunAsync(Writers, index => index % 2 == 0
            ? Client.SendForReplyAsync(
                HttpMethod.Post, $"/api/v1/incidents/{number}/timeline", new { text = $"note {index}" })
            : Client.SendForReplyAsync(
                HttpMethod.Post,
                $"/api/v1/incidents/{number}/status-updates",
                new { audience = "Internal", text = $"update {index}" }));

        Assert.All(replies, reply => reply.Is(HttpStatusCode.Created));
        var evens = Enumerable.Range(0, Writers).Where(index => index % 2 == 0).ToList();
        var odds = Enumerable.Range(0, Writers).Where(index => index % 2 == 1).ToList();

        var notes = await Client.GetTimelineAsync(number, "Note");
        Assert.Equal(
            evens.Select(index => $"note {index}").Order(),
            notes.Select(entry => entry!["text"]!.GetValue<string>()).Order());

        var updates = await Client.GetItemsAsync($"/api/v1/incidents/{number}/status-updates");
        Assert.Equal(
            odds.Select(index => $"update {index}").Order(),
            updates.Select(update => update!["text"]!.GetValue<string>()).Order());
        Assert.Equal(odds.Count, (await Client.GetTimelineAsync(number, "StatusUpdate")).Count);

        var after = await Client.GetIncidentReplyAsync(number);
        Assert.Equal(before.Json["revision"]!.GetValue<int>() + Writers, after.Json["revision"]!.GetValue<int>());
    }
}
