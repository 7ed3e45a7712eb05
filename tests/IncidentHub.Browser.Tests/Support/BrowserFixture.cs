using System.Net;
using System.Security.Cryptography.X509Certificates;
using IncidentHub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;

namespace IncidentHub.Browser.Tests.Support;

/// <summary>
/// For the whole run: the real app on a loopback port (Kestrel, not the in-memory test server, so a
/// real browser can reach it), over its own PostgreSQL database, and one headless Chromium. Each test
/// gets fresh browser contexts from <see cref="Browser"/> and a reset database.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DatabaseName = "incidenthub_browser_tests";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private PostgresServer? server;
    private Respawner? respawner;
    private IPlaywright? playwright;

    public BrowserAppFactory Factory { get; private set; } = null!;

    /// <summary>The app's self-signed certificate for localhost; browser contexts ignore certificate errors, the API client pins this one.</summary>
    public X509Certificate2 Certificate { get; private set; } = null!;

    /// <summary>Where the app listens, e.g. https://localhost:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Prerequisites.Check();

        server = await PostgresServer.StartAsync(DatabaseName);
        Certificate = TestCertificate.Create();
        Factory = new BrowserAppFactory(server.ConnectionString);
        // HTTPS, as in production: outside Development the app's cookies (session, antiforgery) are Secure only.
        Factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(Certificate)));
        // Starting the app applies the migrations.
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new UriBuilder(address) { Host = "localhost" }.Uri;

        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
            {
                DbAdapter = DbAdapter.Postgres,
                SchemasToInclude = ["public"],
                // The keys outlive a reset, as in a real installation: cookies of the run stay readable.
                TablesToIgnore = ["__EFMigrationsHistory", "data_protection_keys"],
            });
        }

        playwright = await Playwright.CreateAsync();
        try
        {
            Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Prerequisites.ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
        }
        catch (PlaywrightException exception)
        {
            throw new InvalidOperationException($"Chromium at {Prerequisites.ChromiumPath} did not start: {exception.Message}", exception);
        }
    }

    public Task ResetAsync() => respawner!.ResetAsync(server!.ConnectionString);

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }

        Certificate?.Dispose();
    }
}

/// <summary>The app as configured for the browser tests: environment Testing, the test database, limits no test reaches.</summary>
public sealed class BrowserAppFactory(string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:IncidentHub", connectionString);
        foreach (var (key, value) in AppSettings.WithoutRateLimits)
        {
            builder.UseSetting(key, value);
        }

    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
