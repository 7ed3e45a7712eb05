using IncidentHub.Browser.Tests.Support;
using IncidentHub.Testing;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>
/// The pictures in docs/screenshots, taken of the real pages with a little realistic data (the
/// declare form on a phone comes from <see cref="DeclareTests"/>).
/// </summary>
public sealed class ScreenshotTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task The_main_pages_are_pictured_for_the_documentation()
    {
        var closed = await SeedWorkedIncidentAsync("Password reset emails arrive an hour late", "mailer", "Alert when the mail queue is older than 5 minutes");
        await Api.MoveAsync(closed, "Closed");
        var worked = await SeedWorkedIncidentAsync();
        var investigating = await Api.DeclareAsync("Search results take 8 s to load", "S3", "CustomerReport", "search");
        await Api.AssignAsync(investigating, "EngineerOnCall", Rita.Id);
        await Api.MoveAsync(investigating, "Investigation");
        await Api.DeclareAsync("Status page shows yesterday's data", "Unknown", "TeamMemberReport", "status-page");

        var page = await SignInAsync(Ivy);
        await Expect(page.Locator(".incident-row")).ToHaveCountAsync(4);
        await Screenshots.SaveAsync(page, "incident-list");

        var incident = new IncidentPage(page);
        await incident.GotoAsync(worked);
        await Expect(incident.PhaseBadge).ToHaveTextAsync("Learnings");
        await Screenshots.SaveAsync(page, "incident-page");

        await page.GotoAsync("/corrective-actions");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(page, "corrective-actions");

        var phone = new IncidentPage(await SignInAsync(Rita, Screen.Phone));
        await phone.GotoAsync(worked);
        await Expect(phone.PhaseBadge).ToHaveTextAsync("Learnings");
        await Screenshots.SaveAsync(phone.Page, "incident-phone");
    }

    [Fact]
    public async Task The_insights_and_a_webhook_endpoint_are_pictured_for_the_documentation()
    {
        await SeedWorkedIncidentAsync();
        await SeedWorkedIncidentAsync("Password reset emails arrive an hour late", "mailer", "Alert when the mail queue is older than 5 minutes");
        var search = await Api.DeclareAsync("Search results take 8 s to load", "S3", "CustomerReport", "search");
        await Api.AssignAsync(search, "EngineerOnCall", Rita.Id);
        await Api.MoveAsync(search, "Investigation");
        await Api.DeclareAsync("Disk alarm on db-2", "S4", "Monitoring", "database");

        var page = await SignInAsync(Admin);
        await page.GotoAsync("/insights");
        await Expect(page.Locator("#by-month-table")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "insights");

        await using var receiver = await WebhookReceiver.StartAsync();
        await page.GotoAsync("/admin/webhooks");
        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }) });
        await form.GetByLabel(new System.Text.RegularExpressions.Regex("^Name")).FillAsync("#incidents on Mattermost");
        await form.GetByLabel(new System.Text.RegularExpressions.Regex("^Address")).FillAsync(receiver.Url);
        await form.GetByLabel("Format").SelectOptionAsync("Slack");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a test message" }).ClickAsync();
        await Api.DeclareAsync("Checkout returns 502s", "S2", "Monitoring", "checkout-api");
        await receiver.WaitForAsync(2);
        var pending = page.Locator("td[data-label=State]", new() { HasTextString = "Pending" });
        for (var attempt = 0; attempt < 20; attempt++)
        {
            // The dispatcher records each attempt just after the receiver answered.
            await page.ReloadAsync();
            if (await page.Locator("tr[data-delivery]").CountAsync() == 2 && await pending.CountAsync() == 0)
            {
                break;
            }

            await Task.Delay(200);
        }

        await Expect(page.Locator("tr[data-delivery]")).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(page, "webhook-endpoint");
    }

    [Fact]
    public async Task The_public_status_page_is_pictured_for_the_documentation()
    {
        await Api.AddServiceAsync("checkout", "Checkout", shownOnStatusPage: true);
        await Api.AddServiceAsync("payments-api", "Payments API", shownOnStatusPage: true);
        await Api.AddServiceAsync("search", "Search", shownOnStatusPage: true);
        await Api.AddServiceAsync("email", "Email notifications", shownOnStatusPage: true);
        var earlier = await Api.DeclareAsync("Search index rebuild stalled", "S3", "Monitoring", "search");
        await Api.PostExternalAsync(earlier, "Search results may be incomplete while we rebuild the index.", "search", "DegradedPerformance");
        await Api.MoveAsync(earlier, "Dismissed", "The rebuild finished on its own.");
        var current = await Api.DeclareAsync("Card payments time out", "S2", "Monitoring", "payments-api", "checkout");
        await Api.PostExternalAsync(current, "Some card payments fail at checkout. We are investigating.", "payments-api", "PartialOutage");
        await Api.PostExternalAsync(
            current, "We found the cause, a misbehaving payment provider connection, and are switching to the standby.",
            "payments-api", "PartialOutage", "Identified");

        var page = await NewPageAsync(Screen.Desktop);
        await page.GotoAsync("/status");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Partial System Outage" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "status-page");
    }
}
