namespace IncidentHub.Web.Features;

public static class WebLinks
{
    /// <summary>An absolute http or https address: what a browser can open from a link we show.</summary>
    public static bool IsWebLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
