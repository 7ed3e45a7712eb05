using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>
/// Two people on the same incident in two browsers: what one changes shows in the other within
/// two seconds without a reload, and a form the other is typing in is left alone, so that its
/// stale submit is refused as a conflict instead of overwriting.
/// </summary>
public sealed class LiveTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_change_in_one_browser_shows_in_the_other_within_two_seconds_without_a_reload()
    {
        var (ivy, rita) = await OpenInTwoBrowsersAsync();
        await MarkDocumentAsync(rita.Page);

        await ivy.AddNoteAsync("Rolled back release 4.12");
        await Expect(rita.Timeline.First).ToContainTextAsync("Rolled back release 4.12", new() { Timeout = LiveTimeoutMs });

        await ivy.ChangeSeverityAsync("S1 (critical)", "All regions affected");
        await Expect(rita.SeverityBadge).ToHaveTextAsync("S1", new() { Timeout = LiveTimeoutMs });
        await Expect(rita.SeverityHistory.First).ToContainTextAsync("All regions affected", new() { Timeout = LiveTimeoutMs });

        await ivy.AssignAsync("Engineer On Call", "Rita Responder");
        await Expect(rita.Holder("Engineer On Call")).ToContainTextAsync("Rita Responder", new() { Timeout = LiveTimeoutMs });

        Assert.True(await IsSameDocumentAsync(rita.Page), "The other browser reloaded the page instead of updating it in place.");
    }

    [Fact]
    public async Task A_stale_submit_shows_the_conflict_instead_of_overwriting()
    {
        var (ivy, rita) = await OpenInTwoBrowsersAsync();

        // Rita starts typing; meanwhile Ivy changes the severity.
        await rita.FillSeverityAsync("S3 (medium)", "Only the EU region is affected");
        await ivy.ChangeSeverityAsync("S1 (critical)", "All regions affected");
        // Rita's page shows Ivy's change but keeps her half-done form as she left it.
        await Expect(rita.SeverityBadge).ToHaveTextAsync("S1", new() { Timeout = LiveTimeoutMs });
        await Expect(rita.SeverityReason).ToHaveValueAsync("Only the EU region is affected");

        await rita.ChangeSeverityButton.ClickAsync();

        var conflict = rita.Page.Locator("#conflict");
        await Expect(conflict).ToContainTextAsync("Someone else changed this incident");
        await Expect(conflict).ToContainTextAsync("Ivy Manager");
        await Expect(conflict).ToContainTextAsync("All regions affected");
        // One message, not a second banner repeating it with other advice.
        await Expect(rita.Alert).ToHaveCountAsync(1);
        await Expect(rita.SeverityBadge).ToHaveTextAsync("S1");
        await Expect(rita.SeverityHistory).ToHaveCountAsync(2);
        await Expect(rita.SeverityHistory.First).ToContainTextAsync("S2 → S1 by Ivy Manager");
        // What she typed is still there; submitting again, now knowingly, goes through.
        await Expect(rita.SeverityReason).ToHaveValueAsync("Only the EU region is affected");
        await rita.ChangeSeverityButton.ClickAsync();
        await Expect(rita.SeverityBadge).ToHaveTextAsync("S3");
        await Expect(rita.SeverityHistory.First).ToContainTextAsync("S1 → S3 by Rita Responder: Only the EU region is affected");
        await Expect(rita.Page.Locator("#conflict")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_incident_list_shows_new_and_changed_incidents_within_two_seconds()
    {
        await Api.DeclareAsync("Search is slow", "S3");
        var list = await SignInAsync(Rita);
        await Expect(list.Locator(".incident-row")).ToHaveCountAsync(1);
        await WaitForLiveAsync(list);
        await MarkDocumentAsync(list);

        var ivy = await SignInAsync(Ivy);
        await ivy.GotoAsync("/incidents/new");
        await ivy.GetByLabel("What is broken?").FillAsync("Checkout returns 502s");
        await ivy.GetByLabel("Severity").SelectOptionAsync(new SelectOptionValue { Label = "S2 (high)" });
        await ivy.GetByLabel("How was it found?").SelectOptionAsync(new SelectOptionValue { Label = "Monitoring or alerting" });
        await ivy.GetByRole(AriaRole.Button, new() { Name = "Declare", Exact = true }).ClickAsync();
        var declared = new IncidentPage(ivy);
        await Expect(declared.PhaseBadge).ToHaveTextAsync("Identification");

        var row = list.Locator(".incident-row", new() { HasTextString = "Checkout returns 502s" });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = LiveTimeoutMs });
        await Expect(list.Locator(".incident-row")).ToHaveCountAsync(2);

        await declared.ChangeSeverityAsync("S1 (critical)", "All regions affected");
        await Expect(row.Locator(".badge[class*='sev-']")).ToHaveTextAsync("S1", new() { Timeout = LiveTimeoutMs });
        await declared.AssignAsync("Engineer On Call", "Rita Responder");
        await Expect(row.Locator(".incident-meta")).ToContainTextAsync("Rita Responder", new() { Timeout = LiveTimeoutMs });

        Assert.True(await IsSameDocumentAsync(list), "The list reloaded instead of updating in place.");
    }

    /// <summary>One incident open in Ivy's browser and in Rita's, whose page listens for changes.</summary>
    private async Task<(IncidentPage Ivy, IncidentPage Rita)> OpenInTwoBrowsersAsync()
    {
        var number = await Api.DeclareAsync("Checkout returns 502s", "S2");
        var ivy = new IncidentPage(await SignInAsync(Ivy));
        var rita = new IncidentPage(await SignInAsync(Rita));
        await ivy.GotoAsync(number);
        await rita.GotoAsync(number);
        await WaitForLiveAsync(rita.Page);
        return (ivy, rita);
    }

    /// <summary>Leaves a mark in the page's window that a reload would wipe out.</summary>
    private static Task MarkDocumentAsync(IPage page) => page.EvaluateAsync("() => { window.__browserTestMark = true; }");

    private static Task<bool> IsSameDocumentAsync(IPage page) => page.EvaluateAsync<bool>("() => window.__browserTestMark === true");
}
