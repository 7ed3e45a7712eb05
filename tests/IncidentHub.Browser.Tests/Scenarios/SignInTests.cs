using System.Text.RegularExpressions;
using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

public sealed class SignInTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Signing_in_leads_from_the_sign_in_page_to_the_incident_list()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));

        await page.GetByLabel("Email").FillAsync(Ivy.Email);
        await page.GetByLabel("Password").FillAsync(TestUser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Incidents", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".who")).ToContainTextAsync("Ivy Manager");
        await Expect(page.Locator(".who")).ToContainTextAsync("Incident Manager");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_page()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/signin");

        await page.GetByLabel("Email").FillAsync(Rita.Email);
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await SignInAsync(Rita);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await page.GotoAsync("/corrective-actions");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
    }
}
