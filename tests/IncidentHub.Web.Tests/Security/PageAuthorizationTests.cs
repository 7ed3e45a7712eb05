using System.Net;
using System.Text.RegularExpressions;
using IncidentHub.Domain;
using IncidentHub.Web.Security;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Security;

/// <summary>
/// The pages that change something, against anonymous visitors and each account role: anonymous
/// visitors are sent to sign in, non-admins are kept off the admin page, the allowed ones work.
/// </summary>
public sealed partial class PageAuthorizationTests(AppFixture app) : AppTest(app)
{
    public static TheoryData<string> ChangingPages =>
    [
        "/signout",
        "/account?handler=Create",
        "/account?handler=Revoke",
        "/admin/accounts?handler=Create",
        "/admin/accounts?handler=Role",
        "/admin/accounts?handler=Active",
    ];

    public static TheoryData<AccountRole> Roles =>
        [AccountRole.Viewer, AccountRole.Responder, AccountRole.IncidentManager, AccountRole.Admin];

    public static TheoryData<AccountRole, string> NonAdminsOnAdminHandlers
    {
        get
        {
            var data = new TheoryData<AccountRole, string>();
            foreach (var role in new[] { AccountRole.Viewer, AccountRole.Responder, AccountRole.IncidentManager })
            {
                foreach (var handler in new[] { "Create", "Role", "Active" })
                {
                    data.Add(role, handler);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ChangingPages))]
    public async Task An_anonymous_form_post_is_sent_to_sign_in_and_changes_nothing(string url)
    {
        var target = await App.CreateAccountAsync(AccountRole.Responder);
        var token = await App.CreateTokenAsync(target.Id, "deploy script", [Scopes.IncidentsRead]);
        using var browser = new BrowserSession(App.Factory);

        // A real antiforgery token (an anonymous visitor gets one on the sign-in page): only the missing sign-in stops
        // the post.
        using var response = await browser.PostFormAsync(
            url, FieldsFor(url, target, token.Id, "newcomer@example.com"), tokenFrom: "/signin");

        AssertRedirectsTo(response, "/signin");
        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.People.AnyAsync(person => person.Email == "newcomer@example.com"));
        Assert.Equal(AccountRole.Responder, (await db.Accounts.SingleAsync(account => account.Id == target.Id)).Role);
        Assert.True(
            await db.People.Where(person => person.Id == target.Id).Select(person => person.Active).SingleAsync());
        Assert.Null((await db.ApiTokens.SingleAsync(stored => stored.Id == token.Id)).RevokedAt);
        Assert.False(await db.ApiTokens.AnyAsync(stored => stored.Name == "alertmanager"));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_role_can_sign_out(AccountRole role)
    {
        var account = role == AccountRole.Admin ? Admin : await App.CreateAccountAsync(role);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, account.Email);

        using var response = await browser.PostFormAsync("/signout", [], tokenFrom: "/account");

        AssertRedirectsTo(response, "/signin");
        using var after = await browser.GetAsync("/account");
        AssertRedirectsTo(after, "/signin");
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_role_can_make_a_token_on_the_account_page_and_it_works_on_the_api(AccountRole role)
    {
        var account = role == AccountRole.Admin ? Admin : await App.CreateAccountAsync(role);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, account.Email);

        using var response = await browser.PostFormAsync("/account?handler=Create",
            [new("Input.Name", "alertmanager"), new(
                "Input.Scopes", Scopes.IncidentsRead), new("Input.ExpiresInDays", "30")],
            tokenFrom: "/account");

        // Post, redirect, get: a reload of the page cannot post the form again and make another token.
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.Equal("/account", response.Headers.Location?.OriginalString);
        using var shown = await browser.GetAsync("/account");
        var page = await shown.Content.ReadAsStringAsync();
        Assert.Contains("Copy it now: it is shown only once.", page, StringComparison.Ordinal);
        Assert.True(
            shown.Headers.CacheControl?.NoStore, "The page with the secret may be kept in the browser's cache.");
        var token = ShownToken().Match(page).Groups["token"].Value;
        Assert.StartsWith("ihub_", token, StringComparison.Ordinal);
        Assert.DoesNotContain(token, await browser.GetPageAsync("/account"), StringComparison.Ordinal);
        using var api = App.CreateClient(token);
        var me = await api.GetOkAsync("/api/v1/me");
        Assert.Equal(account.Id, me.GetProperty("id").GetGuid());
        Assert.Equal("alertmanager", me.GetProperty("tokenName").GetString());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_role_can_revoke_its_own_token_on_the_account_page(AccountRole role)
    {
        var account = role == AccountRole.Admin ? Admin : await App.CreateAccountAsync(role);
        var token = await App.CreateTokenAsync(account.Id, "old script", [Scopes.IncidentsRead]);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, account.Email);

        using var response = await browser.PostFormAsync(
            "/account?handler=Revoke", [new("id", token.Id.ToString())], tokenFrom: "/account");

        AssertRedirectsTo(response, "/account");
        using var api = App.CreateClient(token.Token);
        using var refused = await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", await browser.GetPageAsync("/account"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_elses_token_cannot_be_revoked_from_the_account_page()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        var other = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, responder.Email);
        var othersTokenId = (await App.Factory.CreateDbContext().ApiTokens.SingleAsync(token =>
            token.AccountId == other.Id)).Id;

        using var response = await browser.PostFormAsync(
            "/account?handler=Revoke", [new("id", othersTokenId.ToString())], tokenFrom: "/account");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var api = App.CreateClient(other.Token);
        using var stillWorks = await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Theory]
    [MemberData(nameof(NonAdminsOnAdminHandlers))]
    public async Task A_non_admin_is_refused_the_admin_page_and_changes_nothing(AccountRole role, string handler)
    {
        var account = await App.CreateAccountAsync(role);
        var target = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, account.Email);
        var url = $"/admin/accounts?handler={handler}";

