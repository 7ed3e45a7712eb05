using IncidentHub.Testing;
using IncidentHub.Web.Data;
using IncidentHub.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Respawn;

namespace IncidentHub.Web.Tests.Support;

/// <summary>
/// One app over one real PostgreSQL database for the whole test assembly. The database is reset
/// (Respawn) before every test; the clock is fake so times in assertions are exact.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private PostgresServer? server;
    private Respawner? respawner;

    public FakeTimeProvider Clock { get; } = new(Start);

    public IncidentHubFactory Factory { get; private set; } = null!;

    public string ConnectionString => server!.ConnectionString;

    public async Task InitializeAsync()
    {
        server = await PostgresServer.StartAsync("incidenthub_web_tests");
        Factory = new IncidentHubFactory(server.ConnectionString, Clock);
        using (Factory.CreateClient())
        {
            // Creating a client starts the app, which applies the migrations.
        }

        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__EFMigrationsHistory"],
        });
    }

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(server!.ConnectionString);
        await connection.OpenAsync();
        await respawner!.ResetAsync(connection);
        ConfiguredDefaultUser.Forget();
        // SetUtcNow cannot go back in time; AdjustTime can, so each test starts at Start even after one advanced the clock.
        Clock.AdjustTime(Start);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

public sealed class IncidentHubFactory(string connectionString, TimeProvider clock) : WebApplicationFactory<Program>
{
    public const string ActorEmail = "tester@example.com";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:IncidentHub", connectionString);
        builder.UseSetting("IncidentHub:DefaultActor:Email", ActorEmail);
        builder.UseSetting("IncidentHub:DefaultActor:DisplayName", "Test Responder");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(clock)));
    }

    /// <summary>A DbContext on the test database, for assertions about what was stored.</summary>
    public IncidentHubDbContext CreateDbContext() => Services.CreateScope().ServiceProvider.GetRequiredService<IncidentHubDbContext>();
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>Base of every test that uses the app: a clean database and an HTTP client through the real pipeline.</summary>
[Collection(AppCollection.Name)]
public abstract class AppTest(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await App.ResetAsync();
        Client = App.Factory.CreateClient();
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        return Task.CompletedTask;
    }
}
