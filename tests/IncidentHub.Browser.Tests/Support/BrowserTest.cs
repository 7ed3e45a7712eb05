using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Accounts;
using IncidentHub.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentHub.Browser.Tests.Support;

/// <summary>A signed-up person of the tests; every one has the same password.</summary>
public sealed record TestUser(Guid Id, string Email, string Name, AccountRole Role)
{
    public const string Password = "correct horse battery staple";
}

/// <summary>The two screens the tests use: a laptop and a phone.</summary>
public enum Screen
{
    Desktop,
    Phone,
}

/// <summary>
/// Base of every browser test: a reset database with four accounts (an admin, the Incident Manager
/// Ivy, the Responder Rita and a Viewer), fresh browser contexts, and an API client for setting up
/// data that a test is not about. Pages that throw a script error or break the Content Security
/// Policy fail the test.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture app) : IAsyncLifetime
{
    /// <summary>How long a change made elsewhere may take to show on an open page.</summary>
    protected const float LiveTimeoutMs = 2000;

    private readonly List<IBrowserContext> contexts = [];
    private readonly List<string> pageProblems = [];

    protected BrowserFixture App { get; } = app;

    /// <summary>False for tests of a brand-new installation, which has no account at all.</summary>
    protected virtual bool CreatesAccounts => true;

    protected TestUser Admin { get; private set; } = null!;

    protected TestUser Ivy { get; private set; } = null!;

    protected TestUser Rita { get; private set; } = null!;

    protected TestUser Viewer { get; private set; } = null!;

    /// <summary>The REST API as Ivy (Incident Manager), for data a test needs but is not about.</summary>
    protected SeedApi Api { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await App.ResetAsync();
        if (!CreatesAccounts)
        {
            return;
        }

        Admin = await CreateAccountAsync("admin@example.com", "Ada Admin", AccountRole.Admin);
        Ivy = await CreateAccountAsync("ivy@example.com", "Ivy Manager", AccountRole.IncidentManager);
        Rita = await CreateAccountAsync("rita@example.com", "Rita Responder", AccountRole.Responder);
        Viewer = await CreateAccountAsync("victor@example.com", "Victor Viewer", AccountRole.Viewer);
        Api = new SeedApi(App.BaseAddress, App.Certificate, await CreateTokenAsync(Ivy));
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        lock (pageProblems)
        {
            Assert.True(pageProblems.Count == 0, "The pages reported problems:\n" + string.Join("\n", pageProblems));
        }
    }

    /// <summary>A new browser context (its own cookies, like another person's browser) with one page.</summary>
    protected async Task<IPage> NewPageAsync(
        Screen screen = Screen.Desktop, string timeZone = "Europe/Berlin", bool bypassCsp = false, bool javaScriptEnabled = true)
    {
        var phone = screen == Screen.Phone;
        var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 375, Height = 812 } : new ViewportSize { Width = 1280, Height = 800 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
            Locale = "en-US",
            TimezoneId = timeZone,
            // Only for injecting axe-core, whose inline script the app's policy rightly refuses.
            BypassCSP = bypassCsp,
            JavaScriptEnabled = javaScriptEnabled,
            // The app's certificate is the fixture's own, self-signed.
            IgnoreHTTPSErrors = true,
        });
        contexts.Add(context);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Report($"{page.Url}: script error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                Report($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>A new browser context signed in as <paramref name="user"/> through the sign-in page, on the incident list.</summary>
    protected async Task<IPage> SignInAsync(TestUser user, Screen screen = Screen.Desktop, string timeZone = "Europe/Berlin", bool bypassCsp = false)
    {
        var page = await NewPageAsync(screen, timeZone, bypassCsp);
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(TestUser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// An incident with something in every section, set up through the API: declared S2 by Ivy,
    /// Ivy as IM, Rita as EOC, Ada as CMOC, a severity change, a note, a status update, a
    /// corrective action owned by Rita and a review; left in Learnings.
    /// </summary>
    protected async Task<long> SeedWorkedIncidentAsync(
        string title = "Checkout returns 502s for card payments", string service = "checkout-api", string action = "Add a canary stage to the checkout deploy")
    {
        var number = await Api.DeclareAsync(title, "S3", "Monitoring", service);
        await Api.AssignAsync(number, "IncidentManager", Ivy.Id);
        await Api.AssignAsync(number, "EngineerOnCall", Rita.Id);
        await Api.AssignAsync(number, "CommunicationsManagerOnCall", Admin.Id);
        await Api.ChangeSeverityAsync(number, "S2", "One in five card payments fails");
        await Api.AddNoteAsync(number, "Error rate on checkout-api jumped to 20 % after the 14:02 deploy.");
        await Api.PostStatusAsync(number, "External", "Some card payments fail. We are rolling back the latest release.");
        foreach (var phase in new[] { "Investigation", "Containment", "Remediation", "Recovery" })
        {
            await Api.MoveAsync(number, phase);
        }

        await Api.AddActionAsync(number, action, "Prevention", Rita.Id, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14)), "https://tracker.example.com/CHK-101");
        await Api.MoveAsync(number, "Learnings");
        await Api.SaveReviewAsync(number, "A **connection-pool** setting in release 4.12 halved the pool size under load.",
            "Payments failed", "The pool was exhausted", "Release 4.12 halved it", "The setting was not reviewed", "Config changes skip review");
        return number;
    }

    /// <summary>Waits until the page's live connection (Server-Sent Events) is open, so that changes from now on reach it.</summary>
    protected static Task WaitForLiveAsync(IPage page) =>
        Expect(page.Locator("body[data-live=connected]")).ToHaveCountAsync(1);

    private void Report(string problem)
    {
        lock (pageProblems)
        {
            pageProblems.Add(problem);
        }
    }

    private async Task<TestUser> CreateAccountAsync(string email, string name, AccountRole role)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<AccountRegistry>();
        var account = await registry.CreateAsync(email, name, role, TestUser.Password, serviceAccount: false, CancellationToken.None);
        return new TestUser(account.Id, email, name, role);
    }

    private async Task<string> CreateTokenAsync(TestUser user)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IncidentHubDbContext>();
        var token = Secrets.NewApiToken();
        var now = DateTimeOffset.UtcNow;
        db.ApiTokens.Add(new ApiToken
        {
            Id = Guid.CreateVersion7(),
            AccountId = user.Id,
            Name = "alertmanager",
            Scopes = [Scopes.IncidentsRead, Scopes.IncidentsWrite],
            TokenHash = Secrets.Hash(token),
            Prefix = Secrets.DisplayPrefix(token),
            CreatedAt = now,
            CreatedById = user.Id,
            ExpiresAt = now.AddDays(1),
        });
        await db.SaveChangesAsync();
        return token;
    }
}
