using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>A brand-new installation: no account yet, so the first visit makes the first admin.</summary>
public sealed class SetupTests(BrowserFixture app) : BrowserTest(app)
{
    protected override bool CreatesAccounts => false;

    [Theory]
    [InlineData(Screen.Desktop)]
    [InlineData(Screen.Phone)]
    public async Task The_setup_page_makes_the_first_admin_and_passes_axe(Screen screen)
    {
        var page = await NewPageAsync(screen, bypassCsp: true);
        await page.GotoAsync("/setup");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up IncidentHub" })).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page);
        if (screen == Screen.Phone)
        {
            await Reflow.AssertNoHorizontalScrollAsync(page);
        }

        await page.GetByLabel("Your name").FillAsync("Olu Owner");
        await page.GetByLabel("Email").FillAsync("olu@example.com");
        await page.GetByLabel("Password").FillAsync(TestUser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the admin account" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Incidents", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".who")).ToContainTextAsync("Olu Owner");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true })).ToBeVisibleAsync();

        // Only once.
        var again = await page.GotoAsync("/setup");
        Assert.Equal(404, again!.Status);
    }
}
