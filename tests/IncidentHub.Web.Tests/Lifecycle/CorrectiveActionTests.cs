using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Lifecycle;

public sealed class CorrectiveActionTests(AppFixture app) : AppTest(app)
{
    // The fake clock starts on 2026-03-02.
    private const string Yesterday = "2026-03-01";

    [Fact]
    public async Task Adding_a_corrective_action_answers_it_with_its_incident_owner_and_location()
    {
        var number = (await Client.DeclareAsync("Checkout is failing")).Number();
        var erin = await Client.AddPersonAsync("Erin Engineer");
        var now = App.Clock.TickMinutes(3);

        var response = await Client.PostAsJsonAsync($"{ApiClient.IncidentUrl(number)}/corrective-actions", new
        {
            title = "Alert on gateway timeouts",
            description = "Page when p99 passes 2 s.",
            kind = "Detection",
            ownerId = erin,
            dueDate = "2026-03-20",
            trackerUrl = "https://tracker.example.com/OPS-12",
        });
        var added = await response.ReadAsync(HttpStatusCode.Created);

        Assert.Equal(
            (number, "Checkout is failing", "Alert on gateway timeouts", "Detection", "Open"),
            (added.GetProperty("incidentNumber").GetInt64(), added.Text("incidentTitle"), added.Text("title"),
                added.Text("kind"), added.Text("status")));
        Assert.Equal(
            (erin, "Erin Engineer", "2026-03-20", false),
            (added.GetProperty("ownerId").GetGuid(), added.Text("ownerName"), added.Text("dueDate"),
                added.GetProperty("overdue").GetBoolean()));
        Assert.Equal(now, added.Time("createdAt"));
        Assert.NotNull(response.Headers.ETag);
        var fetched = await (await Client.GetAsync(response.Headers.Location)).ReadAsync();
        Assert.Equal(added.Id(), fetched.Id());
        Assert.Equal(1, (await Client.GetIncidentAsync(number)).GetProperty("correctiveActionCount").GetInt32());
    }

    [Fact]
    public async Task A_corrective_action_needs_a_title_a_kind_and_an_owner_who_exists()
    {
        var number = (await Client.DeclareAsync()).Number();
        var url = $"{ApiClient.IncidentUrl(number)}/corrective-actions";

        var missing = await Client.PostAsJsonAsync(url, new { description = "Something" });
        await missing.InvalidAsync("title");
        await missing.InvalidAsync("kind");
        await (await Client.PostAsJsonAsync(
                url, new { title = "Add a canary", kind = "Prevention", ownerId = Guid.NewGuid() }))
            .InvalidAsync("ownerId");
        await (await Client.PostAsJsonAsync(
                url, new { title = "Add a canary", kind = "Prevention", trackerUrl = "ftp://tracker" }))
            .InvalidAsync("trackerUrl");

        Assert.Empty((await Client.GetPageAsync(url)).Items);
    }

    [Fact]
    public async Task Corrective_actions_of_all_incidents_are_listed_soonest_due_first_and_filtered()
    {
        var (erin, _, first, _) = await ActionsOnTwoIncidentsAsync();

        Assert.Equal(
            ["Runbook for failover", "Alert on gateway timeouts", "Raise the pool limit", "Write to the vendor"],
            await TitlesAsync(""));
        Assert.Equal(
            ["Alert on gateway timeouts", "Raise the pool limit", "Write to the vendor"],
            await TitlesAsync("?status=Open"));
        Assert.Equal(["Runbook for failover"], await TitlesAsync("?status=done"));
        Assert.Equal(["Runbook for failover", "Alert on gateway timeouts"], await TitlesAsync($"?ownerId={erin}"));
        Assert.Equal(["Alert on gateway timeouts"], await TitlesAsync("?kind=Detection"));
        Assert.Equal(
            ["Alert on gateway timeouts", "Raise the pool limit"],
            Titles((await Client.GetPageAsync($"{ApiClient.IncidentUrl(first)}/corrective-actions")).Items));
    }

    [Fact]
    public async Task Overdue_means_open_and_due_before_today()
    {
        await ActionsOnTwoIncidentsAsync();

        // The done action was due even earlier, but it is done.
        var overdue = Assert.Single((await Client.GetPageAsync($"{ApiClient.CorrectiveActions}?overdue=true")).Items);
        Assert.Equal("Alert on gateway timeouts", overdue.Text("title"));
        Assert.True(overdue.GetProperty("overdue").GetBoolean());

        App.Clock.Tick(TimeSpan.FromDays(8));
        Assert.Equal(["Alert on gateway timeouts", "Raise the pool limit"], await TitlesAsync("?overdue=true"));
        Assert.All(
            (await Client.GetPageAsync($"{ApiClient.CorrectiveActions}?overdue=true")).Items,
            item => Assert.True(item.GetProperty("overdue").GetBoolean()));
    }

    [Fact]
    public async Task Actions_that_are_not_overdue_include_those_without_a_due_date()
    {
        await ActionsOnTwoIncidentsAsync();

        Assert.Equal(
            ["Runbook for failover", "Raise the pool limit", "Write to the vendor"],
            await TitlesAsync("?overdue=false"));
    }

