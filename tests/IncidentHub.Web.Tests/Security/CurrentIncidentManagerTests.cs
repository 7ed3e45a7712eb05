using System.Net;
using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Security;

/// <summary>
/// The incident's current Incident Manager may staff the incident (EOC, CMOC) and hand the IM role
/// over even as a Responder; moving back, dismissing and giving up the role stay with Incident Managers.
/// </summary>
public sealed class CurrentIncidentManagerTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_responder_who_is_the_current_incident_manager_staffs_the_incident_and_hands_over()
    {
        var (number, manager, other) = await IncidentManagedByResponderAsync();
        var engineer = await App.CreateAccountAsync(AccountRole.Viewer);
        using var client = App.CreateClient(manager.Token);

        await client.AssignAsync(number, "EngineerOnCall", engineer.Id);
        await client.AssignAsync(number, "CommunicationsManagerOnCall", engineer.Id);
        await client.SendOkAsync(HttpMethod.Delete, $"/api/v1/incidents/{number}/roles/CommunicationsManagerOnCall");
        var handedOver = await client.AssignAsync(number, "IncidentManager", other.Id);

        var roles = handedOver.GetProperty("roles");
        Assert.Equal(engineer.Id, roles.GetProperty("engineerOnCall").GetProperty("personId").GetGuid());
        Assert.Equal(JsonValueKind.Null, roles.GetProperty("communicationsManagerOnCall").ValueKind);
        Assert.Equal(other.Id, roles.GetProperty("incidentManager").GetProperty("personId").GetGuid());

        // Having handed over, the former IM is a plain Responder on this incident again.
        using var refused = await client.SendAsync(
            ApiCalls.Request(
                HttpMethod.Put, $"/api/v1/incidents/{number}/roles/EngineerOnCall", new { personId = manager.Id }));
        await ApiCalls.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_responder_cannot_staff_the_incident()
    {
        var (number, _, other) = await IncidentManagedByResponderAsync();
        using var client = App.CreateClient(other.Token);

        foreach (var role in new[] { "EngineerOnCall", "CommunicationsManagerOnCall", "IncidentManager" })
        {
            using var response = await client.SendAsync(
                ApiCalls.Request(
                    HttpMethod.Put, $"/api/v1/incidents/{number}/roles/{role}", new { personId = other.Id }));
            await ApiCalls.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }

        var roles = (await Client.GetOkAsync($"/api/v1/incidents/{number}")).GetProperty("roles");
        Assert.Equal(JsonValueKind.Null, roles.GetProperty("engineerOnCall").ValueKind);
        Assert.Equal(JsonValueKind.Null, roles.GetProperty("communicationsManagerOnCall").ValueKind);
        Assert.NotEqual(other.Id, roles.GetProperty("incidentManager").GetProperty("personId").GetGuid());
    }

    [Fact]
    public async Task The_current_incident_manager_who_is_a_responder_cannot_dismiss()
    {
        var (number, manager, _) = await IncidentManagedByResponderAsync();
        using var client = App.CreateClient(manager.Token);

        using var response = await client.SendAsync(
            ApiCalls.Request(
                HttpMethod.Post,
                $"/api/v1/incidents/{number}/phase",
                new { target = "Dismissed", reason = "False alarm" }));

        await ApiCalls.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(
            "Identification",
            (await Client.GetOkAsync($"/api/v1/incidents/{number}")).GetProperty("phase").GetString());
    }

    [Fact]
    public async Task The_current_incident_manager_who_is_a_responder_cannot_move_the_incident_back()
    {
        var (number, manager, _) = await IncidentManagedByResponderAsync();
        await Client.AssignAsync(number, "EngineerOnCall", Admin.Id);
        await Client.MoveAsync(number, "Remediation");
        using var client = App.CreateClient(manager.Token);

        using var response = await client.SendAsync(
            ApiCalls.Request(
                HttpMethod.Post,
                $"/api/v1/incidents/{number}/phase",
                new { target = "Containment", reason = "Errors are back" }));

        await ApiCalls.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(
            "Remediation", (await Client.GetOkAsync($"/api/v1/incidents/{number}")).GetProperty("phase").GetString());
    }

    [Fact]
    public async Task The_current_incident_manager_who_is_a_responder_cannot_leave_the_role_empty()
    {
        var (number, manager, _) = await IncidentManagedByResponderAsync();
        using var client = App.CreateClient(manager.Token);

        using var response = await client.DeleteAsync(
            new Uri($"/api/v1/incidents/{number}/roles/IncidentManager", UriKind.Relative));

        await ApiCalls.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        var roles = (await Client.GetOkAsync($"/api/v1/incidents/{number}")).GetProperty("roles");
        Assert.Equal(manager.Id, roles.GetProperty("incidentManager").GetProperty("personId").GetGuid());
    }

    [Fact]
    public async Task Being_incident_manager_of_one_incident_gives_no_say_over_another()
    {
        var (_, manager, _) = await IncidentManagedByResponderAsync();
        var otherIncident = await Client.DeclareNumberAsync("Search is slow");
        using var client = App.CreateClient(manager.Token);

        using var response = await client.SendAsync(
            ApiCalls.Request(
                HttpMethod.Put,
                $"/api/v1/incidents/{otherIncident}/roles/EngineerOnCall",
                new { personId = manager.Id }));

        await ApiCalls.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// An incident whose Incident Manager is a Responder (assigned by the admin), and another Responder.
    /// </summary>
    private async Task<(long Number, TestAccount Manager, TestAccount Other)> IncidentManagedByResponderAsync()
    {
        var manager = await App.CreateAccountAsync(AccountRole.Responder);
        var other = await App.CreateAccountAsync(AccountRole.Responder);
        var number = await Client.DeclareNumberAsync();
        await Client.AssignAsync(number, "IncidentManager", manager.Id);
        return (number, manager, other);
    }
}
