using IncidentHub.Web.Data;
using IncidentHub.Web.Security;

namespace IncidentHub.Web.Webhooks;

public static class WebhookSetup
{
    /// <summary>The outbox on every save, the dispatcher on every instance, and the fenced client it sends with.</summary>
    public static void AddIncidentHubWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<WebhookPayloads>();
        services.AddSingleton<WebhookNetworkPolicy>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<ICredentialCache>(provider => provider.GetRequiredService<WebhookSubscriptions>());
        services.AddSingleton<WebhookOutbox>();
        services.ConfigureDbContext<IncidentHubDbContext>((provider, options) =>
            options.AddInterceptors(provider.GetRequiredService<WebhookOutbox>()));
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // A redirect could lead past the address checks, and a receiver that moved should be re-registered.
                AllowAutoRedirect = false,
                UseCookies = false,

                // The connection goes where the policy checked, not through a proxy that would reach anywhere.
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<WebhookNetworkPolicy>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // The factory's loggers write each request's address, and a Slack or Mattermost address holds its secret.
            .RemoveAllLoggers();
        services.AddHostedService<WebhookDispatcher>();
    }
}
