using System.Net;
using System.Net.Http.Headers;
using IncidentHub.Domain;
using IncidentHub.Web.Features.Accounts;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Features.Tokens;
using IncidentHub.Web.Pipeline;
using IncidentHub.Web.Security;
using IncidentHub.Web.Tests.Support;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentHub.Web.Tests.Security;

/// <summary>
/// Each app instance caches the API tokens it has seen. A change to what a token may do must still apply
/// at once on the instance that made it and, through PostgreSQL's notifications, promptly on every other
/// instance sharing the database. The test clock stands still, so only those notifications can empty a cache.
/// </summary>
public sealed class ApiTokenCacheTests(AppFixture app) : AppTest(app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_cached_token_revoked_on_the_same_instance_stops_working_at_once()
    {
        var (id, token) = await CreateTokenAsync();
        using var client = App.CreateClient(token);
        await UntilCachedAsync(App.Factory, client, token);

        await Client.SendOkAsync(HttpMethod.Delete, $"/api/v1/tokens/{id}");

        using var response = await client.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative));
        await ApiCalls.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_revoked_through_one_instance_stops_working_on_another()
    {
        var (id, token) = await CreateTokenAsync();
        await using var other = await AnotherInstance.WithCachedTokenAsync(App, token);

        await Client.SendOkAsync(HttpMethod.Delete, $"/api/v1/tokens/{id}");

        Assert.Equal(
            HttpStatusCode.Unauthorized, await UntilAsync(other.Client, HttpMethod.Get, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task A_role_lowered_through_one_instance_limits_the_token_on_another()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        await using var other = await AnotherInstance.WithCachedTokenAsync(App, responder.Token);

        await Client.SendOkAsync(HttpMethod.Patch, $"/api/v1/accounts/{responder.Id}", new { role = "Viewer" });

        Assert.Equal(
            HttpStatusCode.Forbidden, await UntilAsync(other.Client, HttpMethod.Post, HttpStatusCode.Forbidden));
        await other.Client.GetOkAsync("/api/v1/incidents");
    }

    [Fact]
    public async Task An_account_deactivated_through_one_instance_loses_its_tokens_on_another()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        await using var other = await AnotherInstance.WithCachedTokenAsync(App, responder.Token);

        await Client.SendOkAsync(HttpMethod.Patch, $"/api/v1/accounts/{responder.Id}", new { active = false });

        Assert.Equal(
            HttpStatusCode.Unauthorized, await UntilAsync(other.Client, HttpMethod.Get, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Commands_that_change_credentials_empty_the_cache_after_they_commit_and_others_do_not()
    {
        // On its own instance the notification usually arrives before the next request; the behavior makes it certain.
        await using var scope = App.Factory.Services.CreateAsyncScope();
        Assert.Contains(scope.ServiceProvider.GetServices<IPipelineBehavior<RevokeToken, TokenView>>(), IsForgetting);
        Assert.Contains(
            scope.ServiceProvider.GetServices<IPipelineBehavior<UpdateAccount, AccountView>>(), IsForgetting);
        Assert.DoesNotContain(
            scope.ServiceProvider.GetServices<IPipelineBehavior<DeclareIncident, IncidentView>>(), IsForgetting);

        var behaviors = scope.ServiceProvider
            .GetServices<IPipelineBehavior<RevokeToken, TokenView>>()
            .Select(behavior => behavior.GetType())
            .ToList();
        Assert.True(
            behaviors.FindIndex(type => type.Name.StartsWith("ForgetCachedTokensBehavior", StringComparison.Ordinal))
            < behaviors.FindIndex(type => type.Name.StartsWith("TransactionBehavior", StringComparison.Ordinal)),
            "The cache must be emptied outside the transaction, after the commit.");

        var cache = new ApiTokenCache(App.Clock);
        cache.StartTrusting();
        const string TokenHash = "0123ABCD";
        var stored = new IncidentHub.Web.Security.StoredToken(
            Guid.NewGuid(), "alertmanager", [Scopes.IncidentsRead], App.Clock.GetUtcNow().AddDays(1), Revoked: false,
            LastUsedAt: null, AccountRole.Responder, Guid.NewGuid(), "Alert Manager", AccountActive: true);
        cache.Keep(TokenHash, stored, cache.Generation);
        var forgetting = new ForgetCachedTokensBehavior<RevokeToken, TokenView>([cache]);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await forgetting.Handle(
                new RevokeToken(Guid.NewGuid()),
                (_, _) => throw new InvalidOperationException("failed after commit"),
                CancellationToken.None));

        Assert.False(cache.TryGet(TokenHash, out _));

        static bool IsForgetting(object behavior) =>
            behavior.GetType().Name.StartsWith("ForgetCachedTokensBehavior", StringComparison.Ordinal);
    }

    private async Task<(Guid Id, string Token)> CreateTokenAsync()
    {
        var created = await Client.PostOkAsync(
            "/api/v1/tokens", new { name = "alertmanager", scopes = new[] { Scopes.IncidentsRead } });
        return (created.GetProperty("id").GetGuid(), created.GetProperty("token").GetString()!);
    }


    /// <summary>
    /// Uses the token on the instance until that instance has it cached (its listener starts in the background).
    /// </summary>
    private static async Task UntilCachedAsync(IncidentHubFactory instance, HttpClient client, string token)
    {
        var cache = instance.Services.GetRequiredService<ApiTokenCache>();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await client.GetOkAsync("/api/v1/incidents");
            if (cache.TryGet(Secrets.Hash(token), out _))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The instance never cached the token.");
            await Task.Delay(50);
        }
    }

    /// <summary>A second app instance on the test database, with a client whose token it has cached.</summary>
    private sealed class AnotherInstance(IncidentHubFactory factory, HttpClient client) : IAsyncDisposable
    {
        public HttpClient Client { get; } = client;

        public static async Task<AnotherInstance> WithCachedTokenAsync(AppFixture app, string token)
        {
            var factory = new IncidentHubFactory(app.ConnectionString, app.Clock);
            var client = factory.CreateClient(
                new WebApplicationFactoryClientOptions
                {
                    BaseAddress = new Uri("https://localhost"),
                    AllowAutoRedirect = false,
                });
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var instance = new AnotherInstance(factory, client);
            try
            {
                await UntilCachedAsync(factory, client, token);
                return instance;
            }
            catch
            {
                await instance.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await factory.DisposeAsync();
        }
    }

    /// <summary>
    /// Lists (GET) or declares (POST) until the answer is <paramref name="expected"/>, or the patience runs out; the
    /// last status.
    /// </summary>
    private static async Task<HttpStatusCode> UntilAsync(HttpClient client, HttpMethod method, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var request = method == HttpMethod.Get
                ? new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/incidents", UriKind.Relative))
                : ApiCalls.Request(
                    HttpMethod.Post,
                    "/api/v1/incidents",
                    new { title = "Cache check", severity = "S3", source = "Monitoring" });
            using var response = await client.SendAsync(request);
            if (response.StatusCode == expected || DateTime.UtcNow > deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(20);
        }
    }
}
