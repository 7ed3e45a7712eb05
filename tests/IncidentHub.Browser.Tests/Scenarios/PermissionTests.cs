using IncidentHub.Browser.Tests.Support;

namespace IncidentHub.Browser.Tests.Scenarios;

/// <summary>What each role sees on an incident's page: controls are shown only to those allowed to use them.</summary>
public sealed class PermissionTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_responder_sees_who_holds_the_roles_but_no_role_controls()
    {
        var number = await Api.DeclareAsync("Queue consumers stalled", "S2");
        await Api.AssignAsync(number, "IncidentManager", Ivy.Id);
        await Api.AssignAsync(number, "EngineerOnCall", Rita.Id);

        var manager = new IncidentPage(await SignInAsync(Ivy));
        await manager.GotoAsync(number);
        // The manager has them (so the locators below would find them).
        await Expect(manager.Roles.GetByRole(AriaRole.Button, new() { Name = "Hand over Engineer On Call" })).ToBeVisibleAsync();
        await Expect(manager.Roles.GetByRole(AriaRole.Button, new() { Name = "Assign Communications Manager On Call" })).ToBeVisibleAsync();
        await Expect(manager.Roles.GetByRole(AriaRole.Button, new() { Name = "Unassign Engineer On Call" })).ToBeVisibleAsync();

        var responder = new IncidentPage(await SignInAsync(Rita));
        await responder.GotoAsync(number);
        await Expect(responder.Holder("Incident Manager")).ToContainTextAsync("Ivy Manager");
        await Expect(responder.Holder("Engineer On Call")).ToContainTextAsync("Rita Responder");
        await Expect(responder.Roles.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(responder.Roles.GetByRole(AriaRole.Combobox)).ToHaveCountAsync(0);
        await Expect(responder.Roles.Locator("form")).ToHaveCountAsync(0);
        // A responder still responds.
        await Expect(responder.ChangeSeverityButton).ToBeVisibleAsync();
        await Expect(responder.ForwardMoveButton).ToHaveTextAsync("Move to Investigation");
    }

    [Fact]
    public async Task A_responder_who_is_the_incidents_manager_gets_the_role_controls()
    {
        var number = await Api.DeclareAsync("Queue consumers stalled", "S2");
        await Api.AssignAsync(number, "IncidentManager", Rita.Id);

        var responder = new IncidentPage(await SignInAsync(Rita));
        await responder.GotoAsync(number);

        await responder.AssignAsync("Engineer On Call", "Ivy Manager");
        await Expect(responder.Roles.GetByRole(AriaRole.Button, new() { Name = "Hand over Incident Manager" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_viewer_sees_the_incident_and_no_control_that_changes_it()
    {
        var number = await SeedWorkedIncidentAsync();

        var viewer = new IncidentPage(await SignInAsync(Viewer));
        await viewer.GotoAsync(number);

        await Expect(viewer.Holder("Engineer On Call")).ToContainTextAsync("Rita Responder");
        await Expect(viewer.Page.Locator("main form[method=post]")).ToHaveCountAsync(0);
        await viewer.OpenLearningsAsync();
        await Expect(viewer.Review).ToContainTextAsync("connection-pool");
        // The only form that posts is signing out.
        await Expect(viewer.Page.Locator("main form[method=post]")).ToHaveCountAsync(0);
        await Expect(viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Change severity" })).ToHaveCountAsync(0);
        await Expect(viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Post update" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_viewer_is_not_offered_to_declare_and_the_declare_page_says_why_instead_of_a_form()
    {
        await Api.DeclareAsync("Queue consumers stalled", "S2");
        var viewer = await SignInAsync(Viewer);
        await Expect(viewer.Locator(".incident-row")).ToHaveCountAsync(1);
        await Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Declare an incident" })).ToHaveCountAsync(0);

        var response = await viewer.GotoAsync("/incidents/new");

        Assert.Equal(403, response!.Status);
        await Expect(viewer.Locator("main")).ToContainTextAsync("You cannot declare incidents. Your role (Viewer) does not allow this; it needs Responder.");
        await Expect(viewer.GetByLabel("What is broken?")).ToHaveCountAsync(0);
        await Expect(viewer.Locator("main form[method=post]")).ToHaveCountAsync(0);

        var responder = await SignInAsync(Rita);
        await Expect(responder.GetByRole(AriaRole.Link, new() { Name = "Declare an incident" })).ToBeVisibleAsync();
    }
}
