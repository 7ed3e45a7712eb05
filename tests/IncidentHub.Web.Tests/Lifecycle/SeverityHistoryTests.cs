using System.Net.Http.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Lifecycle;

public sealed class SeverityHistoryTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Declaring_keeps_the_initial_severity_as_the_first_change()
    {
        var number = (await Client.DeclareAsync(severity: "S2")).Number();

        var change = Assert.Single(await SeverityChangesAsync(number));

        Assert.Equal((null, Severity.S2, null, AppFixture.Start, ApiClient.ActorName), change);
    }

    [Fact]
    public async Task Every_severity_change_is_kept_with_from_to_reason_who_and_when()
    {
        var number = (await Client.DeclareAsync(severity: "S3")).Number();
        var raisedAt = App.Clock.TickMinutes(10);
        await Client.SetSeverityAsync(number, "S1", "Checkout is down for every customer.");
        var loweredAt = App.Clock.TickMinutes(30);
        var lowered = await Client.SetSeverityAsync(number, "S2", "  Only EU customers are affected now.  ");
        App.Clock.TickMinutes(5);
        await Client.SetSeverityAsync(number, "S2", "Still S2.");

        Assert.Equal("S2", lowered.Text("severity"));
        Assert.Equal(
            new (Severity?, Severity, string?, DateTimeOffset, string)[]
            {
                (null, Severity.S3, null, AppFixture.Start, ApiClient.ActorName),
                (Severity.S3, Severity.S1, "Checkout is down for every customer.", raisedAt, ApiClient.ActorName),
                (Severity.S1, Severity.S2, "Only EU customers are affected now.", loweredAt, ApiClient.ActorName),
            },
            await SeverityChangesAsync(number));

        var timeline = await Client.GetAllPagesAsync(
            $"{ApiClient.IncidentUrl(number)}/timeline?kind=SeverityChanged", limit: 50);
        Assert.Equal(new[] { raisedAt, loweredAt }, timeline.Select(entry => entry.Time("occurredAt")!.Value));
        Assert.Contains("Only EU customers are affected now.", timeline[1].Text("text"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("S5")]
    [InlineData("1")]
    [InlineData(null)]
    public async Task A_severity_outside_S1_to_S4_and_Unknown_is_refused(string? severity)
    {
        var number = (await Client.DeclareAsync(severity: "S3")).Number();

        var response = await Client.PostAsJsonAsync(
            $"{ApiClient.IncidentUrl(number)}/severity", new { severity, reason = "Typo" });

        await response.InvalidAsync("severity");
        Assert.Equal("S3", (await Client.GetIncidentAsync(number)).Text("severity"));
        Assert.Single(await SeverityChangesAsync(number));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_change_after_the_declaration_without_a_reason_is_refused_at_the_reason(string? reason)
    {
        var number = (await Client.DeclareAsync(severity: "S3")).Number();

        var response = await Client.PostAsJsonAsync(
            $"{ApiClient.IncidentUrl(number)}/severity", new { severity = "S1", reason });

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["Say why the severity changes (what is affected now)."], await response.InvalidAsync("reason"));
        Assert.Equal("S3", (await Client.GetIncidentAsync(number)).Text("severity"));
        Assert.Single(await SeverityChangesAsync(number));
    }

    [Fact]
    public async Task A_draft_takes_a_severity_without_a_reason()
    {
        var number = (await Client.DeclareAsync(
            new { title = "Disk filling on db-2", source = "TeamMemberReport", phase = "Preparation" })).Number();

        var changed = await Client.SetSeverityAsync(number, "S4");

        Assert.Equal("S4", changed.Text("severity"));
    }

    private async Task<List<(Severity? From, Severity To, string? Reason, DateTimeOffset At, string By)>>
        SeverityChangesAsync(long number)
    {
        await using var db = App.Factory.CreateDbContext();
        var incidentId = await db.Incidents
            .Where(incident => incident.Number == number)
            .Select(incident => incident.Id)
            .SingleAsync();
        var changes = await db.SeverityChanges
            .Where(change => change.IncidentId == incidentId)
            .OrderBy(change => change.ChangedAt)
            .ToListAsync();
        return [.. changes.Select(change =>
            (change.From, change.To, change.Reason, change.ChangedAt, change.ChangedByName))];
    }
}
