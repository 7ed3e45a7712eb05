using System.Globalization;
using System.Text.RegularExpressions;
using IncidentHub.Browser.Tests.Support;
using Xunit.Abstractions;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>
/// The common jobs are at hand (issue 14): on a demo S1 incident and on the list, at 1280 × 800 and
/// 375 × 812, each job's first control begins within the first 1.5 screens, and the incident's first
/// screen shows what is broken, how bad, who is on it, the latest update and the next thing. The
/// distances are printed (docs/benchmarks.md, "The incident page's first screen", says how to see them).
/// </summary>
public sealed class FirstScreenTests(BrowserFixture app, ITestOutputHelper output) : BrowserTest(app)
{
    private const double Within = 1.5;

    private const string Title = "Checkout returns 502s for card payments";

    private const string ExternalUpdate = "Some card payments fail. We are rolling back the latest release.";

    /// <summary>Each job on the incident page and where its controls are: the first one shown counts.</summary>
    private static readonly (string Job, string Selector)[] IncidentJobs =
    [
        ("Post an external status update", "#compose-external"),
        ("Assign the Engineer On Call", "#next-assign-EngineerOnCall, #assign-EngineerOnCall"),
        ("Change the severity", "#severity-value"),
        ("Move to the next phase", "#now .moves > form button"),
    ];

    private static readonly (string Job, string Selector)[] ListJobs =
    [
        ("See the first incident", ".incident-row"),
        ("Declare an incident", ".page-head a[href='/incidents/new']"),
    ];

    [Theory]
    [InlineData(Screen.Desktop)]
    [InlineData(Screen.Phone)]
    public async Task The_common_jobs_begin_within_the_first_screens(Screen screen)
    {
        var number = await SeedDemoIncidentAsync();
        for (var other = 1; other <= 4; other++)
        {
            await Api.DeclareAsync($"Disk almost full on db-{other}", "S3", "Monitoring", "postgres");
        }

        var page = await SignInAsync(Ivy, screen);
        await Expect(page.Locator(".incident-row")).ToHaveCountAsync(5);
        await ReportAsync(page, "list", ListJobs);

        var incident = new IncidentPage(page);
        await incident.GotoAsync(number);
        await ReportAsync(page, "incident", IncidentJobs);

        // The first screen: what is broken, how bad, who is on it, what was said last, what is next.
        foreach (var shown in new[]
        {
            incident.Header.GetByRole(AriaRole.Heading, new() { Name = $"INC-{number} {Title}" }),
            incident.Header.GetByText("checkout-api", new() { Exact = true }),
            incident.Header.GetByText("payments", new() { Exact = true }),
            incident.SeverityBadge,
            incident.PhaseBadge,
            incident.Header.Locator(".impact"),
            incident.Now.Locator(".glance dt", new() { HasTextString = "IM" }),
            incident.Now.Locator(".glance dd", new() { HasTextString = "Ivy Manager" }),
            incident.Now.Locator(".glance dt", new() { HasTextString = "EOC" }),
            incident.Now.Locator(".glance dd", new() { HasTextString = "Ada Admin" }),
            incident.Now.Locator(".latest .since"),
            incident.Now.Locator(".latest-text"),
            incident.Now.Locator(".next-todo", new() { HasTextString = "Assign an Engineer On Call" }),
            incident.Now.GetByRole(AriaRole.Button, new() { Name = "Assign Engineer On Call" }),
        })
        {
            await Expect(shown).ToBeInViewportAsync();
        }

        var impact = new Regex(@"^(Impact started|Detected|Declared) \d+ s ago$");
        await Expect(incident.Header.Locator(".impact")).ToHaveTextAsync(impact);
        await Expect(incident.Now.Locator(".latest-text")).ToHaveTextAsync(ExternalUpdate);
        if (screen == Screen.Phone)
        {
            await Reflow.AssertNoHorizontalScrollAsync(page);
        }
    }

    /// <summary>
    /// The demo S1 incident: declared from monitoring on two services, the IM and the CMOC assigned,
    /// a note and an internal and an external status update; still in Identification, as nobody is
    /// the Engineer On Call yet.
    /// </summary>
    private async Task<long> SeedDemoIncidentAsync()
    {
        var number = await Api.DeclareAsync(Title, "S1", "Monitoring", "checkout-api", "payments");
        await Api.AssignAsync(number, "IncidentManager", Ivy.Id);
        await Api.AssignAsync(number, "CommunicationsManagerOnCall", Admin.Id);
        await Api.AddNoteAsync(number, "Error rate on checkout-api jumped to 20 % after the 14:02 deploy.");
        await Api.PostStatusAsync(number, "Internal", "Rolling back release 4.12; payments team paged.");
        await Api.PostStatusAsync(number, "External", ExternalUpdate);
        return number;
    }

    private async Task ReportAsync(IPage page, string name, (string Job, string Selector)[] jobs)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var width = page.ViewportSize!.Width;
        var height = await Distances.PageHeightAsync(page);
        var pixels = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {width} px | page height | {pixels} px ({Distances.Format(height)} screens) |"));
        foreach (var (job, selector) in jobs)
        {
            var screens = await Distances.ScreensToAsync(page, selector);
            output.WriteLine($"| {name} | {width} px | {job} | {Distances.Format(screens)} screens |");
            Assert.True(screens <= Within,
                $"{job} begins {Distances.Format(screens)} screens down the {name} at {width} px (at most {Within}).");
        }
    }
}
