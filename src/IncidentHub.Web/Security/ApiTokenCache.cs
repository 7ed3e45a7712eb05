namespace IncidentHub.Web.Security;

/// <summary>
/// API tokens recently seen, by the hash of their secret (reading the token was a third of the database work of
/// listing incidents, see docs/benchmarks.md). Tokens, accounts and people raise <see cref="Channel"/> when what a
/// token may do changes.
/// </summary>
public sealed class ApiTokenCache(TimeProvider clock) : CredentialCache<string, StoredToken>(clock, StringComparer.Ordinal)
{
    public const string Channel = "credentials_changed";

    /// <summary>
    /// Records a new last-used time in a kept entry, so that it is written to the database once a minute, not on every
    /// request.
    /// </summary>
    public void Touch(string tokenHash, StoredToken token, DateTimeOffset lastUsedAt) =>
        Replace(tokenHash, token, token with { LastUsedAt = lastUsedAt });
}
