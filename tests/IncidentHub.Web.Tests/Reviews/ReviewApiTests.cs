using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Testing;
using IncidentHub.Web.Tests.Support;

namespace IncidentHub.Web.Tests.Reviews;

/// <summary>
/// Reviews through the API as a team runs them: which incidents need one, the plan (state, owner, due date, meeting),
/// the sections, starred timeline entries, the Markdown export, overdue reviews in the list and as a webhook event.
/// </summary>
public sealed class ReviewApiTests(AppFixture app) : AppTest(app), IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        receiver = await WebhookReceiver.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await receiver.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public async Task An_S1_needs_a_review_due_two_weeks_after_its_resolution_and_still_after_a_downgrade()
    {
        var declared = await Client.DeclareAsync("Checkout is failing", "S1");
        var status = declared.GetProperty("reviewStatus");
        Assert.True(status.GetProperty("required").GetBoolean());
        Assert.Equal("It was S1 (critical).", status.Text("requiredBecause"));
        Assert.Equal("NotStarted", status.Text("state"));
        Assert.Equal(JsonValueKind.Null, status.GetProperty("dueOn").ValueKind);

        var number = declared.Number();
        await Client.SetSeverityAsync(number, "S3", "Only the EU region after all");
        var incident = await Client.IncidentInAsync(Phase.Recovery, "Search is slow", "S2");

        Assert.True((await Client.GetIncidentAsync(number)).GetProperty("reviewStatus").GetProperty("required").GetBoolean());
        Assert.Equal("2026-03-16", incident.GetProperty("reviewStatus").Text("dueOn"));
        var listed = (await Client.GetPageAsync("/api/v1/reviews")).Items;
        Assert.Equal([incident.Number(), number], listed.Select(review => review.Number()));
    }

    [Fact]
    public async Task Another_incident_needs_one_when_someone_asks_saying_why_and_not_after_the_request_is_withdrawn()
    {
        var number = (await Client.DeclareAsync("Search is slow", "S3")).Number();
        Assert.False((await Client.GetIncidentAsync(number)).GetProperty("reviewStatus").GetProperty("required").GetBoolean());

        var refused = await (await Client.PostAsJsonAsync($"{ApiClient.IncidentUrl(number)}/review/request", new { reason = "" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("reason", out _));

        var requested = await (await Client.PostAsJsonAsync(
            $"{ApiClient.IncidentUrl(number)}/review/request", new { reason = "The third time this month" })).ReadAsync();
        var status = requested.GetProperty("reviewStatus");
        Assert.True(status.GetProperty("required").GetBoolean());
        Assert.StartsWith(Admin.DisplayName, status.Text("requestedBy"), StringComparison.Ordinal);
        Assert.EndsWith(" asked for one: The third time this month", status.Text("requiredBecause"), StringComparison.Ordinal);
        Assert.Single((await Client.GetPageAsync("/api/v1/reviews")).Items);

        var withdrawn = await (await Client.DeleteAsync($"{ApiClient.IncidentUrl(number)}/review/request")).ReadAsync();
        Assert.False(withdrawn.GetProperty("reviewStatus").GetProperty("required").GetBoolean());
        Assert.Empty((await Client.GetPageAsync("/api/v1/reviews")).Items);
    }

    [Fact]
    public async Task The_plan_is_refused_by_field_where_it_cannot_hold_and_kept_where_it_can()
    {
        var number = (await Client.DeclareAsync("Checkout is failing", "S2")).Number();
        var plan = $"{ApiClient.IncidentUrl(number)}/review/plan";

        var notWritten = await (await Client.PutAsJsonAsync(plan, new { state = "InReview" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(notWritten.GetProperty("errors").TryGetProperty("state", out _));
        var noState = await (await Client.PutAsJsonAsync(plan, new { })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(noState.GetProperty("errors").TryGetProperty("state", out _));
        var badState = await Client.PutAsync(plan, new StringContent("""{"state":"Finished"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);

        await (await Client.PutAsJsonAsync($"{ApiClient.IncidentUrl(number)}/review", new { customersAffected = "EU merchants" })).ReadAsync();
        var unpublishable = await (await Client.PutAsJsonAsync(plan, new { state = "Published" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("root cause", unpublishable.GetProperty("errors").GetProperty("state")[0].GetString(), StringComparison.Ordinal);
        var nobody = await (await Client.PutAsJsonAsync(plan, new { state = "InReview", ownerId = Guid.NewGuid() })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(nobody.GetProperty("errors").TryGetProperty("ownerId", out _));
        var tooMany = await (await Client.PutAsJsonAsync(plan, new { state = "InReview", attendees = Enumerable.Range(1, 51).Select(i => $"P{i}") }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(tooMany.GetProperty("errors").TryGetProperty("attendees", out _));

        var owner = await Client.AddPersonAsync("Olive Owner");
        var planned = await (await Client.PutAsJsonAsync(plan, new
        {
            state = "InReview",
            ownerId = owner,
            dueOn = "2026-03-20",
            meetingAt = "2026-03-10T15:00:00Z",
            attendees = new[] { "Olive Owner", "Erin Engineer" },
        })).ReadAsync();
        var status = planned.GetProperty("reviewStatus");
        Assert.Equal("InReview", status.Text("state"));
        Assert.Equal(owner, status.GetProperty("ownerId").GetGuid());
        Assert.Equal("2026-03-20", status.Text("dueOn"));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero), status.GetProperty("meetingAt").GetDateTimeOffset());
        Assert.Equal(["Olive Owner", "Erin Engineer"], status.GetProperty("attendees").EnumerateArray().Select(name => name.GetString()));
        var timeline = (await Client.GetPageAsync($"{ApiClient.IncidentUrl(number)}/timeline")).Items;
        Assert.Contains(timeline, entry => entry.Text("text") ==
            "Review planned: state to In review, owner, due date to 2026-03-20, meeting to 2026-03-10 15:00 UTC, attendees.");
    }

    [Fact]
    public async Task A_root_cause_category_must_be_one_of_the_list_whatever_its_case()
    {
        var number = (await Client.DeclareAsync("Checkout is failing", "S2")).Number();
        var categories = await (await Client.GetAsync("/api/v1/reviews/categories")).ReadAsync();
        Assert.Contains("Configuration change", categories.EnumerateArray().Select(category => category.GetString()));

        var refused = await (await Client.PutAsJsonAsync($"{ApiClient.IncidentUrl(number)}/review", new { rootCauseCategory = "Gremlins" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Configuration change", refused.GetProperty("errors").GetProperty("rootCauseCategory")[0].GetString(), StringComparison.Ordinal);

        var saved = await (await Client.PutAsJsonAsync($"{ApiClient.IncidentUrl(number)}/review", new { rootCauseCategory = "saturation" })).ReadAsync();
        Assert.Equal("Saturation", saved.GetProperty("review").Text("rootCauseCategory"));
        Assert.Equal("Draft", saved.GetProperty("reviewStatus").Text("state"));
    }

    [Fact]
    public async Task Starred_entries_and_the_milestones_make_the_reviews_timeline_in_JSON_and_Markdown()
    {
        var incident = await Client.DeclareAsync(new
        {
            title = "Checkout is failing",
            severity = "S1",
            source = "CustomerReport",
            services = new[] { "checkout" },
            impactStartedAt = "2026-03-02T08:30:00Z",
        });
        var number = incident.Number();
        var note = await (await Client.PostAsJsonAsync($"{ApiClient.IncidentUrl(number)}/timeline", new { text = "Rolled back | the deploy" }))
            .ReadAsync(HttpStatusCode.Created);
        var other = await (await Client.PostAsJsonAsync($"{ApiClient.IncidentUrl(number)}/timeline", new { text = "Not important" }))
            .ReadAsync(HttpStatusCode.Created);
        var star = $"{ApiClient.IncidentUrl(number)}/timeline/{note.GetProperty("id").GetInt64()}/star";
        (await Client.PutAsync(star, null)).EnsureSuccessStatusCode();
        (await Client.PutAsync($"{ApiClient.IncidentUrl(number)}/timeline/{other.GetProperty("id").GetInt64()}/star", null)).EnsureSuccessStatusCode();
        (await Client.DeleteAsync($"{ApiClient.IncidentUrl(number)}/timeline/{other.GetProperty("id").GetInt64()}/star")).EnsureSuccessStatusCode();
        var elsewhere = (await Client.DeclareAsync("Search is slow")).Number();
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PutAsync($"{ApiClient.IncidentUrl(elsewhere)}/timeline/{note.GetProperty("id").GetInt64()}/star", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PutAsync($"{ApiClient.IncidentUrl(number)}/timeline/x1/star", null)).StatusCode);
        await (await Client.PutAsJsonAsync($"{ApiClient.IncidentUrl(number)}/review", new
        {
            rootCauseSummary = "A **bad** deploy.",
            rootCauseCategory = "Software change",
            customersAffected = "EU merchants",
            fiveWhys = new[] { "Payments failed", "The client was broken" },
            lessonsLearned = "Canary first.",
        })).ReadAsync();

        var document = await (await Client.GetAsync($"{ApiClient.IncidentUrl(number)}/review")).ReadAsync();
        var starred = Assert.Single(document.GetProperty("starred").EnumerateArray());
        Assert.Equal("Rolled back | the deploy", starred.GetProperty("entry").Text("text"));
        Assert.Equal(["Impact started", "Detected", "Declared"], document.GetProperty("milestones").EnumerateArray().Select(milestone => milestone.Text("name")));
        Assert.Equal(30 * 60, document.GetProperty("timeToDetectSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, document.GetProperty("status").GetProperty("minutesOfDegradation").ValueKind);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{ApiClient.IncidentUrl(number)}/review");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/markdown"));
        var markdown = await Client.SendAsync(request);
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        var text = await markdown.Content.ReadAsStringAsync();
        Assert.StartsWith($"# INC-{number} incident review: Checkout is failing", text, StringComparison.Ordinal);
        foreach (var heading in new[] { "## Summary", "## Customer impact", "## Response", "## Timeline", "## Five whys", "## Root cause", "## Lessons learned", "## Corrective actions" })
        {
            Assert.Contains($"\n{heading}\n", text, StringComparison.Ordinal);
        }

        Assert.Contains("| 2026-03-02 08:30 | Impact started |", text, StringComparison.Ordinal);
        Assert.Contains("Rolled back \\| the deploy", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Not important", text, StringComparison.Ordinal);
        Assert.Contains("**Category:** Software change", text, StringComparison.Ordinal);
        Assert.Contains("- **Who was affected:** EU merchants", text, StringComparison.Ordinal);
        Assert.Contains("2. The client was broken", text, StringComparison.Ordinal);
        Assert.Equal(text, await Client.GetStringAsync($"{ApiClient.IncidentUrl(number)}/review.md"));

        using var anything = new HttpRequestMessage(HttpMethod.Get, $"{ApiClient.IncidentUrl(number)}/review");
        anything.Headers.Accept.ParseAdd("*/*");
        Assert.Equal("application/json", (await Client.SendAsync(anything)).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_overdue_review_is_listed_counted_and_announced_once_until_published()
    {
        await Client.RegisterAsync(receiver, "StandardWebhooks", "incident.review_overdue");
        var number = (await Client.IncidentInAsync(Phase.Recovery, "Checkout is failing", "S2")).Number();
        App.WakeDispatcher();
        await Task.Delay(300);
        Assert.Empty(receiver.Received);

        App.Clock.Advance(TimeSpan.FromDays(15));
        Assert.True((await Client.GetIncidentAsync(number)).GetProperty("reviewStatus").GetProperty("overdue").GetBoolean());
        var overdue = Assert.Single((await Client.GetPageAsync("/api/v1/reviews?overdue=true")).Items);
        Assert.Equal(number, overdue.Number());

        var announced = Assert.Single(await receiver.WaitForAsync(1, App.WakeDispatcher));
        Assert.Equal("incident.review_overdue", announced.Json.Text("type"));
        var data = announced.Json.GetProperty("data");
        Assert.Equal(number, data.GetProperty("incident").GetProperty("number").GetInt64());
        Assert.Equal("2026-03-16", data.GetProperty("review").Text("dueOn"));
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        App.WakeDispatcher();
        await Task.Delay(500);
        Assert.Single(receiver.Received);

        await Client.SaveReviewAsync(number, "A connection pool too small for the new traffic.");
        await (await Client.PutAsJsonAsync($"{ApiClient.IncidentUrl(number)}/review/plan", new { state = "Published" })).ReadAsync();
        Assert.Empty((await Client.GetPageAsync("/api/v1/reviews?overdue=true")).Items);
        Assert.Empty((await Client.GetPageAsync("/api/v1/reviews")).Items);
        Assert.Single((await Client.GetPageAsync("/api/v1/reviews?state=Published")).Items);
        var badState = await (await Client.GetAsync("/api/v1/reviews?state=Done")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(badState.GetProperty("errors").TryGetProperty("state", out _));
    }
}
