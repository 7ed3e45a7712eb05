using System.Linq.Expressions;
using IncidentHub.Web.Data;

namespace IncidentHub.Web.Features.Tokens;

public sealed record TokenView(
    Guid Id,
    Guid AccountId,
    string Name,
    IReadOnlyList<string> Scopes,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public static readonly Expression<Func<ApiToken, TokenView>> Projection = token =>
        new TokenView(
            token.Id,
            token.AccountId,
            token.Name,
            token.Scopes,
            token.Prefix,
            token.CreatedAt,
            token.ExpiresAt,
            token.LastUsedAt,
            token.RevokedAt);

    private static readonly Func<ApiToken, TokenView> Map = Projection.Compile();

    public static TokenView From(ApiToken token) => Map(token);
}

/// <summary>A token just made: the only answer that ever holds the token itself.</summary>
public sealed record CreatedToken(
    Guid Id,
    Guid AccountId,
    string Name,
    IReadOnlyList<string> Scopes,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string Token)
{
    public static CreatedToken From(ApiToken token, string secret) =>
        new(
            token.Id,
            token.AccountId,
            token.Name,
            token.Scopes,
            token.Prefix,
            token.CreatedAt,
            token.ExpiresAt,
            secret);
}
