using System.Security.Claims;
using IncidentHub.Domain;

namespace IncidentHub.Web.Security;

/// <summary>Who is signed in: a person with an account role and, through a token, its scopes.</summary>
public sealed record CurrentPrincipal(
    Guid PersonId, string DisplayName, AccountRole Role, IReadOnlySet<string>? Scopes, string? TokenName)
{
    /// <summary>The actor written into history: the person, and the token when one was used.</summary>
    public Actor Actor => new(PersonId, TokenName is null ? DisplayName : $"{DisplayName} (token \"{TokenName}\")");

    public bool HasScope(string scope) => Scopes is null || Scopes.Contains(scope);

    public static CurrentPrincipal? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true
            || !Guid.TryParse(user.FindFirstValue(ClaimNames.PersonId), out var personId)
            || !Enum.TryParse<AccountRole>(user.FindFirstValue(ClaimNames.Role), out var role))
        {
            return null;
        }

        var tokenName = user.FindFirstValue(ClaimNames.TokenName);
        var scopes = tokenName is null
            ? null
            : user.FindAll(ClaimNames.Scope).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        return new CurrentPrincipal(
            personId, user.FindFirstValue(ClaimNames.DisplayName) ?? user.Identity.Name ?? "", role, scopes, tokenName);
    }
}

/// <summary>Who is acting: every command takes its actor from here.</summary>
public interface ICurrentUser
{
    /// <summary>The signed-in principal, or null for an anonymous request.</summary>
    CurrentPrincipal? Principal { get; }

    Actor Actor => Principal?.Actor ?? throw new UnauthorizedAccessException("Nobody is signed in.");
}

public sealed class HttpCurrentUser(IHttpContextAccessor http) : ICurrentUser
{
    public CurrentPrincipal? Principal => http.HttpContext is { } context ? CurrentPrincipal.From(context.User) : null;
}
