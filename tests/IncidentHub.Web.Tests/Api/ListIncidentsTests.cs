using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentHub.Web.Tests.Support;
using Npgsql;

namespace IncidentHub.Web.Tests.Api;

public sealed class ListIncidentsTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_list_shows_the_current_holder_of_each_role()
    {
        var alice = await AddPersonAsync("Alice Ng", "alice@example.com");
        var bob = await AddPersonAsync("Bob Okafor", "bob@example.com");
        var staffed = await DeclareAsync("Checkout down");
        var unstaffed = await DeclareAsync("Search lagging");
        await HoldAsync(staffed, "EngineerOnCall", alice, "Alice Ng", ended: true);
        await HoldAsync(staffed, "EngineerOnCall", bob, "Bob Okafor");
        await HoldAsync(staffed, "IncidentManager", alice, "Alice Ng");

        using var list = JsonDocument.Parse(await Client.GetStringAsync("/api/v1/incidents"));
        var items = list.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(item => item.GetProperty("number").GetInt64(), item => item.GetProperty("roles"));

        Assert.Equal(bob, items[staffed].GetProperty("engineerOnCall").GetProperty("personId").GetGuid());
        Assert.Equal("Bob Okafor", items[staffed].GetProperty("engineerOnCall").GetProperty("displayName").GetString());
        Assert.Equal(alice, items[staffed].GetProperty("incidentManager").GetProperty("personId").GetGuid());
        Assert.Equal(JsonValueKind.Null, items[staffed].GetProperty("communicationsManagerOnCall").ValueKind);
        Assert.All(items[unstaffed].EnumerateObject(), role => Assert.Equal(JsonValueKind.Null, role.Value.ValueKind));
    }

    private async Task<Guid> AddPersonAsync(string displayName, string email)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/people", new { displayName, email });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<long> DeclareAsync(string title)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/incidents", new { title, severity = "S2", source = "Monitoring" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt64();
    }

    /// <summary>Stores an assignment as the role commands leave it; only the list is under test here.</summary>
    private async Task HoldAsync(long number, string role, Guid personId, string personName, bool ended = false)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO role_assignments (id, incident_id, role, person_id, person_name, assigned_by_name, "from", until, ended_by_name)
            SELECT $1, id, $2, $3, $4, 'Test Responder', $5, $6, CASE WHEN $6 IS NOT NULL THEN 'Test Responder' END
            FROM incidents WHERE number = $7
            """, connection);
        command.Parameters.Add(new() { Value = Guid.CreateVersion7() });
        command.Parameters.Add(new() { Value = role });
        command.Parameters.Add(new() { Value = personId });
        command.Parameters.Add(new() { Value = personName });
        command.Parameters.Add(new() { Value = AppFixture.Start });
        command.Parameters.Add(new() { Value = ended ? AppFixture.Start.AddMinutes(5) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = number });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
