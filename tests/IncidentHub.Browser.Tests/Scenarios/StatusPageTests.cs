using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>
/// The public status page in a browser with script turned off, as a customer or an aggregator reads it, and its admin
/// page.
/// </summary>
public sealed class StatusPageTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_customer_without_script_reads_the_status_and_the_updates_at_375_px()
    {
        await Api.AddServiceAsync("checkout-api", "Checkout API", shownOnStatusPage: true);
        var number = await Api.DeclareAsync("Internal: pool exhausted on db-7", "S1", "Monitoring", "checkout-api");
        await Api.AddNoteAsync(number, "Internal note: restart db-7 replicas");
        await Api.PostExternalAsync(number, "Checkout is down for all customers.", "checkout-api", "MajorOutage", "Identified");
        var page = await NewPageAsync(Screen.Phone, javaScriptEnabled: false);

        var response = await page.GotoAsync("/status");

        Assert.Equal(200, response!.Status);
        Assert.Equal("public, max-age=10", response.Headers["cache-control"]);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Major System Outage" })).ToBeVisibleAsync();
        await Expect(page.Locator(".components li", new() { HasTextString = "Checkout API" })).ToContainTextAsync("Major outage");
        await Expect(page.Locator("#current ~ article, section[aria-labelledby=current] article").First)
            .ToContainTextAsync("Checkout is down for all customers.");
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("pool exhausted", text, StringComparison.Ordinal);
        Assert.DoesNotContain("db-7", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ivy", text, StringComparison.Ordinal);
        Assert.True(
            await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The page scrolls sideways at 375 px.");
    }

    [Fact]
    public async Task An_admin_renames_the_page_and_sees_it_on_the_public_page()
    {
        var page = await SignInAsync(Admin);
        await page.GotoAsync("/admin/status-page");

        await page.GetByLabel("Title").FillAsync("Acme status");
        await page.GetByLabel("When nothing is wrong").FillAsync("Everything at Acme works");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

        await page.GotoAsync("/status");
        await Expect(page).ToHaveTitleAsync("Acme status");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Everything at Acme works" })).ToBeVisibleAsync();
    }
}
