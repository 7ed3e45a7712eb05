using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Security;

/// <summary>Browser hardening headers on every kind of answer, and which addresses answer without sign-in.</summary>
public sealed class SecurityHeaderTests(AppFixture app) : AppTest(app), IDisposable
{
    private readonly List<IDisposable> clients = [];

    public static TheoryData<string> SuccessfulAnswers => ["page", "api", "health"];

    public static TheoryData<string> ErrorAnswers => ["api 401", "page 404", "page 404 thrown", "page 403", "page 400"];

    /// <summary>
    /// Errors the API's command layer throws (refusals, unknown incidents, invalid input), turned into problem details.
    /// </summary>
    public static TheoryData<string> ApiErrorAnswers => ["api 403", "api 404", "api 400"];

    [Theory]
    [MemberData(nameof(SuccessfulAnswers))]
    public async Task Successful_answers_carry_the_security_headers(string kind)
    {
        using var response = await AnswerAsync(kind);

        Assert.True(response.IsSuccessStatusCode, $"{kind}: {(int)response.StatusCode}");
        AssertHardened(response);
    }

    [Theory]
    [MemberData(nameof(ErrorAnswers))]
    public async Task Error_answers_carry_the_security_headers_too(string kind)
    {
        using var response = await AnswerAsync(kind);

        Assert.True((int)response.StatusCode >= 400, $"{kind}: {(int)response.StatusCode}");
        AssertHardened(response);
    }

    [Theory]
    [MemberData(nameof(ApiErrorAnswers))]
    public async Task Api_error_answers_carry_the_security_headers_too(string kind)
    {
        using var response = await AnswerAsync(kind);

        Assert.True((int)response.StatusCode >= 400, $"{kind}: {(int)response.StatusCode}");
        AssertHardened(response);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_checks_answer_anonymously_and_say_only_healthy(string url)
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/scalar/")]
    [InlineData("/openapi/v1.json")]
    public async Task The_api_reference_needs_a_signed_in_person_or_a_token_outside_development(string url)
    {
        using var anonymous = new BrowserSession(App.Factory);
        using var withToken = App.CreateClient(Admin.Token);

        using var refused = await anonymous.GetAsync(url);
        using var acceptedWithToken = await withToken.GetAsync(new Uri(url, UriKind.Relative));

        PageAuthorizationTests.AssertRedirectsTo(refused, "/signin");
        Assert.Equal(HttpStatusCode.OK, acceptedWithToken.StatusCode);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);
        using var allowed = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Only_the_api_reference_page_may_run_inline_script()
    {
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);

        using var response = await browser.GetAsync("/scalar/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Directives(response);
        Assert.Contains("'unsafe-inline'", policy["script-src"]);
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        Assert.Equal(["'none'"], policy["object-src"]);
    }

    public void Dispose() => clients.ForEach(client => client.Dispose());

    private async Task<HttpResponseMessage> AnswerAsync(string kind)
    {
        var anonymous = Keep(App.CreateClient());
        switch (kind)
        {
            case "page":
                return await anonymous.GetAsync(new Uri("/signin", UriKind.Relative));
            case "api":
                return await Client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
            case "health":
                return await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative));
            case "api 401":
                return await anonymous.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
            case "api 403":
                var viewer = Keep(App.CreateClient((await App.CreateAccountAsync(AccountRole.Viewer)).Token));
                return await viewer.SendAsync(
                    ApiCalls.Request(
                        HttpMethod.Post,
                        "/api/v1/incidents",
                        new { title = "Down", severity = "S3", source = "Monitoring" }));
            case "api 404":
                return await Client.GetAsync(new Uri("/api/v1/incidents/424242", UriKind.Relative));
            case "api 400":
                return await Client.SendAsync(
                    ApiCalls.Request(
                        HttpMethod.Post,
                        "/api/v1/incidents",
                        new { title = "", severity = "S3", source = "Monitoring" }));
            case "page 404":
                return await anonymous.GetAsync(new Uri("/setup", UriKind.Relative));
            case "page 403":
                var forbidden = Keep(
                    await BrowserSession.SignedInAsync(
                        App.Factory, (await App.CreateAccountAsync(AccountRole.Viewer)).Email));
                return await forbidden.GetAsync("/forbidden");
            case "page 404 thrown":
                // Revoking a token that is not one's own: the command layer throws, the error page answers.
                var revoking = Keep(
                    await BrowserSession.SignedInAsync(
                        App.Factory, (await App.CreateAccountAsync(AccountRole.Viewer)).Email));
                return await revoking.PostFormAsync(
                    "/account?handler=Revoke", [new("id", Guid.NewGuid().ToString())], tokenFrom: "/account");
            case "page 400":
                return await Keep(new BrowserSession(App.Factory)).PostFormAsync(
                    "/signin", [new("Input.Email", Admin.Email)], tokenFrom: null);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private T Keep<T>(T client)
        where T : IDisposable
    {
        clients.Add(client);
        return client;
    }

    private static void AssertHardened(HttpResponseMessage response)
    {
        var policy = Directives(response);
        Assert.True(
            policy.ContainsKey("script-src") || policy.ContainsKey("default-src"), "no script-src nor default-src");
        Assert.DoesNotContain("'unsafe-inline'", policy.GetValueOrDefault("script-src") ?? policy["default-src"]);
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var referrer = Assert.Single(response.Headers.GetValues("Referrer-Policy"));
        Assert.Contains(
            referrer, new[] { "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin" });
    }

    /// <summary>The Content-Security-Policy as directive → sources; fails when the header is missing.</summary>
    private static Dictionary<string, string[]> Directives(HttpResponseMessage response)
    {
        Assert.True(
            response.Headers.TryGetValues("Content-Security-Policy", out var values),
            $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: no Content-Security-Policy");
        return Assert.Single(values).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(directive => directive.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => parts[1..], StringComparer.OrdinalIgnoreCase);
    }
}
