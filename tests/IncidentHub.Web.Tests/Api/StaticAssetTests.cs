using System.Net;
using System.Text.RegularExpressions;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Api;

/// <summary>
/// The stylesheet, the script and the icons: compressed at build time, cached for a year under their
/// fingerprinted addresses, reachable before sign-in; and the pages' HTML compressed for requests
/// the browser marks as coming from the app itself.
/// </summary>
public sealed partial class StaticAssetTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("stylesheet", "text/css")]
    [InlineData("script", "text/javascript")]
    public async Task The_fingerprinted_stylesheet_and_script_come_compressed_and_cached_for_a_year(string asset, string mediaType)
    {
        // Run from a build, as here, ASP.NET Core serves every asset with no-cache, so that an edited
        // file shows at once; published, fingerprinted assets are cached. This setting gives the tests
        // the published headers.
        await using var published = new IncidentHubFactory(App.ConnectionString, App.Clock, ("EnableStaticAssetsDevelopmentCaching", "true"));
        using var anonymous = published.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var page = await (await anonymous.GetAsync(new Uri("/signin", UriKind.Relative))).Content.ReadAsStringAsync();
        var url = (asset == "stylesheet" ? StylesheetLink() : ScriptLink()).Match(page).Groups["url"].Value;
        Assert.Matches(@"^/(css|js)/site\.[a-z0-9]+\.(css|js)$", url);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        // gzip is made at build time; brotli too when the app is published.
        Assert.Contains(Assert.Single(response.Content.Headers.ContentEncoding), new[] { "gzip", "br" });
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains(response.Headers.CacheControl!.Extensions, extension => extension.Name == "immutable");
    }

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task The_icons_answer_before_sign_in(string url, string mediaType)
    {
        using var anonymous = App.CreateClient();

        using var response = await anonymous.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("same-origin", "br")]
    [InlineData("none", "br")]
    [InlineData("cross-site", null)]
    [InlineData(null, null)]
    public async Task Pages_are_compressed_only_for_requests_from_the_app_itself(string? fetchSite, string? encoding)
    {
        using var anonymous = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(?<url>[^\"]+)\"")]
    private static partial Regex StylesheetLink();

    [GeneratedRegex("<script src=\"(?<url>[^\"]+)\"")]
    private static partial Regex ScriptLink();
}
