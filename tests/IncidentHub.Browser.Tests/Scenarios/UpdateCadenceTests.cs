using System.Text.RegularExpressions;
using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>
/// The Communications Manager's cadence on the pages: the header counts down to the next external update and turns
/// overdue without a reload; the list marks and filters overdue incidents; an external update sets what the status
/// page will say.
/// </summary>
public sealed class UpdateCadenceTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task The_header_counts_down_to_the_next_external_update_and_turns_overdue()
    {
        var number = await Api.DeclareAsync("Checkout returns 502s", "S1", "Monitoring", "checkout");
        var page = await SignInAsync(Rita);
        await page.Clock.InstallAsync();
        var incident = new IncidentPage(page);
        await incident.GotoAsync(number);
        var due = incident.Header.Locator(".update-due");

        await Expect(due).ToHaveTextAsync(new Regex(@"^External Update due in (9|10) min$"));
        await Expect(due).Not.ToHaveClassAsync(new Regex("overdue"));

        await page.Clock.FastForwardAsync("11:00");

        await Expect(due).ToHaveTextAsync(new Regex(@"^External Update overdue by \d+ (s|min)$"));
        await Expect(due).ToHaveClassAsync(new Regex("overdue"));
        await due.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#compose$"));
    }

    [Fact]
    public async Task An_external_update_sets_the_public_status_and_each_services_impact()
    {
        var number = await Api.DeclareAsync("Payments fail", "S2", "Monitoring", "checkout", "payments-api");
        var incident = new IncidentPage(await SignInAsync(Rita));
        await incident.GotoAsync(number);
        var statusPage = incident.Composer.Locator("details#compose-status-page");

        await statusPage.Locator("summary").ClickAsync();
        await Expect(statusPage.GetByText("Suggested wording for this phase")).ToContainTextAsync(
            "We are investigating problems with checkout, payments-api.");
        await Expect(statusPage.GetByLabel("Public status")).ToHaveValueAsync("Investigating");
        await Expect(statusPage.GetByLabel("checkout")).ToHaveValueAsync("PartialOutage");
        await statusPage.GetByLabel("Public status").SelectOptionAsync("Identified");
        await statusPage.GetByLabel("payments-api").SelectOptionAsync(new SelectOptionValue { Label = "Major outage" });
        await incident.ComposeAsync("Card payments fail; we know why and are fixing it.", "External update");

        await Expect(incident.Timeline.First).ToContainTextAsync(
            "[Identified; checkout: Partial outage; payments-api: Major outage]");
        await Expect(incident.Header.Locator(".update-due")).ToHaveTextAsync(new Regex(@"due in (14|15) min$"));
    }

    [Fact]
    public async Task The_list_marks_incidents_owing_customers_an_update_and_filters_them()
    {
        var onTime = await Api.DeclareAsync("Search slow", "S3");
        var page = await SignInAsync(Rita);
        await page.GotoAsync("/?overdue=true");

        await Expect(page.Locator(".incident-row")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("External updates")).ToHaveValueAsync("true");

        await page.GetByLabel("External updates").SelectOptionAsync("false");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var row = page.Locator(".incident-row", new() { HasTextString = $"INC-{onTime}" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".badge.overdue")).ToHaveCountAsync(0);
    }
}
