namespace IncidentHub.Web.Security;

/// <summary>
/// Security-relevant events in one log category (who, what, when, from where), so they can be
/// routed and kept apart. Never a password or a token: tokens are named by their id.
/// </summary>
public sealed partial class SecurityEvents(ILoggerFactory loggers)
{
    private readonly ILogger logger = loggers.CreateLogger("IncidentHub.Security");

    public void SignInFailed(HttpContext context, string email, string reason) =>
        LogSignInFailed(logger, email, reason, ClientAddress(context));

    public void LockedOut(HttpContext context, string email) => LogLockedOut(logger, email, ClientAddress(context));

    public void SignedIn(HttpContext context, Guid accountId) => LogSignedIn(logger, accountId, ClientAddress(context));

    public void Refused(HttpContext? context, CurrentPrincipal? user, string action, string reason) =>
        LogRefused(
            logger, user?.PersonId, user?.TokenName, action, reason, context is null ? "" : ClientAddress(context));

    public void TokenRefused(HttpContext context, Guid? tokenId, string reason) =>
        LogTokenRefused(logger, tokenId, reason, ClientAddress(context));

    public void TokenCreated(Guid tokenId, string name, Guid ownerId, Guid createdBy) =>
        LogTokenCreated(logger, tokenId, name, ownerId, createdBy);

    public void TokenRevoked(Guid tokenId, Guid ownerId, Guid revokedBy) =>
        LogTokenRevoked(logger, tokenId, ownerId, revokedBy);

    public void AccountChanged(Guid accountId, string change, Guid by) =>
        LogAccountChanged(logger, accountId, change, by);

    public void RateLimited(HttpContext context) =>
        LogRateLimited(logger, context.Request.Path, ClientAddress(context));

    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    [LoggerMessage(1, LogLevel.Warning, "Sign-in failed for {Email} ({Reason}) from {ClientAddress}")]
    private static partial void LogSignInFailed(ILogger logger, string email, string reason, string clientAddress);

    [LoggerMessage(
        2, LogLevel.Warning, "Account {Email} locked out after repeated failed sign-ins, from {ClientAddress}")]
    private static partial void LogLockedOut(ILogger logger, string email, string clientAddress);

    [LoggerMessage(3, LogLevel.Information, "Account {AccountId} signed in from {ClientAddress}")]
    private static partial void LogSignedIn(ILogger logger, Guid accountId, string clientAddress);

    [LoggerMessage(
        4,
        LogLevel.Warning,
        "Refused {Action} for account {AccountId} (token {TokenName}): {Reason}, from {ClientAddress}")]
    private static partial void LogRefused(
        ILogger logger, Guid? accountId, string? tokenName, string action, string reason, string clientAddress);

    [LoggerMessage(5, LogLevel.Warning, "Refused API token {TokenId}: {Reason}, from {ClientAddress}")]
    private static partial void LogTokenRefused(ILogger logger, Guid? tokenId, string reason, string clientAddress);

    [LoggerMessage(
        6, LogLevel.Information, "API token {TokenId} \"{TokenName}\" created for account {OwnerId} by {CreatedBy}")]
    private static partial void LogTokenCreated(
        ILogger logger, Guid tokenId, string tokenName, Guid ownerId, Guid createdBy);

    [LoggerMessage(7, LogLevel.Information, "API token {TokenId} of account {OwnerId} revoked by {RevokedBy}")]
    private static partial void LogTokenRevoked(ILogger logger, Guid tokenId, Guid ownerId, Guid revokedBy);

    [LoggerMessage(8, LogLevel.Information, "Account {AccountId} changed: {Change}, by {By}")]
    private static partial void LogAccountChanged(ILogger logger, Guid accountId, string change, Guid by);

    [LoggerMessage(9, LogLevel.Warning, "Rate limit reached on {Path} from {ClientAddress}")]
    private static partial void LogRateLimited(ILogger logger, string path, string clientAddress);
}
