using IncidentHub.Browser.Tests.Support;
using UglyToad.PdfPig;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>
/// The review as a team runs it in the browser: star a moment on the timeline, write the sections, plan the meeting,
/// read the whole review on its own page, print it to PDF; overdue reviews in the list and the navigation.
/// </summary>
public sealed class ReviewPageTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_team_stars_a_moment_writes_and_plans_the_review_and_prints_it_to_a_clean_PDF()
    {
        var number = await Api.DeclareAsync("Checkout returns 502s", "S2", "CustomerReport", "checkout-api");
        await Api.AddNoteAsync(number, "Rolled back the payment client to 4.1");
        var page = await SignInAsync(Rita);
        var incident = new IncidentPage(page);
        await incident.GotoAsync(number);

        var entry = incident.Timeline.Filter(new() { HasTextString = "Rolled back the payment client" });
        await entry.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Star for the review") }).ClickAsync();
        await Expect(incident.Timeline.Filter(new() { HasTextString = "Rolled back the payment client" })
            .GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Unstar") })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(incident.Timeline.First).ToContainTextAsync("Starred for the review");

        await incident.OpenLearningsAsync();
        await Expect(incident.Review).ToContainTextAsync("Needed. It was S2 (high).");
        await incident.Review.GetByText("Write the review").ClickAsync();
        await incident.Review.GetByLabel("Who was affected").FillAsync("Merchants in the EU");
        await incident.Review.GetByLabel("How many").FillAsync("About 2,000");
        await incident.Review.GetByLabel("Root-cause category").SelectOptionAsync("Software change");
        await incident.Review.GetByLabel("Root-cause summary").FillAsync("A payment client release with a broken retry.");
        await incident.Review.GetByLabel("Lessons learned").FillAsync("Canary payment releases.");
        await incident.Review.GetByRole(AriaRole.Button, new() { Name = "Save the review" }).ClickAsync();
        await Expect(incident.Review.Locator(".review-state")).ToHaveTextAsync("Draft");

        await incident.Review.GetByText("Plan the review").ClickAsync();
        await incident.Review.GetByLabel("State").SelectOptionAsync("InReview");
        await incident.Review.GetByLabel("Attendees").FillAsync("Rita Responder\nIvy Manager");
        await incident.Review.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(incident.Review.Locator(".review-state")).ToHaveTextAsync("In review");

        await incident.Review.GetByRole(AriaRole.Link, new() { Name = "The whole review, to read or print" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"INC-{number} incident review: Checkout returns 502s");
        var timeline = page.Locator("section[aria-labelledby=timeline-heading] table");
        await Expect(timeline).ToContainTextAsync("Rolled back the payment client to 4.1");
        await Expect(timeline).ToContainTextAsync("Declared");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download as Markdown" }).ClickAsync());
        var markdown = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("**Category:** Software change", markdown, StringComparison.Ordinal);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = false });
        using var document = PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(pdfPage => string.Join(" ", pdfPage.GetWords().Select(word => word.Text))));
        Assert.Contains("incident review: Checkout returns 502s", text, StringComparison.Ordinal);
        Assert.Contains("Customer impact", text, StringComparison.Ordinal);
        Assert.Contains("Merchants in the EU", text, StringComparison.Ordinal);
        Assert.Contains("Rolled back the payment client to 4.1", text, StringComparison.Ordinal);
        Assert.Contains("A payment client release with a broken retry.", text, StringComparison.Ordinal);
        // Printed: the document alone, without the navigation or the links that edit it.
        Assert.DoesNotContain("Sign out", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Edit the review", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overdue_review_shows_in_the_navigation_and_the_reviews_list()
    {
        var number = await Api.DeclareAsync("Search is slow", "S3");
        await Api.SendAsync(HttpMethod.Post, $"/api/v1/incidents/{number}/review/request", new { reason = "The third time this month" });
        await Api.SendAsync(HttpMethod.Put, $"/api/v1/incidents/{number}/review", new { rootCauseSummary = "An index was dropped." });
        await Api.SendAsync(HttpMethod.Put, $"/api/v1/incidents/{number}/review/plan", new { state = "Draft", dueOn = "2020-01-31" });
        var page = await SignInAsync(Rita);

        var reviews = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Reviews") });
        await Expect(reviews.Locator(".nav-count")).ToHaveTextAsync("1 overdue");
        await reviews.ClickAsync();

        var row = page.Locator("tbody tr", new() { HasTextString = $"INC-{number}" });
        await Expect(row).ToContainTextAsync("Overdue");
        await Expect(row).ToContainTextAsync("2020-01-31");
        await Expect(row).ToContainTextAsync("requested by");
    }

    [Fact]
    public async Task The_preparation_board_gathers_the_loop_actions_and_the_services_that_keep_failing()
    {
        var first = await Api.DeclareAsync("Search is slow", "S3", "CustomerReport", "search");
        var again = await Api.DeclareAsync("Search is slow again", "S2", "Monitoring", "search");
        await Api.AddActionAsync(first, "Write the search runbook", "Preparation", Rita.Id, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)));
        var page = await SignInAsync(Rita);

        // The runbook answers the second incident too: linked from the first one's action.
        var incident = new IncidentPage(page);
        await incident.GotoAsync(first);
        await incident.OpenLearningsAsync();
        var action = incident.Actions.Locator("li.action", new() { HasTextString = "Write the search runbook" });
        await action.GetByText("Edit").ClickAsync();
        await action.GetByLabel("Answers another incident too").FillAsync($"INC-{again}");
        await action.GetByRole(AriaRole.Button, new() { Name = "Link" }).ClickAsync();
        await Expect(incident.Actions.Locator("li.action", new() { HasTextString = "Write the search runbook" }))
            .ToContainTextAsync($"Answers also: INC-{again} · worst severity S2 (high)");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Preparation" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preparation board" })).ToBeVisibleAsync();
        var loop = page.Locator("section[aria-labelledby=loop-heading]");
        await Expect(loop.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(loop).ToContainTextAsync("Write the search runbook");
        await Expect(loop.Locator("td[data-label='Worst severity']")).ToContainTextAsync("S2");
        await Expect(page.Locator("section[aria-labelledby=overdue-heading]")).ToContainTextAsync("Rita Responder: 1 overdue");
        var gaps = page.Locator("section[aria-labelledby=gaps-heading] tbody tr");
        await Expect(gaps).ToHaveCountAsync(1);
        await Expect(gaps.Locator("td[data-label='Reported by customers']")).ToHaveTextAsync("1 of 2");
        await Expect(page.Locator("section[aria-labelledby=repeats-heading] td[data-label=Repeats]")).ToHaveTextAsync("1");
    }
}
