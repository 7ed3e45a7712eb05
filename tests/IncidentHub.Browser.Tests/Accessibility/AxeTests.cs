using IncidentHub.Browser.Tests.Support;
using IncidentHub.Domain;

namespace IncidentHub.Browser.Tests.Accessibility;

/// <summary>
/// axe-core on every page, at desktop width and at 375 px, with data on the pages that show data:
/// no serious or critical violation of WCAG 2.0/2.1 A and AA.
/// </summary>
public sealed class AxeTests(BrowserFixture app) : BrowserTest(app)
{
    public static TheoryData<string, Screen> Pages()
    {
        var data = new TheoryData<string, Screen>();
        foreach (var page in new[]
        {
            "signin", "incidents", "declare", "incident", "incident-learnings", "corrective-actions", "people",
            "account", "admin-accounts", "admin-alert-sources", "admin-alert-source", "not-found", "forbidden",
            "alerts", "alert", "incident-triage", "services", "service", "service-new", "status-page", "admin-status-page",
            "admin-webhooks", "admin-webhook", "insights", "incident-review", "reviews", "preparation",
        })
        {
            data.Add(page, Screen.Desktop);
            data.Add(page, Screen.Phone);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_has_no_serious_accessibility_violation(string name, Screen screen)
    {
        var page = name switch
        {
            "signin" or "status-page" => await NewPageAsync(screen, bypassCsp: true),
            "admin-accounts" or "admin-alert-sources" or "admin-alert-source" or "admin-status-page"
                or "admin-webhooks" or "admin-webhook" =>
                await SignInAsync(Admin, screen, bypassCsp: true),
            "forbidden" => await SignInAsync(Rita, screen, bypassCsp: true),
            _ => await SignInAsync(Ivy, screen, bypassCsp: true),
        };

        switch (name)
        {
            case "signin":
                await page.GotoAsync("/signin");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
                break;
            case "incidents":
                await SeedWorkedIncidentAsync();
                await Api.DeclareAsync("Search is slow", "Unknown", "CustomerReport");
                await page.GotoAsync("/");
                await Expect(page.Locator(".incident-row")).ToHaveCountAsync(2);
                break;
            case "declare":
                await page.GotoAsync("/incidents/new");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Declare an incident" })).ToBeVisibleAsync();
                break;
            case "incident":
                var number = await SeedWorkedIncidentAsync();
                await page.GotoAsync($"/incidents/{number}");
                await Expect(page.Locator("[data-live=timeline-list]")).ToContainTextAsync("checkout-api jumped");
                break;
            case "incident-learnings":
                var worked = await SeedWorkedIncidentAsync();
                await page.GotoAsync($"/incidents/{worked}?view=learnings");
                await Expect(page.Locator("#review")).ToContainTextAsync("connection-pool");
                break;
            case "incident-review":
                var reviewed = await SeedWorkedIncidentAsync();
                await page.GotoAsync($"/incidents/{reviewed}/review");
                await Expect(page.Locator("section[aria-labelledby=root-heading]")).ToContainTextAsync("connection-pool");
                break;
            case "preparation":
                await SeedWorkedIncidentAsync();
                await SeedWorkedIncidentAsync("Checkout returns 502s again");
                await page.GotoAsync("/preparation");
                await Expect(page.Locator("section[aria-labelledby=repeats-heading] tbody tr").First).ToBeVisibleAsync();
                break;
            case "reviews":
                await SeedWorkedIncidentAsync();
                await page.GotoAsync("/reviews");
                await Expect(page.Locator("tbody tr").First).ToBeVisibleAsync();
                break;
            case "corrective-actions":
                await SeedWorkedIncidentAsync();
                await page.GotoAsync("/corrective-actions");
                await Expect(page.GetByText("Add a canary stage to the checkout deploy")).ToBeVisibleAsync();
                break;
            case "people":
                await page.GotoAsync("/people");
                await Expect(page.GetByText("Rita Responder")).ToBeVisibleAsync();
                break;
            case "services":
                await Api.AddServiceAsync("checkout-api", "Checkout API", "Commerce", "https://runbooks.example.com/checkout-api");
                await SeedWorkedIncidentAsync(service: "payments");
                await page.GotoAsync("/services");
                await Expect(page.Locator("td .needs-review")).ToBeVisibleAsync();
                break;
            case "service":
                await Api.AddServiceAsync("checkout-api", "Checkout API", "Commerce", "https://runbooks.example.com/checkout-api");
                await SeedWorkedIncidentAsync();
                await Api.DeclareAsync("Checkout is slow", "S3", "Monitoring", "checkout-api");
                await page.GotoAsync("/services/checkout-api");
                await Expect(page.Locator("section[aria-labelledby=incidents-heading] tbody tr")).ToHaveCountAsync(2);
                break;
            case "service-new":
                await page.GotoAsync("/services/new");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add a service" })).ToBeVisibleAsync();
                break;
            case "account":
                await page.GotoAsync("/account");
                await Expect(page.Locator("td[data-label=Name]", new() { HasTextString = "alertmanager" })).ToBeVisibleAsync();
                break;
            case "admin-accounts":
                await page.GotoAsync("/admin/accounts");
                await Expect(page.GetByText("rita@example.com")).ToBeVisibleAsync();
                break;
            case "alerts":
            case "alert":
            case "incident-triage":
                var source = await App.AddSourceAsync("Prometheus");
                var triage = await App.AddTriageIncidentAsync("High latency on checkout", "checkout");
                var alert = await App.FireAsync(source, triage, "High latency on checkout", Severity.S2, "checkout");
                await App.FireAsync(source, triage, "Disk almost full", Severity.S4, "checkout", resolved: true);
                await page.GotoAsync(name switch
                {
                    "alerts" => "/alerts",
                    "alert" => $"/alerts/{alert}",
                    _ => $"/incidents/{triage}",
                });
                await Expect(page.GetByText("High latency on checkout").First).ToBeVisibleAsync();
                if (name == "incident-triage")
                {
                    // The disclosure open, so that its fields are checked too.
                    await page.GetByText("Dismiss as a false alarm, or merge").ClickAsync();
                }

                break;
            case "admin-alert-sources":
            case "admin-alert-source":
                // Added through the form, so that the source's page shows its secret and what to paste, once.
                await page.GotoAsync("/admin/alert-sources");
                await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Name")).FillAsync("Prometheus production");
                await page.GetByRole(AriaRole.Button, new() { Name = "Add alert source" }).ClickAsync();
                await Expect(page.Locator("pre.config").First).ToContainTextAsync("webhook_configs:");
                if (name == "admin-alert-sources")
                {
                    await page.GotoAsync("/admin/alert-sources");
                    await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Prometheus production" })).ToBeVisibleAsync();
                }

                break;
            case "insights":
                await Api.DeclareAsync("Checkout fails", "S2", "Monitoring", "checkout-api");
                await Api.DeclareAsync("Search is slow", "S3", "CustomerReport", "search");
                await page.GotoAsync("/insights");
                await Expect(page.Locator("#by-month-table")).ToBeVisibleAsync();
                break;
            case "admin-webhooks":
            case "admin-webhook":
                // Added through the form, so that its page shows the secret once; a test message fills the deliveries.
                await page.GotoAsync("/admin/webhooks");
                await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Name")).FillAsync("Ops chat");
                await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Address")).FillAsync("https://hooks.example.com/ops");
                await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
                await Expect(page.Locator("[data-secret]")).ToBeVisibleAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Send a test message" }).ClickAsync();
                await Expect(page.Locator("tr[data-delivery]")).ToHaveCountAsync(1);
                if (name == "admin-webhooks")
                {
                    await page.GotoAsync("/admin/webhooks");
                    await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ops chat" })).ToBeVisibleAsync();
                }

                break;
            case "status-page":
            case "admin-status-page":
                await Api.AddServiceAsync("checkout-api", "Checkout API", shownOnStatusPage: true);
                await Api.AddServiceAsync("search", "Search", shownOnStatusPage: true);
                var affected = await Api.DeclareAsync("Checkout fails", "S2", "Monitoring", "checkout-api");
                await Api.PostExternalAsync(affected, "Some card payments fail; we are on it.", "checkout-api", "PartialOutage");
                var resolved = await Api.DeclareAsync("Search was slow", "S3", "Monitoring", "search");
                await Api.PostExternalAsync(resolved, "Search is slow.", "search", "DegradedPerformance");
                await Api.MoveAsync(resolved, "Dismissed", "It was the load test.");
                await page.GotoAsync(name == "status-page" ? "/status" : "/admin/status-page");
                await Expect(page.GetByText(name == "status-page" ? "Some card payments fail" : "checkout-api").First)
                    .ToBeVisibleAsync();
                break;
            case "not-found":
                var response = await page.GotoAsync("/no-such-page");
                Assert.Equal(404, response!.Status);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
                break;
            case "forbidden":
                await page.GotoAsync("/admin/accounts");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "No such page in this test.");
        }

        await Axe.AssertNoSeriousViolationsAsync(page);
        if (screen == Screen.Phone)
        {
            await Reflow.AssertNoHorizontalScrollAsync(page);
        }
    }
}