    [Fact]
    public async Task A_corrective_action_is_wont_do_only_with_a_reason()
    {
        var number = (await Client.DeclareAsync()).Number();
        var action = await Client.AddCorrectiveActionAsync(
            number, new { title = "Rewrite the gateway", kind = "Prevention", dueDate = Yesterday });
        var url = $"{ApiClient.CorrectiveActions}/{action.Id()}";

        await (await Client.SendJsonAsync(HttpMethod.Patch, url, new { status = "WontDo" })).InvalidAsync(
            "wontDoReason");
        await (await Client.SendJsonAsync(
            HttpMethod.Patch, url, new { status = "WontDo", wontDoReason = " " })).InvalidAsync("wontDoReason");
        Assert.Equal("Open", (await (await Client.GetAsync(url)).ReadAsync()).Text("status"));

        var now = App.Clock.TickMinutes(5);
        var wontDo = await (await Client.SendJsonAsync(
            HttpMethod.Patch,
            url,
            new { status = "WontDo", wontDoReason = "The gateway is being replaced next quarter." })).ReadAsync();

        Assert.Equal(
            ("WontDo", "The gateway is being replaced next quarter."),
            (wontDo.Text("status"), wontDo.Text("wontDoReason")));
        Assert.Equal(now, wontDo.Time("completedAt"));
        Assert.False(wontDo.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task A_corrective_action_is_read_with_an_etag_and_a_stale_if_match_is_refused()
    {
        var number = (await Client.DeclareAsync()).Number();
        var action = await Client.AddCorrectiveActionAsync(number, new { title = "Add a canary", kind = "Prevention" });
        var url = $"{ApiClient.CorrectiveActions}/{action.Id()}";
        var read = await Client.GetAsync(url);
        await read.ReadAsync();
        var firstETag = read.Headers.ETag?.ToString();
        Assert.NotNull(firstETag);

        var changed = await Client.SendJsonAsync(
            HttpMethod.Patch, url, new { status = "InProgress" }, ifMatch: firstETag);
        await changed.ReadAsync();
        var secondETag = changed.Headers.ETag?.ToString();
        Assert.NotEqual(firstETag, secondETag);

        // Someone who read it before that change cannot overwrite it.
        await (await Client.SendJsonAsync(
            HttpMethod.Patch,
            url,
            new { title = "Add a canary stage" },
            ifMatch: firstETag)).ProblemAsync(HttpStatusCode.PreconditionFailed);
        var current = await Client.GetAsync(url);
        var body = await current.ReadAsync();
        Assert.Equal(("Add a canary", "InProgress"), (body.Text("title"), body.Text("status")));
        Assert.Equal(secondETag, current.Headers.ETag?.ToString());

        await (await Client.SendJsonAsync(
            HttpMethod.Patch, url, new { title = "Add a canary stage" }, ifMatch: secondETag)).ReadAsync();
    }

    [Fact]
    public async Task Corrective_actions_stay_editable_after_the_incident_is_closed()
    {
        var number = (await Client.IncidentInAsync(Phase.Recovery)).Number();
        var action = await Client.AddCorrectiveActionAsync(number, new { title = "Add a canary", kind = "Prevention" });
        await Client.MoveAsync(number, Phase.Learnings);
        await Client.SaveReviewAsync(number, "A bad configuration push.");
        await Client.MoveAsync(number, Phase.Closed);

        var done = await (await Client.SendJsonAsync(
            HttpMethod.Patch, $"{ApiClient.CorrectiveActions}/{action.Id()}", new { status = "Done" })).ReadAsync();

        Assert.Equal("Done", done.Text("status"));
        Assert.Equal("Closed", (await Client.GetIncidentAsync(number)).Text("phase"));
    }

    [Fact]
    public async Task A_corrective_action_that_does_not_exist_is_not_found()
    {
        var url = $"{ApiClient.CorrectiveActions}/{Guid.NewGuid()}";

        await (await Client.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        await (await Client.SendJsonAsync(HttpMethod.Patch, url, new { status = "Done" })).ProblemAsync(
            HttpStatusCode.NotFound);
    }

    /// <summary>
    /// Four actions on two incidents, "today" being 2026-03-02: one overdue, one due later, one done
    /// although its due date passed, and one with neither owner nor due date.
    /// </summary>
    private async Task<(Guid Erin, Guid Bo, long First, long Second)> ActionsOnTwoIncidentsAsync()
    {
        var erin = await Client.AddPersonAsync("Erin Engineer");
        var bo = await Client.AddPersonAsync("Bo Backup");
        var first = (await Client.DeclareAsync("Checkout is failing")).Number();
        var second = (await Client.DeclareAsync("Database failover was slow")).Number();
        await Client.AddCorrectiveActionAsync(
            first,
            new { title = "Alert on gateway timeouts", kind = "Detection", ownerId = erin, dueDate = Yesterday });
        await Client.AddCorrectiveActionAsync(
            first, new { title = "Raise the pool limit", kind = "Prevention", ownerId = bo, dueDate = "2026-03-09" });
        var runbook = await Client.AddCorrectiveActionAsync(
            second,
            new { title = "Runbook for failover", kind = "Preparation", ownerId = erin, dueDate = "2026-02-20" });
        await Client.AddCorrectiveActionAsync(second, new { title = "Write to the vendor", kind = "Mitigation" });
        await (await Client.SendJsonAsync(
            HttpMethod.Patch, $"{ApiClient.CorrectiveActions}/{runbook.Id()}", new { status = "Done" })).ReadAsync();
        return (erin, bo, first, second);
    }

    private async Task<string[]> TitlesAsync(string query) =>
        Titles(await Client.GetAllPagesAsync($"{ApiClient.CorrectiveActions}{query}", limit: 3));

    private static string[] Titles(IEnumerable<JsonElement> items) => [.. items.Select(item => item.Text("title")!)];
}
