using System.Text.RegularExpressions;
using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>An admin adds an alert source, copies its secret and configuration once, and disables it.</summary>
public sealed partial class AlertSourceAdminTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_admin_adds_an_Alertmanager_source_sees_its_secret_once_and_disables_it()
    {
        var page = await SignInAsync(Admin);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Alert sources" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alert sources", Exact = true })).ToBeVisibleAsync();

        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Add alert source" }) });
        await form.GetByLabel(NameField()).FillAsync("Prometheus production");
        await form.GetByLabel("Kind").SelectOptionAsync("Alertmanager");
        await form.GetByLabel("Default service").FillAsync("Checkout API");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add alert source" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Prometheus production" })).ToBeVisibleAsync();
        var secret = (await page.Locator("[data-secret]").TextContentAsync())!.Trim();
        Assert.Matches(SecretShape(), secret);
        var yaml = page.Locator("pre.config").First;
        await Expect(yaml).ToContainTextAsync("webhook_configs:");
        await Expect(yaml).ToContainTextAsync("send_resolved: true");
        await Expect(yaml).ToContainTextAsync("max_alerts: 1000");
        await Expect(yaml).ToContainTextAsync($"credentials: {secret}");
        var url = (await page.Locator("[data-ingest-url]").TextContentAsync())!.Trim();
        Assert.Matches(IngestUrlShape(), url);
        await Expect(yaml).ToContainTextAsync($"url: {url}");
        await Expect(page.GetByLabel("Default service")).ToHaveValueAsync("checkout-api");

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Prometheus production" })).ToBeVisibleAsync();
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await Expect(page.Locator("pre.config")).ToHaveCountAsync(0);
        await Expect(page.Locator("dl")).ToContainTextAsync(secret[..10] + "…");

        await page.GetByRole(AriaRole.Button, new() { Name = "Disable source" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Disabled");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enable source" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "← Alert sources" }).ClickAsync();
        var row = page.Locator("tr", new() { HasTextString = "Prometheus production" });
        await Expect(row.Locator("td[data-label=Status]")).ToHaveTextAsync("disabled");
        await Expect(row.Locator("td[data-label=Secret]")).ToHaveTextAsync(secret[..10] + "…");
    }

    [Fact]
    public async Task A_new_secret_needs_a_confirmation_and_is_shown_once()
    {
        var page = await SignInAsync(Admin);
        await page.GotoAsync("/admin/alert-sources");
        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Add alert source" }) });
        await form.GetByLabel(NameField()).FillAsync("Deploy script");
        await form.GetByLabel("Kind").SelectOptionAsync("Generic");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add alert source" }).ClickAsync();
        var first = (await page.Locator("[data-secret]").TextContentAsync())!.Trim();
        await Expect(page.Locator("pre.config")).ToContainTextAsync("curl -X POST");

        await page.GetByText("Give this source a new secret…").ClickAsync();
        var rotate = page.GetByRole(AriaRole.Button, new() { Name = "Make a new secret" });
        await rotate.ClickAsync();
        // The browser holds the form until the box is ticked; nothing changed.
        await Expect(page.Locator("[data-secret]")).ToHaveTextAsync(first);

        await page.GetByLabel("I will give the new secret to the sender").CheckAsync();
        await rotate.ClickAsync();

        var second = (await page.Locator("[data-secret]").TextContentAsync())!.Trim();
        Assert.NotEqual(first, second);
        Assert.Matches(SecretShape(), second);
        await page.ReloadAsync();
        await Expect(page.Locator("[data-secret]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_taken_name_is_refused_and_what_was_typed_stays()
    {
        var page = await SignInAsync(Admin);
        await page.GotoAsync("/admin/alert-sources");
        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Add alert source" }) });
        await form.GetByLabel(NameField()).FillAsync("Grafana");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add alert source" }).ClickAsync();
        await page.GotoAsync("/admin/alert-sources");

        await form.GetByLabel(NameField()).FillAsync("grafana");
        await form.GetByLabel("Default service").FillAsync("payments");
        await form.GetByLabel("Group by labels").FillAsync("cluster, alertname");
        await form.GetByLabel("New incidents a minute, at most").FillAsync("25");
        await form.GetByLabel("Declare new incidents at once").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Add alert source" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already named");
        await Expect(form.GetByLabel(NameField())).ToHaveValueAsync("grafana");
        await Expect(form.GetByLabel("Default service")).ToHaveValueAsync("payments");
        await Expect(form.GetByLabel("Group by labels")).ToHaveValueAsync("cluster, alertname");
        await Expect(form.GetByLabel("New incidents a minute, at most")).ToHaveValueAsync("25");
        await Expect(form.GetByLabel("Declare new incidents at once")).ToBeCheckedAsync();
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_non_admin_is_refused_the_alert_sources_page_and_not_offered_it()
    {
        var page = await SignInAsync(Ivy);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Alert sources" })).ToHaveCountAsync(0);

        await page.GotoAsync("/admin/alert-sources");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add alert source" })).ToHaveCountAsync(0);
    }

    /// <summary>The Name field, not the others whose hints mention names.</summary>
    [GeneratedRegex("^Name")]
    private static partial Regex NameField();

    [GeneratedRegex("^ihsrc_[A-Za-z0-9_-]{43}$")]
    private static partial Regex SecretShape();

    [GeneratedRegex("^https?://[^/]+/api/v1/ingest/[0-9a-f-]{36}$")]
    private static partial Regex IngestUrlShape();
}
