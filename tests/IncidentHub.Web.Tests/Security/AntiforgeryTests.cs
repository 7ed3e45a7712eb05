using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Security;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Security;

/// <summary>
/// A form post without its antiforgery token (as a cross-site forgery would send it) is refused and changes nothing.
/// </summary>
public sealed class AntiforgeryTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Making_a_token_without_the_antiforgery_token_is_refused()
    {
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);

        using var response = await browser.PostFormAsync("/account?handler=Create",
            [new("Input.Name", "forged"), new("Input.Scopes", Scopes.Admin), new("Input.ExpiresInDays", "365")],
            tokenFrom: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("ihub_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.ApiTokens.AnyAsync(token => token.Name == "forged"));
    }

    [Fact]
    public async Task Deactivating_an_account_without_the_antiforgery_token_is_refused()
    {
        var target = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);

        using var response = await browser.PostFormAsync(
            "/admin/accounts?handler=Active",
            [new("id", target.Id.ToString()), new("active", "False")],
            tokenFrom: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var api = App.CreateClient(target.Token);
        await api.GetOkAsync("/api/v1/me");
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused()
    {
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);

        using var response = await browser.PostFormAsync("/signout", [], tokenFrom: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Admin.DisplayName, await browser.GetPageAsync("/account"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_without_the_antiforgery_token_is_refused()
    {
        using var browser = new BrowserSession(App.Factory);

        using var response = await browser.PostFormAsync(
            "/signin", [new("Input.Email", Admin.Email), new("Input.Password", TestAccount.Password)], tokenFrom: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(browser.SessionCookie);
    }

    [Fact]
    public async Task An_antiforgery_token_from_another_persons_browser_is_refused()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var attacker = await BrowserSession.SignedInAsync(App.Factory, responder.Email);
        var attackersToken = await attacker.AntiforgeryTokenAsync("/account");
        using var victim = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);

        using var response = await victim.PostFormWithTokenAsync("/account?handler=Create",
            [new("Input.Name", "forged"), new("Input.Scopes", Scopes.Admin), new("Input.ExpiresInDays", "365")],
            attackersToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.ApiTokens.AnyAsync(token => token.Name == "forged"));
    }
}
