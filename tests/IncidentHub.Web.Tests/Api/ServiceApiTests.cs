using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Api;

public sealed class ServiceApiTests(AppFixture app) : AppTest(app)
{
    private const string Services = "/api/v1/services";

    private static readonly object Checkout = new
    {
        slug = "checkout-api",
        name = "Checkout API",
        description = "Takes orders and payments from the shop.",
        ownerTeam = "Payments",
        runbookUrl = "https://runbooks.example.com/checkout-api",
        shownOnStatusPage = true,
    };

    [Fact]
    public async Task A_service_is_added_read_back_and_listed()
    {
        var response = await Client.PostAsJsonAsync(Services, Checkout);
        var added = await response.ReadAsync(HttpStatusCode.Created);

        Assert.Equal("/api/v1/services/checkout-api", response.Headers.Location?.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(
            ("checkout-api", "Checkout API", "Payments", "https://runbooks.example.com/checkout-api", true, false),
            (added.Text("slug"), added.Text("name"), added.Text("ownerTeam"), added.Text("runbookUrl"),
                added.GetProperty("shownOnStatusPage").GetBoolean(), added.GetProperty("needsReview").GetBoolean()));
        var fetched = await Client.GetAsync(response.Headers.Location);
        Assert.Equal("Takes orders and payments from the shop.", (await fetched.ReadAsync()).Text("description"));
        Assert.Equal(response.Headers.ETag, fetched.Headers.ETag);
        var list = await (await Client.GetAsync(Services)).ReadAsync();
        Assert.Equal(["checkout-api"], Slugs(list));
        Assert.Equal(JsonValueKind.Null, list.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task A_slug_already_in_the_catalogue_is_a_conflict_and_the_first_entry_stays()
    {
        await (await Client.PostAsJsonAsync(Services, Checkout)).ReadAsync(HttpStatusCode.Created);

        var again = await Client.PostAsJsonAsync(Services, new { slug = "checkout-api", name = "Another checkout" });

        await again.RefusedAsync("ServiceSlugTaken");
        Assert.Equal("Checkout API", (await (await Client.GetAsync($"{Services}/checkout-api")).ReadAsync()).Text("name"));
    }

    [Fact]
    public async Task An_unknown_service_is_not_found()
    {
        await (await Client.GetAsync($"{Services}/no-such-service")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Client.SendJsonAsync(HttpMethod.Patch, $"{Services}/no-such-service", new { name = "Ghost" }))
            .ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_name_given_as_the_slug_is_refused_with_the_slug_it_would_make()
    {
        var response = await Client.PostAsJsonAsync(Services, new { slug = "Payments API", name = "Payments API" });

        var messages = await response.InvalidAsync("slug");
        Assert.Contains(messages, message => message.Contains("\"payments-api\"", StringComparison.Ordinal));
        Assert.Empty(Slugs(await (await Client.GetAsync(Services)).ReadAsync()));
    }

    [Fact]
    public async Task Each_invalid_field_gets_its_own_message()
    {
        var response = await Client.PostAsJsonAsync(Services, new
        {
            slug = "",
            name = "",
            ownerTeam = new string('t', Service.OwnerTeamMaxLength + 1),
            runbookUrl = "runbooks/checkout",
        });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(
            ["name", "ownerTeam", "runbookUrl", "slug"],
            errors.EnumerateObject().Select(field => field.Name).Order(StringComparer.Ordinal));
        Assert.Contains("runbook", errors.GetProperty("runbookUrl")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runbook_link_must_be_http_or_https()
    {
        var response = await Client.PostAsJsonAsync(
            Services, new { slug = "search", name = "Search", runbookUrl = "javascript:alert(1)" });

        await response.InvalidAsync("runbookUrl");
    }

    [Fact]
    public async Task A_partial_update_changes_only_the_fields_sent_and_marks_the_entry_reviewed()
    {
        await Client.DeclareAsync(new { title = "Payments fail", severity = "S2", source = "Monitoring", services = new[] { "payments" } });
        var before = await Client.GetAsync($"{Services}/payments");
        Assert.True((await before.ReadAsync()).GetProperty("needsReview").GetBoolean());

        var response = await Client.SendJsonAsync(HttpMethod.Patch, $"{Services}/payments",
            new { ownerTeam = "Money", runbookUrl = "https://runbooks.example.com/payments" },
            before.Headers.ETag!.ToString());
        var updated = await response.ReadAsync();

        Assert.Equal(
            ("payments", "payments", "Money", "https://runbooks.example.com/payments", false, 1),
            (updated.Text("slug"), updated.Text("name"), updated.Text("ownerTeam"), updated.Text("runbookUrl"),
                updated.GetProperty("needsReview").GetBoolean(), updated.GetProperty("openIncidents").GetInt32()));
        Assert.NotEqual(before.Headers.ETag, response.Headers.ETag);

        var cleared = await (await Client.SendJsonAsync(
            HttpMethod.Patch, $"{Services}/payments", new { runbookUrl = (string?)null })).ReadAsync();
        Assert.Equal((null, "Money"), (cleared.Text("runbookUrl"), cleared.Text("ownerTeam")));
    }

    [Fact]
    public async Task A_stale_if_match_is_refused_and_changes_nothing()
    {
        var added = await Client.PostAsJsonAsync(Services, Checkout);
        var etag = added.Headers.ETag!.ToString();
        await (await Client.SendJsonAsync(HttpMethod.Patch, $"{Services}/checkout-api", new { name = "Checkout" }, etag)).ReadAsync();

        var stale = await Client.SendJsonAsync(HttpMethod.Patch, $"{Services}/checkout-api", new { name = "Shop checkout" }, etag);

        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Checkout", (await (await Client.GetAsync($"{Services}/checkout-api")).ReadAsync()).Text("name"));
    }

    [Fact]
    public async Task The_slug_cannot_be_changed_and_an_update_is_validated_per_field()
    {
        await (await Client.PostAsJsonAsync(Services, Checkout)).ReadAsync(HttpStatusCode.Created);

        var renamed = await Client.SendJsonAsync(HttpMethod.Patch, $"{Services}/checkout-api", new { slug = "checkout" });
        await renamed.ProblemAsync(HttpStatusCode.BadRequest);
        var invalid = await Client.SendJsonAsync(HttpMethod.Patch, $"{Services}/checkout-api", new { name = "", runbookUrl = "ftp://example.com/x" });
        await invalid.InvalidAsync("name");
        await invalid.InvalidAsync("runbookUrl");
        Assert.Equal(["checkout-api"], Slugs(await (await Client.GetAsync(Services)).ReadAsync()));
    }

    [Fact]
    public async Task Entries_to_review_come_first_then_by_name_and_q_filters()
    {
        await (await Client.PostAsJsonAsync(Services, new { slug = "zebra", name = "Zebra", ownerTeam = "Search team" })).ReadAsync(HttpStatusCode.Created);
        await (await Client.PostAsJsonAsync(Services, new { slug = "alpha", name = "Alpha" })).ReadAsync(HttpStatusCode.Created);
        await Client.DeclareAsync(new { title = "Indexing stalls", severity = "S3", source = "Monitoring", services = new[] { "Indexer" } });

        Assert.Equal(["indexer", "alpha", "zebra"], Slugs(await (await Client.GetAsync(Services)).ReadAsync()));
        Assert.Equal(["zebra"], Slugs(await (await Client.GetAsync($"{Services}?q=SEARCH")).ReadAsync()));
    }

    [Fact]
    public async Task An_incident_naming_an_unknown_service_stores_its_slug_and_adds_it_for_review()
    {
        var incident = await Client.DeclareAsync(new { title = "Card payments fail", severity = "S2", source = "Monitoring", services = new[] { "Payments API" } });

        Assert.Equal(["payments-api"], incident.GetProperty("services").EnumerateArray().Select(service => service.GetString()));
        var service = await (await Client.GetAsync($"{Services}/payments-api")).ReadAsync();
        Assert.Equal(("Payments API", true, 1), (service.Text("name"), service.GetProperty("needsReview").GetBoolean(), service.GetProperty("openIncidents").GetInt32()));
    }

    [Fact]
    public async Task An_incident_naming_a_known_service_leaves_its_entry_as_it_is()
    {
        await (await Client.PostAsJsonAsync(Services, Checkout)).ReadAsync(HttpStatusCode.Created);
        var before = await (await Client.GetAsync($"{Services}/checkout-api")).ReadAsync();

        await Client.DeclareAsync(new { title = "Checkout is slow", severity = "S3", source = "CustomerReport", services = new[] { "Checkout API" } });

        var after = await (await Client.GetAsync($"{Services}/checkout-api")).ReadAsync();
        Assert.Equal(
            (before.Text("name"), before.Text("ownerTeam"), before.Text("runbookUrl"), false, before.Text("updatedAt")),
            (after.Text("name"), after.Text("ownerTeam"), after.Text("runbookUrl"), after.GetProperty("needsReview").GetBoolean(), after.Text("updatedAt")));
        Assert.Equal(1, after.GetProperty("openIncidents").GetInt32());
    }

    [Fact]
    public async Task A_responder_may_read_the_catalogue_but_not_add_or_change_it()
    {
        await (await Client.PostAsJsonAsync(Services, Checkout)).ReadAsync(HttpStatusCode.Created);
        var responder = await App.CreateAccountAsync(AccountRole.Responder);
        using var client = App.CreateClient(responder.Token);

        await (await client.GetAsync(Services)).ReadAsync();
        await (await client.PostAsJsonAsync(Services, new { slug = "search", name = "Search" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.SendJsonAsync(HttpMethod.Patch, $"{Services}/checkout-api", new { name = "Mine" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Checkout API", (await (await client.GetAsync($"{Services}/checkout-api")).ReadAsync()).Text("name"));
    }

    [Fact]
    public async Task A_viewer_may_read_the_catalogue()
    {
        await (await Client.PostAsJsonAsync(Services, Checkout)).ReadAsync(HttpStatusCode.Created);
        var viewer = await App.CreateAccountAsync(AccountRole.Viewer);
        using var client = App.CreateClient(viewer.Token);

        Assert.Equal(["checkout-api"], Slugs(await (await client.GetAsync(Services)).ReadAsync()));
        await (await client.GetAsync($"{Services}/checkout-api")).ReadAsync();
        await (await client.PostAsJsonAsync(Services, new { slug = "search", name = "Search" })).ProblemAsync(HttpStatusCode.Forbidden);
    }

    private static string[] Slugs(JsonElement list) =>
        [.. list.GetProperty("items").EnumerateArray().Select(service => service.Text("slug")!)];
}
