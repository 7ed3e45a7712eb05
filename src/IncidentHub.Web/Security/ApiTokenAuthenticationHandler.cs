using System.Security.Claims;
using System.Text.Encodings.Web;
using IncidentHub.Domain;
using IncidentHub.Web.Features.Ingestion;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IncidentHub.Web.Security;

/// <summary>
/// <c>Authorization: Bearer ihub_…</c> on the API. A token counts only while it is unexpired,
/// unrevoked and its account active; the API answers 401/403 as problem details and never redirects.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    NpgsqlDataSource database,
    ApiTokenCache cache,
    TimeProvider clock,
    SecurityEvents securityEvents,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 200)
        {
            return AuthenticateResult.Fail("Use Authorization: Bearer <token>.");
        }

        var presented = header["Bearer ".Length..].Trim();
        if (presented.StartsWith(Secrets.AlertSourcePrefix, StringComparison.Ordinal)
            && Request.Path.StartsWithSegments(AlertIngestion.PathPrefix))
        {
            // An alert source's secret, which its endpoint checks against the source: not an API token to look up.
            return AuthenticateResult.NoResult();
        }

        var tokenHash = Secrets.Hash(presented);
        if (!cache.TryGet(tokenHash, out var stored))
        {
            var readAt = cache.Generation;
            var found = await FindAsync(tokenHash);
            if (found is null)
            {
                securityEvents.TokenRefused(Context, null, "unknown token");
                return AuthenticateResult.Fail("The token is not valid.");
            }

            cache.Keep(tokenHash, found, readAt);
            stored = found;
        }

        var now = clock.GetUtcNow();
        var refusal = stored switch
        {
            { Revoked: true } => "revoked",
            { AccountActive: false } => "account deactivated",
            _ when stored.ExpiresAt <= now => "expired",
            _ => null,
        };
        if (refusal is not null)
        {
            securityEvents.TokenRefused(Context, stored.Id, refusal);
            return AuthenticateResult.Fail($"The token is {refusal}.");
        }

        Claim[] claims =
        [
            new(ClaimNames.PersonId, stored.PersonId.ToString()),
            new(ClaimNames.DisplayName, stored.DisplayName),
            new(ClaimTypes.Name, stored.DisplayName),
            new(ClaimNames.Role, stored.Role.ToString()),
            new(ClaimNames.TokenId, stored.Id.ToString()),
            new(ClaimNames.TokenName, stored.Name),
            .. stored.Scopes.Select(scope => new Claim(ClaimNames.Scope, scope)),
        ];
        if (stored.LastUsedAt is not { } lastUsed || now - lastUsed > LastUsedPrecision)
        {
            // Kept to the minute: exact enough to spot unused tokens, without a write on every request.
            await using var touch = database.CreateCommand("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1");
            touch.Parameters.Add(new() { Value = stored.Id });
            touch.Parameters.Add(new() { Value = now });
            await touch.ExecuteNonQueryAsync(Context.RequestAborted);
            cache.Touch(tokenHash, stored, now);
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimNames.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>
    /// The token's row, read and released before anything else touches the database. The reader
    /// must be disposed exactly once: Npgsql hands the same reader object to the next command on
    /// that pooled connection, so a second dispose would close another request's results.
    /// </summary>
    private async Task<StoredToken?> FindAsync(string tokenHash)
    {
        await using var command = database.CreateCommand("""
            SELECT t.id, t.name, t.scopes, t.expires_at, t.revoked_at IS NOT NULL, t.last_used_at, a.role, p.id, p.display_name, p.active
            FROM api_tokens t JOIN accounts a ON a.id = t.account_id JOIN people p ON p.id = a.id
            WHERE t.token_hash = $1
            """);
        command.Parameters.Add(new() { Value = tokenHash });
        await using var reader = await command.ExecuteReaderAsync(Context.RequestAborted);
        if (!await reader.ReadAsync(Context.RequestAborted))
        {
            return null;
        }

        return new StoredToken(
            Id: reader.GetGuid(0),
            Name: reader.GetString(1),
            Scopes: reader.GetFieldValue<string[]>(2),
            ExpiresAt: reader.GetFieldValue<DateTimeOffset>(3),
            Revoked: reader.GetBoolean(4),
            LastUsedAt: reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
            Role: Enum.Parse<AccountRole>(reader.GetString(6)),
            PersonId: reader.GetGuid(7),
            DisplayName: reader.GetString(8),
            AccountActive: reader.GetBoolean(9));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = result.Failure is null
            ? "Bearer realm=\"IncidentHub\""
            : "Bearer realm=\"IncidentHub\", error=\"invalid_token\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Sign-in required",
                Detail = result.Failure?.Message ?? "Send an API token: Authorization: Bearer <token>.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Not allowed",
                Detail = "This token may not do this.",
            },
        });
    }
}

/// <summary>What the database says about one API token, its account and its person.</summary>
public sealed record StoredToken(
    Guid Id, string Name, string[] Scopes, DateTimeOffset ExpiresAt, bool Revoked, DateTimeOffset? LastUsedAt,
    AccountRole Role, Guid PersonId, string DisplayName, bool AccountActive);
