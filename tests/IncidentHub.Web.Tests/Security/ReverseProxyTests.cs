using System.Net;
using IncidentHub.Testing;
using IncidentHub.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentHub.Web.Tests.Security;

/// <summary>
/// The app in Production on plain HTTP behind Debian's nginx terminating TLS, the way it runs in production:
/// people sign in and declare through the proxy, cookies stay Secure, redirects keep https, and rate limits key on
/// the client's address from X-Forwarded-For, which only the configured proxy may set.
/// </summary>
public sealed class ReverseProxyTests(AppFixture app) : AppTest(app), IAsyncLifetime
{
    private static readonly IPAddress Alice = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Bob = IPAddress.Parse("127.0.0.3");

    private IncidentHubFactory proxied = null!;
    private Nginx nginx = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        proxied = new IncidentHubFactory(App.ConnectionString, App.Clock,
            ("environment", "Production"),
            ("IncidentHub:ForwardedHeaders:KnownProxies", "127.0.0.1"),
            ("IncidentHub:RateLimits:SignInPerAddressPerMinute", "3"));
        proxied.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        proxied.StartServer();
        var address = proxied.Services
            .GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses
            .First();
        nginx = await Nginx.StartAsync(new Uri(address));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await nginx.DisposeAsync();
        await proxied.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public async Task A_person_signs_in_and_declares_through_the_proxy_with_secure_cookies()
    {
        var cookies = new CookieContainer();
        using var browser = nginx.CreateClient(Alice, cookies);

        var form = await browser.GetAsync(new Uri("/signin", UriKind.Relative));
        var html = await form.Content.ReadAsStringAsync();
        Assert.True(form.StatusCode == HttpStatusCode.OK, html);
        Assert.All(
            form.Headers.GetValues("Set-Cookie"),
            cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
        var antiforgery = BrowserSession.AntiforgeryTokenIn(html)!;

        using var signedIn = await browser.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent(
            [new("Input.Email", Admin.Email), new("Input.Password", TestAccount.Password), new(
                "__RequestVerificationToken", antiforgery)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var sessions = signedIn.Headers
            .GetValues("Set-Cookie")
            .Where(cookie => cookie.StartsWith("incidenthub.session=", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sessions);
        Assert.All(sessions, session => Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase));

        var declareForm = await (await browser.GetAsync(
            new Uri("/incidents/new", UriKind.Relative))).Content.ReadAsStringAsync();
        using var declared = await browser.PostAsync(new Uri(
            "/incidents/new", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("Input.Title", "Checkout down behind the proxy"),
            new("Input.Severity", "S2"),
            new("Input.Source", "Monitoring"),
            new("Input.TimeZoneOffsetMinutes", "0"),
            new("__RequestVerificationToken", BrowserSession.AntiforgeryTokenIn(declareForm)!),
        ]));
        Assert.True(declared.StatusCode == HttpStatusCode.Redirect, await declared.Content.ReadAsStringAsync());
        var page = await browser.GetAsync(declared.Headers.Location!);
        Assert.Contains(
            "Checkout down behind the proxy", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirects_keep_https_and_the_proxys_host()
    {
        using var browser = nginx.CreateClient(Alice);

        using var response = await browser.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.True(
            !location.IsAbsoluteUri
                || location.GetLeftPart(UriPartial.Authority) == nginx.BaseAddress.GetLeftPart(UriPartial.Authority),
            $"Location: {location}");
        Assert.StartsWith(
            "/signin",
            location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_limits_key_on_the_forwarded_client_address_which_a_client_cannot_spoof()
    {
        using var alice = nginx.CreateClient(Alice, new CookieContainer());
        using var bob = nginx.CreateClient(Bob, new CookieContainer());
        var aliceToken = BrowserSession.AntiforgeryTokenIn(
            await alice.GetStringAsync(new Uri("/signin", UriKind.Relative)))!;
        var bobToken = BrowserSession.AntiforgeryTokenIn(
            await bob.GetStringAsync(new Uri("/signin", UriKind.Relative)))!;

        var aliceStatuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var request = WrongPassword(aliceToken);
            // Claiming to be someone else does not help: only the proxy's own entry is trusted.
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"198.51.100.{attempt}");
            using var response = await alice.SendAsync(request);
            aliceStatuses.Add(response.StatusCode);
        }

        using var bobAttempt = await bob.SendAsync(WrongPassword(bobToken));

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], aliceStatuses);
        Assert.Equal(HttpStatusCode.OK, bobAttempt.StatusCode);
    }

    [Fact]
    public async Task Without_the_proxy_configured_pages_over_plain_HTTP_explain_what_to_set_instead_of_failing()
    {
        await using var bare = new IncidentHubFactory(App.ConnectionString, App.Clock, ("environment", "Production"));
        using var client = bare.CreateClient(
            new WebApplicationFactoryClientOptions
            {
                BaseAddress = new Uri("http://localhost"),
                AllowAutoRedirect = false,
            });

        using var signIn = await client.GetAsync(new Uri("/signin", UriKind.Relative));
        using var api = await client.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative));

        var html = await signIn.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        Assert.Equal("text/html", signIn.Content.Headers.ContentType?.MediaType);
        Assert.Contains("needs HTTPS", html, StringComparison.Ordinal);
        Assert.Contains("IncidentHub:ForwardedHeaders:KnownProxies", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    private static HttpRequestMessage WrongPassword(string antiforgery) => new(HttpMethod.Post, "/signin")
    {
        Content = new FormUrlEncodedContent(
            [new("Input.Email", "nobody@example.com"), new("Input.Password", "wrong"), new(
                "__RequestVerificationToken", antiforgery)]),
    };
}
