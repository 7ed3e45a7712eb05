using System.Net;
using System.Net.Http.Json;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Lifecycle;

public sealed class PeopleTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_person_is_added_and_read_back()
    {
        var response = await Client.PostAsJsonAsync(
            ApiClient.People, new { displayName = "  Erin Engineer ", email = " Erin@Example.COM " });
        var added = await response.ReadAsync(HttpStatusCode.Created);

        Assert.Equal(
            ("Erin Engineer", "erin@example.com", true),
            (added.Text("displayName"), added.Text("email"), added.GetProperty("active").GetBoolean()));
        var fetched = await (await Client.GetAsync(response.Headers.Location)).ReadAsync();
        Assert.Equal(added.Id(), fetched.Id());
        Assert.Equal("erin@example.com", fetched.Text("email"));
    }

    [Fact]
    public async Task People_are_listed_by_name_and_found_by_part_of_their_name_or_email()
    {
        await Client.AddPersonAsync("Zoe Zed", "zoe@example.com");
        await Client.AddPersonAsync("Adam Ant", "adam@ops.example.com");
        await Client.AddPersonAsync("Mia Mid", "mia@example.com");

        // The signed-in admin is a person too.
        Assert.Equal(
            ["Adam Ant", "Mia Mid", "Test Admin", "Zoe Zed"],
            (await Client.GetAllPagesAsync(ApiClient.People, limit: 2)).Select(person => person.Text("displayName")));
        Assert.Equal(
            ["Adam Ant"],
            (await Client.GetPageAsync($"{ApiClient.People}?q=OPS.")).Items.Select(person =>
                person.Text("displayName")));
        Assert.Equal(
            ["Zoe Zed"],
            (await Client.GetPageAsync($"{ApiClient.People}?q=zed")).Items.Select(person =>
                person.Text("displayName")));
    }

    [Fact]
    public async Task An_email_address_belongs_to_one_person_only()
    {
        await Client.AddPersonAsync("Erin Engineer", "erin@example.com");

        var response = await Client.PostAsJsonAsync(
            ApiClient.People, new { displayName = "Erin Again", email = "ERIN@example.com" });

        await response.RefusedAsync("PersonEmailTaken");
        Assert.Equal(
            ["Erin Engineer"],
            (await Client.GetPageAsync($"{ApiClient.People}?q=erin")).Items.Select(person =>
                person.Text("displayName")));
    }

    [Fact]
    public async Task A_person_needs_a_name_and_a_valid_email_address()
    {
        var response = await Client.PostAsJsonAsync(ApiClient.People, new { displayName = "", email = "not-an-email" });

        await response.InvalidAsync("displayName");
        await response.InvalidAsync("email");
        Assert.Equal(
            ["Test Admin"],
            (await Client.GetPageAsync(ApiClient.People)).Items.Select(person => person.Text("displayName")));
    }

    [Fact]
    public async Task A_person_who_does_not_exist_is_not_found()
    {
        await (await Client.GetAsync($"{ApiClient.People}/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
