using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>
/// The pages around the incidents: the incident list's filters, paging and empty state, the
/// corrective-action list's filters, and API tokens on the account page.
/// </summary>
public sealed class ListAndAccountPageTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task The_filters_and_the_search_narrow_the_incident_list_and_keep_their_values()
    {
        var checkout = await Api.DeclareAsync("Checkout returns 502s", "S1", "Monitoring", "checkout-api");
        var search = await Api.DeclareAsync("Search results take 8 s", "S3", "CustomerReport", "search");
        await Api.AssignAsync(search, "EngineerOnCall", Rita.Id);
        await Api.MoveAsync(search, "Investigation");
        var mailer = await Api.DeclareAsync("Password reset emails arrive late", "S2", "TeamMemberReport", "mailer");
        await Api.MoveAsync(mailer, "Dismissed", "A duplicate of the mail provider's own incident");
        await Api.DeclareAsync("Checkout page loads slowly", "S3", "CustomerReport", "checkout-web");
        var page = await SignInAsync(Rita);
        var titles = page.Locator(".incident-row .incident-title");
        var filter = page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true });
        // Open first, then newest first.
        await Expect(titles).ToHaveTextAsync([
            new Regex("Checkout page loads slowly"), new Regex("Search results take 8 s"), new Regex("Checkout returns 502s"),
            new Regex("Password reset emails arrive late")]);

        await page.GetByLabel("Severity").SelectOptionAsync("S3");
        await filter.ClickAsync();
        await Expect(titles).ToHaveTextAsync([new Regex("Checkout page loads slowly"), new Regex("Search results take 8 s")]);
        await Expect(page.GetByLabel("Severity")).ToHaveValueAsync("S3");

        await page.GotoAsync("/");
        await page.GetByLabel("Phase").SelectOptionAsync("Investigation");
        await filter.ClickAsync();
        await Expect(titles).ToHaveTextAsync([new Regex("Search results take 8 s")]);
        await Expect(page.GetByLabel("Phase")).ToHaveValueAsync("Investigation");

        await page.GotoAsync("/");
        await page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Closed or dismissed" });
        await filter.ClickAsync();
        await Expect(titles).ToHaveTextAsync([new Regex("Password reset emails arrive late")]);
        await Expect(page.GetByLabel("Status")).ToHaveValueAsync("Closed");

        await page.GotoAsync("/");
        await page.GetByLabel("Service").FillAsync("checkout-api");
        await filter.ClickAsync();
        await Expect(titles).ToHaveTextAsync([new Regex("Checkout returns 502s")]);
        await Expect(page.GetByLabel("Service")).ToHaveValueAsync("checkout-api");

        // The search ignores case and combines with the filters.
        await page.GotoAsync("/");
        await page.GetByLabel("Search").FillAsync("checkout");
        await filter.ClickAsync();
        await Expect(titles).ToHaveTextAsync([new Regex("Checkout page loads slowly"), new Regex("Checkout returns 502s")]);
        await page.GetByLabel("Severity").SelectOptionAsync("S1");
        await filter.ClickAsync();
        await Expect(titles).ToHaveTextAsync([new Regex($"INC-{checkout}.*Checkout returns 502s")]);
        await Expect(page.GetByLabel("Search")).ToHaveValueAsync("checkout");
        await Expect(page.GetByLabel("Severity")).ToHaveValueAsync("S1");

        // Nothing matches: said as such, with the way back.
        await page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Closed or dismissed" });
        await filter.ClickAsync();
        await Expect(page.Locator(".incident-row")).ToHaveCountAsync(0);
        await Expect(page.Locator(".empty")).ToContainTextAsync("No incident matches these filters.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Show all incidents" }).ClickAsync();
        await Expect(page.Locator(".incident-row")).ToHaveCountAsync(4);
    }

    [Fact]
    public async Task Older_incidents_pages_through_a_filtered_list_without_repeating_any()
    {
        for (var disk = 1; disk <= 7; disk++)
        {
            await Api.DeclareAsync($"Disk almost full on db-{disk}", "S3");
            if (disk == 4)
            {
                await Api.DeclareAsync("Payments are down", "S1");
            }
        }

        var page = await SignInAsync(Rita);
        // The page size comes from the address (50 by default); three keeps the seeding short.
        await page.GotoAsync("/?severity=S3&limit=3");
        var titles = page.Locator(".incident-row .incident-title");
        var older = page.GetByRole(AriaRole.Link, new() { Name = "Older incidents" });
        List<string> seen = [];

        foreach (var expected in new[] { new[] { 7, 6, 5 }, [4, 3, 2], [1] })
        {
            await Expect(titles).ToHaveTextAsync(expected.Select(disk => new Regex($"Disk almost full on db-{disk}$")));
            seen.AddRange(await titles.AllTextContentsAsync());
            // The filter goes along to every page.
            await Expect(page.GetByLabel("Severity")).ToHaveValueAsync("S3");
            if (expected.Length == 3)
            {
                await older.ClickAsync();
            }
        }

        await Expect(older).ToHaveCountAsync(0);
        Assert.Equal(7, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_new_installation_without_incidents_says_how_to_declare_the_first()
    {
        var page = await SignInAsync(Rita);

        var empty = page.Locator(".empty");
        await Expect(empty.GetByRole(AriaRole.Heading, new() { Name = "No incidents yet" })).ToBeVisibleAsync();
        await Expect(empty.GetByRole(AriaRole.Link, new() { Name = "declare an incident", Exact = true })).ToHaveAttributeAsync("href", "/incidents/new");
        await Expect(empty.GetByRole(AriaRole.Link, new() { Name = "your account" })).ToHaveAttributeAsync("href", "/account");
        await Expect(page.Locator(".incident-row")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Clear" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_corrective_action_list_filters_by_status_owner_kind_and_overdue()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var queue = await Api.DeclareAsync("Queue consumers stalled", "S3");
        await Api.AddActionAsync(queue, "Alert on consumer lag", "Detection", Rita.Id, today.AddDays(-1));
        await Api.AddActionAsync(queue, "Add a canary stage to the deploy", "Prevention", Ivy.Id, today.AddDays(14));
        var failover = await Api.DeclareAsync("Database failover took 20 minutes", "S2");
        var runbook = await Api.AddActionAsync(failover, "Write the failover runbook", "Preparation", Rita.Id, today.AddDays(-3));
        // Done, so past its due date but not overdue.
        await Api.SetActionStatusAsync(runbook, "Done");
        var page = await SignInAsync(Rita);
        await page.GotoAsync("/corrective-actions");
        var rows = page.Locator("tbody tr");
        var actions = rows.Locator("td[data-label=Action]");
        var filter = page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true });
        // Soonest due first.
        await Expect(actions).ToHaveTextAsync([new Regex("Write the failover runbook"), new Regex("Alert on consumer lag"), new Regex("Add a canary stage")]);
        await Expect(rows.Locator(".overdue")).ToHaveCountAsync(1);
        await Expect(rows.Filter(new() { HasTextString = "Alert on consumer lag" }).Locator(".overdue")).ToHaveTextAsync("Overdue");

        await page.GetByLabel("Status").SelectOptionAsync("Done");
        await filter.ClickAsync();
        await Expect(actions).ToHaveTextAsync([new Regex("Write the failover runbook")]);
        await Expect(page.GetByLabel("Status")).ToHaveValueAsync("Done");

        await page.GotoAsync("/corrective-actions");
        await page.GetByLabel("Owner").SelectOptionAsync(new SelectOptionValue { Label = "Rita Responder" });
        await filter.ClickAsync();
        await Expect(actions).ToHaveTextAsync([new Regex("Write the failover runbook"), new Regex("Alert on consumer lag")]);
        await Expect(page.GetByLabel("Owner")).ToHaveValueAsync(Rita.Id.ToString());

        await page.GotoAsync("/corrective-actions");
        await page.GetByLabel("Improves").SelectOptionAsync("Prevention");
        await filter.ClickAsync();
        await Expect(actions).ToHaveTextAsync([new Regex("Add a canary stage")]);
        await Expect(page.GetByLabel("Improves")).ToHaveValueAsync("Prevention");

        await page.GotoAsync("/corrective-actions");
        await page.GetByLabel("Overdue only").CheckAsync();
        await filter.ClickAsync();
        await Expect(actions).ToHaveTextAsync([new Regex("Alert on consumer lag")]);
        await Expect(page.GetByLabel("Overdue only")).ToBeCheckedAsync();

        await page.GetByLabel("Owner").SelectOptionAsync(new SelectOptionValue { Label = "Ivy Manager" });
        await filter.ClickAsync();
        await Expect(rows).ToHaveCountAsync(0);
        await Expect(page.Locator(".empty")).ToContainTextAsync("No corrective action matches.");
    }

    [Fact]
    public async Task An_API_token_from_the_account_page_is_shown_once_works_within_its_scope_and_stops_when_revoked()
    {
        var page = await SignInAsync(Rita);
        await page.GotoAsync("/account");

        await page.GetByLabel("Name").FillAsync("status-page-sync");
        await page.GetByLabel("incidents:write", new() { Exact = true }).UncheckAsync();
        await Expect(page.GetByLabel("incidents:read", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("admin", new() { Exact = true })).Not.ToBeCheckedAsync();
        await page.GetByLabel("Expires after (days)").FillAsync("7");
        var before = DateTime.UtcNow;
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        var created = page.GetByRole(AriaRole.Status);
        await Expect(created).ToContainTextAsync("Token \"status-page-sync\" created.");
        var secret = (await created.Locator("code.secret").TextContentAsync())!.Trim();
        Assert.NotEmpty(secret);
        var row = page.Locator("tbody tr", new() { HasTextString = "status-page-sync" });
        await Expect(row.Locator("td[data-label=Scopes]")).ToHaveTextAsync("incidents:read");
        // Seven days from now, in UTC (either side of midnight while the test ran).
        var expires = new[] { before, DateTime.UtcNow }.Select(day => Regex.Escape(day.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        await Expect(row.Locator("td[data-label=Expires]")).ToHaveTextAsync(new Regex($"^({string.Join("|", expires)})$"));

        using var api = new HttpClient(SeedApi.TrustingOnly(App.Certificate)) { BaseAddress = App.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using (var read = await api.GetAsync("/api/v1/incidents"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        // Read only: declaring needs incidents:write.
        using (var write = await api.PostAsJsonAsync("/api/v1/incidents", new { title = "Should not be declared", severity = "S3", source = "Monitoring" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        }

        // Shown once: a reload (which must not create another token) shows only its prefix, and that it was used.
        await page.ReloadAsync();
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.Locator("tbody tr", new() { HasTextString = "status-page-sync" })).ToHaveCountAsync(1);
        await Expect(page.Locator("code.secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await Expect(row.Locator("td[data-label=Token]")).ToHaveTextAsync(new Regex("…$"));
        await Expect(row.Locator("td[data-label='Last used']")).Not.ToHaveTextAsync("never");

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke status-page-sync" }).ClickAsync();
        await Expect(row).ToContainTextAsync("revoked");
        using var revoked = await api.GetAsync("/api/v1/incidents");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }
}
