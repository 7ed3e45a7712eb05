using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IncidentHub.Web.Data;
using IncidentHub.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IncidentHub.Web.Tests.Support;

/// <summary>What the security tests need beyond <see cref="AppFixture"/>: tokens, an empty installation, a look at every stored value.</summary>
public static class SecuritySupport
{
    /// <summary>Another API token for an existing account, stored as the app stores them.</summary>
    public static async Task<StoredToken> CreateTokenAsync(this AppFixture app, Guid accountId, string name, string[] scopes, TimeSpan? lifetime = null)
    {
        await using var db = app.Factory.CreateDbContext();
        var token = Secrets.NewApiToken();
        var id = Guid.CreateVersion7();
        db.ApiTokens.Add(new ApiToken
        {
            Id = id,
            AccountId = accountId,
            Name = name,
            Scopes = scopes,
            TokenHash = Secrets.Hash(token),
            Prefix = Secrets.DisplayPrefix(token),
            CreatedAt = app.Clock.GetUtcNow(),
            CreatedById = accountId,
            ExpiresAt = app.Clock.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(30)),
        });
        await db.SaveChangesAsync();
        return new StoredToken(id, token);
    }

    /// <summary>A client of another app instance (see <see cref="IncidentHubFactory"/>), like <see cref="AppFixture.CreateClient"/>.</summary>
    public static HttpClient CreateApiClient(this IncidentHubFactory factory, string? token = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = BrowserSession.BaseAddress, AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Removes every account (their tokens and sessions go with them): a fresh installation.</summary>
    /// <summary>Runs SQL as the server's superuser on the test database (roles, grants, databases).</summary>
    public static async Task ExecuteSqlAsync(this AppFixture app, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task DeleteAllAccountsAsync(this AppFixture app)
    {
        await using var db = app.Factory.CreateDbContext();
        await db.Accounts.ExecuteDeleteAsync();
    }

    /// <summary>Every "table.column" of the public schema where some stored value contains <paramref name="secret"/> (text, or bytes read as UTF-8).</summary>
    public static async Task<IReadOnlyList<string>> FindInDatabaseAsync(this AppFixture app, string secret)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT * FROM \"{table}\"", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var column = 0; column < reader.FieldCount; column++)
                {
                    var value = reader.IsDBNull(column) ? null : reader.GetValue(column);
                    var text = value switch
                    {
                        null => "",
                        byte[] bytes => Encoding.UTF8.GetString(bytes),
                        string[] strings => string.Join(' ', strings),
                        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    };
                    if (text.Contains(secret, StringComparison.Ordinal))
                    {
                        found.Add($"{table}.{reader.GetName(column)}");
                    }
                }
            }
        }

        return found;
    }
}

public sealed record StoredToken(Guid Id, string Token);

/// <summary>JSON calls on the API, with the body read back as a <see cref="JsonElement"/>.</summary>
public static class ApiCalls
{
    public static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>Sends and expects a 2xx answer; returns its JSON body.</summary>
    public static async Task<JsonElement> SendOkAsync(this HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = Request(method, url, body);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {url} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> GetOkAsync(this HttpClient client, string url) => client.SendOkAsync(HttpMethod.Get, url);

    public static Task<JsonElement> PostOkAsync(this HttpClient client, string url, object body) => client.SendOkAsync(HttpMethod.Post, url, body);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Declares an S3 incident and returns its number.</summary>
    public static async Task<long> DeclareNumberAsync(this HttpClient client, string title = "Checkout returns 502s", string severity = "S3") =>
        (await client.PostOkAsync("/api/v1/incidents", new { title, severity, source = "Monitoring" })).GetProperty("number").GetInt64();

    public static Task<JsonElement> AssignAsync(this HttpClient client, long number, string role, Guid personId) =>
        client.SendOkAsync(HttpMethod.Put, $"/api/v1/incidents/{number}/roles/{role}", new { personId });

    public static Task<JsonElement> MoveAsync(this HttpClient client, long number, string target, string? reason = null) =>
        client.PostOkAsync($"/api/v1/incidents/{number}/phase", new { target, reason });

    /// <summary>Asserts an RFC 9457 answer with the given status.</summary>
    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }
}
