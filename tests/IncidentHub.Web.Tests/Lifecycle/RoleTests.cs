using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Lifecycle;

public sealed class RoleTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Handing_over_a_role_ends_the_previous_assignment()
    {
        var number = (await Client.DeclareAsync()).Number();
        var erin = await Client.AddPersonAsync("Erin Engineer");
        var bo = await Client.AddPersonAsync("Bo Backup");
        var assignedAt = App.Clock.TickMinutes(2);
        var assigned = await Client.AssignAsync(number, IncidentRole.EngineerOnCall, erin);
        Assert.Equal(erin, assigned.Holder(IncidentRole.EngineerOnCall)?.GetProperty("personId").GetGuid());
        Assert.Equal("Erin Engineer", assigned.Holder(IncidentRole.EngineerOnCall)?.Text("displayName"));
        Assert.Equal(assignedAt, assigned.Holder(IncidentRole.EngineerOnCall)?.Time("since"));

        var handedOverAt = App.Clock.TickMinutes(90);
        await Client.AssignAsync(number, IncidentRole.EngineerOnCall, bo);

        var incident = await Client.GetIncidentAsync(number);
        Assert.Equal(bo, incident.Holder(IncidentRole.EngineerOnCall)?.GetProperty("personId").GetGuid());
        Assert.Equal(handedOverAt, incident.Holder(IncidentRole.EngineerOnCall)?.Time("since"));
        Assert.Equal(
            new (Guid, DateTimeOffset, DateTimeOffset?, string?)[]
            {
                (erin, assignedAt, handedOverAt, ApiClient.ActorName),
                (bo, handedOverAt, null, null),
            },
            await AssignmentsAsync(number, IncidentRole.EngineerOnCall));

        var entry = (await Client.GetAllPagesAsync(
            $"{ApiClient.IncidentUrl(number)}/timeline?kind=RoleAssigned", limit: 50))[^1];
        Assert.Equal(handedOverAt, entry.Time("occurredAt"));
        Assert.Contains("Erin Engineer", entry.Text("text"), StringComparison.Ordinal);
        Assert.Contains("Bo Backup", entry.Text("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unassigning_a_role_leaves_it_empty_and_ends_the_assignment()
    {
        var number = (await Client.DeclareAsync()).Number();
        var erin = await Client.AddPersonAsync("Erin Engineer");
        await Client.AssignAsync(number, IncidentRole.EngineerOnCall, erin);
        var endedAt = App.Clock.TickMinutes(45);

        var unassigned = await (await Client.DeleteAsync(
            $"{ApiClient.IncidentUrl(number)}/roles/EngineerOnCall")).ReadAsync();

        Assert.Null(unassigned.Holder(IncidentRole.EngineerOnCall));
        Assert.Equal(["EngineerOnCallRequired"], unassigned.BlockerRules());
        Assert.Equal(
            new (Guid, DateTimeOffset, DateTimeOffset?, string?)[]
            {
                (erin, AppFixture.Start, endedAt, ApiClient.ActorName),
            },
            await AssignmentsAsync(number, IncidentRole.EngineerOnCall));
        var entry = (await Client.GetAllPagesAsync(
            $"{ApiClient.IncidentUrl(number)}/timeline?kind=RoleUnassigned", limit: 50)).Single();
        Assert.Equal(endedAt, entry.Time("occurredAt"));
        Assert.Contains("Erin Engineer", entry.Text("text"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Scribe")]
    [InlineData("1")]
    [InlineData("IncidentManagers")]
    public async Task A_role_that_does_not_exist_is_not_found(string role)
    {
        var number = (await Client.DeclareAsync()).Number();
        var erin = await Client.AddPersonAsync("Erin Engineer");

        await (await Client.PutRoleAsync(number, role, erin)).ProblemAsync(HttpStatusCode.NotFound);
        await (await Client.DeleteAsync($"{ApiClient.IncidentUrl(number)}/roles/{role}")).ProblemAsync(
            HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_role_goes_only_to_an_active_person_who_exists()
    {
        var number = (await Client.DeclareAsync()).Number();
        var gone = await Client.AddPersonAsync("Gale Gone");
        await using (var db = App.Factory.CreateDbContext())
        {
            await db.People
                .Where(person => person.Id == gone)
                .ExecuteUpdateAsync(set => set.SetProperty(person => person.Active, false));
        }

        await (await Client.PutRoleAsync(number, "EngineerOnCall", Guid.NewGuid())).InvalidAsync("personId");
        await (await Client.PutRoleAsync(number, "EngineerOnCall", gone)).InvalidAsync("personId");
        await (await Client.PutRoleAsync(number, "EngineerOnCall", null)).InvalidAsync("personId");

        var incident = await Client.GetIncidentAsync(number);
        Assert.Null(incident.Holder(IncidentRole.EngineerOnCall));
        Assert.Empty(await AssignmentsAsync(number, IncidentRole.EngineerOnCall));
    }

    private async Task<List<(Guid Person, DateTimeOffset From, DateTimeOffset? Until, string? EndedBy)>>
        AssignmentsAsync(long number, IncidentRole role)
    {
        await using var db = App.Factory.CreateDbContext();
        var incidentId = await db.Incidents
            .Where(incident => incident.Number == number)
            .Select(incident => incident.Id)
            .SingleAsync();
        var rows = await db.RoleAssignments.Where(assignment =>
            assignment.IncidentId == incidentId && assignment.Role == role)
            .OrderBy(assignment => assignment.From).ToListAsync();
        return [.. rows.Select(row => (row.PersonId, row.From, row.Until, row.EndedByName))];
    }
}
