using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Lifecycle;

/// <summary>Skips, regressions, reopening and dismissal: the moves other than one phase forward.</summary>
public sealed class TransitionTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Skipping_from_containment_to_recovery_mitigates_and_resolves_at_the_same_instant()
    {
        var number = (await Client.IncidentInAsync(Phase.Containment)).Number();
        var now = App.Clock.TickMinutes(25);

        var recovered = await Client.MoveAsync(number, Phase.Recovery);

        Assert.Equal("Recovery", recovered.Text("phase"));
        Assert.Equal(now, recovered.Time("mitigatedAt"));
        Assert.Equal(now, recovered.Time("resolvedAt"));
        Assert.Equal(recovered.Seconds("timeToMitigateSeconds"), recovered.Seconds("timeToResolveSeconds"));
        var last = (await Client.GetAllPagesAsync($"{ApiClient.IncidentUrl(number)}/timeline", limit: 50))[^1];
        Assert.Equal(("PhaseChanged", now), (last.Text("kind"), last.Time("occurredAt")));
        Assert.Contains("skipping Remediation", last.Text("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_skip_must_meet_the_exit_rules_of_every_phase_it_leaves()
    {
        var number = (await Client.DeclareAsync(severity: "Unknown")).Number();
        await Client.AssignAsync(number, IncidentRole.EngineerOnCall, await Client.AddPersonAsync("Erin Engineer"));

        // Leaving Investigation on the way needs a known severity, even without stopping there.
        await (await Client.PostPhaseAsync(number, Phase.Containment)).RefusedAsync("KnownSeverityRequired");
        var unchanged = await Client.GetIncidentAsync(number);
        Assert.Equal("Identification", unchanged.Text("phase"));
        Assert.Null(unchanged.Time("investigationStartedAt"));

        await Client.SetSeverityAsync(number, "S4", "Only one internal report is slow.");
        var now = App.Clock.TickMinutes(3);
        var contained = await Client.MoveAsync(number, Phase.Containment);
        Assert.Equal("Containment", contained.Text("phase"));
        Assert.Equal(AppFixture.Start, contained.Time("declaredAt"));
        Assert.Equal(now, contained.Time("investigationStartedAt"));
        Assert.Equal(now, contained.Time("containmentStartedAt"));
    }

    [Theory]
    [InlineData(Phase.Remediation)]
    [InlineData(Phase.Recovery)]
    public async Task Impact_coming_back_moves_the_incident_back_to_containment_with_a_reason(Phase from)
    {
        var number = (await Client.IncidentInAsync(from)).Number();
        var firstMitigation = (await Client.GetIncidentAsync(number)).Time("mitigatedAt");
        var now = App.Clock.TickMinutes(40);

        var regressed = await Client.MoveAsync(number, Phase.Containment, reason: "Error rate is back above 5%.");

        Assert.Equal("Containment", regressed.Text("phase"));
        Assert.Equal(now, regressed.Time("containmentStartedAt"));
        Assert.Null(regressed.Time("mitigatedAt"));
        Assert.Null(regressed.Time("resolvedAt"));
        Assert.Null(regressed.Seconds("timeToMitigateSeconds"));
        Assert.Equal(AppFixture.Start, regressed.Time("declaredAt"));

        var mitigatedAgainAt = App.Clock.TickMinutes(15);
        Assert.Equal(mitigatedAgainAt, (await Client.MoveAsync(number, Phase.Remediation)).Time("mitigatedAt"));

        // The timeline keeps both passes.
        var phaseChanges = await Client.GetAllPagesAsync(
            $"{ApiClient.IncidentUrl(number)}/timeline?kind=PhaseChanged", limit: 50);
        var regression = Assert.Single(
            phaseChanges,
            entry => entry.Text("text")!.Contains("Error rate is back above 5%.", StringComparison.Ordinal));
        Assert.Equal(now, regression.Time("occurredAt"));
        Assert.Contains($"from {from} back to Containment", regression.Text("text"), StringComparison.Ordinal);
        Assert.Equal(
            new[] { firstMitigation, mitigatedAgainAt },
            phaseChanges.Where(entry => entry.Text("text")!.Contains("to Remediation", StringComparison.Ordinal))
                .Select(entry => entry.Time("occurredAt")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task Moving_back_to_containment_needs_a_reason(string? reason)
    {
        var number = (await Client.IncidentInAsync(Phase.Remediation)).Number();
        var before = await Client.GetIncidentAsync(number);

        await (await Client.PostPhaseAsync(number, Phase.Containment, reason)).InvalidAsync("reason");

        var after = await Client.GetIncidentAsync(number);
        Assert.Equal("Remediation", after.Text("phase"));
        Assert.Equal(before.Time("mitigatedAt"), after.Time("mitigatedAt"));
    }

    [Fact]
    public async Task A_closed_incident_is_reopened_into_investigation_with_a_reason_and_keeps_its_history()
    {
        var number = (await Client.IncidentInAsync(Phase.Closed)).Number();
        var closedAt = (await Client.GetIncidentAsync(number)).Time("closedAt");
        Assert.NotNull(closedAt);
        var now = App.Clock.Tick(TimeSpan.FromDays(3));

        var reopened = await Client.MoveAsync(number, Phase.Investigation, reason: "The same timeouts are back.");

        Assert.Equal("Investigation", reopened.Text("phase"));
        Assert.Null(reopened.Time("closedAt"));
        Assert.Null(reopened.Time("learningsStartedAt"));
        Assert.Null(reopened.Time("resolvedAt"));
        Assert.Null(reopened.Time("mitigatedAt"));
        Assert.Null(reopened.Time("containmentStartedAt"));
        Assert.Equal(now, reopened.Time("investigationStartedAt"));
        Assert.Equal(AppFixture.Start, reopened.Time("declaredAt"));
        Assert.Equal((await Client.GetIncidentAsync(number)).Time("investigationStartedAt"), now);

        var phaseChanges = await Client.GetAllPagesAsync(
            $"{ApiClient.IncidentUrl(number)}/timeline?kind=PhaseChanged", limit: 50);
        var close = Assert.Single(phaseChanges, entry => entry.Text("text") == "Closed the incident.");
        Assert.Equal(closedAt, close.Time("occurredAt"));
        Assert.Equal(
            ("Reopened into Investigation. Reason: The same timeouts are back.", now),
            (phaseChanges[^1].Text("text"), phaseChanges[^1].Time("occurredAt")));
        Assert.Equal(ApiClient.ActorName, phaseChanges[^1].GetProperty("actor").Text("displayName"));
    }

    [Fact]
    public async Task Reopening_needs_a_reason_and_a_phase_from_investigation_to_containment()
    {
        var number = (await Client.IncidentInAsync(Phase.Closed)).Number();

        await (await Client.PostPhaseAsync(number, Phase.Investigation)).InvalidAsync("reason");
        await (await Client.PostPhaseAsync(number, Phase.Remediation, reason: "Back again")).RefusedAsync(
            "TransitionNotAllowed");
        await (await Client.PostPhaseAsync(number, Phase.Dismissed, reason: "Never mind")).RefusedAsync(
            "TransitionNotAllowed");

        Assert.Equal("Closed", (await Client.GetIncidentAsync(number)).Text("phase"));
    }

    [Fact]
    public async Task A_duplicate_is_dismissed_with_a_reason_and_the_original_incident()
    {
        var original = (await Client.DeclareAsync("Checkout is failing")).Number();
        var duplicate = (await Client.DeclareAsync("Payments page errors")).Number();
        var now = App.Clock.TickMinutes(6);

        await (await Client.PostPhaseAsync(
            duplicate, Phase.Dismissed, reason: "Same outage, reported twice.", duplicateOf: original)).ReadAsync();

        var dismissed = await Client.GetIncidentAsync(duplicate);
        Assert.Equal("Dismissed", dismissed.Text("phase"));
        Assert.Equal(now, dismissed.Time("dismissedAt"));
        Assert.Equal(original, dismissed.GetProperty("duplicateOf").GetInt64());
        Assert.Equal("Same outage, reported twice.", dismissed.Text("dismissalReason"));
        Assert.Empty(dismissed.GetProperty("blockers").EnumerateArray());
        Assert.Empty(dismissed.GetProperty("transitions").EnumerateArray());
        var last = (await Client.GetAllPagesAsync($"{ApiClient.IncidentUrl(duplicate)}/timeline", limit: 50))[^1];
        Assert.Contains($"INC-{original}", last.Text("text"), StringComparison.Ordinal);
        Assert.Equal("Identification", (await Client.GetIncidentAsync(original)).Text("phase"));
    }

    [Fact]
    public async Task A_false_alarm_is_dismissed_with_a_reason_only()
    {
        var number = (await Client.DeclareAsync()).Number();

        var dismissed = await (await Client.PostPhaseAsync(
            number, Phase.Dismissed, reason: "A synthetic check misfired.")).ReadAsync();

        Assert.Equal("Dismissed", dismissed.Text("phase"));
        Assert.Equal(JsonValueKind.Null, dismissed.GetProperty("duplicateOf").ValueKind);
        Assert.Equal(App.Clock.GetUtcNow(), dismissed.Time("dismissedAt"));
    }

    [Fact]
    public async Task Dismissing_as_a_duplicate_of_a_missing_incident_is_refused()
    {
        var number = (await Client.DeclareAsync()).Number();

        await (await Client.PostPhaseAsync(
            number, Phase.Dismissed, reason: "Reported twice.", duplicateOf: 999_999)).InvalidAsync("duplicateOf");

        var unchanged = await Client.GetIncidentAsync(number);
        Assert.Equal("Identification", unchanged.Text("phase"));
        Assert.Null(unchanged.Time("dismissedAt"));
    }

    [Fact]
    public async Task Dismissing_needs_a_reason()
    {
        var number = (await Client.DeclareAsync()).Number();

        await (await Client.PostPhaseAsync(number, Phase.Dismissed)).InvalidAsync("reason");

        Assert.Equal("Identification", (await Client.GetIncidentAsync(number)).Text("phase"));
    }

    [Fact]
    public async Task Only_a_dismissal_names_a_duplicate_and_never_the_incident_itself()
    {
        var other = (await Client.DeclareAsync("Checkout is failing")).Number();
        var number = (await Client.DeclareAsync("Payments page errors")).Number();

        await (await Client.PostPhaseAsync(number, Phase.Investigation, duplicateOf: other)).InvalidAsync(
            "duplicateOf");
        await (await Client.PostPhaseAsync(
            number, Phase.Dismissed, reason: "Reported twice.", duplicateOf: number)).InvalidAsync("duplicateOf");

        Assert.Equal("Identification", (await Client.GetIncidentAsync(number)).Text("phase"));
    }

    [Fact]
    public async Task An_incident_in_containment_can_no_longer_be_dismissed()
    {
        var number = (await Client.IncidentInAsync(Phase.Containment)).Number();

        await (await Client.PostPhaseAsync(number, Phase.Dismissed, reason: "False alarm after all")).RefusedAsync(
            "TransitionNotAllowed");

        Assert.Equal("Containment", (await Client.GetIncidentAsync(number)).Text("phase"));
    }

    [Fact]
    public async Task A_dismissed_incident_stays_dismissed()
    {
        var number = (await Client.DeclareAsync()).Number();
        await Client.MoveAsync(number, Phase.Dismissed, reason: "A synthetic check misfired.");
        var person = await Client.AddPersonAsync("Erin Engineer");

        await (await Client.PutRoleAsync(number, "EngineerOnCall", person)).RefusedAsync("IncidentDismissed");
        await (await Client.PostPhaseAsync(number, Phase.Investigation, reason: "It was real")).RefusedAsync(
            "TransitionNotAllowed");

        var incident = await Client.GetIncidentAsync(number);
        Assert.Equal("Dismissed", incident.Text("phase"));
        Assert.Null(incident.Holder(IncidentRole.EngineerOnCall));
    }
}
