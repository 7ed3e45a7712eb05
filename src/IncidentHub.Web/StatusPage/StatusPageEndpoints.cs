using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace IncidentHub.Web.StatusPage;

/// <summary>
/// The public status page, anonymous: <c>/status</c> (HTML, no script), <c>/status/summary.json</c> (Atlassian
/// Statuspage's summary shape) and <c>/status/history.atom</c>. With <c>IncidentHub:StatusPage:Host</c> set, requests
/// for that host name get the page at its root and nothing else of the app.
/// </summary>
public static class StatusPageEndpoints
{
    public const string Path = "/status";

    /// <summary>Browsers and proxies may reuse an answer this long; the server's own cache is renewed on change.</summary>
    public const int MaxAgeSeconds = 10;

    private const string PrefixItem = "StatusPagePrefix";

    public static void MapStatusPage(this IEndpointRouteBuilder app)
    {
        Map(app, Path, page => page.Html, "text/html; charset=utf-8");
        Map(app, $"{Path}/summary.json", page => page.Summary, "application/json; charset=utf-8");
        Map(app, $"{Path}/history.atom", page => page.Atom, "application/atom+xml; charset=utf-8");
    }

    private static void Map(
        IEndpointRouteBuilder app, string path, Func<StatusPageRendering, byte[]> body, string contentType)
    {
        app.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], (HttpContext http, StatusPageCache cache) =>
                ServeAsync(http, cache, body, contentType))
            .AllowAnonymous().ExcludeFromDescription();

        // Read-only: anything else is a 405 that says what is allowed, not a redirect to the sign-in page.
        app.MapMethods(
                path,
                [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete],
                (HttpContext http) =>
                {
                    http.Response.Headers.Allow = "GET, HEAD";
                    return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
                })
            .AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
    }

    /// <summary>
    /// On the status page's own host name: its three addresses at the root, its stylesheet, the icons and the health
    /// checks; everything else of the app answers 404 there.
    /// </summary>
    public static IApplicationBuilder UseStatusPageHost(this IApplicationBuilder app, string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return app;
        }

        return app.Use(async (http, next) =>
        {
            if (!string.Equals(http.Request.Host.Host, host, StringComparison.OrdinalIgnoreCase))
            {
                await next(http);
                return;
            }

            var path = http.Request.Path.Value ?? "/";
            if (path is "/" or "" or "/summary.json" or "/history.atom")
            {
                http.Items[PrefixItem] = "";
                http.Request.Path = path is "/" or "" ? Path : Path + path;
                await next(http);
            }
            else if (path is "/css/status.css" or "/favicon.ico" or "/favicon.svg" || path.StartsWith("/health/", StringComparison.Ordinal))
            {
                await next(http);
            }
            else
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
    }

    private static async Task ServeAsync(
        HttpContext http, StatusPageCache cache, Func<StatusPageRendering, byte[]> body, string contentType)
    {
        var request = http.Request;
        var prefix = http.Items.TryGetValue(PrefixItem, out var item) && item is string own ? own : Path;
        var page = await cache.GetAsync($"{request.Scheme}://{request.Host}{request.PathBase}", prefix, http.RequestAborted);
        var response = http.Response;
        response.Headers.CacheControl = $"public, max-age={MaxAgeSeconds}";
        response.Headers.ETag = page.ETag;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (request.Headers.IfNoneMatch is { Count: > 0 } tags && Matches(tags, page.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var bytes = body(page);
        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(bytes, http.RequestAborted);
        }
    }

    private static bool Matches(StringValues ifNoneMatch, string etag) =>
        ifNoneMatch.SelectMany(value => (value ?? "").Split(','))
            .Select(tag => tag.Trim())
            .Any(tag => tag == "*" || tag == etag || tag == $"W/{etag}");
}
