using System.Net;
using IncidentHub.Browser.Tests.Support;
using IncidentHub.Testing;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>
/// An admin registers a webhook endpoint in the browser, copies its secret once, sends a test message to a real
/// receiver and sends a delivery again; an endpoint the app disabled is pointed out with the reason.
/// </summary>
public sealed class WebhookAdminTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_admin_adds_an_endpoint_sees_its_secret_once_pings_it_and_sends_the_ping_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var page = await SignInAsync(Admin);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks", Exact = true })).ToBeVisibleAsync();

        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }) });
        await form.GetByLabel(new System.Text.RegularExpressions.Regex("^Name")).FillAsync("Ops receiver");
        await form.GetByLabel(new System.Text.RegularExpressions.Regex("^Address")).FillAsync(receiver.Url);
        await form.GetByLabel("alert.received").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ops receiver" })).ToBeVisibleAsync();
        var secret = (await page.Locator("[data-secret]").TextContentAsync())!.Trim();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        receiver.Secret = secret;
        await Expect(page.Locator("dl")).ToContainTextAsync("incident.declared, incident.resolved, alert.received");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send a test message" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Test message queued");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        var ping = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("ping", ping.Type);
        Assert.True(ping.SignatureValid, ping.SignatureError);

        var row = page.Locator("tr[data-delivery]").First;
        await Eventually(page, () => Expect(row.Locator("td[data-label=State]")).ToHaveTextAsync("Delivered"));
        await row.GetByRole(AriaRole.Button, new() { Name = "Send again: ping" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sent again");
        var both = await receiver.WaitForAsync(2);
        Assert.Equal(both[0].Id, both[1].Id);
        await Eventually(page, () => Expect(page.Locator("tr[data-delivery]")).ToHaveCountAsync(2));
        await page.Locator("tr[data-delivery]").Last.GetByText("1 attempt").ClickAsync();
        await Expect(page.Locator("tr[data-delivery]").Last.Locator("details li")).ToContainTextAsync("204");
    }

    [Fact]
    public async Task An_endpoint_the_app_disabled_is_pointed_out_with_the_reason()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Otherwise = new Answer(HttpStatusCode.Gone);
        var page = await SignInAsync(Admin);
        await page.GotoAsync("/admin/webhooks");
        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }) });
        await form.GetByLabel(new System.Text.RegularExpressions.Regex("^Name")).FillAsync("Old chat room");
        await form.GetByLabel(new System.Text.RegularExpressions.Regex("^Address")).FillAsync(receiver.Url);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Old chat room" })).ToBeVisibleAsync();

        await Api.DeclareAsync("Checkout fails", "S2", "Monitoring", "checkout-api");
        await receiver.WaitForAsync(1);

        await page.GotoAsync("/admin/webhooks");
        await Eventually(page, () => Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("410 Gone"));
        await Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link, new() { Name = "Old chat room" })).ToBeVisibleAsync();
        var row = page.Locator("tr", new() { HasTextString = "Old chat room" });
        await Expect(row.Locator("td[data-label=Status]")).ToHaveTextAsync("disabled");
    }

    /// <summary>The dispatcher records an attempt just after the receiver answered: reload until the page shows it.</summary>
    private static async Task Eventually(IPage page, Func<Task> expectation)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await expectation();
                return;
            }
            catch (PlaywrightException) when (attempt < 20)
            {
                await page.ReloadAsync();
            }
        }
    }
}
