using System.Net;
using System.Net.Http.Json;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Lifecycle;

public sealed class StatusUpdateTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Status_updates_are_read_newest_first()
    {
        var number = (await Client.DeclareAsync()).Number();
        var url = $"{ApiClient.IncidentUrl(number)}/status-updates";
        var firstAt = App.Clock.TickMinutes(10);
        var first = await (await Client.PostAsJsonAsync(
                url, new { audience = "Internal", text = "Investigating gateway timeouts." }))
            .ReadAsync(HttpStatusCode.Created);
        var secondAt = App.Clock.TickMinutes(20);
        await (await Client.PostAsJsonAsync(
                url, new { audience = "External", text = "Card payments may fail; we are on it." }))
            .ReadAsync(HttpStatusCode.Created);
        var thirdAt = App.Clock.TickMinutes(30);
        await (await Client.PostAsJsonAsync(
                url, new { audience = "Internal", text = "Pool limit raised; watching." }))
            .ReadAsync(HttpStatusCode.Created);

        Assert.Equal(
            (firstAt, ApiClient.ActorName), (first.Time("postedAt"), first.GetProperty("author").Text("displayName")));
        var all = await Client.GetAllPagesAsync(url, limit: 2);
        Assert.Equal(
            new[]
            {
                ("Pool limit raised; watching.", thirdAt),
                ("Card payments may fail; we are on it.", secondAt),
                ("Investigating gateway timeouts.", firstAt),
            },
            all.Select(update => (update.Text("text")!, update.Time("postedAt")!.Value)));
        Assert.Equal(
            ["Pool limit raised; watching.", "Investigating gateway timeouts."],
            (await Client.GetPageAsync($"{url}?audience=Internal")).Items.Select(update => update.Text("text")));

        var timeline = await Client.GetAllPagesAsync(
            $"{ApiClient.IncidentUrl(number)}/timeline?kind=StatusUpdate", limit: 50);
        Assert.Equal(new[] { firstAt, secondAt, thirdAt }, timeline.Select(entry => entry.Time("occurredAt")!.Value));
    }

    [Fact]
    public async Task A_status_update_needs_an_audience_and_a_text()
    {
        var number = (await Client.DeclareAsync()).Number();
        var url = $"{ApiClient.IncidentUrl(number)}/status-updates";

        var response = await Client.PostAsJsonAsync(url, new { text = "" });

        await response.InvalidAsync("audience");
        await response.InvalidAsync("text");
        Assert.Empty((await Client.GetPageAsync(url)).Items);
    }
}
