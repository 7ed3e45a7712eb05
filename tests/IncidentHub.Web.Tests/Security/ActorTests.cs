using IncidentHub.Domain;
using IncidentHub.Web.Security;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Security;

/// <summary>History names who did a change, and through which token.</summary>
public sealed class ActorTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_change_made_with_a_token_names_the_owner_and_the_token_in_the_timeline()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var client = App.CreateClient(responder.Token);
        var number = await client.DeclareNumberAsync();

        await client.PostOkAsync($"/api/v1/incidents/{number}/timeline", new { text = "Rolled back the deploy" });

        var entry = (await Client.GetOkAsync($"/api/v1/incidents/{number}/timeline"))
            .GetProperty("items")
            .EnumerateArray()
            .Single(item => item.GetProperty("text").GetString() == "Rolled back the deploy");
        Assert.Equal(
            "Test Responder (token \"tests\")", entry.GetProperty("actor").GetProperty("displayName").GetString());
        Assert.Equal(responder.Id, entry.GetProperty("actor").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Each_token_of_a_person_is_named_in_what_it_did()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        var alertmanager = await App.CreateTokenAsync(responder.Id, "alertmanager", [Scopes.IncidentsWrite]);
        using var client = App.CreateClient(alertmanager.Token);

        var number = await client.DeclareNumberAsync();

        var declared = (await Client.GetOkAsync($"/api/v1/incidents/{number}/timeline"))
            .GetProperty("items")
            .EnumerateArray()
            .First(item => item.GetProperty("kind").GetString() == "Declared");
        Assert.Equal(
            "Test Responder (token \"alertmanager\")",
            declared.GetProperty("actor").GetProperty("displayName").GetString());
    }
}
