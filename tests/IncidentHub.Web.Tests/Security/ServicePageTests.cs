using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Security;

/// <summary>
/// The service pages send the same commands as the API, so a form posted by someone the page would not offer it to
/// is refused by the command's own authorization and changes nothing.
/// </summary>
public sealed class ServicePageTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData(AccountRole.Viewer)]
    [InlineData(AccountRole.Responder)]
    public async Task Adding_a_service_on_the_page_is_refused_below_incident_manager(AccountRole role)
    {
        var account = await App.CreateAccountAsync(role);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, account.Email);

        using var response = await browser.PostFormAsync("/services/new", NewService("search"), tokenFrom: "/services");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.Services.AnyAsync());
    }

    [Fact]
    public async Task Editing_a_service_on_the_page_is_refused_to_a_responder()
    {
        await Client.DeclareAsync(new { title = "Search is down", severity = "S2", source = "Monitoring", services = new[] { "search" } });
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, responder.Email);

        using var response = await browser.PostFormAsync(
            "/services/search", Edit("Search", "https://runbooks.example.com/search"), tokenFrom: "/services/search");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = App.Factory.CreateDbContext();
        var service = await db.Services.SingleAsync();
        Assert.Equal(("search", null, true), (service.Name, service.RunbookUrl, service.NeedsReview));
    }

    [Fact]
    public async Task An_incident_manager_adds_and_edits_a_service_on_the_pages()
    {
        var manager = await App.CreateAccountAsync(AccountRole.IncidentManager);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, manager.Email);

        using var added = await browser.PostFormAsync("/services/new", NewService("search"), tokenFrom: "/services/new");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/services/search", added.Headers.Location?.OriginalString);
        using var edited = await browser.PostFormAsync(
            "/services/search", Edit("Product search", "https://runbooks.example.com/search"), tokenFrom: "/services/search");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        await using var db = App.Factory.CreateDbContext();
        var service = await db.Services.SingleAsync();
        Assert.Equal(
            ("search", "Product search", "Discovery", "https://runbooks.example.com/search", false),
            (service.Slug, service.Name, service.OwnerTeam, service.RunbookUrl, service.NeedsReview));
    }

    [Fact]
    public async Task A_refused_form_keeps_what_was_typed_and_says_why_beside_the_field()
    {
        var manager = await App.CreateAccountAsync(AccountRole.IncidentManager);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, manager.Email);

        using var response = await browser.PostFormAsync(
            "/services/new",
            [new("Input.Slug", "Product Search"), new("Input.Name", "Product search"), new("Input.OwnerTeam", "Discovery"),
                new("Input.RunbookUrl", "runbooks/search")],
            tokenFrom: "/services/new");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"product-search\"", html, StringComparison.Ordinal);
        Assert.Contains("http or https link to the runbook", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Product Search\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Discovery\"", html, StringComparison.Ordinal);
        await using var db = App.Factory.CreateDbContext();
        Assert.False(await db.Services.AnyAsync());
    }

    private static KeyValuePair<string, string>[] NewService(string slug) =>
        [new("Input.Slug", slug), new("Input.Name", "Search"), new("Input.OwnerTeam", "Discovery"), new("Input.ShownOnStatusPage", "false")];

    private static KeyValuePair<string, string>[] Edit(string name, string runbook) =>
        [new("Edit.Name", name), new("Edit.OwnerTeam", "Discovery"), new("Edit.RunbookUrl", runbook), new("Edit.ShownOnStatusPage", "false")];
}