        using var response = await browser.PostFormAsync(
            url, FieldsFor(url, target, Guid.Empty, "newcomer@example.com"), tokenFrom: "/account");

        AssertRedirectsTo(response, "/forbidden");
        using var forbidden = await browser.GetAsync(response.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("Not allowed", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.People.AnyAsync(person => person.Email == "newcomer@example.com"));
        Assert.Equal(AccountRole.Responder, (await db.Accounts.SingleAsync(stored => stored.Id == target.Id)).Role);
        Assert.True(
            await db.People.Where(person => person.Id == target.Id).Select(person => person.Active).SingleAsync());
    }

    [Theory]
    [InlineData(AccountRole.Viewer)]
    [InlineData(AccountRole.Responder)]
    [InlineData(AccountRole.IncidentManager)]
    public async Task A_non_admin_cannot_open_the_admin_page(AccountRole role)
    {
        var account = await App.CreateAccountAsync(role);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, account.Email);

        using var response = await browser.GetAsync("/admin/accounts");

        AssertRedirectsTo(response, "/forbidden");
        Assert.DoesNotContain(
            "href=\"/admin/accounts\"", await browser.GetPageAsync("/account"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_adds_an_account_on_the_admin_page_and_it_can_sign_in()
    {
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);

        using var response = await browser.PostFormAsync("/admin/accounts?handler=Create",
            [
                new("Input.DisplayName", "Dana Scully"),
                new("Input.Email", "dana@example.com"),
                new("Input.Role", "Responder"),
                new("Input.Password", TestAccount.Password),
            ],
            tokenFrom: "/admin/accounts");

        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, page);
        Assert.Contains("Dana Scully can now sign in as dana@example.com.", page, StringComparison.Ordinal);
        using var dana = await BrowserSession.SignedInAsync(App.Factory, "dana@example.com");
        Assert.Contains("Dana Scully", await dana.GetPageAsync("/account"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_changes_a_role_on_the_admin_page()
    {
        var target = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);

        using var response = await browser.PostFormAsync("/admin/accounts?handler=Role",
            [new("id", target.Id.ToString()), new("role", "Viewer")], tokenFrom: "/admin/accounts");

        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, page);
        Assert.Contains("Test Responder: Viewer, active.", page, StringComparison.Ordinal);
        using var api = App.CreateClient(target.Token);
        Assert.Equal("Viewer", (await api.GetOkAsync("/api/v1/me")).GetProperty("role").GetString());
    }

    [Fact]
    public async Task An_admin_deactivates_an_account_on_the_admin_page()
    {
        var target = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);

        using var response = await browser.PostFormAsync("/admin/accounts?handler=Active",
            [new("id", target.Id.ToString()), new("active", "False")], tokenFrom: "/admin/accounts");

        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, page);
        Assert.Contains("Test Responder: Responder, deactivated.", page, StringComparison.Ordinal);
        using var api = App.CreateClient(target.Token);
        using var refused = await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Setup_is_gone_once_an_account_exists_for_visitors_and_admins_alike()
    {
        using var anonymous = new BrowserSession(App.Factory);
        using var get = await anonymous.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);

        using var post = await anonymous.PostFormAsync(
            "/setup", SetupFields("mallory@example.com"), tokenFrom: "/signin");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        using var admin = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);
        using var adminPost = await admin.PostFormAsync(
            "/setup", SetupFields("mallory@example.com"), tokenFrom: "/account");
        Assert.Equal(HttpStatusCode.NotFound, adminPost.StatusCode);

        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.People.AnyAsync(person => person.Email == "mallory@example.com"));
    }

    internal static KeyValuePair<string, string>[] SetupFields(string email) =>
        [new("Input.DisplayName", "Mallory"), new("Input.Email", email), new("Input.Password", TestAccount.Password)];

    internal static void AssertRedirectsTo(HttpResponseMessage response, string path)
    {
        Assert.True(
            response.StatusCode == HttpStatusCode.Redirect,
            $"expected a redirect to {path}, got {(int)response.StatusCode}");
        Assert.Equal(path, new Uri(BrowserSession.BaseAddress, response.Headers.Location!).AbsolutePath);
    }

    /// <summary>A valid form for each page that changes something: what an allowed user would send.</summary>
    private static KeyValuePair<string, string>[] FieldsFor(
        string url, TestAccount target, Guid tokenId, string newEmail) => url switch
        {
            "/account?handler=Create" =>
                [new("Input.Name", "alertmanager"), new(
                "Input.Scopes", Scopes.IncidentsRead), new("Input.ExpiresInDays", "30")],
            "/account?handler=Revoke" => [new("id", tokenId.ToString())],
            "/admin/accounts?handler=Create" =>
                [new("Input.DisplayName", "Newcomer"), new("Input.Email", newEmail), new("Input.Role", "Admin"), new(
                "Input.Password", TestAccount.Password)],
            "/admin/accounts?handler=Role" => [new("id", target.Id.ToString()), new("role", "Admin")],
            "/admin/accounts?handler=Active" => [new("id", target.Id.ToString()), new("active", "False")],
            _ => [],
        };

    [GeneratedRegex("""<code class="secret">(?<token>[^<]+)</code>""")]
    private static partial Regex ShownToken();
}
