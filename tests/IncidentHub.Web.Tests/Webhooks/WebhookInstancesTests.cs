using IncidentHub.Domain;
using IncidentHub.Testing;
using IncidentHub.Web.Tests.Support;
using IncidentHub.Web.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentHub.Web.Tests.Webhooks;

/// <summary>
/// Several app instances over one database, each running its dispatcher, as an operator runs them behind a load
/// balancer: the outbox is shared, and every event reaches the receiver once.
/// </summary>
public sealed class WebhookInstancesTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Three_instances_dispatching_one_outbox_deliver_every_event_exactly_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Client.RegisterAsync(receiver, "StandardWebhooks", "incident.declared", "incident.severity_changed");
        await using var second = new IncidentHubFactory(App.ConnectionString, App.Clock);
        await using var third = new IncidentHubFactory(App.ConnectionString, App.Clock);
        HttpClient[] clients = [Client, Api(second), Api(third)];

        // Incidents declared and changed through every instance at once; each instance's dispatcher hears the database's
        // notification of every delivery and races the others for it.
        await Task.WhenAll(clients.Select(async (client, index) =>
        {
            for (var i = 0; i < 10; i++)
            {
                var number = (await client.DeclareAsync($"Incident {index}-{i}")).Number();
                await client.SetSeverityAsync(number, "S4", "Fewer customers are affected.");
            }
        }));

        var delivered = await receiver.WaitForAsync(60, () =>
        {
            foreach (var factory in new[] { App.Factory, second, third })
            {
                factory.Services.GetRequiredService<WebhookSignal>().Wake();
            }
        });
        await Task.Delay(1000);

        Assert.Equal(60, receiver.Received.Count);
        Assert.Equal(60, receiver.Received.Select(item => item.Id).Distinct().Count());
        Assert.Equal(30, delivered.Count(item => item.Type == "incident.declared"));
        await using var db = App.Factory.CreateDbContext();
        Assert.All(db.WebhookDeliveries, delivery =>
        {
            Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
            Assert.Equal(1, delivery.Attempts);
        });
        Assert.Equal(60, db.WebhookAttempts.Count());

        foreach (var client in clients.Skip(1))
        {
            client.Dispose();
        }

        HttpClient Api(IncidentHubFactory factory)
        {
            var client = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
            client.DefaultRequestHeaders.Authorization = new("Bearer", Admin.Token);
            return client;
        }
    }

    [Fact]
    public async Task Alerts_received_and_resolved_are_announced_with_their_incident()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Client.RegisterAsync(receiver, "StandardWebhooks", "alert.received", "alert.resolved");
        var source = await App.CreateSourceAsync(AlertSourceKind.Alertmanager);
        var startsAt = AppFixture.Start.AddMinutes(-5);

        await Client.SendAsync(source, AlertSenders.Notification(
            "{}:{alertname=\"HighLatency\"}", "firing", AlertSenders.Firing("web-1", startsAt)));
        var received = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("alert.received", received.Type);
        var data = received.Json.GetProperty("data");
        Assert.Equal("firing", data.GetProperty("alert").GetProperty("status").GetString()!.ToLowerInvariant());
        var number = data.GetProperty("incident").GetProperty("number").GetInt64();
        Assert.True(number > 0);

        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await Client.SendAsync(source, AlertSenders.Notification(
            "{}:{alertname=\"HighLatency\"}", "resolved", AlertSenders.Resolved("web-1", startsAt, AppFixture.Start)));
        var resolved = (await receiver.WaitForAsync(2))[1];
        Assert.Equal("alert.resolved", resolved.Type);
        Assert.Equal(number, resolved.Json.GetProperty("data").GetProperty("incident").GetProperty("number").GetInt64());
        Assert.True(resolved.SignatureValid, resolved.SignatureError);
    }
}
