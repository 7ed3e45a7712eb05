using System.Text.RegularExpressions;
using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>The lifecycle of docs/design.md through the pages: rules shown in words, roles, severity, actions, review, closing.</summary>
public sealed class LifecycleTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Moving_on_without_an_Engineer_On_Call_shows_the_rule_in_words()
    {
        var number = await Api.DeclareAsync("Queue consumers stalled", "S3");
        var incident = new IncidentPage(await SignInAsync(Rita));
        await incident.GotoAsync(number);
        await Expect(incident.PhaseSection.Locator(".checklist")).ToContainTextAsync("Assign an Engineer On Call (to do)");

        await incident.MoveAsync("Move to Investigation");

        await Expect(incident.Alert).ToContainTextAsync("An Engineer On Call must be assigned before the investigation can start.");
        await Expect(incident.PhaseBadge).ToHaveTextAsync("Identification");
    }

    [Fact]
    public async Task The_incident_manager_assigns_the_EOC_and_the_CMOC()
    {
        var number = await Api.DeclareAsync("Queue consumers stalled", "S2");
        var incident = new IncidentPage(await SignInAsync(Ivy));
        await incident.GotoAsync(number);

        await incident.AssignAsync("Engineer On Call", "Rita Responder");
        await incident.AssignAsync("Communications Manager On Call", "Ada Admin");

        await Expect(incident.Holder("Incident Manager")).ToContainTextAsync("Nobody");
        await Expect(incident.Timeline.Filter(new() { HasTextString = "Rita Responder assigned as Engineer On Call" })).ToHaveCountAsync(1);
        await Expect(incident.Timeline.Filter(new() { HasTextString = "Ada Admin assigned as Communications Manager On Call" })).ToHaveCountAsync(1);
        // The rule that blocked Identification is now met.
        await Expect(incident.PhaseSection.Locator(".checklist")).ToContainTextAsync("Assign an Engineer On Call (done)");
    }

    [Fact]
    public async Task A_severity_change_with_its_reason_shows_in_the_history()
    {
        var number = await Api.DeclareAsync("Queue consumers stalled", "S3");
        var incident = new IncidentPage(await SignInAsync(Rita));
        await incident.GotoAsync(number);

        await incident.ChangeSeverityAsync("S1 (critical)", "Orders are not being shipped at all");

        await Expect(incident.SeverityHistory.First).ToContainTextAsync("S3 → S1 by Rita Responder: Orders are not being shipped at all");
        await Expect(incident.Timeline.First).ToContainTextAsync("Orders are not being shipped at all");
    }

    [Fact]
    public async Task An_incident_goes_through_all_seven_phases_to_closed_through_the_pages()
    {
        var page = await SignInAsync(Ivy);
        var incident = new IncidentPage(page);

        // Preparation: a draft.
        await page.GotoAsync("/incidents/new");
        await page.GetByLabel("What is broken?").FillAsync("Payments API times out");
        await page.GetByLabel("Severity").SelectOptionAsync(new SelectOptionValue { Label = "S2 (high)" });
        await page.GetByLabel("How was it found?").SelectOptionAsync(new SelectOptionValue { Label = "Monitoring or alerting" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();
        await Expect(incident.PhaseBadge).ToHaveTextAsync("Preparation");

        // Identification: declared; the EOC rule holds it there.
        await incident.AdvanceAsync("Identification");
        await incident.MoveAsync("Move to Investigation");
        await Expect(incident.Alert).ToContainTextAsync("An Engineer On Call must be assigned");
        await incident.AssignAsync("Incident Manager", "Ivy Manager");
        await incident.AssignAsync("Engineer On Call", "Rita Responder");
        await incident.AssignAsync("Communications Manager On Call", "Ada Admin");

        // Investigation, with the severity settled on the way.
        await incident.AdvanceAsync("Investigation");
        await incident.ChangeSeverityAsync("S1 (critical)", "All card payments fail");
        await Expect(incident.SeverityHistory.First).ToContainTextAsync("S2 → S1 by Ivy Manager: All card payments fail");

        await incident.AdvanceAsync("Containment");
        await incident.AdvanceAsync("Remediation");
        await incident.AdvanceAsync("Recovery");

        // Recovery ends with a corrective action.
        await incident.MoveAsync("Move to Learnings");
        await Expect(incident.Alert).ToContainTextAsync("Recovery ends only when at least one corrective action exists");
        await incident.OpenLearningsAsync();
        var add = incident.Actions.Locator("details.add-action");
        await add.GetByText("Add a corrective action").ClickAsync();
        await add.GetByLabel("What will be done").FillAsync("Alert on payment timeouts above 1 %");
        await add.GetByLabel("Improves").SelectOptionAsync(new SelectOptionValue { Label = "Detection" });
        await add.GetByLabel("Owner").SelectOptionAsync(new SelectOptionValue { Label = "Rita Responder" });
        await add.GetByLabel("Due").FillAsync(DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await add.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
        await Expect(incident.Actions.Locator("li.action")).ToContainTextAsync("Alert on payment timeouts above 1 %");
        await Expect(incident.Actions.Locator("li.action")).ToContainTextAsync("Owner: Rita Responder");

        // Learnings ends with the review's root cause.
        await incident.AdvanceAsync("Learnings");
        await incident.MoveAsync("Close the incident");
        await Expect(incident.Alert).ToContainTextAsync("An incident can be closed only after its review has a root-cause summary.");
        await incident.OpenLearningsAsync();
        await incident.Review.GetByText("Write the review").ClickAsync();
        await incident.Review.GetByLabel("Root-cause summary").FillAsync("The payment provider's **TLS certificate** expired.");
        await incident.Review.GetByLabel("Five whys").FillAsync("Payments failed\nThe certificate expired\nNobody was warned");
        await incident.Review.GetByRole(AriaRole.Button, new() { Name = "Save the review" }).ClickAsync();
        await Expect(incident.Review.Locator("strong", new() { HasTextString = "TLS certificate" })).ToBeVisibleAsync();

        // Closed.
        await incident.MoveAsync("Close the incident");
        await Expect(incident.PhaseBadge).ToHaveTextAsync("Closed");
        await Expect(incident.PhaseSection).ToContainTextAsync(new Regex(@"Closed \S.*\."));
        await Expect(incident.PhaseSection.Locator(".step.done")).ToHaveCountAsync(7);
        await Expect(incident.Timeline.First).ToContainTextAsync("Closed the incident.");
        await Expect(incident.Timeline.Filter(new() { HasTextString = "Declared \"Payments API times out\"" })).ToHaveCountAsync(1);
        foreach (var (from, to) in new[] { ("Identification", "Investigation"), ("Investigation", "Containment"), ("Containment", "Remediation"), ("Remediation", "Recovery"), ("Recovery", "Learnings") })
        {
            await Expect(incident.Timeline.Filter(new() { HasTextString = $"from {from} to {to}" })).ToHaveCountAsync(1);
        }
    }
}
