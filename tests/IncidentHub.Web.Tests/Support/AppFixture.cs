using System.Net.Http.Headers;
using IncidentHub.Domain;
using IncidentHub.Testing;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Accounts;
using IncidentHub.Web.Security;
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
            // Data-protection keys outlive a reset, as in a real installation: another app instance started by a test
            // must read the same keys to accept the fixture app's cookies and antiforgery tokens.
            TablesToIgnore = ["__EFMigrationsHistory", "data_protection_keys"],
        });
    }

    public async Task ResetAsync()
    {
        await respawner!.ResetAsync(server!.ConnectionString);
        // AdjustTime may go backwards, which SetUtcNow refuses after a test advanced the clock.
        Clock.AdjustTime(Start);
    }

    /// <summary>An account with the given role and an API token for it (all scopes unless given).</summary>
    public async Task<TestAccount> CreateAccountAsync(AccountRole role, string? email = null, params string[] scopes)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<AccountRegistry>();
        var db = scope.ServiceProvider.GetRequiredService<IncidentHubDbContext>();
        email ??= $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        var account = await registry.CreateAsync(email, $"Test {role}", role, TestAccount.Password, serviceAccount: false, CancellationToken.None);
        var token = Secrets.NewApiToken();
        db.ApiTokens.Add(new ApiToken
        {
            Id = Guid.CreateVersion7(),
            AccountId = account.Id,
            Name = "tests",
            Scopes = scopes.Length > 0 ? scopes : [.. Scopes.All.Where(candidate => candidate != Scopes.Admin || role == AccountRole.Admin)],
            TokenHash = Secrets.Hash(token),
            Prefix = Secrets.DisplayPrefix(token),
            CreatedAt = Clock.GetUtcNow(),
            CreatedById = account.Id,
            ExpiresAt = Clock.GetUtcNow().AddDays(30),
        });
        await db.SaveChangesAsync();
        return new TestAccount(account.Id, email, $"Test {role}", role, token);
    }

    /// <summary>An HTTP client through the real pipeline, sending the token when one is given.</summary>
    public HttpClient CreateClient(string? token = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
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

public sealed class IncidentHubFactory(string connectionString, TimeProvider clock, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:IncidentHub", connectionString);
        foreach (var (key, value) in AppSettings.WithoutRateLimits)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

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

public sealed record TestAccount(Guid Id, string Email, string DisplayName, AccountRole Role, string Token)
{
    public const string Password = "correct horse battery staple";
}

/// <summary>
/// Base of every test that uses the app: a clean database, an admin account, and an HTTP client
/// through the real pipeline that sends the admin's API token.
/// </summary>
[Collection(AppCollection.Name)]
public abstract class AppTest(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;

    protected TestAccount Admin { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await App.ResetAsync();
        Admin = await App.CreateAccountAsync(AccountRole.Admin, "admin@example.com");
        Client = App.CreateClient(Admin.Token);
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        return Task.CompletedTask;
    }
}
