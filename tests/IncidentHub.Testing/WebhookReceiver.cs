using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace IncidentHub.Testing;

/// <summary>
/// A real HTTP server on a loopback port that takes webhook deliveries as a user's receiver would: it verifies each
/// signature with the Standard Webhooks library (not our code), and answers as scripted — failing, slow, 410, 429.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Answer> script = new();
    private readonly ConcurrentQueue<Delivered> received = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>The address to register; deliveries to other paths of it are recorded too.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The endpoint's secret, once the test knows it: deliveries are verified against it.</summary>
    public string? Secret { get; set; }

    /// <summary>What every request not scripted gets.</summary>
    public Answer Otherwise { get; set; } = new(HttpStatusCode.NoContent);

    public IReadOnlyList<Delivered> Received => [.. received];

    public static async Task<WebhookReceiver> StartAsync(string address = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(address), 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First() + "/hooks/incidents";
        return receiver;
    }

    /// <summary>The next requests get these answers, in order.</summary>
    public void Answer(params Answer[] answers)
    {
        foreach (var answer in answers)
        {
            script.Enqueue(answer);
        }
    }

    public async Task<IReadOnlyList<Delivered>> WaitForAsync(
        Func<IReadOnlyList<Delivered>, bool> enough, Action? nudge = null, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(20));
        while (!enough(Received))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"The receiver got {Received.Count} deliveries: {string.Join(", ", Received.Select(item => item.Type))}.");
            }

            nudge?.Invoke();
            await Task.Delay(50);
        }

        return Received;
    }

    public Task<IReadOnlyList<Delivered>> WaitForAsync(int count, Action? nudge = null) =>
        WaitForAsync(all => all.Count >= count, nudge);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        string? signatureError = null;
        if (Secret is not null)
        {
            try
            {
                new StandardWebhook(Secret).Verify(body, context.Request.Headers);
            }
            catch (WebhookVerificationException exception)
            {
                signatureError = exception.Message;
            }
        }

        received.Enqueue(new Delivered(
            context.Request.Path, context.Request.Headers["webhook-id"].ToString(),
            context.Request.Headers["webhook-timestamp"].ToString(), context.Request.Headers["webhook-signature"].ToString(),
            context.Request.ContentType, body, Secret is null ? null : signatureError is null, signatureError,
            DateTimeOffset.UtcNow));

        var answer = script.TryDequeue(out var next) ? next : Otherwise;
        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = (int)answer.Status;
        foreach (var (name, value) in answer.Headers ?? [])
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body is not null)
        {
            await context.Response.WriteAsync(answer.Body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record Answer(
    HttpStatusCode Status, string? Body = null, TimeSpan Delay = default, (string Name, string Value)[]? Headers = null);

public sealed record Delivered(
    string Path,
    string Id,
    string Timestamp,
    string Signature,
    string? ContentType,
    string Body,
    bool? SignatureValid,
    string? SignatureError,
    DateTimeOffset ReceivedAt)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Type => Body.StartsWith('{') && Json.TryGetProperty("type", out var type) ? type.GetString() : null;
}
