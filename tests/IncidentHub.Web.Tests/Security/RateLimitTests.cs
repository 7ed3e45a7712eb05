using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Security;

/// <summary>
/// Rate limits, on a second app instance configured with low limits (the fixture's app has them raised).
/// </summary>
public sealed class RateLimitTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_api_answers_429_with_retry_after_once_a_token_has_used_its_burst()
    {
        await using var limited = new IncidentHubFactory(App.ConnectionString, App.Clock,
            ("IncidentHub:RateLimits:ApiPerSecond", "1"), ("IncidentHub:RateLimits:ApiBurst", "2"));
        var other = await App.CreateAccountAsync(AccountRole.Viewer);
        using var client = limited.CreateApiClient(Admin.Token);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var call = 0; call < 6 && refused is null; call++)
        {
            var response = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.True(refused is not null, $"no 429 in {string.Join(", ", statuses)}");
        using (refused)
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(2));
            await ApiCalls.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.True(
                refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1),
                $"Retry-After: {refused.Headers.RetryAfter}");
        }

        // The limit is per token: another script is not slowed down by this one.
        using var otherClient = limited.CreateApiClient(other.Token);
        using var otherResponse = await otherClient.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_answers_429_with_retry_after_to_an_address_that_tries_too_often()
    {
        await using var limited = new IncidentHubFactory(
            App.ConnectionString, App.Clock, ("IncidentHub:RateLimits:SignInPerAddressPerMinute", "2"));
        using var browser = new BrowserSession(limited);
        var antiforgery = await browser.AntiforgeryTokenAsync("/signin");

        // Showing the form is not an attempt: two posts are allowed, the third is refused.
        using var first = await browser.PostFormWithTokenAsync(
            "/signin", Credentials(Admin.Email, "wrong password one"), antiforgery);
        using var second = await browser.PostFormWithTokenAsync(
            "/signin", Credentials(Admin.Email, "wrong password two"), antiforgery);
        using var third = await browser.PostFormWithTokenAsync(
            "/signin", Credentials(Admin.Email, TestAccount.Password), antiforgery);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(
            third.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {third.Headers.RetryAfter}");
        Assert.Null(browser.SessionCookie);
    }

    [Fact]
    public async Task The_sign_in_page_answers_429_to_too_many_attempts_on_one_account_but_not_on_others()
    {
        await using var limited = new IncidentHubFactory(
            App.ConnectionString, App.Clock, ("IncidentHub:RateLimits:SignInPerAccountPerMinute", "2"));
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = new BrowserSession(limited);
        var antiforgery = await browser.AntiforgeryTokenAsync("/signin");

        using var first = await browser.PostFormWithTokenAsync(
            "/signin", Credentials(Admin.Email, "wrong password one"), antiforgery);
        using var second = await browser.PostFormWithTokenAsync(
            "/signin", Credentials(Admin.Email.ToUpperInvariant(), "wrong password two"), antiforgery);
        using var third = await browser.PostFormWithTokenAsync(
            "/signin", Credentials(Admin.Email, TestAccount.Password), antiforgery);
        using var otherAccount = await browser.PostFormWithTokenAsync(
            "/signin", Credentials(responder.Email, TestAccount.Password), antiforgery);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(
            third.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {third.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.Redirect, otherAccount.StatusCode);
    }

    private static KeyValuePair<string, string>[] Credentials(string email, string password) =>
        [new("Input.Email", email), new("Input.Password", password)];
}
