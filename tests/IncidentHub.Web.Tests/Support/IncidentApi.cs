using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IncidentHub.Web.Tests.Support;

/// <summary>API calls whose whole answer (<see cref="Reply"/>) the concurrency tests compare after the fact.</summary>
public static class IncidentApi
{
    public static HttpRequestMessage Json(HttpMethod method, string path, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            // Unvalidated, so that a malformed value reaches the server exactly as written.
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    public static async Task<Reply> SendForReplyAsync(this HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            return await Reply.ReadAsync(await client.SendAsync(request));
        }
    }

    public static Task<Reply> SendForReplyAsync(this HttpClient client, HttpMethod method, string path, object body, string? ifMatch = null) =>
        client.SendForReplyAsync(Json(method, path, body, ifMatch));

    public static async Task<long> DeclareIncidentAsync(this HttpClient client, string severity = "S3")
    {
        var reply = await client.SendForReplyAsync(HttpMethod.Post, "/api/v1/incidents", new { title = "Checkout down", severity, source = "Monitoring" });
        return reply.Is(HttpStatusCode.Created).Json["number"]!.GetValue<long>();
    }

    public static async Task<Reply> GetIncidentReplyAsync(this HttpClient client, long number) =>
        (await Reply.ReadAsync(await client.GetAsync(new Uri($"/api/v1/incidents/{number}", UriKind.Relative)))).Is(HttpStatusCode.OK);

    /// <summary>One page of up to 200 items of a list endpoint, which is all that these tests ever create.</summary>
    public static async Task<JsonArray> GetItemsAsync(this HttpClient client, string path)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var reply = (await Reply.ReadAsync(await client.GetAsync(new Uri($"{path}{separator}limit=200", UriKind.Relative)))).Is(HttpStatusCode.OK);
        Assert.Null(reply.Json["nextCursor"]?.GetValue<string>());
        return reply.Json["items"]!.AsArray();
    }

    public static Task<JsonArray> GetTimelineAsync(this HttpClient client, long number, string kind) =>
        client.GetItemsAsync($"/api/v1/incidents/{number}/timeline?kind={kind}");
}
