using System.Text.RegularExpressions;
using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

public sealed class DeclareTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_responder_declares_from_a_phone_with_title_severity_and_source_only()
    {
        var page = await SignInAsync(Rita, Screen.Phone);

        // Six steps from the list to a declared incident: tap, type, choose, choose, tap.
        await page.GetByRole(AriaRole.Link, new() { Name = "Declare an incident", Exact = true }).TapAsync();
        await page.GetByLabel("What is broken?").FillAsync("Checkout returns 502s");
        await page.GetByLabel("Severity").SelectOptionAsync(new SelectOptionValue { Label = "S2 (high)" });
        await page.GetByLabel("How was it found?").SelectOptionAsync(new SelectOptionValue { Label = "Customer report" });
        await Reflow.AssertNoHorizontalScrollAsync(page);
        await Screenshots.SaveAsync(page, "declare-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Declare", Exact = true }).TapAsync();

        var incident = new IncidentPage(page);
        await Expect(page).ToHaveURLAsync(new Regex(@"/incidents/\d+"));
        await Expect(incident.Header).ToContainTextAsync("Checkout returns 502s");
        await Expect(incident.PhaseBadge).ToHaveTextAsync("Identification");
        await Expect(incident.SeverityBadge).ToHaveTextAsync("S2");
        await Expect(page.Locator("[data-live=details]")).ToContainTextAsync("Customer report");
        await Reflow.AssertNoHorizontalScrollAsync(page);
    }

    [Fact]
    public async Task The_declare_form_works_with_the_keyboard_alone()
    {
        var page = await SignInAsync(Rita);
        await page.GotoAsync("/incidents/new");
        var keyboard = page.Keyboard;

        // The title has the focus from the start.
        await Expect(page.GetByLabel("What is broken?")).ToBeFocusedAsync();
        await keyboard.TypeAsync("Search results take 8 s");
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Severity")).ToBeFocusedAsync();
        // Unknown → S1 → S2 → S3
        await keyboard.PressAsync("ArrowDown");
        await keyboard.PressAsync("ArrowDown");
        await keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByLabel("Severity")).ToHaveValueAsync("S3");
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("How was it found?")).ToBeFocusedAsync();
        // Choose… → Monitoring or alerting
        await keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByLabel("How was it found?")).ToHaveValueAsync("Monitoring");
        // Past the optional details, which stay closed, to the Declare button.
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByText("More details (optional)")).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Declare", Exact = true })).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");

        var incident = new IncidentPage(page);
        await Expect(incident.Header).ToContainTextAsync("Search results take 8 s");
        await Expect(incident.SeverityBadge).ToHaveTextAsync("S3");
        await Expect(incident.PhaseBadge).ToHaveTextAsync("Identification");
    }

    [Fact]
    public async Task The_skip_link_is_the_first_stop_and_moves_the_focus_to_the_content()
    {
        var page = await SignInAsync(Rita);

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Declare an incident", Exact = true })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task A_declaration_without_a_source_is_refused_beside_the_field()
    {
        var page = await SignInAsync(Rita);
        await page.GotoAsync("/incidents/new");

        await page.GetByLabel("What is broken?").FillAsync("Disk almost full on db-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Declare", Exact = true }).ClickAsync();

        await Expect(page.Locator("[data-valmsg-for='Input.Source']")).Not.ToBeEmptyAsync();
        await Expect(page.GetByLabel("What is broken?")).ToHaveValueAsync("Disk almost full on db-2");
        await Expect(page).ToHaveURLAsync(new Regex("/incidents/new"));
    }
}
