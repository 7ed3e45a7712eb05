namespace IncidentHub.Web.Security;

/// <summary>What an API token may be used for, on top of what its owner's role allows.</summary>
public static class Scopes
{
    public const string IncidentsRead = "incidents:read";
    public const string IncidentsWrite = "incidents:write";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [IncidentsRead, IncidentsWrite, Admin];
}

/// <summary>The claims IncidentHub puts on a signed-in principal.</summary>
public static class ClaimNames
{
    public const string PersonId = System.Security.Claims.ClaimTypes.NameIdentifier;
    public const string DisplayName = "display_name";
    public const string Role = System.Security.Claims.ClaimTypes.Role;
    public const string Scope = "scope";
    public const string TokenId = "token_id";
    public const string TokenName = "token_name";
}

public static class AuthenticationSchemes
{
    /// <summary>Picks the token scheme for the API and the cookie for pages.</summary>
    public const string Default = "IncidentHub";
    public const string ApiToken = "ApiToken";
}
