using System.Net;
using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Security;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Security;

/// <summary>API tokens: how they are made, shown, stored, limited, used, and how they stop working.</summary>
public sealed class ApiTokenTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_token_stops_working_when_it_expires()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var maker = App.CreateClient(responder.Token);
        var created = await maker.PostOkAsync(
            "/api/v1/tokens", new { name = "nightly job", scopes = new[] { Scopes.IncidentsRead }, expiresInDays = 1 });
        using var client = App.CreateClient(created.GetProperty("token").GetString());

        App.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        await client.GetOkAsync("/api/v1/incidents");

        App.Clock.Advance(TimeSpan.FromMinutes(2));
        using var response = await client.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative));

        await AssertInvalidTokenAsync(response);
    }

    [Fact]
    public async Task A_revoked_token_stops_working_at_once()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var owner = App.CreateClient(responder.Token);
        var created = await owner.PostOkAsync(
            "/api/v1/tokens", new { name = "leaked", scopes = new[] { Scopes.IncidentsRead } });
        using var client = App.CreateClient(created.GetProperty("token").GetString());
        await client.GetOkAsync("/api/v1/incidents");

        var revoked = await owner.SendOkAsync(
            HttpMethod.Delete, $"/api/v1/tokens/{created.GetProperty("id").GetGuid()}");

        Assert.Equal(App.Clock.GetUtcNow(), revoked.GetProperty("revokedAt").GetDateTimeOffset());
        using var response = await client.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative));
        await AssertInvalidTokenAsync(response);
    }

    [Theory]
    [InlineData("Basic YWRtaW46cGFzc3dvcmQ=")]
    [InlineData("Bearer ")]
    [InlineData("Bearer ihub_not-a-token-anybody-was-given")]
    public async Task A_wrong_authorization_header_gets_401(string header)
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/me", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await client.SendAsync(request);

        await ApiCalls.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_is_stored_and_no_stored_value_contains_the_token()
    {
        var created = await Client.PostOkAsync(
            "/api/v1/tokens", new { name = "alertmanager", scopes = new[] { Scopes.IncidentsWrite } });
        var token = created.GetProperty("token").GetString()!;
        var id = created.GetProperty("id").GetGuid();

        await using var db = App.Factory.CreateDbContext();
        var stored = await db.ApiTokens.SingleAsync(candidate => candidate.Id == id);
        Assert.NotEqual(token, stored.TokenHash);
        Assert.DoesNotContain(
            token[Secrets.TokenPrefix.Length..], stored.TokenHash, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await App.FindInDatabaseAsync(token));
        Assert.Empty(await App.FindInDatabaseAsync(token[Secrets.TokenPrefix.Length..]));
    }

    [Fact]
    public async Task A_token_made_with_an_idempotency_key_is_not_stored_either_and_not_shown_again()
    {
        using var first = ApiCalls.Request(
            HttpMethod.Post, "/api/v1/tokens", new { name = "alertmanager", scopes = new[] { Scopes.IncidentsWrite } });
        first.Headers.Add("Idempotency-Key", "make-alertmanager-token");
        using var response = await Client.SendAsync(first);
        var token = (await response.JsonAsync()).GetProperty("token").GetString()!;

        Assert.Empty(await App.FindInDatabaseAsync(token[Secrets.TokenPrefix.Length..]));

        using var retry = ApiCalls.Request(
            HttpMethod.Post, "/api/v1/tokens", new { name = "alertmanager", scopes = new[] { Scopes.IncidentsWrite } });
        retry.Headers.Add("Idempotency-Key", "make-alertmanager-token");
        using var replayed = await Client.SendAsync(retry);
        Assert.DoesNotContain(token, await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_is_shown_once_when_made_and_never_in_the_list()
    {
        var created = await Client.PostOkAsync(
            "/api/v1/tokens", new { name = "alertmanager", scopes = new[] { Scopes.IncidentsRead } });
        var token = created.GetProperty("token").GetString()!;
        Assert.StartsWith(Secrets.TokenPrefix, token, StringComparison.Ordinal);
        Assert.True(token.Length >= Secrets.TokenPrefix.Length + 43, "256 random bits need 43 base64url characters");

        using var list = await Client.GetAsync(new Uri("/api/v1/tokens", UriKind.Relative));
        var text = await list.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token[Secrets.TokenPrefix.Length..], text, StringComparison.Ordinal);
        var item = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray()
            .Single(candidate => candidate.GetProperty("id").GetGuid() == created.GetProperty("id").GetGuid());
        Assert.False(item.TryGetProperty("token", out _));
        Assert.StartsWith(item.GetProperty("prefix").GetString()!, token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_lasts_90_days_unless_asked_otherwise_and_at_most_365()
    {
        var now = App.Clock.GetUtcNow();

        var byDefault = await Client.PostOkAsync(
            "/api/v1/tokens", new { name = "default", scopes = new[] { Scopes.IncidentsRead } });
        var longest = await Client.PostOkAsync(
            "/api/v1/tokens", new { name = "a year", scopes = new[] { Scopes.IncidentsRead }, expiresInDays = 365 });
        using var tooLong = await Client.SendAsync(ApiCalls.Request(HttpMethod.Post, "/api/v1/tokens",
            new { name = "forever", scopes = new[] { Scopes.IncidentsRead }, expiresInDays = 366 }));

        Assert.Equal(now.AddDays(90), byDefault.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(now.AddDays(365), longest.GetProperty("expiresAt").GetDateTimeOffset());
        await ApiCalls.AssertProblemAsync(tooLong, HttpStatusCode.BadRequest);
        Assert.True((await tooLong.JsonAsync()).GetProperty("errors").TryGetProperty("expiresInDays", out _));
        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.ApiTokens.AnyAsync(token => token.Name == "forever"));
    }

    [Fact]
    public async Task A_token_asked_for_with_more_scopes_than_there_are_is_refused_at_scopes()
    {
        var repeated = Enumerable.Repeat(Scopes.IncidentsRead, Scopes.All.Count + 1).ToArray();

        using var refused = await Client.SendAsync(
            ApiCalls.Request(HttpMethod.Post, "/api/v1/tokens", new { name = "twice", scopes = repeated }));

        await ApiCalls.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty("scopes", out _));
    }

    [Fact]
    public async Task A_token_made_with_a_token_cannot_get_a_scope_the_maker_lacks()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder, null, Scopes.IncidentsRead);
        using var client = App.CreateClient(responder.Token);

        using var wider = await client.SendAsync(ApiCalls.Request(HttpMethod.Post, "/api/v1/tokens",
            new { name = "sneaky", scopes = new[] { Scopes.IncidentsRead, Scopes.IncidentsWrite } }));
        var same = await client.PostOkAsync(
            "/api/v1/tokens", new { name = "reader", scopes = new[] { Scopes.IncidentsRead } });

        await ApiCalls.AssertProblemAsync(wider, HttpStatusCode.Forbidden);
        Assert.Equal(
            [Scopes.IncidentsRead], same.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.ApiTokens.AnyAsync(token => token.Name == "sneaky"));
    }

    [Fact]
    public async Task A_non_admin_cannot_get_the_admin_scope_through_the_api()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var client = App.CreateClient(responder.Token);

        using var response = await client.SendAsync(
            ApiCalls.Request(
                HttpMethod.Post, "/api/v1/tokens", new { name = "escalate", scopes = new[] { Scopes.Admin } }));

        await ApiCalls.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.ApiTokens.AnyAsync(token => token.Name == "escalate"));
    }

    [Fact]
    public async Task A_non_admin_cannot_get_the_admin_scope_on_the_account_page()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, responder.Email);

        using var response = await browser.PostFormAsync("/account?handler=Create",
            [new("Input.Name", "escalate"), new("Input.Scopes", Scopes.Admin), new("Input.ExpiresInDays", "30")],
            tokenFrom: "/account");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Only an admin", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Copy it now", page, StringComparison.Ordinal);
        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.ApiTokens.AnyAsync(token => token.Name == "escalate"));
    }

    [Fact]
    public async Task An_admin_cannot_give_the_admin_scope_to_a_token_of_a_non_admin_service_account()
    {
        var service = await Client.PostOkAsync(
            "/api/v1/accounts",
            new { email = "grafana@example.com", displayName = "Grafana", role = "Viewer", serviceAccount = true });

        using var response =
            await Client.SendAsync(ApiCalls.Request(
                HttpMethod.Post,
                $"/api/v1/accounts/{service.GetProperty("id").GetGuid()}/tokens",
                new { name = "grafana", scopes = new[] { Scopes.IncidentsRead, Scopes.Admin } }));

        await ApiCalls.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("scopes", out _));
    }

    [Fact]
    public async Task An_admin_makes_tokens_for_service_accounts_but_not_for_people()
    {
        var person = await App.CreateAccountAsync(AccountRole.Responder);
        var service = await Client.PostOkAsync(
            "/api/v1/accounts",
            new { email = "grafana@example.com", displayName = "Grafana", role = "Viewer", serviceAccount = true });

        using var forPerson =
            await Client.SendAsync(ApiCalls.Request(HttpMethod.Post, $"/api/v1/accounts/{person.Id}/tokens",
            new { name = "impersonate", scopes = new[] { Scopes.IncidentsRead } }));
        var forService = await Client.PostOkAsync($"/api/v1/accounts/{service.GetProperty("id").GetGuid()}/tokens",
            new { name = "grafana", scopes = new[] { Scopes.IncidentsRead } });

        await ApiCalls.AssertProblemAsync(forPerson, HttpStatusCode.Conflict);
        using var grafana = App.CreateClient(forService.GetProperty("token").GetString());
        Assert.Equal("Grafana", (await grafana.GetOkAsync("/api/v1/me")).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Using_a_token_records_when_it_was_last_used()
    {
        var created = await Client.PostOkAsync(
            "/api/v1/tokens", new { name = "alertmanager", scopes = new[] { Scopes.IncidentsRead } });
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(
            JsonValueKind.Null,
            ListedToken(await Client.GetOkAsync("/api/v1/tokens"), id).GetProperty("lastUsedAt").ValueKind);

        App.Clock.Advance(TimeSpan.FromHours(2));
        using var client = App.CreateClient(created.GetProperty("token").GetString());
        await client.GetOkAsync("/api/v1/incidents");

        Assert.Equal(
            App.Clock.GetUtcNow(),
            ListedToken(await Client.GetOkAsync("/api/v1/tokens"), id).GetProperty("lastUsedAt").GetDateTimeOffset());
        await using var db = App.Factory.CreateDbContext();
        Assert.Equal(App.Clock.GetUtcNow(), (await db.ApiTokens.SingleAsync(token => token.Id == id)).LastUsedAt);
    }

    [Fact]
    public async Task A_token_never_does_more_than_its_owners_current_role()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var client = App.CreateClient(responder.Token);
        await client.DeclareNumberAsync();

        await Client.SendOkAsync(HttpMethod.Patch, $"/api/v1/accounts/{responder.Id}", new { role = "Viewer" });

        using var response = await client.SendAsync(
            ApiCalls.Request(
                HttpMethod.Post,
                "/api/v1/incidents",
                new { title = "Second", severity = "S3", source = "Monitoring" }));
        await ApiCalls.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        await client.GetOkAsync("/api/v1/incidents");
    }

    [Fact]
    public async Task Someone_elses_token_cannot_be_revoked_and_is_not_even_found()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        var other = await App.CreateAccountAsync(AccountRole.Responder);
        var othersToken = await App.CreateTokenAsync(other.Id, "other's script", [Scopes.IncidentsRead]);
        using var client = App.CreateClient(responder.Token);

        using var response = await client.DeleteAsync(new Uri($"/api/v1/tokens/{othersToken.Id}", UriKind.Relative));

        await ApiCalls.AssertProblemAsync(response, HttpStatusCode.NotFound);
        using var owner = App.CreateClient(othersToken.Token);
        await owner.GetOkAsync("/api/v1/me");
    }

    [Fact]
    public async Task The_api_never_answers_with_a_redirect_to_the_sign_in_page()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, responder.Email);

        // A browser session is no API credential: the API asks for a token instead of redirecting.
        using var response = await browser.GetAsync("/api/v1/me");

        await ApiCalls.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    private static JsonElement ListedToken(JsonElement list, Guid id) =>
        list.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("id").GetGuid() == id);

    private static async Task AssertInvalidTokenAsync(HttpResponseMessage response)
    {
        await ApiCalls.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
    }
}
