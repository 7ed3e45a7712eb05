using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Features.Insights;
using IncidentHub.Web.Tests.Support;
using Npgsql;

namespace IncidentHub.Web.Tests.Insights;

/// <summary>
/// The insights API over a small seeded set whose figures are worked out by hand here: counts, medians and 90th
/// percentiles (linear between ranks, as PostgreSQL's percentile_cont), groupings, the period before, reopenings,
/// response times, recurrence, CSV. Each seeded duration sits alone in its bucket, so the rollups give it exactly.
/// </summary>
public sealed class InsightsTests(AppFixture app) : AppTest(app)
{
    private const string Period = "from=2026-01-01&to=2026-03-31";

    [Fact]
    public async Task The_figures_of_a_period_are_the_ones_worked_out_by_hand()
    {
        await SeedAsync();

        var insights = await (await Client.GetAsync($"/api/v1/insights?{Period}")).ReadAsync();

        Assert.Equal("2025-10-03", insights.Text("previousFrom"));
        Assert.Equal("2025-12-31", insights.Text("previousTo"));
        var current = insights.GetProperty("current");
        Assert.Equal(3, current.GetProperty("declared").GetInt32());
        Assert.Equal(1, current.GetProperty("dismissed").GetInt32());
        Assert.Equal(2.0 / 3, current.GetProperty("internallyDetectedShare").GetDouble(), 6);
        // Time to detect: 60, 300 and 1,800 s. Median 300; 90th percentile 300 + 0.8 × 1,500.
        AssertDurations(current.GetProperty("timeToDetect"), 3, 300, 1500);
        // Time to mitigate: 1,800 and 5,400 s (the dismissed one was never mitigated).
        AssertDurations(current.GetProperty("timeToMitigate"), 2, 3600, 5040);
        AssertDurations(current.GetProperty("timeToResolve"), 2, 4800, 5280);
        Assert.Equal(0.5, current.GetProperty("mitigatedWithin30MinutesShare").GetDouble());
        Assert.Equal(0, current.GetProperty("reopened").GetInt32());
        Assert.Equal(1, insights.GetProperty("previous").GetProperty("declared").GetInt32());

        // Mitigated after 30 and 90 minutes; resolved after 70 and 90.
        Assert.Equal(
            ["<5 min:0/0", "5-15 min:0/0", "15-30 min:0/0", "30-60 min:1/0", "1-2 h:1/2", "2-4 h:0/0", "4-24 h:0/0", ">1 day:0/0"],
            insights.GetProperty("responseTimes").EnumerateArray().Select(row =>
                $"{row.Text("key")}:{row.GetProperty("mitigated").GetInt32()}/{row.GetProperty("resolved").GetInt32()}"));

        Assert.Equal(["S1:1", "S3:2"], Rows(insights, "bySeverity"));
        Assert.Equal(["CustomerReport:1", "Monitoring:2"], Rows(insights, "bySource"));
        Assert.Equal(["checkout:1", "search:1"], Rows(insights, "byService"));
        Assert.Equal(["2026-03:3"], Rows(insights, "byMonth"));

        var actions = insights.GetProperty("correctiveActions");
        Assert.Equal(2, actions.GetProperty("opened").GetInt32());
        Assert.Equal(1, actions.GetProperty("done").GetInt32());
        Assert.Equal(1, actions.GetProperty("doneOnTime").GetInt32());
        Assert.Equal(1, actions.GetProperty("overdue").GetInt32());
        Assert.Equal(1, actions.GetProperty("open").GetInt32());
        Assert.Equal(["Detection", "Prevention"],
            insights.GetProperty("correctiveActionsByKind").EnumerateArray().Select(row => row.Text("key")));
    }

