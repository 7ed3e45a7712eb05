using System.Security.Cryptography;
using IncidentHub.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IncidentHub.Web.Http;

/// <summary>
/// A POST with an <c>Idempotency-Key</c> runs once: the first answer (status and body) is kept for
/// <see cref="Lifetime"/> and replayed to retries. The request runs in one transaction that also records its
/// answer, so a key can never outlive its request in a "running" state: when the database goes away mid-request,
/// neither the write nor the key is left behind and the retry runs again; when the commit landed, the retry gets
/// the answer. While the request runs it holds a transaction-level advisory lock on the key, so a parallel
/// retry gets 409 instead of running it twice, and the same key with a different body gets 422.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems, IncidentHubDbContext db)
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
                    Detail =
                        $"The {Header} header must hold between 1 and {IdempotencyRecord.KeyMaxLength} characters.",
                },
            });
            return;
        }

        var scope = ScopeOf(context);
        var hash = await HashAsync(context.Request);

        // The command joins this transaction (TransactionBehavior), and the answer is stored in it before the commit.
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
        db.Database.AutoSavepointsEnabled = false;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (!await TryLockAsync(connection, scope, key, context.RequestAborted))
        {
            await WriteProblemAsync(context, problems, StatusCodes.Status409Conflict, "Request still running",
                $"A request with this {Header} is still running. Retry in a moment to get its answer.");
            return;
        }

        if (await FindAnswerAsync(connection, scope, key, context.RequestAborted) is { } earlier)
        {
            await (earlier.RequestHash == hash
                ? ReplayAsync(context, earlier)
                : WriteProblemAsync(
                    context,
                    problems,
                    StatusCodes.Status422UnprocessableEntity,
                    "Idempotency-Key reused",
                    $"This {Header} was already used for a different request. Use a new key for a new request."));
            return;
        }

        var responseBody = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = responseBody;
        }

        // A failure on our side, or a client that went away, is not an answer worth repeating: nothing is kept
        // (the transaction rolls back as it is disposed), and the retry runs for real.
        if (context.Response.StatusCode < 500 && !context.RequestAborted.IsCancellationRequested)
        {
            await SaveAnswerAsync(connection, scope, key, hash, context.Response, captured.ToArray());
            await transaction.CommitAsync(CancellationToken.None);
        }

        captured.Position = 0;
        await captured.CopyToAsync(responseBody, context.RequestAborted);
    }

    /// <summary>Keys belong to one endpoint and one caller; the same key elsewhere is a different request.</summary>
    private static string ScopeOf(HttpContext context) =>
        $"{context.User.FindFirst(Security.ClaimNames.PersonId)?.Value} "
        + $"{context.Request.Method} {context.Request.Path}";

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        var hash = await SHA256.HashDataAsync(request.Body, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return Convert.ToHexString(hash);
    }

    private static async Task<bool> TryLockAsync(
        NpgsqlConnection connection, string scope, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))", connection);
        command.Parameters.Add(new() { Value = $"{scope}\n{key}" });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>The answer kept for the key, unless it is older than <see cref="Lifetime"/>.</summary>
    private async Task<IdempotencyRecord?> FindAnswerAsync(
        NpgsqlConnection connection, string scope, string key, CancellationToken cancellationToken)
    {
        // Rows without a status were left by versions that claimed the key before running the request.
        await using var command = new NpgsqlCommand("""
            SELECT request_hash, status_code, content_type, location, e_tag, body FROM idempotency_keys
            WHERE scope = $1 AND key = $2 AND created_at >= $3 AND status_code IS NOT NULL
            """, connection);
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() - Lifetime });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new IdempotencyRecord
        {
            Scope = scope,
            Key = key,
            RequestHash = reader.GetString(0),
            StatusCode = reader.GetInt32(1),
            ContentType = reader.IsDBNull(2) ? null : reader.GetString(2),
            Location = reader.IsDBNull(3) ? null : reader.GetString(3),
            ETag = reader.IsDBNull(4) ? null : reader.GetString(4),
            Body = reader.IsDBNull(5) ? null : (byte[])reader.GetValue(5),
        };
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord answer)
    {
        context.Response.StatusCode = answer.StatusCode!.Value;
        context.Response.Headers[ReplayedHeader] = "true";
        if (answer.Location is not null)
        {
            context.Response.Headers.Location = answer.Location;
        }

        if (answer.ETag is not null)
        {
            context.Response.Headers.ETag = answer.ETag;
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = answer.ContentType;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        }
    }

    private async Task SaveAnswerAsync(
        NpgsqlConnection connection, string scope, string key, string hash, HttpResponse response, byte[] body)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO idempotency_keys (scope, key, request_hash, created_at, status_code, content_type, location, e_tag, body)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (scope, key) DO UPDATE
                SET request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at, status_code = EXCLUDED.status_code,
                    content_type = EXCLUDED.content_type, location = EXCLUDED.location, e_tag = EXCLUDED.e_tag, body = EXCLUDED.body
            """, connection);
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = hash });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        command.Parameters.Add(new() { Value = response.StatusCode });
        command.Parameters.Add(new() { Value = (object?)response.ContentType ?? DBNull.Value });
        command.Parameters.Add(new()
        {
            Value = response.Headers.Location.ToString() is { Length: > 0 } location ? location : DBNull.Value,
        });
        command.Parameters.Add(
            new() { Value = response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : DBNull.Value });
        command.Parameters.Add(new() { Value = body });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static async Task WriteProblemAsync(
        HttpContext context, IProblemDetailsService problems, int status, string title, string detail)
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
