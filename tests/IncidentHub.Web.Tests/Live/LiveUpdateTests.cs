using System.Net;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Live;

/// <summary>
/// Pages learn of changes over Server-Sent Events fed by PostgreSQL notifications, so a page served
/// by one app instance hears of a change made through another instance sharing the database.
/// </summary>
public sealed class LiveUpdateTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_change_made_through_one_instance_reaches_a_page_listening_on_another()
    {
        var number = await Client.DeclareIncidentAsync();
        var unrelated = await Client.DeclareIncidentAsync();
        await using var other = new IncidentHubFactory(App.ConnectionString, App.Clock);
        using var browser = await BrowserSession.SignedInAsync(other, Admin.Email);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await browser.Client.GetAsync(
            new Uri($"/live/incidents/{number}", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead,
            patience.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync(patience.Token));
        Assert.Equal("ready", (await NextEventAsync(events, patience.Token)).Name);

        // The other instance starts listening in the background; until it does, changes pass it by.
        // So changes keep coming through the first instance until one arrives.
        var writer = Task.Run(async () =>
        {
            for (var note = 0; !patience.IsCancellationRequested; note++)
            {
                await Client.SendForReplyAsync(
                    HttpMethod.Post, $"/api/v1/incidents/{unrelated}/timeline", new { text = $"unrelated {note}" });
                await Client.SendForReplyAsync(
                    HttpMethod.Post, $"/api/v1/incidents/{number}/timeline", new { text = $"note {note}" });
                await Task.Delay(200, patience.Token);
            }
        }, patience.Token);

        var changed = await NextEventAsync(events, patience.Token, skip: "ping");
        await patience.CancelAsync();
        try
        {
            await writer;
        }
        catch (OperationCanceledException)
        {
            // The writer stops when told to.
        }

        Assert.Equal("changed", changed.Name);
        // Only this incident's changes reach its page.
        Assert.Contains($"\"number\":{number},", changed.Data, StringComparison.Ordinal);
    }

    private static async Task<(string Name, string Data)> NextEventAsync(
        StreamReader events, CancellationToken cancellationToken, string? skip = null)
    {
        while (true)
        {
            string name = "message", data = "";
            for (var line = await events.ReadLineAsync(cancellationToken);
                line is { Length: > 0 };
                line = await events.ReadLineAsync(cancellationToken))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
            }

            if (name != skip)
            {
                return (name, data);
            }
        }
    }
}
