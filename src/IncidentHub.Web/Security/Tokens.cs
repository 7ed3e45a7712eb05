using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace IncidentHub.Web.Security;

/// <summary>Random secrets (API tokens, alert sources' secrets, session keys) and the hashes under which they are stored.</summary>
public static class Secrets
{
    public const string TokenPrefix = "ihub_";

    /// <summary>Alert sources' secrets: told apart from API tokens by their prefix, so that neither is taken for the other.</summary>
    public const string AlertSourcePrefix = "ihsrc_";

    /// <summary>A new API token: a recognisable prefix and 256 random bits.</summary>
    public static string NewApiToken() => TokenPrefix + NewKey();

    /// <summary>A new secret for an alert source: its own prefix and 256 random bits.</summary>
    public static string NewAlertSourceSecret() => AlertSourcePrefix + NewKey();

    public static string NewKey() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Enough of a token or secret to tell it apart in a list (its prefix and 4 characters), never enough to use it.</summary>
    public static string DisplayPrefix(string token) =>
        token[..Math.Min(token.Length, (token.StartsWith(AlertSourcePrefix, StringComparison.Ordinal)
            ? AlertSourcePrefix.Length
            : TokenPrefix.Length) + 4)];
}
