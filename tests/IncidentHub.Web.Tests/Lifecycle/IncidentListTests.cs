using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Lifecycle;

public sealed class IncidentListTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Incidents_are_listed_newest_first()
    {
        await DeclareFiveAsync();

        var (items, nextCursor) = await Client.GetPageAsync(ApiClient.Incidents);

        Assert.Equal(
            ["Login errors", "Disk filling on db-2", "Payment webhook backlog", "Search is slow",
                "Checkout is failing"],
            Titles(items));
        Assert.Null(nextCursor);
    }

    [Fact]
    public async Task Sorting_by_severity_lists_S1_first_and_incidents_without_a_severity_last()
    {
        await DeclareFiveAsync();

        var (items, _) = await Client.GetPageAsync($"{ApiClient.Incidents}?sort=severity");

        Assert.Equal(
            ["Payment webhook backlog", "Checkout is failing", "Search is slow", "Login errors",
                "Disk filling on db-2"],
            Titles(items));
        Assert.Equal(["S1", "S2", "S4", "Unknown", null], items.Select(item => item.Text("severity")));
    }

    [Theory]
    [InlineData("phase=Preparation", new[] { "Disk filling on db-2" })]
    [InlineData("phase=identification", new[] { "Login errors", "Payment webhook backlog", "Search is slow", "Checkout is failing" })]
    [InlineData("status=open", new[] { "Login errors", "Disk filling on db-2", "Payment webhook backlog", "Search is slow", "Checkout is failing" })]
    [InlineData("status=closed", new string[0])]
    [InlineData("severity=S1", new[] { "Payment webhook backlog" })]
    [InlineData("severity=Unknown", new[] { "Login errors" })]
    [InlineData("service=payments", new[] { "Payment webhook backlog", "Checkout is failing" })]
    [InlineData("q=PAYMENT", new[] { "Payment webhook backlog", "Checkout is failing" })]
    [InlineData("q=100%25", new string[0])]
    [InlineData("service=payments&severity=S2", new[] { "Checkout is failing" })]
    public async Task Filters_narrow_the_list(string query, string[] expected)
    {
        await DeclareFiveAsync();

        var (items, _) = await Client.GetPageAsync($"{ApiClient.Incidents}?{query}");

        Assert.Equal(expected, Titles(items));
    }

    [Fact]
    public async Task The_status_filter_tells_open_incidents_from_closed_and_dismissed_ones()
    {
        var closed = (await Client.IncidentInAsync(Phase.Closed, title: "Closed one")).Number();
        var dismissed = (await Client.DeclareAsync("Dismissed one")).Number();
        await Client.MoveAsync(dismissed, Phase.Dismissed, reason: "False alarm");
        App.Clock.TickMinutes(1);
        await Client.IncidentInAsync(Phase.Recovery, title: "Open one");

        Assert.Equal(["Open one"], Titles((await Client.GetPageAsync($"{ApiClient.Incidents}?status=open")).Items));
        Assert.Equal(
            ["Dismissed one", "Closed one"],
            Titles((await Client.GetPageAsync($"{ApiClient.Incidents}?status=closed")).Items));
        Assert.Equal(
            [closed],
            (await Client.GetPageAsync($"{ApiClient.Incidents}?phase=Closed")).Items.Select(item => item.Number()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("severity")]
    [InlineData("open")]
    public async Task Paging_two_at_a_time_returns_every_incident_exactly_once_in_order(string? sort)
    {
        // Some share a severity and some a declaration time, so that the tie-breakers are paged through too.
        var numbers = new List<long>();
        foreach (var (severity, minutes) in new[] { ("S2", 0), ("S2", 0), ("S3", 1), ("S2", 1), ("S1", 2) })
        {
            App.Clock.TickMinutes(minutes);
            numbers.Add((await Client.DeclareAsync($"Incident {numbers.Count + 1}", severity)).Number());
        }

        var url = sort is null ? ApiClient.Incidents : $"{ApiClient.Incidents}?sort={sort}";
        var paged = await Client.GetAllPagesAsync(url, limit: 2);

        Assert.Equal(numbers.Order(), paged.Select(item => item.Number()).Order());
        Assert.Equal(
            (await Client.GetPageAsync(url)).Items.Select(item => item.Number()), paged.Select(item => item.Number()));
    }

    [Fact]
    public async Task A_cursor_that_is_not_from_the_same_list_is_refused()
    {
        for (var i = 0; i < 3; i++)
        {
            await Client.DeclareAsync($"Incident {i}");
        }

        var severityCursor = (await Client.GetPageAsync($"{ApiClient.Incidents}?sort=severity&limit=1")).NextCursor;
        Assert.NotNull(severityCursor);

        await (await Client.GetAsync($"{ApiClient.Incidents}?cursor=not-a-cursor")).InvalidAsync("cursor");
        await (await Client.GetAsync($"{ApiClient.Incidents}?cursor=%25%25%25")).InvalidAsync("cursor");
        await (await Client.GetAsync(
            $"{ApiClient.Incidents}?cursor={Uri.EscapeDataString(severityCursor)}")).InvalidAsync("cursor");
    }

    [Theory]
    [InlineData("limit=500", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("phase=Done", "phase")]
    [InlineData("status=pending", "status")]
    [InlineData("severity=S9", "severity")]
    [InlineData("sort=title", "sort")]
    public async Task A_list_query_out_of_range_is_refused_field_by_field(string query, string field)
    {
        await (await Client.GetAsync($"{ApiClient.Incidents}?{query}")).InvalidAsync(field);
    }

    [Fact]
    public async Task Every_list_answers_items_and_a_next_cursor()
    {
        var number = (await Client.DeclareAsync()).Number();
        await Client.AddPersonAsync("Erin Engineer");

        foreach (var url in new[]
        {
            ApiClient.Incidents,
            ApiClient.People,
            ApiClient.CorrectiveActions,
            $"{ApiClient.IncidentUrl(number)}/timeline",
            $"{ApiClient.IncidentUrl(number)}/status-updates",
            $"{ApiClient.IncidentUrl(number)}/corrective-actions",
        })
        {
            // GetPageAsync asserts the shape: exactly "items" and "nextCursor".
            var (_, nextCursor) = await Client.GetPageAsync(url);
            Assert.Null(nextCursor);
        }
    }

    /// <summary>
    /// Five incidents a minute apart: four declared with different severities, services and words, one draft.
    /// </summary>
    private async Task DeclareFiveAsync()
    {
        await Client.DeclareAsync(new
        {
            title = "Checkout is failing",
            summary = "Card payments time out.",
            severity = "S2",
            source = "Monitoring",
            services = new[] { "checkout", "payments" },
        });
        App.Clock.TickMinutes(1);
        await Client.DeclareAsync(new
        {
            title = "Search is slow",
            severity = "S4",
            source = "CustomerReport",
            services = new[] { "search" },
        });
        App.Clock.TickMinutes(1);
        await Client.DeclareAsync(new
        {
            title = "Payment webhook backlog",
            severity = "S1",
            source = "Monitoring",
            services = new[] { "payments" },
        });
        App.Clock.TickMinutes(1);
        await Client.DeclareAsync(new { title = "Disk filling on db-2", phase = "Preparation" });
        App.Clock.TickMinutes(1);
        await Client.DeclareAsync(new
        {
            title = "Login errors",
            severity = "Unknown",
            source = "TeamMemberReport",
            services = new[] { "auth" },
        });
    }

    private static string[] Titles(IEnumerable<JsonElement> items) => [.. items.Select(item => item.Text("title")!)];
}
