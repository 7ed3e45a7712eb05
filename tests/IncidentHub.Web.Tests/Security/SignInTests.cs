using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Security;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Security;

/// <summary>Signing in and out, lockout, and how long a browser session lives.</summary>
public sealed class SignInTests(AppFixture app) : AppTest(app)
{
    private static void AssertRedirectsTo(HttpResponseMessage response, string path) =>
        PageAuthorizationTests.AssertRedirectsTo(response, path);

    [Fact]
    public async Task The_right_password_signs_in_and_a_wrong_one_does_not()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = new BrowserSession(App.Factory);

        using var wrong = await browser.SignInAsync(responder.Email, "not the password at all");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains(
            "The email or the password is wrong", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(browser.SessionCookie);

        // Emails are case-insensitive, as people type them.
        using var right = await browser.SignInAsync(responder.Email.ToUpperInvariant(), TestAccount.Password);
        AssertRedirectsTo(right, "/");
        Assert.Contains("Test Responder", await browser.GetPageAsync("/account"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_password()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = new BrowserSession(App.Factory);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await browser.SignInAsync(responder.Email, $"wrong password number {attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var sixth = await browser.SignInAsync(responder.Email, TestAccount.Password);

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains(
            "this account is locked for 15 minutes", await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(browser.SessionCookie);
        using var account = await browser.GetAsync("/account");
        AssertRedirectsTo(account, "/signin");
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_the_account()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = new BrowserSession(App.Factory);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await browser.SignInAsync(responder.Email, $"wrong password number {attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var fifth = await browser.SignInAsync(responder.Email, TestAccount.Password);

        AssertRedirectsTo(fifth, "/");
    }

    [Fact]
    public async Task Signing_in_sets_a_new_session_cookie_whatever_cookie_the_browser_brought()
    {
        using var browser = new BrowserSession(App.Factory);
        browser.Cookies.Add(
            BrowserSession.BaseAddress, new Cookie(SecuritySetup.SessionCookie, "planted-by-an-attacker"));

        using var response = await browser.SignInAsync(Admin.Email, TestAccount.Password);

        AssertRedirectsTo(response, "/");
        Assert.NotNull(browser.SessionCookie);
        Assert.NotEqual("planted-by-an-attacker", browser.SessionCookie);
        Assert.Contains(Admin.DisplayName, await browser.GetPageAsync("/account"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_cookie_planted_in_a_victims_browser_never_becomes_the_victims_session()
    {
        // The attacker signs in with their own account and plants their session cookie in the victim's browser.
        var attacker = await App.CreateAccountAsync(AccountRole.Viewer);
        using var attackerBrowser = await BrowserSession.SignedInAsync(App.Factory, attacker.Email);
        var planted = attackerBrowser.SessionCookie!;
        using var victim = WithSessionCookie(planted);

        using var signIn = await victim.SignInAsync(Admin.Email, TestAccount.Password);

        AssertRedirectsTo(signIn, "/");
        using var replay = WithSessionCookie(planted);
        using var response = await replay.GetAsync("/account");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Admin.DisplayName, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Admin.Email, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_again_in_the_same_browser_starts_a_new_session_and_ends_the_old_one()
    {
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);
        var firstSession = browser.SessionCookie!;

        using (var again = await browser.SignInAsync(Admin.Email, TestAccount.Password))
        {
            AssertRedirectsTo(again, "/");
        }

        Assert.NotEqual(firstSession, browser.SessionCookie);
        Assert.Contains(Admin.DisplayName, await browser.GetPageAsync("/account"), StringComparison.Ordinal);
        using var replay = WithSessionCookie(firstSession);
        using var old = await replay.GetAsync("/account");
        AssertRedirectsTo(old, "/signin");
    }

    [Fact]
    public async Task Someone_signing_in_on_a_browser_where_another_person_is_signed_in_gets_their_own_session()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);

        using (var signIn = await browser.SignInAsync(responder.Email, TestAccount.Password))
        {
            AssertRedirectsTo(signIn, "/");
        }

        var page = await browser.GetPageAsync("/account");
        Assert.Contains(responder.Email, page, StringComparison.Ordinal);
        Assert.DoesNotContain(Admin.Email, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_secure_and_same_site_lax()
    {
        using var browser = new BrowserSession(App.Factory);

        using var response = await browser.SignInAsync(Admin.Email, TestAccount.Password);

        // Sign-in first deletes whatever session cookie there was (an empty value), then sets the new one.
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"),
            header => header.StartsWith(SecuritySetup.SessionCookie + "=", StringComparison.Ordinal)
                    && !header.StartsWith(SecuritySetup.SessionCookie + "=;", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(attribute => attribute.ToLowerInvariant())
            .ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("samesite=lax", attributes);
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_http_only_and_secure()
    {
        using var browser = new BrowserSession(App.Factory);

        using var response = await browser.GetAsync("/signin");

        var cookie = Assert.Single(
            response.Headers.GetValues("Set-Cookie"),
            header => header.StartsWith("incidenthub.antiforgery=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(attribute => attribute.ToLowerInvariant())
            .ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("secure", attributes);
    }

    [Fact]
    public async Task A_session_and_a_form_from_one_app_instance_work_on_another()
    {
        // Behind a load balancer, the next request may reach another instance sharing the database.
        await using var other = new IncidentHubFactory(App.ConnectionString, App.Clock);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);
        var antiforgery = await browser.AntiforgeryTokenAsync("/account");
        using var onOther = new BrowserSession(other);
        foreach (Cookie cookie in browser.Cookies.GetCookies(BrowserSession.BaseAddress))
        {
            onOther.Cookies.Add(BrowserSession.BaseAddress, new Cookie(cookie.Name, cookie.Value));
        }

        Assert.Contains(Admin.DisplayName, await onOther.GetPageAsync("/account"), StringComparison.Ordinal);
        using var created = await onOther.PostFormWithTokenAsync("/account?handler=Create",
            [new("Input.Name", "made elsewhere"), new(
                "Input.Scopes", Scopes.IncidentsRead), new("Input.ExpiresInDays", "30")],
            antiforgery);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("Copy it now", await onOther.GetPageAsync("/account"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server()
    {
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);
        var session = browser.SessionCookie!;

        using var signOut = await browser.PostFormAsync("/signout", [], tokenFrom: "/account");

        AssertRedirectsTo(signOut, "/signin");

        // Someone who copied the cookie before the sign-out cannot use it afterwards.
        using var replay = WithSessionCookie(session);
        using var response = await replay.GetAsync("/account");
        AssertRedirectsTo(response, "/signin");
        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.Sessions.AnyAsync(stored => stored.AccountId == Admin.Id));
    }

    [Fact]
    public async Task The_sign_out_button_in_the_page_header_signs_out()
    {
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);
        var page = await browser.GetPageAsync("/account");
        var headerForm = page[page.IndexOf("class=\"sign-out\"", StringComparison.Ordinal)..];
        headerForm = headerForm[..headerForm.IndexOf("</form>", StringComparison.Ordinal)];

        // Exactly what the browser sends when the button is pressed: the form's own fields.
        using var response = await browser.PostFormWithTokenAsync(
            "/signout", [], BrowserSession.AntiforgeryTokenIn(headerForm));

        AssertRedirectsTo(response, "/signin");
        using var after = await browser.GetAsync("/account");
        AssertRedirectsTo(after, "/signin");
    }

    [Fact]
    public async Task Deactivating_an_account_ends_its_browser_session_and_its_tokens_at_once()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, responder.Email);
        using var api = App.CreateClient(responder.Token);
        await api.GetOkAsync("/api/v1/me");

        await Client.SendOkAsync(HttpMethod.Patch, $"/api/v1/accounts/{responder.Id}", new { active = false });

        using var page = await browser.GetAsync("/account");
        AssertRedirectsTo(page, "/signin");
        using var call = await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
        using var again = new BrowserSession(App.Factory);
        using var signIn = await again.SignInAsync(responder.Email, TestAccount.Password);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Null(again.SessionCookie);
    }

    [Fact]
    public async Task A_role_change_ends_the_browser_session_so_the_new_role_applies()
    {
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, responder.Email);

        await Client.SendOkAsync(HttpMethod.Patch, $"/api/v1/accounts/{responder.Id}", new { role = "Viewer" });

        using var page = await browser.GetAsync("/account");
        AssertRedirectsTo(page, "/signin");
        using var again = await BrowserSession.SignedInAsync(App.Factory, responder.Email);
        Assert.Contains("Viewer", await again.GetPageAsync("/account"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_idle_for_nine_hours_has_ended()
    {
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);

        App.Clock.Advance(TimeSpan.FromHours(9));

        using var response = await browser.GetAsync("/account");
        AssertRedirectsTo(response, "/signin");
    }

    [Fact]
    public async Task After_a_timeout_the_same_browser_signs_in_again()
    {
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);
        App.Clock.Advance(TimeSpan.FromHours(9));
        using (var expired = await browser.GetAsync("/account"))
        {
            AssertRedirectsTo(expired, "/signin");
        }

        using var signIn = await browser.SignInAsync(Admin.Email, TestAccount.Password, "/account");

        Assert.Equal("/account", signIn.Headers.Location!.OriginalString);
        Assert.Contains(Admin.DisplayName, await browser.GetPageAsync("/account"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_used_every_seven_hours_lives_on_until_three_days_after_sign_in()
    {
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);

        // Seven hours idle is within the eight allowed, again and again, up to 70 hours after sign-in...
        for (var hours = 7; hours <= 70; hours += 7)
        {
            App.Clock.Advance(TimeSpan.FromHours(7));
            using var response = await browser.GetAsync("/account");
            Assert.True(
                response.StatusCode == HttpStatusCode.OK,
                $"{hours} h after sign-in: {(int)response.StatusCode} {response.Headers.Location}");
        }

        // ...but not past three days, however active.
        App.Clock.Advance(TimeSpan.FromHours(3));
        using var expired = await browser.GetAsync("/account");
        AssertRedirectsTo(expired, "/signin");
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    public async Task Sign_in_never_redirects_to_another_site(string returnUrl)
    {
        using var browser = new BrowserSession(App.Factory);

        using var response = await browser.SignInAsync(Admin.Email, TestAccount.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_returns_to_the_page_asked_for()
    {
        using var browser = new BrowserSession(App.Factory);
        using var asked = await browser.GetAsync("/account");
        AssertRedirectsTo(asked, "/signin");

        using var response = await browser.SignInAsync(Admin.Email, TestAccount.Password, "/account");

        Assert.Equal("/account", response.Headers.Location!.OriginalString);
    }

    /// <summary>Another browser that holds only the given session cookie, as someone who copied it would.</summary>
    private BrowserSession WithSessionCookie(string value)
    {
        var browser = new BrowserSession(App.Factory);
        browser.Cookies.Add(BrowserSession.BaseAddress, new Cookie(SecuritySetup.SessionCookie, value));
        return browser;
    }
}
