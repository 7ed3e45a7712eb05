using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Features.Ingestion;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentHub.Web.Tests.Security;

/// <summary>
/// Each app instance keeps the alert sources deliveries address, as it keeps API tokens: a change made through one
/// instance must apply at once on it and, through PostgreSQL's notifications, promptly on every other one. The test
/// clock stands still, so only those notifications can empty a cache.
/// </summary>
public sealed class AlertSourceCacheTests(AppFixture app) : AppTest(app)
{
    private const string Sources = "/api/v1/alert-sources";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_secret_rotated_on_the_same_instance_refuses_the_old_one_at_once()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Generic);
        await UntilKeptAsync(App.Factory, Client, source);

        var rotated = await Client.SendOkAsync(HttpMethod.Post, $"{Sources}/{source.Id}/secret");

        (await Client.SendRawAsync(source, Delivery("after rotation"))).IsProblem(HttpStatusCode.Unauthorized);
        var renewed = source with { Secret = rotated.GetProperty("secret").GetString()! };
        Assert.Equal(HttpStatusCode.Accepted, (await Client.SendRawAsync(renewed, Delivery("new secret"))).Status);
    }

    [Fact]
    public async Task A_source_disabled_through_one_instance_refuses_deliveries_on_another()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Generic);
        await using var other = await KeepingAsync(source);
        var otherClient = other.Client;

        await Client.SendOkAsync(HttpMethod.Patch, $"{Sources}/{source.Id}", new { enabled = false });

        var deadline = DateTime.UtcNow + Patience;
        var status = HttpStatusCode.Accepted;
        for (var attempt = 0; status != HttpStatusCode.Unauthorized && DateTime.UtcNow < deadline; attempt++)
        {
            status = (await otherClient.SendRawAsync(source, Delivery($"attempt {attempt}"))).Status;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_setting_changed_through_one_instance_applies_to_the_next_delivery_on_another()
    {
        var source = await App.CreateSourceAsync(AlertSourceKind.Generic);
        await using var other = await KeepingAsync(source);
        var otherClient = other.Client;

        await Client.SendOkAsync(HttpMethod.Patch, $"{Sources}/{source.Id}", new { declareImmediately = true });

        var cache = other.Factory.Services.GetRequiredService<AlertSourceCache>();
        var deadline = DateTime.UtcNow + Patience;
        while (cache.TryGet(source.Id, out _))
        {
            Assert.True(DateTime.UtcNow < deadline, "The other instance never forgot the source.");
            await Task.Delay(20);
        }

        var reply = await otherClient.SendRawAsync(source, Delivery("declared at once"));
        var number = reply.Json["incidents"]!.AsArray().Single()!.GetValue<long>();
        await using var db = App.Factory.CreateDbContext();
        Assert.Equal(Phase.Identification, (await db.Incidents.SingleAsync(incident => incident.Number == number)).Phase);
    }

    [Fact]
    public async Task A_delivery_that_opens_a_storm_reads_its_source_afresh_and_keeps_the_storm_incident()
    {
        var source = await App.CreateSourceAsync(
            AlertSourceKind.Generic, new AlertSourceSettings { MaxNewIncidentsPerMinute = 1 });

        // The warming delivery opens the one incident allowed this minute; the next two are a storm.
        await UntilKeptAsync(App.Factory, Client, source);
        var second = await Client.SendRawAsync(source, Delivery("storm two"));
        var third = await Client.SendRawAsync(source, Delivery("storm three"));

        await using var db = App.Factory.CreateDbContext();
        var stored = await db.AlertSources.SingleAsync(candidate => candidate.Id == source.Id);
        var storm = await db.Incidents.SingleAsync(incident => incident.Id == stored.StormIncidentId);
        Assert.Equal(
            [storm.Number, storm.Number],
            new[] { second, third }.Select(reply => reply.Json["incidents"]!.AsArray().Single()!.GetValue<long>()));
        Assert.Equal(2, await db.Alerts.CountAsync(alert => alert.IncidentId == storm.Id));
    }

    /// <summary>A generic alert that opens its own group (the title is part of its fingerprint and group).</summary>
    private static string Delivery(string title) =>
        $$"""{"title": "{{title}} {{Guid.NewGuid():N}}", "service": "cache-checks"}""";

    /// <summary>Another app instance on the same database, which keeps the source.</summary>
    private async Task<OtherInstance> KeepingAsync(TestSource source)
    {
        var other = new OtherInstance(new IncidentHubFactory(App.ConnectionString, App.Clock));
        try
        {
            await UntilKeptAsync(other.Factory, other.Client, source);
            return other;
        }
        catch
        {
            await other.DisposeAsync();
            throw;
        }
    }

    private sealed class OtherInstance(IncidentHubFactory factory) : IAsyncDisposable
    {
        public IncidentHubFactory Factory { get; } = factory;

        public HttpClient Client { get; } = factory.CreateClient();

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Factory.DisposeAsync();
        }
    }

    /// <summary>Delivers until the instance keeps the source (its listener starts in the background).</summary>
    private static async Task UntilKeptAsync(IncidentHubFactory instance, HttpClient client, TestSource source)
    {
        var cache = instance.Services.GetRequiredService<AlertSourceCache>();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.SendRawAsync(source, Delivery("warming"))).Status);
            if (cache.TryGet(source.Id, out _))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The instance never kept the source.");
            await Task.Delay(50);
        }
    }
}
