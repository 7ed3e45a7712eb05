using System.Security.Cryptography;
using IncidentHub.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace IncidentHub.Web.Infrastructure;

/// <summary>
/// A POST with an <c>Idempotency-Key</c> runs once: the first answer (status and body) is kept for
/// <see cref="Lifetime"/> and replayed to retries. The key is claimed with an insert before the
/// request runs, so parallel retries cannot both run it: they get 409 while it is still running,
/// and 422 if they reuse the key for a different request.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, NpgsqlDataSource database, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(Header, out var values)
            || context.GetEndpoint()?.Metadata.GetMetadata<NotIdempotentAttribute>() is not null)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > IdempotencyRecord.KeyMaxLength)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [Header] = [$"The {Header} header must hold 1 to {IdempotencyRecord.KeyMaxLength} characters."],
                })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Invalid Idempotency-Key",
                    Detail = $"The {Header} header must hold between 1 and {IdempotencyRecord.KeyMaxLength} characters.",
                },
            });
            return;
        }

        var scope = ScopeOf(context);
        var hash = await HashAsync(context.Request);
        if (!await TryClaimAsync(scope, key, hash, context.RequestAborted))
        {
            await AnswerRetryAsync(context, problems, scope, key, hash);
            return;
        }

        var responseBody = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            await ReleaseAsync(scope, key);
            throw;
        }
        finally
        {
            context.Response.Body = responseBody;
        }

        if (context.Response.StatusCode >= 500)
        {
            // A failure on our side is not an answer worth repeating: the retry should run for real.
            await ReleaseAsync(scope, key);
        }
        else
        {
            await CompleteAsync(scope, key, context.Response, captured.ToArray());
        }

        captured.Position = 0;
        await captured.CopyToAsync(responseBody, context.RequestAborted);
    }

    /// <summary>Keys belong to one endpoint and one caller; the same key elsewhere is a different request.</summary>
    private static string ScopeOf(HttpContext context) =>
        $"{context.User.FindFirst(Security.ClaimNames.PersonId)?.Value} {context.Request.Method} {context.Request.Path}";

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        var hash = await SHA256.HashDataAsync(request.Body, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return Convert.ToHexString(hash);
    }

    private async Task<bool> TryClaimAsync(string scope, string key, string hash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = database.CreateCommand("""
            INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (scope, key) DO UPDATE
                SET request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at,
                    status_code = NULL, content_type = NULL, location = NULL, e_tag = NULL, body = NULL
                WHERE idempotency_keys.created_at < $5
            RETURNING 1
            """);
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = hash });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = now - Lifetime });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private async Task AnswerRetryAsync(HttpContext context, IProblemDetailsService problems, string scope, string key, string hash)
    {
        await using var command = database.CreateCommand(
            "SELECT request_hash, status_code, content_type, location, e_tag, body FROM idempotency_keys WHERE scope = $1 AND key = $2");
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = key });
        await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
        if (!await reader.ReadAsync(context.RequestAborted) || reader.IsDBNull(1))
        {
            await WriteProblemAsync(context, problems, StatusCodes.Status409Conflict, "Request still running",
                $"A request with this {Header} is still running. Retry in a moment to get its answer.");
            return;
        }

        if (reader.GetString(0) != hash)
        {
            await WriteProblemAsync(context, problems, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                $"This {Header} was already used for a different request. Use a new key for a new request.");
            return;
        }

        context.Response.StatusCode = reader.GetInt32(1);
        context.Response.Headers[ReplayedHeader] = "true";
        if (!reader.IsDBNull(3))
        {
            context.Response.Headers.Location = reader.GetString(3);
        }

        if (!reader.IsDBNull(4))
        {
            context.Response.Headers.ETag = reader.GetString(4);
        }

        if (!reader.IsDBNull(5))
        {
            if (!reader.IsDBNull(2))
            {
                context.Response.ContentType = reader.GetString(2);
            }

            var body = (byte[])reader.GetValue(5);
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private async Task CompleteAsync(string scope, string key, HttpResponse response, byte[] body)
    {
        await using var command = database.CreateCommand("""
            UPDATE idempotency_keys SET status_code = $3, content_type = $4, location = $5, e_tag = $6, body = $7
            WHERE scope = $1 AND key = $2
            """);
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = response.StatusCode });
        command.Parameters.Add(new() { Value = (object?)response.ContentType ?? DBNull.Value });
        command.Parameters.Add(new() { Value = response.Headers.Location.ToString() is { Length: > 0 } location ? location : DBNull.Value });
        command.Parameters.Add(new() { Value = response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : DBNull.Value });
        command.Parameters.Add(new() { Value = body });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private async Task ReleaseAsync(string scope, string key)
    {
        await using var command = database.CreateCommand("DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status_code IS NULL");
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = key });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static async Task WriteProblemAsync(HttpContext context, IProblemDetailsService problems, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}

/// <summary>
/// Marks an endpoint whose answer must never be kept (it holds a secret shown once): a retry with the
/// same Idempotency-Key runs again.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class NotIdempotentAttribute : Attribute;
