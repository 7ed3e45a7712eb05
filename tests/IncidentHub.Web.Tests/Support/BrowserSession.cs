using System.Net;
using System.Text.RegularExpressions;
using IncidentHub.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace IncidentHub.Web.Tests.Support;

/// <summary>
/// A browser on the pages: it keeps its cookies, does not follow redirects, and posts forms the
/// way a browser does, with the antiforgery token read from the page's hidden input.
/// </summary>
public sealed partial class BrowserSession : IDisposable
{
    public static readonly Uri BaseAddress = new("https://localhost");

    public BrowserSession(WebApplicationFactory<Program> factory)
    {
        Client = factory.CreateDefaultClient(BaseAddress, new CookieContainerHandler(Cookies));
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    /// <summary>The value of the session cookie this browser holds, or null.</summary>
    public string? SessionCookie => Cookies.GetCookies(BaseAddress)[SecuritySetup.SessionCookie]?.Value;

    /// <summary>A new browser signed in with the given email and password; fails the test when sign-in does not work.</summary>
    public static async Task<BrowserSession> SignedInAsync(WebApplicationFactory<Program> factory, string email, string password = TestAccount.Password)
    {
        var browser = new BrowserSession(factory);
        using var response = await browser.SignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect || browser.SessionCookie is null)
        {
            var body = await response.Content.ReadAsStringAsync();
            browser.Dispose();
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}: {body}");
        }

        return browser;
    }

    /// <summary>Fills in and posts the sign-in form.</summary>
    public Task<HttpResponseMessage> SignInAsync(string email, string password, string? returnUrl = null) =>
        PostFormAsync(returnUrl is null ? "/signin" : $"/signin?ReturnUrl={Uri.EscapeDataString(returnUrl)}",
            [new("Input.Email", email), new("Input.Password", password)], tokenFrom: "/signin");

    public Task<HttpResponseMessage> GetAsync(string url) => Client.GetAsync(new Uri(url, UriKind.Relative));

    public async Task<string> GetPageAsync(string url)
    {
        using var response = await GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? body
            : throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}: {body}");
    }

    /// <summary>The antiforgery token of the first form on a page (the cookie half stays in <see cref="Cookies"/>).</summary>
    public async Task<string> AntiforgeryTokenAsync(string page) =>
        AntiforgeryTokenIn(await GetPageAsync(page)) ?? throw new InvalidOperationException($"{page} has no antiforgery token.");

    public static string? AntiforgeryTokenIn(string html) =>
        AntiforgeryInput().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups["value"].Value) : null;

    /// <summary>
    /// Posts a form with the antiforgery token read from <paramref name="tokenFrom"/> (a page this
    /// browser may see); without it, the form goes without a token.
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? tokenFrom)
    {
        List<KeyValuePair<string, string>> form = [.. fields];
        if (tokenFrom is not null)
        {
            form.Add(new("__RequestVerificationToken", await AntiforgeryTokenAsync(tokenFrom)));
        }

        using var content = new FormUrlEncodedContent(form);
        return await Client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>Posts a form with a given antiforgery token (or none).</summary>
    public async Task<HttpResponseMessage> PostFormWithTokenAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? antiforgeryToken)
    {
        List<KeyValuePair<string, string>> form = [.. fields];
        if (antiforgeryToken is not null)
        {
            form.Add(new("__RequestVerificationToken", antiforgeryToken));
        }

        using var content = new FormUrlEncodedContent(form);
        return await Client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="(?<value>[^"]+)"[^>]*>""")]
    private static partial Regex AntiforgeryInput();
}
