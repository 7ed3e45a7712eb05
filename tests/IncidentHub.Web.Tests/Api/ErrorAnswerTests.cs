using System.Net;
using System.Text;
using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Api;

/// <summary>
/// The API answers every error as RFC 9457 problem details with a trace id, whatever <c>Accept</c> says; pages
/// answer HTML. A client that asks for HTML or XML still gets its 4xx, never a 500.
/// </summary>
public sealed class ErrorAnswerTests(AppFixture app) : AppTest(app)
{
    /// <summary>The Accept values clients send: a browser's, an XML client's, curl's, and none at all.</summary>
    public static readonly string?[] AcceptValues = ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml", "*/*", null];

    public static TheoryData<string, int> ErrorClasses()
    {
        var data = new TheoryData<string, int>();
        foreach (var accept in AcceptValues)
        {
            foreach (var status in (int[])[400, 401, 403, 404, 405, 409, 412, 415, 422])
            {
                data.Add(accept ?? "", status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ErrorClasses))]
    public async Task Every_API_error_is_problem_json_whatever_Accept_says(string accept, int status)
    {
        var number = await Client.DeclareIncidentAsync("S2");
        var viewer = await App.CreateAccountAsync(AccountRole.Viewer);
        using var request = status switch
        {
            400 => Json(HttpMethod.Post, "/api/v1/incidents", """{"title":"","severity":"S9","source":"Monitoring"}""", Admin.Token),
            401 => new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents"),
            403 => Json(HttpMethod.Post, "/api/v1/incidents", """{"title":"Down","severity":"S2","source":"Monitoring"}""", viewer.Token),
            404 => Json(HttpMethod.Get, "/api/v1/incidents/987654", null, Admin.Token),
            405 => Json(HttpMethod.Delete, "/api/v1/incidents", null, Admin.Token),
            409 => Json(HttpMethod.Post, $"/api/v1/incidents/{number}/phase", """{"target":"Containment"}""", Admin.Token),
            412 => Json(HttpMethod.Patch, $"/api/v1/incidents/{number}", """{"title":"Renamed"}""", Admin.Token, ifMatch: "\"1\""),
            415 => Json(HttpMethod.Post, "/api/v1/incidents", "title=Down", Admin.Token, contentType: "application/x-www-form-urlencoded"),
            422 => await ReusedKeyAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        if (accept.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await App.CreateClient().SendAsync(request);

        await AssertProblemAsync(response, status, accept);
    }

    [Fact]
    public async Task An_unknown_API_route_is_a_404_problem_for_an_HTML_client()
    {
        using var request = Json(HttpMethod.Get, "/api/v1/nothing-here", null, Admin.Token);
        request.Headers.TryAddWithoutValidation("Accept", "text/html");

        using var response = await App.CreateClient().SendAsync(request);

        await AssertProblemAsync(response, 404, "text/html");
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("")]
    public async Task The_API_rate_limit_answers_429_problem_json_whatever_Accept_says(string accept)
    {
        await using var limited = new IncidentHubFactory(App.ConnectionString, App.Clock,
            ("IncidentHub:RateLimits:ApiPerSecond", "1"), ("IncidentHub:RateLimits:ApiBurst", "1"));
        using var client = limited.CreateApiClient(Admin.Token);
        HttpResponseMessage? refused = null;
        for (var call = 0; call < 5 && refused is null; call++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
            if (accept.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }

            var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            await AssertProblemAsync(refused, 429, accept);
            Assert.NotNull(refused.Headers.RetryAfter);
        }
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/xml")]
    [InlineData("*/*")]
    public async Task Pages_answer_HTML_whatever_Accept_says(string accept)
    {
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/incidents/987654");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Showing_the_sign_in_form_is_not_a_sign_in_attempt_and_the_21st_post_gets_the_429_page()
    {
        await using var limited = new IncidentHubFactory(App.ConnectionString, App.Clock, ("IncidentHub:RateLimits:SignInPerAddressPerMinute", "20"));
        using var browser = new BrowserSession(limited);
        for (var view = 0; view < 30; view++)
        {
            using var form = await browser.GetAsync("/signin");
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        }

        var antiforgery = await browser.AntiforgeryTokenAsync("/signin");
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 21; attempt++)
        {
            using var posted = await browser.PostFormWithTokenAsync("/signin",
                [new("Input.Email", $"nobody{attempt}@example.com"), new("Input.Password", "wrong")], antiforgery);
            statuses.Add(posted.StatusCode);
            if (attempt == 20)
            {
                Assert.Equal("text/html", posted.Content.Headers.ContentType?.MediaType);
                Assert.Contains("Too many attempts", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.All(statuses.Take(20), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[20]);
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, int status, string? accept)
    {
        var body = await response.Content.ReadAsStringAsync();
        var said = $"Accept: {accept}\nanswered {(int)response.StatusCode} {response.Content.Headers.ContentType}\n{body}";
        Assert.True((int)response.StatusCode == status, $"Expected {status}.\n{said}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"Expected application/problem+json.\n{said}");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()), said);
        Assert.Matches("^[0-9a-f]{32}$", root.GetProperty("traceId").GetString());
    }

    private async Task<HttpRequestMessage> ReusedKeyAsync()
    {
        using var first = Json(HttpMethod.Post, "/api/v1/incidents", """{"title":"Down","severity":"S2","source":"Monitoring"}""", Admin.Token);
        first.Headers.Add("Idempotency-Key", "reused-key");
        using (var answered = await App.CreateClient().SendAsync(first))
        {
            Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        }

        var second = Json(HttpMethod.Post, "/api/v1/incidents", """{"title":"Other","severity":"S3","source":"Monitoring"}""", Admin.Token);
        second.Headers.Add("Idempotency-Key", "reused-key");
        return second;
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string? body, string token, string? ifMatch = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
