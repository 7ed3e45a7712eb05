using System.Security.Cryptography;
using System.Text;

namespace IncidentHub.Web.Webhooks;

/// <summary>
/// Standard Webhooks signing: <c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>, keyed with the
/// base64 part of a <c>whsec_</c> secret. Receivers verify with any Standard Webhooks library, or the few lines in the
/// README.
/// </summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    /// <summary>A new secret: 256 random bits, as Standard Webhooks writes them.</summary>
    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string DisplayPrefix(string secret) => secret[..(Prefix.Length + 4)];

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[Prefix.Length..]);
        var signed = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(signed);
    }
}
