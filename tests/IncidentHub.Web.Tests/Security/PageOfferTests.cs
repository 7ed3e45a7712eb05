using System.Net;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Security;

/// <summary>
/// Pages offer only what the user may do, as the command layer decides it: a Viewer is not offered
/// "Declare an incident", and the declare page tells them why instead of showing a form they could
/// not submit.
/// </summary>
public sealed class PageOfferTests(AppFixture app) : AppTest(app)
{
    private const string DeclareLink = "href=\"/incidents/new\"";

    [Fact]
    public async Task A_viewer_is_not_offered_to_declare_and_the_declare_page_answers_403_with_the_reason()
    {
        var viewer = await App.CreateAccountAsync(AccountRole.Viewer);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, viewer.Email);

        Assert.DoesNotContain(DeclareLink, await browser.GetPageAsync("/"), StringComparison.Ordinal);

        using var response = await browser.GetAsync("/incidents/new");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(
            "You cannot declare incidents. Your role (Viewer) does not allow this; it needs Responder.",
            page,
            StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Title\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AccountRole.Responder)]
    [InlineData(AccountRole.IncidentManager)]
    public async Task A_responder_is_offered_to_declare_and_gets_the_form(AccountRole role)
    {
        var responder = await App.CreateAccountAsync(role);
        using var browser = await BrowserSession.SignedInAsync(App.Factory, responder.Email);

        Assert.Contains(DeclareLink, await browser.GetPageAsync("/"), StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Title\"", await browser.GetPageAsync("/incidents/new"), StringComparison.Ordinal);
    }
}
