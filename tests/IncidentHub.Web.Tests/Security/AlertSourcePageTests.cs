using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Security;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.Security;

/// <summary>
/// The alert-source pages against each kind of visitor: only admins see or change them, and what they change goes
/// through the same commands as the API.
/// </summary>
public sealed class AlertSourcePageTests(AppFixture app) : AppTest(app)
{
    private const string List = "/admin/alert-sources";

    public static TheoryData<AccountRole, string> NonAdminsOnHandlers
    {
        get
        {
            var data = new TheoryData<AccountRole, string>();
            foreach (var role in new[] { AccountRole.Viewer, AccountRole.Responder, AccountRole.IncidentManager })
            {
                foreach (var handler in new[] { "Create", "Save", "Enabled", "Rotate" })
                {
                    data.Add(role, handler);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(NonAdminsOnHandlers))]
    public async Task A_non_admin_is_refused_every_change_and_nothing_changes(AccountRole role, string handler)
    {
        var (id, secret) = await CreateSourceAsync();
        var account = await App.CreateAccountAsync(role);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, account.Email);

        using var response = await browser.PostFormAsync(
            handler == "Create" ? $"{List}?handler=Create" : $"{List}/{id}?handler={handler}",
            Fields(handler),
            tokenFrom: "/account");

        PageAuthorizationTests.AssertRedirectsTo(response, "/forbidden");
        await AssertUnchangedAsync(id, secret);
    }

    [Fact]
    public async Task An_anonymous_post_is_sent_to_sign_in_and_changes_nothing()
    {
        var (id, secret) = await CreateSourceAsync();
        using var browser = new BrowserSession(App.Factory);

        using var response = await browser.PostFormAsync(
            $"{List}/{id}?handler=Enabled", Fields("Enabled"), tokenFrom: "/signin");

        PageAuthorizationTests.AssertRedirectsTo(response, "/signin");
        await AssertUnchangedAsync(id, secret);
    }

    [Theory]
    [InlineData(AccountRole.Viewer)]
    [InlineData(AccountRole.Responder)]
    [InlineData(AccountRole.IncidentManager)]
    public async Task A_non_admin_cannot_open_the_pages_nor_is_offered_them(AccountRole role)
    {
        var (id, _) = await CreateSourceAsync();
        var account = await App.CreateAccountAsync(role);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, account.Email);

        foreach (var url in new[] { List, $"{List}/{id}" })
        {
            using var response = await browser.GetAsync(url);
            PageAuthorizationTests.AssertRedirectsTo(response, "/forbidden");
        }

        Assert.DoesNotContain($"href=\"{List}\"", await browser.GetPageAsync("/account"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_shows_the_address_as_the_request_reached_the_app()
    {
        var (id, _) = await CreateSourceAsync();
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);

        var page = await browser.GetPageAsync($"{List}/{id}");

        Assert.Contains($"https://localhost/api/v1/ingest/{id}", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{List}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_on_the_page_sends_every_setting_and_a_wrong_one_is_shown_beside_its_field()
    {
        var (id, _) = await CreateSourceAsync();
        using var browser = await BrowserSession.SignedInAsync(App.Factory, Admin.Email);
        var tooMany = string.Join(", ", Enumerable.Range(1, AlertSource.MaxLabelNames + 1).Select(i => $"label{i}"));

        using var refused = await browser.PostFormAsync($"{List}/{id}?handler=Save",
            Settings(severityLabels: tooMany), tokenFrom: $"{List}/{id}");
        var page = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Give at most 10 label names", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{tooMany}\"", page, StringComparison.Ordinal);

        using var saved = await browser.PostFormAsync($"{List}/{id}?handler=Save",
            Settings(severityLabels: "urgency, level"), tokenFrom: $"{List}/{id}");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = App.Factory.CreateDbContext();
        var stored = await db.AlertSources.SingleAsync(source => source.Id == id);
        Assert.Equal("Prometheus EU", stored.Name);
        Assert.Equal(AlertSourceKind.Events, stored.Kind);
        Assert.Equal("payments-api", stored.DefaultService);
        Assert.Equal(["urgency", "level"], stored.SeverityLabels);
        Assert.Equal(["cluster"], stored.GroupByLabels);
        Assert.Equal("app", stored.ServiceLabel);
        Assert.True(stored.DeclareImmediately);
        Assert.Equal(30, stored.MaxNewIncidentsPerMinute);
    }

    private static KeyValuePair<string, string>[] Settings(string severityLabels) =>
    [
        new("Input.Name", "Prometheus EU"), new("Input.Kind", "Events"), new("Input.DefaultService", "Payments API"),
        new("Input.SeverityLabels", severityLabels), new("Input.ServiceLabel", "app"),
        new("Input.GroupByLabels", "cluster"), new("Input.MaxNewIncidentsPerMinute", "30"),
        new("Input.DeclareImmediately", "true"), new("Input.MitigateWhenResolved", "false"),
    ];

    private static KeyValuePair<string, string>[] Fields(string handler) => handler switch
    {
        "Create" => [new("Input.Name", "Sneaky"), new("Input.Kind", "Generic"), new("Input.MaxNewIncidentsPerMinute", "10")],
        "Save" => [new("Input.Name", "Renamed"), new("Input.Kind", "Generic"), new("Input.MaxNewIncidentsPerMinute", "10")],
        "Enabled" => [new("enabled", "False")],
        _ => [new("confirm", "true")],
    };

    private async Task<(Guid Id, string Secret)> CreateSourceAsync()
    {
        var created = await Client.PostOkAsync("/api/v1/alert-sources", new { name = "Prometheus", kind = "Alertmanager" });
        return (created.GetProperty("source").Id(), created.GetProperty("secret").GetString()!);
    }

    private async Task AssertUnchangedAsync(Guid id, string secret)
    {
        await using var db = App.Factory.CreateDbContext();
        var source = await db.AlertSources.SingleAsync();
        Assert.Equal(id, source.Id);
        Assert.Equal("Prometheus", source.Name);
        Assert.True(source.Enabled);
        Assert.Equal(Secrets.Hash(secret), source.SecretHash);
    }
}
