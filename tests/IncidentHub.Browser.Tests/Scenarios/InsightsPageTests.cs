using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>The insights page: reachable from the incident list, its chart with the same figures in a table, CSV.</summary>
public sealed class InsightsPageTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task The_insights_show_this_periods_incidents_by_month_with_a_chart_and_its_table_and_export_CSV()
    {
        var checkout = await Api.DeclareAsync("Checkout fails", "S2", "Monitoring", "checkout-api");
        await Api.DeclareAsync("Search is slow", "S3", "CustomerReport", "search");
        var done = await Api.AddActionAsync(checkout, "Alert on checkout errors", "Detection", null, null);
        await Api.SetActionStatusAsync(done, "Done");
        await Api.AddActionAsync(checkout, "Write the checkout runbook", "Preparation", null, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)));
        await Api.SendAsync(HttpMethod.Put, $"/api/v1/incidents/{checkout}/review", new { rootCauseCategory = "Software change" });
        var page = await SignInAsync(Ivy);

        await page.GetByRole(AriaRole.Link, new() { Name = "Insights across incidents" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Insights", Exact = true })).ToBeVisibleAsync();
        var summary = page.Locator("table.insights-summary");
        await Expect(summary.Locator("tr", new() { HasTextString = "Declared" }).Locator("td").Nth(1)).ToContainTextAsync("2");
        await Expect(summary.Locator("tr", new() { HasTextString = "Detected by monitoring" })).ToContainTextAsync("50%");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Incidents declared by month" })).ToBeVisibleAsync();
        // Follow-through: one bar per kind and one for all, split into done on time, late, overdue and open.
        var followThrough = page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Follow-through of corrective actions") });
        await Expect(followThrough).ToBeVisibleAsync();
        // A bar per row of its table (each kind and all), and the overdue part where the table counts one.
        await Expect(followThrough.Locator("text.bar-value")).ToHaveCountAsync(await page.Locator("#actions-table tbody tr").CountAsync());
        await Expect(followThrough.Locator("text.bar-value")).ToHaveTextAsync(["1", "1", "2"]);
        await Expect(followThrough.Locator("rect.part-overdue")).ToHaveCountAsync(1 + 2);
        await Expect(page.Locator("#actions-table tr", new() { HasTextString = "All" }).Locator("td[data-label=Overdue]")).ToHaveTextAsync("1");
        var month = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator("#by-month-table tr", new() { HasTextString = month }).Locator("td[data-label=Declared]"))
            .ToHaveTextAsync("2");
        await Expect(page.Locator("#by-severity-table td[data-label=Severity]")).ToHaveTextAsync(["S2", "S3"]);
        await Expect(page.Locator("#by-root-cause-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#by-root-cause-table td[data-label='Root cause']")).ToHaveTextAsync("Software change");

        await page.GetByLabel("Severity").SelectOptionAsync("S3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("#by-severity-table td[data-label=Severity]")).ToHaveTextAsync(["S3"]);
        await Expect(page.Locator("#by-root-cause-table")).ToHaveTextAsync("No review of this period's incidents names a root-cause category yet.");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "by service (CSV)" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("search,1,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("checkout-api", csv, StringComparison.Ordinal);
    }
}
