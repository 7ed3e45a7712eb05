using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Security;

/// <summary>A new installation: the one-time setup page, or the first admin from configuration.</summary>
public sealed class FirstStartTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Without_any_account_the_setup_page_makes_the_first_admin_once()
    {
        await App.DeleteAllAccountsAsync();
        using var browser = new BrowserSession(App.Factory);

        using var signIn = await browser.GetAsync("/signin");
        PageAuthorizationTests.AssertRedirectsTo(signIn, "/setup");

        using var setup = await browser.PostFormAsync("/setup",
            [new("Input.DisplayName", "Grace Hopper"), new("Input.Email", "grace@example.com"), new(
                "Input.Password", TestAccount.Password)],
            tokenFrom: "/setup");

        PageAuthorizationTests.AssertRedirectsTo(setup, "/");
        var account = await browser.GetPageAsync("/account");
        Assert.Contains("Grace Hopper", account, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/accounts\"", account, StringComparison.Ordinal);
        await using (var db = App.Factory.CreateDbContext())
        {
            Assert.Equal(AccountRole.Admin, (await db.Accounts.SingleAsync()).Role);
        }

        using var again = await browser.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var stranger = new BrowserSession(App.Factory);
        using var strangerGet = await stranger.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.NotFound, strangerGet.StatusCode);
        using var strangerSignIn = await stranger.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, strangerSignIn.StatusCode);
    }

    [Fact]
    public async Task A_setup_form_that_is_not_valid_makes_no_account()
    {
        await App.DeleteAllAccountsAsync();
        using var browser = new BrowserSession(App.Factory);

        using var response = await browser.PostFormAsync("/setup",
            [new(
                "Input.DisplayName",
                "Grace Hopper"), new("Input.Email", "grace@example.com"), new("Input.Password", "short")],
            tokenFrom: "/setup");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            "Passwords must be at least 12 characters",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
        Assert.Null(browser.SessionCookie);
        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.Accounts.AnyAsync());
    }

    [Fact]
    public async Task The_first_admin_can_come_from_configuration()
    {
        await App.DeleteAllAccountsAsync();

        await using var configured = new IncidentHubFactory(App.ConnectionString, App.Clock,
            ("IncidentHub:BootstrapAdmin:Email", "Ops@Example.com"),
            ("IncidentHub:BootstrapAdmin:Password", "a long bootstrap passphrase"));
        using var browser = await BrowserSession.SignedInAsync(
            configured, "ops@example.com", "a long bootstrap passphrase");

        var account = await browser.GetPageAsync("/account");
        Assert.Contains("Administrator", account, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/accounts\"", account, StringComparison.Ordinal);
        using var setup = await browser.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.NotFound, setup.StatusCode);
    }

    [Fact]
    public async Task Configuration_adds_no_admin_once_accounts_exist()
    {
        await using var configured = new IncidentHubFactory(App.ConnectionString, App.Clock,
            ("IncidentHub:BootstrapAdmin:Email", "ops@example.com"),
            ("IncidentHub:BootstrapAdmin:Password", "a long bootstrap passphrase"));
        using (configured.CreateApiClient())
        {
            // Creating a client starts the app.
        }

        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.People.AnyAsync(person => person.Email == "ops@example.com"));
        using var browser = new BrowserSession(configured);
        using var response = await browser.SignInAsync("ops@example.com", "a long bootstrap passphrase");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(browser.SessionCookie);
    }
}
