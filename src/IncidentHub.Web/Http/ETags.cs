using System.Globalization;
using IncidentHub.Web.Features;
using Microsoft.Net.Http.Headers;

namespace IncidentHub.Web.Http;

/// <summary>ETags are the row version (PostgreSQL <c>xmin</c>) in quotes.</summary>
public static class ETags
{
    public static string For(uint version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The version a client expects from its <c>If-Match</c> header: null when absent or <c>*</c>.
    /// A value that is not one of our ETags can never match, so it fails like a stale one.
    /// </summary>
    public static uint? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return null;
        }

        if (EntityTagHeaderValue.TryParseList([header], out var tags) && tags.Count == 1 && !tags[0].IsWeak
            && uint.TryParse(
                tags[0].Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        throw new PreconditionFailedException(
            "The If-Match header does not hold a current ETag of this resource. Read it again and retry.");
    }
}
