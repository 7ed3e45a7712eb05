using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>
/// Closed networks: the API reference (Scalar) loads nothing from elsewhere and offers no hosted
/// service, and the app has its own icon, so no page logs a console error for either.
/// </summary>
public sealed class ApiReferenceAndIconTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task The_API_reference_loads_only_from_the_app_without_console_errors_or_hosted_service_buttons()
    {
        var page = await SignInAsync(Rita);
        var errors = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "http" or "https" && url.Authority != App.BaseAddress.Authority)
            {
                lock (elsewhere)
                {
                    elsewhere.Add(request.Url);
                }
            }
        };

        await page.GotoAsync("/scalar", new() { WaitUntil = WaitUntilState.NetworkIdle });

        // The reference renders in script from the whole document: on a loaded machine that outlasts the usual
        // five seconds, and the sidebar is named only once the document's title has been read.
        var rendered = new LocatorAssertionsToBeAttachedOptions { Timeout = 30_000 };
        await Expect(page.GetByText("/api/v1/incidents").First).ToBeAttachedAsync(rendered);
        await Expect(page.GetByRole(AriaRole.Complementary,
            new() { NameRegex = new System.Text.RegularExpressions.Regex("IncidentHub") })).ToBeVisibleAsync();
        foreach (var hosted in new[] { "Ask AI", "Generate SDK", "Deploy" })
        {
            await Expect(page.GetByText(hosted, new() { Exact = true })).ToHaveCountAsync(0);
        }

        lock (errors)
        {
            Assert.True(errors.Count == 0, "Console errors:\n" + string.Join("\n", errors));
        }

        lock (elsewhere)
        {
            Assert.True(elsewhere.Count == 0, "Requests to other hosts:\n" + string.Join("\n", elsewhere));
        }
    }

    [Fact]
    public async Task Pages_link_the_apps_own_icon_and_favicon_ico_answers()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/signin");

        var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        var linked = await page.APIRequest.GetAsync(icon!);
        var ico = await page.APIRequest.GetAsync("/favicon.ico");

        Assert.Equal((200, "image/svg+xml"), (linked.Status, linked.Headers["content-type"]));
        Assert.Equal((200, "image/x-icon"), (ico.Status, ico.Headers["content-type"]));
    }
}
