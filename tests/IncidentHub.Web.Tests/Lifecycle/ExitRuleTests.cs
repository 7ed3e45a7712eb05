using System.Net.Http.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Lifecycle;

public sealed class ExitRuleTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_declared_incident_shows_that_it_needs_an_engineer_on_call()
    {
        var incident = await Client.GetIncidentAsync((await Client.DeclareAsync()).Number());

        var blocker = Assert.Single(incident.GetProperty("blockers").EnumerateArray());
        Assert.Equal("EngineerOnCallRequired", blocker.Text("rule"));
        Assert.False(string.IsNullOrWhiteSpace(blocker.Text("message")));
        Assert.False(string.IsNullOrWhiteSpace(blocker.Text("todo")));
    }

    [Fact]
    public async Task Investigation_starts_only_once_an_engineer_on_call_is_assigned()
    {
        var number = (await Client.DeclareAsync()).Number();

        var refused = await (await Client.PostPhaseAsync(number, Phase.Investigation)).RefusedAsync(
            "EngineerOnCallRequired");
        Assert.Equal(["EngineerOnCallRequired"], refused.Rules());
        await AssertStillInAsync(number, Phase.Identification);

        await Client.AssignAsync(number, IncidentRole.EngineerOnCall, await Client.AddPersonAsync("Erin Engineer"));
        Assert.Empty((await Client.GetIncidentAsync(number)).BlockerRules());
        var moved = await Client.MoveAsync(number, Phase.Investigation);
        Assert.Equal("Investigation", moved.Text("phase"));
    }

    [Fact]
    public async Task Containment_starts_only_once_the_severity_is_known()
    {
        var number = (await Client.IncidentInAsync(Phase.Investigation, severity: "Unknown")).Number();
        Assert.Equal(["KnownSeverityRequired"], (await Client.GetIncidentAsync(number)).BlockerRules());

        await (await Client.PostPhaseAsync(number, Phase.Containment)).RefusedAsync("KnownSeverityRequired");
        await AssertStillInAsync(number, Phase.Investigation);

        await Client.SetSeverityAsync(number, "S3", "Only internal reports are slow.");
        var moved = await Client.MoveAsync(number, Phase.Containment);
        Assert.Equal("Containment", moved.Text("phase"));
    }

    [Fact]
    public async Task The_checklist_of_an_S3_investigation_says_the_managers_are_not_needed_rather_than_ticking_them_off()
    {
        var number = (await Client.IncidentInAsync(Phase.Investigation, severity: "S3")).Number();

        var rules = (await Client.GetIncidentAsync(number)).GetProperty("exitRules").EnumerateArray()
            .Select(rule =>
                (rule.Text("rule"), rule.GetProperty("met").GetBoolean(), rule.Text("notNeeded"))).ToArray();

        Assert.Equal(
            [
                ("KnownSeverityRequired", true, null),
                ("IncidentManagerRequired", true, "not needed at S3"),
                ("CommunicationsManagerRequired", true, "not needed at S3"),
            ],
            rules);
    }

    [Theory]
    [InlineData("S1")]
    [InlineData("S2")]
    public async Task Containment_of_a_high_severity_incident_needs_an_incident_manager_and_a_communications_manager(
        string severity)
    {
        var number = (await Client.IncidentInAsync(Phase.Investigation, severity: severity)).Number();
        Assert.Equal(
            ["IncidentManagerRequired", "CommunicationsManagerRequired"],
            (await Client.GetIncidentAsync(number)).BlockerRules());

        var refused = await (await Client.PostPhaseAsync(number, Phase.Containment)).RefusedAsync(
            "IncidentManagerRequired");
        Assert.Equal(["IncidentManagerRequired", "CommunicationsManagerRequired"], refused.Rules());

        await Client.AssignAsync(number, IncidentRole.IncidentManager, await Client.AddPersonAsync("Ivy Manager"));
        await (await Client.PostPhaseAsync(number, Phase.Containment)).RefusedAsync("CommunicationsManagerRequired");
        await AssertStillInAsync(number, Phase.Investigation);

        await Client.AssignAsync(
            number, IncidentRole.CommunicationsManagerOnCall, await Client.AddPersonAsync("Cory Comms"));
        var moved = await Client.MoveAsync(number, Phase.Containment);
        Assert.Equal("Containment", moved.Text("phase"));
    }

    [Fact]
    public async Task A_low_severity_incident_enters_containment_without_an_incident_manager()
    {
        var number = (await Client.IncidentInAsync(Phase.Investigation, severity: "S3")).Number();

        var moved = await Client.MoveAsync(number, Phase.Containment);

        Assert.Equal("Containment", moved.Text("phase"));
        Assert.Null(moved.Holder(IncidentRole.IncidentManager));
    }

    [Fact]
    public async Task Recovery_ends_only_once_a_corrective_action_exists()
    {
        var number = (await Client.IncidentInAsync(Phase.Recovery)).Number();
        Assert.Equal(["CorrectiveActionRequired"], (await Client.GetIncidentAsync(number)).BlockerRules());

        await (await Client.PostPhaseAsync(number, Phase.Learnings)).RefusedAsync("CorrectiveActionRequired");
        await AssertStillInAsync(number, Phase.Recovery);

        await Client.AddCorrectiveActionAsync(number, new { title = "Add a canary stage", kind = "Prevention" });
        var moved = await Client.MoveAsync(number, Phase.Learnings);
        Assert.Equal("Learnings", moved.Text("phase"));
    }

    [Fact]
    public async Task Recovery_ends_without_corrective_actions_once_a_statement_says_why_none_is_needed()
    {
        var number = (await Client.IncidentInAsync(Phase.Recovery)).Number();

        // A blank statement says nothing.
        await Client.PatchIncidentAsync(number, new { noCorrectiveActionsReason = "   " });
        await (await Client.PostPhaseAsync(number, Phase.Learnings)).RefusedAsync("CorrectiveActionRequired");

        var patched = await Client.PatchIncidentAsync(
            number, new { noCorrectiveActionsReason = "The vendor fixed it; nothing of ours to change." });
        Assert.Equal("The vendor fixed it; nothing of ours to change.", patched.Text("noCorrectiveActionsReason"));
        Assert.Empty(patched.BlockerRules());
        var moved = await Client.MoveAsync(number, Phase.Learnings);
        Assert.Equal("Learnings", moved.Text("phase"));
        Assert.Equal(0, moved.GetProperty("correctiveActionCount").GetInt32());
    }

    [Fact]
    public async Task Closing_requires_a_review_with_a_root_cause()
    {
        var number = (await Client.IncidentInAsync(Phase.Learnings)).Number();

        await (await Client.PostPhaseAsync(number, Phase.Closed)).RefusedAsync("ReviewRequired");

        // A review can be saved unfinished, but closing still waits for its root cause.
        var review = await (await Client.PutAsJsonAsync(
            $"{ApiClient.IncidentUrl(number)}/review", new { whatWentWell = "Paging worked." })).ReadAsync();
        Assert.Equal(["ReviewRequired"], review.BlockerRules());
        await (await Client.PostPhaseAsync(number, Phase.Closed)).RefusedAsync("ReviewRequired");
        await AssertStillInAsync(number, Phase.Learnings);

        await Client.SaveReviewAsync(number, "An expired certificate on the gateway.");
        var closed = await Client.MoveAsync(number, Phase.Closed);
        Assert.Equal("Closed", closed.Text("phase"));
        Assert.Equal(App.Clock.GetUtcNow(), closed.Time("closedAt"));
    }

    [Fact]
    public async Task A_draft_without_source_and_severity_shows_what_it_lacks_to_be_declared()
    {
        var draft = await Client.DeclareAsync(new { title = "Disk filling on db-2", phase = "Preparation" });

        Assert.Equal("Preparation", draft.Text("phase"));
        Assert.Null(draft.Time("declaredAt"));
        Assert.Null(draft.Text("source"));
        Assert.Null(draft.Text("severity"));
        Assert.Equal(
            ["SourceRequired", "SeverityRequired"], (await Client.GetIncidentAsync(draft.Number())).BlockerRules());
    }

    [Fact]
    public async Task A_draft_is_declared_only_once_it_has_a_source_and_a_severity()
    {
        var number = (await Client.DeclareAsync(
            new { title = "Disk filling on db-2", phase = "Preparation" })).Number();

        var refused = await (await Client.PostPhaseAsync(number, Phase.Identification)).RefusedAsync("SourceRequired");
        Assert.Equal(["SourceRequired", "SeverityRequired"], refused.Rules());

        await Client.PatchIncidentAsync(number, new { source = "TeamMemberReport" });
        await (await Client.PostPhaseAsync(number, Phase.Identification)).RefusedAsync("SeverityRequired");
        await AssertStillInAsync(number, Phase.Preparation);

        await Client.SetSeverityAsync(number, "Unknown");
        var declaredAt = App.Clock.TickMinutes(7);
        var declared = await Client.MoveAsync(number, Phase.Identification);
        Assert.Equal("Identification", declared.Text("phase"));
        Assert.Equal(declaredAt, declared.Time("declaredAt"));
        Assert.Equal(AppFixture.Start, declared.Time("createdAt"));

        var timeline = await Client.GetAllPagesAsync($"{ApiClient.IncidentUrl(number)}/timeline", limit: 50);
        Assert.Equal("Drafted", timeline[0].Text("kind"));
        Assert.Equal(("Declared", declaredAt), (timeline[^1].Text("kind"), timeline[^1].Time("occurredAt")));
    }

    [Fact]
    public async Task A_draft_needs_a_title()
    {
        var response = await Client.PostAsJsonAsync(ApiClient.Incidents, new { title = "  ", phase = "Preparation" });

        await response.InvalidAsync("title");
    }

    [Fact]
    public async Task Declaring_without_source_or_severity_is_refused_field_by_field()
    {
        var response = await Client.PostAsJsonAsync(ApiClient.Incidents, new { title = "Checkout is failing" });

        await response.InvalidAsync("source");
        await response.InvalidAsync("severity");
        Assert.Empty((await Client.GetPageAsync(ApiClient.Incidents)).Items);
    }

    [Fact]
    public async Task A_new_incident_is_either_declared_or_a_draft()
    {
        var response = await Client.PostAsJsonAsync(
            ApiClient.Incidents,
            new { title = "Checkout is failing", severity = "S3", source = "Monitoring", phase = "Investigation" });

        await response.InvalidAsync("phase");
        Assert.Empty((await Client.GetPageAsync(ApiClient.Incidents)).Items);
    }

    [Fact]
    public async Task An_incident_cannot_move_back_from_investigation_to_identification()
    {
        var number = (await Client.IncidentInAsync(Phase.Investigation)).Number();

        var refused = await (await Client.PostPhaseAsync(
            number, Phase.Identification, reason: "Wrong call")).RefusedAsync("TransitionNotAllowed");

        Assert.Contains("Investigation", refused.Text("detail"), StringComparison.Ordinal);
        await AssertStillInAsync(number, Phase.Investigation);
    }

    [Fact]
    public async Task An_incident_cannot_move_to_the_phase_it_is_in()
    {
        var number = (await Client.DeclareAsync()).Number();

        await (await Client.PostPhaseAsync(number, Phase.Identification)).RefusedAsync("TransitionNotAllowed");
    }

    [Fact]
    public async Task A_move_needs_a_target()
    {
        var number = (await Client.DeclareAsync()).Number();

        var response = await Client.PostAsJsonAsync(
            $"{ApiClient.IncidentUrl(number)}/phase", new { reason = "Let's go" });

        await response.InvalidAsync("target");
    }

    [Fact]
    public async Task A_move_to_a_phase_that_does_not_exist_is_refused_with_the_phases_to_choose_from()
    {
        var number = (await Client.DeclareAsync()).Number();

        var response = await Client.PostAsJsonAsync($"{ApiClient.IncidentUrl(number)}/phase", new { target = "Done" });

        var messages = await response.InvalidAsync("target");
        Assert.Contains(messages, message => message.Contains("Containment", StringComparison.Ordinal));
    }

    private async Task AssertStillInAsync(long number, Phase phase)
    {
        var incident = await Client.GetIncidentAsync(number);
        Assert.Equal(phase.ToString(), incident.Text("phase"));
        var phaseChanges = await Client.GetAllPagesAsync(
            $"{ApiClient.IncidentUrl(number)}/timeline?kind=PhaseChanged", limit: 50);
        Assert.DoesNotContain(
            phaseChanges,
            entry => entry.Text("text")!.Contains($"to {phase + 1}", StringComparison.Ordinal)
                    || entry.Text("text") == "Closed the incident.");
    }
}