    [Fact]
    public async Task A_filter_narrows_every_figure_and_the_CSV_holds_the_same_rows()
    {
        await SeedAsync();

        var s3 = await (await Client.GetAsync($"/api/v1/insights?{Period}&severity=S3")).ReadAsync();
        Assert.Equal(2, s3.GetProperty("current").GetProperty("declared").GetInt32());
        AssertDurations(s3.GetProperty("current").GetProperty("timeToMitigate"), 1, 5400, 5400);
        var checkout = await (await Client.GetAsync($"/api/v1/insights?{Period}&service=checkout")).ReadAsync();
        Assert.Equal(1, checkout.GetProperty("current").GetProperty("declared").GetInt32());
        var team = await (await Client.GetAsync($"/api/v1/insights?{Period}&team=Payments")).ReadAsync();
        Assert.Equal(["checkout:1"], Rows(team, "byService"));

        var csv = await Client.GetAsync($"/api/v1/insights/by-severity.csv?{Period}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd().Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        Assert.StartsWith("key,declared,dismissed,", lines[0], StringComparison.Ordinal);
        Assert.Equal(["S1", "S3", "all"], lines[1..].Select(line => line.Split(',')[0]));
        Assert.Equal("3600", lines[^1].Split(',')[9]);
    }

    [Fact]
    public async Task A_period_that_cuts_months_gives_the_figures_of_the_incidents_in_it()
    {
        await SeedAsync();
        var whole = (await (await Client.GetAsync($"/api/v1/insights?{Period}")).ReadAsync()).GetProperty("current");

        // March read day by day, February as the month less its first nine days, January as a month.
        foreach (var period in new[] { "from=2026-03-01&to=2026-03-05", "from=2026-02-10&to=2026-03-31", "from=2026-01-01&to=2026-03-02" })
        {
            var cut = (await (await Client.GetAsync($"/api/v1/insights?{period}")).ReadAsync()).GetProperty("current");
            Assert.Equal(whole.GetRawText(), cut.GetRawText());
        }

        var before = (await (await Client.GetAsync("/api/v1/insights?from=2026-03-03&to=2026-03-31")).ReadAsync()).GetProperty("current");
        Assert.Equal(0, before.GetProperty("declared").GetInt32());
    }

    [Fact]
    public async Task Periods_cut_anywhere_in_a_block_or_a_month_count_the_incidents_declared_in_them()
    {
        // One incident a day, late in the day, from 28 January to 12 March: S3 on even days of the month, S4 on odd ones.
        List<DateOnly> declared = [];
        for (var day = new DateOnly(2026, 1, 28); day <= new DateOnly(2026, 3, 12); day = day.AddDays(1))
        {
            App.Clock.AdjustTime(new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 30)), TimeSpan.Zero));
            await Client.DeclareAsync(new
            {
                title = $"Trouble on {day:MMM d}",
                severity = day.Day % 2 == 0 ? "S3" : "S4",
                source = "Monitoring",
                services = new[] { "checkout" },
            });
            declared.Add(day);
        }

        App.Clock.AdjustTime(AppFixture.Start);
        foreach (var (from, to) in new[]
        {
            (new DateOnly(2026, 1, 29), new DateOnly(2026, 3, 11)), (new DateOnly(2026, 2, 3), new DateOnly(2026, 2, 20)),
            (new DateOnly(2026, 2, 9), new DateOnly(2026, 3, 8)), (new DateOnly(2026, 2, 5), new DateOnly(2026, 2, 6)),
            (new DateOnly(2026, 2, 26), new DateOnly(2026, 3, 12)), (new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 28)),
        })
        {
            var insights = await (await Client.GetAsync($"/api/v1/insights?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&recurrenceDays=1")).ReadAsync();

            var inside = declared.Where(day => day >= from && day <= to).ToList();
            var label = $"{from}..{to}";
            Assert.True(inside.Count == insights.GetProperty("current").GetProperty("declared").GetInt32(), label);
            Assert.Equal(
                [.. new[] { ("S3", inside.Count(day => day.Day % 2 == 0)), ("S4", inside.Count(day => day.Day % 2 == 1)) }
                    .Where(row => row.Item2 > 0).Select(row => $"{row.Item1}:{row.Item2}")],
                Rows(insights, "bySeverity"));
            Assert.Equal(
                [.. inside.GroupBy(day => $"{day:yyyy-MM}").Select(month => $"{month.Key}:{month.Count()}")],
                Rows(insights, "byMonth"));
            // Every incident but the first came the day after another one.
            Assert.Equal(inside.Count > 1 ? [$"checkout:{inside.Count}:{inside.Count - 1}"] : [], Recurrence(insights));
            var (previousFrom, previousTo) = (DateOnly.Parse(insights.Text("previousFrom")!), DateOnly.Parse(insights.Text("previousTo")!));
            Assert.Equal(declared.Count(day => day >= previousFrom && day <= previousTo),
                insights.GetProperty("previous").GetProperty("declared").GetInt32());
        }
    }

    [Fact]
    public async Task A_corrective_action_finished_after_the_figures_were_read_counts_as_done_at_once()
    {
        var number = (await Client.DeclareAsync("Checkout is failing", "S3")).Number();
        var action = await Client.AddCorrectiveActionAsync(number, new { title = "Alert sooner", kind = "Detection", dueDate = "2026-03-20" });
        var before = (await (await Client.GetAsync($"/api/v1/insights?{Period}")).ReadAsync()).GetProperty("correctiveActions");
        Assert.Equal((1, 0), (before.GetProperty("open").GetInt32(), before.GetProperty("done").GetInt32()));

        (await Client.SendJsonAsync(
            HttpMethod.Patch, $"/api/v1/corrective-actions/{action.Id()}", new { status = "Done" })).EnsureSuccessStatusCode();

        // The instance hears of the change from the database a moment after it commits.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement after;
        do
        {
            after = (await (await Client.GetAsync($"/api/v1/insights?{Period}")).ReadAsync()).GetProperty("correctiveActions");
        }
        while (after.GetProperty("done").GetInt32() == 0 && DateTime.UtcNow < deadline && await Delay());
        Assert.Equal((0, 1, 1), (after.GetProperty("open").GetInt32(), after.GetProperty("done").GetInt32(),
            after.GetProperty("doneOnTime").GetInt32()));

        static async Task<bool> Delay()
        {
            await Task.Delay(50);
            return true;
        }
    }

    [Fact]
    public async Task Incidents_whose_reviews_name_the_same_root_cause_category_are_counted_together()
    {
        var first = (await Client.DeclareAsync("Checkout is failing", "S2")).Number();
        var second = (await Client.DeclareAsync("Search is failing", "S3")).Number();
        var third = (await Client.DeclareAsync("Login is failing", "S3")).Number();
        await Client.DeclareAsync("Email is late", "S4");
        foreach (var (number, category) in new[] { (first, "configuration change"), (second, "Configuration change"), (third, "Saturation") })
        {
            (await Client.PutAsJsonAsync($"{ApiClient.IncidentUrl(number)}/review", new { rootCauseCategory = category }))
                .EnsureSuccessStatusCode();
        }

        var insights = await (await Client.GetAsync($"/api/v1/insights?{Period}")).ReadAsync();
        Assert.Equal(["Configuration change:2", "Saturation:1"], Rows(insights, "byRootCause"));
        var s3 = await (await Client.GetAsync($"/api/v1/insights?{Period}&severity=S3")).ReadAsync();
        Assert.Equal(["Configuration change:1", "Saturation:1"], Rows(s3, "byRootCause"));

        // A category changed in the review moves its incident; a cut period reads it from the incidents themselves.
        (await Client.PutAsJsonAsync($"{ApiClient.IncidentUrl(third)}/review", new { rootCauseCategory = "Configuration change" }))
            .EnsureSuccessStatusCode();
        var csv = await (await Client.GetAsync("/api/v1/insights/by-root-cause.csv?from=2026-03-02&to=2026-03-03")).Content.ReadAsStringAsync();
        Assert.Equal(["key", "Configuration change", "all"], csv.TrimEnd().Split('\n').Select(line => line.Split(',')[0]));
        Assert.StartsWith("Configuration change,3,", csv.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reopened_incident_counts_in_its_rows()
    {
        var closed = (await Client.IncidentInAsync(Phase.Closed, severity: "S2")).Number();
        await Client.IncidentInAsync(Phase.Closed, title: "Search is slow", severity: "S2");
        await Client.MoveAsync(closed, Phase.Investigation, "The errors came back.");

        var insights = await (await Client.GetAsync($"/api/v1/insights?{Period}")).ReadAsync();

        Assert.Equal(2, insights.GetProperty("current").GetProperty("declared").GetInt32());
        Assert.Equal(1, insights.GetProperty("current").GetProperty("reopened").GetInt32());
        Assert.Equal(1, insights.GetProperty("bySeverity")[0].GetProperty("reopened").GetInt32());
        var csv = (await (await Client.GetAsync($"/api/v1/insights/by-severity.csv?{Period}")).Content.ReadAsStringAsync())
            .Split('\n');
        Assert.StartsWith("key,declared,dismissed,duplicates,reopened,", csv[0], StringComparison.Ordinal);
        Assert.StartsWith("S2,2,0,0,1,", csv[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_whose_incidents_came_within_the_window_of_an_earlier_one_are_listed()
    {
        // checkout on days 0, 3 and 20 of March; search on days 0 and 10.
        foreach (var (day, service) in new[] { (0, "checkout"), (0, "search"), (3, "checkout"), (10, "search"), (20, "checkout") })
        {
            App.Clock.AdjustTime(AppFixture.Start.AddDays(day));
            await Client.DeclareAsync(new { title = $"Trouble in {service}", severity = "S3", source = "Monitoring", services = new[] { service } });
        }

        var week = await (await Client.GetAsync($"/api/v1/insights?{Period}")).ReadAsync();
        Assert.Equal(7, week.GetProperty("recurrenceDays").GetInt32());
        Assert.Equal(["checkout:3:1"], Recurrence(week));

        var tenDays = await (await Client.GetAsync($"/api/v1/insights?{Period}&recurrenceDays=10")).ReadAsync();
        Assert.Equal(["checkout:3:1", "search:2:1"], Recurrence(tenDays));
        var seventeen = await (await Client.GetAsync($"/api/v1/insights?{Period}&recurrenceDays=17")).ReadAsync();
        Assert.Equal(["checkout:3:2", "search:2:1"], Recurrence(seventeen));

        var csv = await (await Client.GetAsync($"/api/v1/insights/recurrence.csv?{Period}&recurrenceDays=10")).Content.ReadAsStringAsync();
        Assert.Equal(["service,incidents,within_10_days_of_another", "checkout,3,1", "search,2,1"],
            csv.TrimEnd().Split('\n').Select(line => line.TrimEnd('\r')));
    }

    [Fact]
    public async Task Bad_recurrence_windows_and_two_filters_at_once_are_refused_by_field()
    {
        Assert.NotEmpty(await (await Client.GetAsync("/api/v1/insights?recurrenceDays=0")).InvalidAsync("recurrenceDays"));
        Assert.NotEmpty(await (await Client.GetAsync("/api/v1/insights?recurrenceDays=91")).InvalidAsync("recurrenceDays"));
        Assert.NotEmpty(await (await Client.GetAsync("/api/v1/insights?severity=S1&source=Monitoring")).InvalidAsync("source"));
    }

    [Fact]
    public async Task Without_times_given_detection_is_the_declaration_and_the_impact_starts_at_detection()
    {
        var erin = await Client.AddPersonAsync("Erin Engineer");
        var number = (await Client.DeclareAsync("Checkout is failing", "S3")).Number();
        await Client.AssignAsync(number, IncidentRole.EngineerOnCall, erin);
        await Client.MoveAsync(number, Phase.Investigation);
        await Client.MoveAsync(number, Phase.Containment);
        App.Clock.Advance(TimeSpan.FromMinutes(40));
        await Client.MoveAsync(number, Phase.Remediation);

        var current = (await (await Client.GetAsync($"/api/v1/insights?{Period}")).ReadAsync()).GetProperty("current");

        AssertDurations(current.GetProperty("timeToDetect"), 1, 0, 0);
        AssertDurations(current.GetProperty("timeToMitigate"), 1, 2400, 2400);
        Assert.Equal(0, current.GetProperty("mitigatedWithin30MinutesShare").GetDouble());
    }

    [Fact]
    public async Task Bad_filters_are_refused_by_field()
    {
        Assert.NotEmpty(await (await Client.GetAsync("/api/v1/insights?severity=S9")).InvalidAsync("severity"));
        Assert.NotEmpty(await (await Client.GetAsync("/api/v1/insights?source=Twitter")).InvalidAsync("source"));
        Assert.NotEmpty(await (await Client.GetAsync("/api/v1/insights?from=2026-03-01&to=2026-01-01")).InvalidAsync("to"));
        var notADate = await Client.GetAsync("/api/v1/insights?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, notADate.StatusCode);
        Assert.Equal("application/problem+json", notADate.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_app_buckets_durations_as_the_database_does()
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        double[] seconds = [0, 29.9, 30, 599.5, 600, 1799, 1800, 3599, 3600, 7199, 7200, 14399, 14400, 86399, 86400,
            604799, 604800, 2591999, 2592000, 7775999, 7776000, 1e8];
        foreach (var value in seconds)
        {
            await using var command = new NpgsqlCommand("SELECT insight_bucket($1)", connection) { Parameters = { new() { Value = value } } };
            Assert.Equal((int)(await command.ExecuteScalarAsync())!, InsightBuckets.Of(value).Low);
        }
    }

    private async Task SeedAsync()
    {
        (await Client.PostAsJsonAsync("/api/v1/services", new { slug = "checkout", name = "Checkout", ownerTeam = "Payments" }))
            .EnsureSuccessStatusCode();
        var erin = await Client.AddPersonAsync("Erin Engineer");
        var ivy = await Client.AddPersonAsync("Ivy Manager");
        var cory = await Client.AddPersonAsync("Cory Comms");

        // The period before: one incident in December.
        App.Clock.AdjustTime(new DateTimeOffset(2025, 12, 15, 10, 0, 0, TimeSpan.Zero));
        await Client.DeclareAsync("Old outage", "S2");
        App.Clock.AdjustTime(AppFixture.Start);
        var t0 = AppFixture.Start;

        // A: S1 by monitoring; detected in 5 min, mitigated 30 min and resolved 70 min after the impact started.
        var a = (await Client.DeclareAsync(new
        {
            title = "Checkout down",
            severity = "S1",
            source = "Monitoring",
            services = new[] { "checkout" },
            impactStartedAt = t0.AddMinutes(-10),
            detectedAt = t0.AddMinutes(-5),
        })).Number();
        await Client.AssignAsync(a, IncidentRole.EngineerOnCall, erin);
        await Client.AssignAsync(a, IncidentRole.IncidentManager, ivy);
        await Client.AssignAsync(a, IncidentRole.CommunicationsManagerOnCall, cory);
        await Client.MoveAsync(a, Phase.Investigation);
        await Client.MoveAsync(a, Phase.Containment);
        App.Clock.Advance(TimeSpan.FromMinutes(20));
        await Client.MoveAsync(a, Phase.Remediation);
        App.Clock.Advance(TimeSpan.FromMinutes(40));
        await Client.MoveAsync(a, Phase.Recovery);
        var detection = await Client.AddCorrectiveActionAsync(
            a, new { title = "Alert sooner", kind = "Detection", dueDate = "2026-03-10" });

        // B: S3 reported by a customer; detected in 30 min, mitigated and resolved at once 90 min after the impact.
        var now = App.Clock.GetUtcNow();
        var b = (await Client.DeclareAsync(new
        {
            title = "Search slow",
            severity = "S3",
            source = "CustomerReport",
            services = new[] { "search" },
            impactStartedAt = now.AddMinutes(-30),
            detectedAt = now,
        })).Number();
        await Client.AssignAsync(b, IncidentRole.EngineerOnCall, erin);
        await Client.MoveAsync(b, Phase.Investigation);
        await Client.MoveAsync(b, Phase.Containment);
        App.Clock.Advance(TimeSpan.FromMinutes(60));
        await Client.MoveAsync(b, Phase.Recovery, "Fixed and mitigated at once.");
        await Client.AddCorrectiveActionAsync(b, new { title = "Cap query size", kind = "Prevention", dueDate = "2026-03-01" });

        // C: S3 by monitoring, detected a minute after it started, then dismissed as a false alarm.
        now = App.Clock.GetUtcNow();
        var c = (await Client.DeclareAsync(new
        {
            title = "Disk alarm",
            severity = "S3",
            source = "Monitoring",
            impactStartedAt = now.AddMinutes(-2),
            detectedAt = now.AddMinutes(-1),
        })).Number();
        await Client.MoveAsync(c, Phase.Dismissed, "False alarm: the disk was fine.");

        // A draft never declared does not count.
        await Client.DeclareAsync(new { title = "Maybe", source = "Monitoring", phase = "Preparation" });

        App.Clock.Advance(TimeSpan.FromDays(1));
        (await Client.SendJsonAsync(
            HttpMethod.Patch, $"/api/v1/corrective-actions/{detection.Id()}", new { status = "Done" })).EnsureSuccessStatusCode();
    }

    private static void AssertDurations(JsonElement durations, int count, double median, double p90)
    {
        Assert.Equal(count, durations.GetProperty("count").GetInt32());
        Assert.Equal(median, durations.GetProperty("medianSeconds").GetDouble(), 6);
        Assert.Equal(p90, durations.GetProperty("p90Seconds").GetDouble(), 6);
    }

    private static string[] Recurrence(JsonElement insights) =>
        [.. insights.GetProperty("recurrence").EnumerateArray().Select(row =>
            $"{row.Text("service")}:{row.GetProperty("incidents").GetInt32()}:{row.GetProperty("recurrences").GetInt32()}")];

    private static string[] Rows(JsonElement insights, string table) =>
        [.. insights.GetProperty(table).EnumerateArray().Select(row => $"{row.Text("key")}:{row.GetProperty("declared").GetInt32()}")];
}
