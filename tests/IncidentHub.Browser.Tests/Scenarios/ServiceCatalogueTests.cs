using System.Text.RegularExpressions;
using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>The service catalogue: kept by Incident Managers, linked from incidents, read by everyone.</summary>
public sealed class ServiceCatalogueTests(BrowserFixture app) : BrowserTest(app)
{
    private const string Runbook = "https://runbooks.example.com/payments-gateway";

    [Fact]
    public async Task An_incident_manager_adds_a_service_and_its_runbook_shows_on_the_incidents_naming_it()
    {
        var page = await SignInAsync(Ivy);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Services" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a service" }).ClickAsync();

        // A name where the slug goes is refused beside the slug, with the slug it would make; nothing typed is lost.
        await page.GetByLabel("Slug").FillAsync("Payments Gateway");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Payments Gateway");
        await page.GetByLabel("Owning team").FillAsync("Payments");
        await page.GetByLabel("Runbook link").FillAsync(Runbook);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add service" }).ClickAsync();
        await Expect(page.Locator("#Input-slug-error")).ToContainTextAsync("\"payments-gateway\"");
        await Expect(page.GetByLabel("Slug")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Owning team")).ToHaveValueAsync("Payments");
        await Expect(page.GetByLabel("Runbook link")).ToHaveValueAsync(Runbook);

        await page.GetByLabel("Slug").FillAsync("payments-gateway");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add service" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/services/payments-gateway$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Payments Gateway", Level = 1 })).ToBeVisibleAsync();

        // Declared naming the service as people say it: the incident stores its slug.
        await page.GotoAsync("/incidents/new");
        await page.GetByLabel("What is broken?").FillAsync("Card payments time out");
        await page.GetByLabel("How was it found?").SelectOptionAsync("Monitoring");
        await page.GetByText("More details (optional)").ClickAsync();
        await page.GetByLabel("Affected services").FillAsync("Payments Gateway");
        await page.GetByRole(AriaRole.Button, new() { Name = "Declare", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/incidents/\d+$"));

        var details = page.Locator("#details");
        await Expect(details.GetByRole(AriaRole.Link, new() { Name = "Runbook for Payments Gateway" }))
            .ToHaveAttributeAsync("href", Runbook);
        await details.GetByRole(AriaRole.Link, new() { Name = "Payments Gateway", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/services/payments-gateway$"));
        var incidents = page.Locator("section[aria-labelledby=incidents-heading]");
        await Expect(incidents).ToContainTextAsync("Card payments time out");
        await Expect(page.Locator("dl.details")).ToContainTextAsync("Payments");
    }

    [Fact]
    public async Task A_service_an_incident_named_first_waits_for_review_until_an_incident_manager_fills_it_in()
    {
        await Api.DeclareAsync("Search results are empty", "S3", "Monitoring", "search");
        var page = await SignInAsync(Ivy, Screen.Phone);

        await page.GotoAsync("/services");
        await Expect(page.Locator("table")).ToContainTextAsync("Needs review");
        await page.GetByRole(AriaRole.Link, new() { Name = "search", Exact = true }).ClickAsync();
        await page.GetByText("Edit the service").ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Search");
        await page.GetByLabel("Runbook link").FillAsync("runbooks/search");
        // Past the browser's own check of a URL field, to the server's answer.
        await page.GetByLabel("Runbook link").EvaluateAsync("field => field.type = 'text'");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        // Refused beside the field, with what was typed kept.
        await Expect(page.Locator("#Edit-runbook-error")).ToContainTextAsync("http or https");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Search");
        await page.GetByLabel("Runbook link").FillAsync("https://runbooks.example.com/search");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Search", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Needs review")).ToHaveCountAsync(0);
        await Expect(page.Locator("section[aria-labelledby=incidents-heading]")).ToContainTextAsync("Search results are empty");
        await Reflow.AssertNoHorizontalScrollAsync(page);
    }

    [Fact]
    public async Task A_responder_reads_the_catalogue_without_add_or_edit_controls()
    {
        await Api.AddServiceAsync("identity", "Identity", "Platform", "https://runbooks.example.com/identity");
        var page = await SignInAsync(Rita);

        await page.GotoAsync("/services");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Identity", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add a service" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Identity", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Runbook" })).ToHaveAttributeAsync("href", "https://runbooks.example.com/identity");
        await Expect(page.GetByText("Edit the service")).ToHaveCountAsync(0);
        await Expect(page.Locator("main form[method=post]")).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/services/new");
        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("main form[method=post]")).ToHaveCountAsync(0);
    }
}
