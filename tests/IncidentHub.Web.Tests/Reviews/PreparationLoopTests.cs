using System.Net;
using System.Net.Http.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Reviews;

/// <summary>
/// The loop back to Preparation: corrective actions with a priority, answering several incidents (with the worst
/// severity among them), and the Preparation board over a seeded set whose rows are worked out here.
/// </summary>
public sealed class PreparationLoopTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task An_action_has_a_priority_set_filtered_and_refused_when_unknown()
    {
        var number = (await Client.DeclareAsync("Checkout is failing", "S3")).Number();
        var action = await Client.AddCorrectiveActionAsync(number, new { title = "Alert on checkout errors", kind = "Detection", priority = "High" });
        Assert.Equal("High", action.Text("priority"));
        var defaulted = await Client.AddCorrectiveActionAsync(number, new { title = "Write the runbook", kind = "Preparation" });
        Assert.Equal("Medium", defaulted.Text("priority"));

        var refused = await (await Client.PostAsJsonAsync($"{ApiClient.IncidentUrl(number)}/corrective-actions", new { title = "x", kind = "Detection", priority = "Urgent" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("priority", out _));
        var lowered = await (await Client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/corrective-actions/{action.Id()}", new { priority = "Low" })).ReadAsync();
        Assert.Equal("Low", lowered.Text("priority"));

        var low = (await Client.GetPageAsync("/api/v1/corrective-actions?priority=Low")).Items;
        Assert.Equal([action.Id()], low.Select(item => item.Id()));
        var badFilter = await (await Client.GetAsync("/api/v1/corrective-actions?priority=Urgent")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(badFilter.GetProperty("errors").TryGetProperty("priority", out _));
    }

    [Fact]
    public async Task One_action_answers_several_incidents_with_the_worst_severity_among_them_and_counts_for_their_exit_rules()
    {
        var first = (await Client.DeclareAsync("Checkout is failing", "S3")).Number();
        var action = await Client.AddCorrectiveActionAsync(first, new { title = "Add a canary stage", kind = "Prevention" });
        Assert.Equal("S3", action.Text("worstSeverity"));
        var second = (await Client.IncidentInAsync(Phase.Recovery, "Checkout is failing again", "S1")).Number();
        var links = $"/api/v1/corrective-actions/{action.Id()}/incidents";

        var linked = await (await Client.PostAsJsonAsync(links, new { incident = $"INC-{second}" })).ReadAsync();
        Assert.Equal([second], linked.GetProperty("linkedIncidents").EnumerateArray().Select(incident => incident.Number()));
        Assert.Equal("S1", linked.Text("worstSeverity"));
        Assert.Contains((await Client.GetPageAsync($"{ApiClient.IncidentUrl(second)}/corrective-actions")).Items, item => item.Id() == action.Id());
        var timeline = (await Client.GetPageAsync($"{ApiClient.IncidentUrl(second)}/timeline")).Items;
        Assert.Contains(timeline, entry => entry.Text("text") == $"Linked corrective action \"Add a canary stage\" of INC-{first}: it answers this incident too.");
        // Recovery ends with a corrective action: the linked one counts.
        await Client.MoveAsync(second, Phase.Learnings);

        var own = await (await Client.PostAsJsonAsync(links, new { incident = first.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(own.GetProperty("errors").TryGetProperty("incident", out _));
        var nowhere = await (await Client.PostAsJsonAsync(links, new { incident = "INC-999" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(nowhere.GetProperty("errors").TryGetProperty("incident", out _));
        var garbled = await (await Client.PostAsJsonAsync(links, new { incident = "forty-two" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(garbled.GetProperty("errors").TryGetProperty("incident", out _));

        var unlinked = await (await Client.DeleteAsync($"{links}/INC-{second}")).ReadAsync();
        Assert.Empty(unlinked.GetProperty("linkedIncidents").EnumerateArray());
        Assert.Equal("S3", unlinked.Text("worstSeverity"));
    }

    [Fact]
    public async Task The_preparation_board_shows_the_loop_actions_overdue_owners_reviews_due_service_gaps_and_repeats()
    {
        (await Client.PostAsJsonAsync("/api/v1/services", new { slug = "checkout", name = "Checkout", runbookUrl = "https://runbooks.example.com/checkout" })).EnsureSuccessStatusCode();
        var owner = await Client.AddPersonAsync("Olive Owner");
        var checkout = (await Client.DeclareAsync(new { title = "Checkout is failing", severity = "S2", source = "Monitoring", services = new[] { "checkout" } })).Number();
        var runbook = await Client.AddCorrectiveActionAsync(checkout, new { title = "Runbook for failed payments", kind = "Preparation", priority = "Low" });
        var alert = await Client.AddCorrectiveActionAsync(checkout, new { title = "Alert on payment errors", kind = "Detection", priority = "High", ownerId = owner, dueDate = "2026-03-01" });
        await Client.AddCorrectiveActionAsync(checkout, new { title = "Retry payments", kind = "Prevention", ownerId = owner, dueDate = "2026-02-20" });
        App.Clock.Advance(TimeSpan.FromDays(1));
        var searchFirst = (await Client.DeclareAsync(new { title = "Search is slow", severity = "S3", source = "CustomerReport", services = new[] { "search" } })).Number();
        App.Clock.Advance(TimeSpan.FromDays(2));
        var searchAgain = (await Client.DeclareAsync(new { title = "Search is slow again", severity = "S3", source = "Monitoring", services = new[] { "search" } })).Number();
        App.Clock.Advance(TimeSpan.FromDays(20));
        await Client.DeclareAsync(new { title = "Search times out", severity = "S4", source = "Monitoring", services = new[] { "search" } });
        await (await Client.PutAsJsonAsync($"{ApiClient.IncidentUrl(checkout)}/review", new { customersAffected = "EU merchants" })).ReadAsync();
        await (await Client.PutAsJsonAsync($"{ApiClient.IncidentUrl(checkout)}/review/plan", new { state = "Draft", dueOn = "2026-03-30" })).ReadAsync();

        var board = await (await Client.GetAsync("/api/v1/preparation-board?repeatWithinDays=7")).ReadAsync();

        // Preparation and Detection only, highest priority first.
        Assert.Equal([alert.Id(), runbook.Id()], board.GetProperty("preparationAndDetectionActions").EnumerateArray().Select(item => item.Id()));
        var overdue = Assert.Single(board.GetProperty("overdueByOwner").EnumerateArray());
        Assert.Equal("Olive Owner", overdue.Text("ownerName"));
        Assert.Equal(["Retry payments", "Alert on payment errors"], overdue.GetProperty("actions").EnumerateArray().Select(item => item.Text("title")));
        Assert.Equal([checkout], board.GetProperty("reviewsDue").EnumerateArray().Select(review => review.Number()));
        // search: no catalogue entry (so no runbook), one of its last three reported by customers; checkout has both.
        var gap = Assert.Single(board.GetProperty("serviceGaps").EnumerateArray());
        Assert.Equal("search", gap.Text("service"));
        Assert.True(gap.GetProperty("noRunbook").GetBoolean());
        Assert.Equal(3, gap.GetProperty("incidents").GetInt32());
        Assert.Equal(1, gap.GetProperty("detectedByCustomers").GetInt32());
        // search: 2 days, then 20 days apart: one repeat within 7 days.
        var repeat = Assert.Single(board.GetProperty("repeatServices").EnumerateArray());
        Assert.Equal("search", repeat.Text("service"));
        Assert.Equal(1, repeat.GetProperty("repeats").GetInt32());
        Assert.Equal(searchAgain, repeat.GetProperty("numbers")[1].GetInt64());
        Assert.Equal(searchFirst, repeat.GetProperty("numbers")[2].GetInt64());

        var wider = await (await Client.GetAsync("/api/v1/preparation-board?repeatWithinDays=30")).ReadAsync();
        Assert.Equal(2, wider.GetProperty("repeatServices")[0].GetProperty("repeats").GetInt32());
        var refused = await (await Client.GetAsync("/api/v1/preparation-board?repeatWithinDays=0")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("repeatWithinDays", out _));
    }
}
