using System.Net;
using System.Text.Json.Nodes;

namespace IncidentHub.Web.Tests.Support;

/// <summary>
/// What a client got back, read in full, so that many parallel answers can be compared after the
/// fact without keeping their responses open.
/// </summary>
public sealed record Reply(HttpStatusCode Status, string? MediaType, string Body, string? ETag, string? Location, string? Replayed)
{
    public const string ProblemJson = "application/problem+json";

    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The answer has no JSON body.");

    public static async Task<Reply> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return new Reply(
                response.StatusCode,
                response.Content.Headers.ContentType?.MediaType,
                await response.Content.ReadAsStringAsync(),
                response.Headers.ETag?.ToString(),
                response.Headers.Location?.ToString(),
                response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) ? string.Join(",", replayed) : null);
        }
    }

    /// <summary>Asserts the status, with the body in the message so that a failure says why.</summary>
    public Reply Is(HttpStatusCode expected)
    {
        Assert.True(Status == expected, $"Expected {(int)expected}, got {(int)Status}: {Body}");
        return this;
    }

    /// <summary>Asserts an RFC 9457 problem with this status.</summary>
    public Reply IsProblem(HttpStatusCode expected)
    {
        Is(expected);
        Assert.Equal(ProblemJson, MediaType);
        Assert.Equal((int)expected, Json["status"]!.GetValue<int>());
        return this;
    }
}
