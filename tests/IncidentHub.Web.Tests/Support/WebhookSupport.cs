using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentHub.Testing;
using IncidentHub.Web.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentHub.Web.Tests.Support;

/// <summary>Registering endpoints and reading their deliveries through the API, as an admin's script would.</summary>
public static class WebhookSupport
{
    public const string Webhooks = "/api/v1/webhooks";

    /// <summary>Registers the receiver for these event types (all when none are given) and gives it the secret.</summary>
    public static async Task<Guid> RegisterAsync(
        this HttpClient client, WebhookReceiver receiver, string format = "StandardWebhooks", params string[] eventTypes)
    {
        var created = await (await client.PostAsJsonAsync(Webhooks, new
        {
            name = $"Receiver {Guid.NewGuid():N}",
            url = receiver.Url,
            eventTypes = eventTypes.Length > 0 ? eventTypes : WebhookEventTypes.Subscribable.ToArray(),
            format,
        })).ReadAsync(HttpStatusCode.Created);
        receiver.Secret = created.GetProperty("secret").GetString();
        return created.GetProperty("endpoint").Id();
    }

    public static async Task<JsonElement[]> DeliveriesAsync(this HttpClient client, Guid endpoint) =>
        [.. (await (await client.GetAsync($"{Webhooks}/{endpoint}/deliveries?limit=200")).ReadAsync())
            .GetProperty("items").EnumerateArray()];

    /// <summary>Polls the endpoint's deliveries until the condition holds (the dispatcher records after it calls).</summary>
    public static async Task<JsonElement[]> WaitForDeliveriesAsync(
        this HttpClient client, Guid endpoint, Func<JsonElement[], bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var deliveries = await client.DeliveriesAsync(endpoint);
            if (condition(deliveries))
            {
                return deliveries;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The deliveries never got there: {JsonSerializer.Serialize(deliveries)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Wakes the app's dispatcher, as the database's notification would; after the clock moved, for retries.</summary>
    public static void WakeDispatcher(this AppFixture app) =>
        app.Factory.Services.GetRequiredService<WebhookSignal>().Wake();
}
