using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace IncidentHub.Web.Http;

/// <summary>
/// Compresses the pages' HTML (CSS and JS are compressed at build time and served by
/// <c>MapStaticAssets</c>). HTML over HTTPS is open to BREACH: an attacker who makes a victim's browser
/// send many requests with chosen text that the page reflects (a search term) can read secrets in the
/// same page (incident text, a new API token) from the compressed sizes. Antiforgery tokens are safe,
/// as they differ on every answer, but the rest of a page is not. Such requests come from another
/// site, so only requests the browser marks as coming from this site or from the person
/// (<c>Sec-Fetch-Site: same-origin</c> or <c>none</c>) get compressed HTML; every other request,
/// including any from a client that sends no such header, gets it uncompressed.
/// </summary>
public static class PageCompression
{
    public static IServiceCollection AddPageCompression(this IServiceCollection services) => services
        .AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = ["text/html"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        })
        // Pages are written per request: the fastest level keeps most of the gain (a page shrinks
        // about five times) for little processor time.
        .Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest)
        .Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);

    public static IApplicationBuilder UsePageCompression(this IApplicationBuilder app) =>
        app.UseWhen(IsFromThisSite, pages => pages.UseResponseCompression());

    public static bool IsFromThisSite(HttpContext context) =>
        context.Request.Headers["Sec-Fetch-Site"].ToString() is "same-origin" or "none"
        && !context.Request.Path.StartsWithSegments("/api");
}
