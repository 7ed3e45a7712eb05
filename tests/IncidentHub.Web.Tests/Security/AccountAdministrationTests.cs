using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Security;

/// <summary>Admins manage accounts without locking everybody out.</summary>
public sealed class AccountAdministrationTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("{\"active\":false}")]
    [InlineData("{\"role\":\"IncidentManager\"}")]
    public async Task The_last_active_admin_cannot_be_deactivated_or_demoted(string change)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Patch, new Uri($"/api/v1/accounts/{Admin.Id}", UriKind.Relative))
        {
            Content = new StringContent(change, System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await Client.SendAsync(request);

        await ApiCalls.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("LastAdminRequired", (await response.JsonAsync()).GetProperty("rule").GetString());
        Assert.Equal("Admin", (await Client.GetOkAsync("/api/v1/me")).GetProperty("role").GetString());
    }

    [Fact]
    public async Task With_another_admin_an_admin_can_step_down()
    {
        await App.CreateAccountAsync(AccountRole.Admin);

        var changed = await Client.SendOkAsync(
            HttpMethod.Patch, $"/api/v1/accounts/{Admin.Id}", new { role = "IncidentManager" });

        Assert.Equal("IncidentManager", changed.GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_service_account_cannot_sign_in()
    {
        await Client.PostOkAsync(
            "/api/v1/accounts",
            new { email = "grafana@example.com", displayName = "Grafana", role = "Viewer", serviceAccount = true });
        using var browser = new BrowserSession(App.Factory);

        using var response = await browser.SignInAsync("grafana@example.com", TestAccount.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(browser.SessionCookie);
    }
}
