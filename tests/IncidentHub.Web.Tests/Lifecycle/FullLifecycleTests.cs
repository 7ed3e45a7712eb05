using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Lifecycle;

public sealed class FullLifecycleTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task An_incident_goes_through_all_seven_phases_to_closed_with_exact_milestones_metrics_and_timeline()
    {
        var impactStartedAt = AppFixture.Start.AddMinutes(-30);
        var detectedAt = AppFixture.Start.AddMinutes(-10);
        var erin = await Client.AddPersonAsync("Erin Engineer");
        var ivy = await Client.AddPersonAsync("Ivy Manager");
        var cory = await Client.AddPersonAsync("Cory Comms");

        var declaredAt = App.Clock.GetUtcNow();
        var declared = await Client.DeclareAsync(new
        {
            title = "Checkout is failing for card payments",
            summary = "Card payments time out at the gateway.",
            source = "Monitoring",
            severity = "Unknown",
            services = new[] { "checkout", "payments" },
            impactStartedAt,
            detectedAt,
        });
        var number = declared.Number();
        Assert.Equal("Identification", declared.Text("phase"));
        Assert.Equal($"INC-{number}", declared.Text("reference"));

        var eocAssignedAt = App.Clock.TickMinutes(2);
        await Client.AssignAsync(number, IncidentRole.EngineerOnCall, erin);

        var investigationStartedAt = App.Clock.TickMinutes(3);
        await Client.MoveAsync(number, Phase.Investigation);

        var severitySetAt = App.Clock.TickMinutes(5);
        await Client.SetSeverityAsync(number, "S2", "Card payments fail for a third of customers.");

        var imAssignedAt = App.Clock.TickMinutes(1);
        await Client.AssignAsync(number, IncidentRole.IncidentManager, ivy);

        var cmocAssignedAt = App.Clock.TickMinutes(1);
        await Client.AssignAsync(number, IncidentRole.CommunicationsManagerOnCall, cory);

        var containmentStartedAt = App.Clock.TickMinutes(4);
        await Client.MoveAsync(number, Phase.Containment);

        var mitigatedAt = App.Clock.TickMinutes(20);
        await Client.MoveAsync(number, Phase.Remediation);

        var resolvedAt = App.Clock.Tick(TimeSpan.FromHours(2));
        await Client.MoveAsync(number, Phase.Recovery);

        var actionAddedAt = App.Clock.TickMinutes(30);
        await Client.AddCorrectiveActionAsync(
            number, new { title = "Alert on gateway timeouts", kind = "Detection", ownerId = erin });

        var learningsStartedAt = App.Clock.Tick(TimeSpan.FromDays(1));
        await Client.MoveAsync(number, Phase.Learnings);

        var reviewSavedAt = App.Clock.Tick(TimeSpan.FromDays(2));
        await Client.SaveReviewAsync(number, "A connection pool limit lowered by a configuration push.");

        var closedAt = App.Clock.Tick(TimeSpan.FromHours(1));
        var closed = await Client.MoveAsync(number, Phase.Closed);
        Assert.Equal("Closed", closed.Text("phase"));

        var incident = await Client.GetIncidentAsync(number);
        Assert.Equal("Closed", incident.Text("phase"));
        Assert.Equal("S2", incident.Text("severity"));
        Assert.Equal(declaredAt, incident.Time("createdAt"));
        Assert.Equal(declaredAt, incident.Time("declaredAt"));
        Assert.Equal(investigationStartedAt, incident.Time("investigationStartedAt"));
        Assert.Equal(containmentStartedAt, incident.Time("containmentStartedAt"));
        Assert.Equal(mitigatedAt, incident.Time("mitigatedAt"));
        Assert.Equal(resolvedAt, incident.Time("resolvedAt"));
        Assert.Equal(learningsStartedAt, incident.Time("learningsStartedAt"));
        Assert.Equal(closedAt, incident.Time("closedAt"));
        Assert.Null(incident.Time("dismissedAt"));
        Assert.Equal(impactStartedAt, incident.Time("impactStartedAt"));
        Assert.Equal(detectedAt, incident.Time("detectedAt"));

        Assert.Equal((detectedAt - impactStartedAt).TotalSeconds, incident.Seconds("timeToDetectSeconds"));
        Assert.Equal((mitigatedAt - impactStartedAt).TotalSeconds, incident.Seconds("timeToMitigateSeconds"));
        Assert.Equal((resolvedAt - impactStartedAt).TotalSeconds, incident.Seconds("timeToResolveSeconds"));
        Assert.Equal(20 * 60d, incident.Seconds("timeToDetectSeconds"));

        Assert.Empty(incident.GetProperty("blockers").EnumerateArray());
        Assert.Equal(1, incident.GetProperty("correctiveActionCount").GetInt32());
        Assert.Equal(
            "A connection pool limit lowered by a configuration push.",
            incident.GetProperty("review").Text("rootCauseSummary"));
        Assert.Equal(ivy, incident.Holder(IncidentRole.IncidentManager)?.GetProperty("personId").GetGuid());
        Assert.Equal(erin, incident.Holder(IncidentRole.EngineerOnCall)?.GetProperty("personId").GetGuid());
        Assert.Equal(
            cory, incident.Holder(IncidentRole.CommunicationsManagerOnCall)?.GetProperty("personId").GetGuid());

        // Paged in small pages so that following nextCursor is part of what is checked.
        var timeline = await Client.GetAllPagesAsync($"{ApiClient.IncidentUrl(number)}/timeline", limit: 4);
        (string Kind, DateTimeOffset At)[] expected =
        [
            ("Declared", declaredAt),
            ("RoleAssigned", eocAssignedAt),
            ("PhaseChanged", investigationStartedAt),
            ("SeverityChanged", severitySetAt),
            ("RoleAssigned", imAssignedAt),
            ("RoleAssigned", cmocAssignedAt),
            ("PhaseChanged", containmentStartedAt),
            ("PhaseChanged", mitigatedAt),
            ("PhaseChanged", resolvedAt),
            ("CorrectiveActionAdded", actionAddedAt),
            ("PhaseChanged", learningsStartedAt),
            ("ReviewSaved", reviewSavedAt),
            ("PhaseChanged", closedAt),
        ];
        Assert.Equal(expected, timeline.Select(entry => (entry.Text("kind")!, entry.Time("occurredAt")!.Value)));
        Assert.All(timeline, entry =>
        {
            Assert.Equal(ApiClient.ActorName, entry.GetProperty("actor").Text("displayName"));
            Assert.NotEqual(JsonValueKind.Null, entry.GetProperty("actor").GetProperty("id").ValueKind);
            Assert.Equal(entry.Time("occurredAt"), entry.Time("recordedAt"));
            Assert.False(string.IsNullOrWhiteSpace(entry.Text("text")));
        });
        Assert.Equal("Closed the incident.", timeline[^1].Text("text"));
        Assert.Contains("Investigation", timeline[2].Text("text"), StringComparison.Ordinal);
        Assert.Contains("S2", timeline[3].Text("text"), StringComparison.Ordinal);
        Assert.Contains(
            "Card payments fail for a third of customers.", timeline[3].Text("text"), StringComparison.Ordinal);
        Assert.Contains("Ivy Manager", timeline[4].Text("text"), StringComparison.Ordinal);
        Assert.Contains("Alert on gateway timeouts", timeline[9].Text("text"), StringComparison.Ordinal);
        Assert.Equal(timeline.Count, timeline.Select(entry => entry.GetProperty("id").GetInt64()).Distinct().Count());
    }
}
