using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Testing;
using IncidentHub.Web.Tests.Support;
using IncidentHub.Web.Webhooks;

namespace IncidentHub.Web.Tests.Webhooks;

/// <summary>
/// Outgoing webhooks end to end: changes made through the API, delivered by the app's dispatcher to a real HTTP
/// receiver on a loopback port, which checks each signature with the Standard Webhooks library.
/// </summary>
public sealed class WebhookDeliveryTests(AppFixture app) : AppTest(app), IAsyncLifetime
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
    public async Task A_declared_incident_is_delivered_signed_as_Standard_Webhooks_signs_with_the_incident_in_its_data()
    {
        await Client.RegisterAsync(receiver);

        var number = (await Client.DeclareAsync("Checkout is failing", "S2")).Number();

        var delivered = Assert.Single(await receiver.WaitForAsync(1));
        Assert.True(delivered.SignatureValid, delivered.SignatureError);
        Assert.Equal("application/json; charset=utf-8", delivered.ContentType);
        Assert.StartsWith("msg_", delivered.Id, StringComparison.Ordinal);
        Assert.StartsWith("v1,", delivered.Signature, StringComparison.Ordinal);
        Assert.Equal("incident.declared", delivered.Type);
        Assert.Equal(AppFixture.Start, delivered.Json.GetProperty("timestamp").GetDateTimeOffset());
        var incident = delivered.Json.GetProperty("data").GetProperty("incident");
        Assert.Equal(number, incident.GetProperty("number").GetInt64());
        Assert.Equal($"INC-{number}", incident.GetProperty("reference").GetString());
        Assert.Equal("S2", incident.GetProperty("severity").GetString());
        Assert.Equal("Identification", incident.GetProperty("phase").GetString());
        Assert.Equal($"/incidents/{number}", incident.GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_does_not_verify()
    {
        await Client.RegisterAsync(receiver);
        receiver.Secret = "whsec_" + Convert.ToBase64String(new byte[32]);

        await Client.DeclareAsync();

        var delivered = Assert.Single(await receiver.WaitForAsync(1));
        Assert.False(delivered.SignatureValid);
    }

    [Fact]
    public async Task An_incident_lifecycle_sends_each_subscribed_event_once_and_nothing_else()
    {
        await Client.RegisterAsync(
            receiver, "StandardWebhooks",
            "incident.declared", "incident.phase_changed", "incident.mitigated", "incident.resolved", "incident.closed",
            "incident.severity_changed", "incident.role_assigned", "incident.status_update_posted",
            "corrective_action.created", "corrective_action.updated");
        var erin = await Client.AddPersonAsync("Erin Engineer");

        var number = (await Client.DeclareAsync("Checkout is failing", "S3")).Number();
        await Client.AssignAsync(number, IncidentRole.EngineerOnCall, erin);
        await Client.SetSeverityAsync(number, "S4", "Only a few customers are affected.");
        (await Client.PostAsJsonAsync(
            $"{ApiClient.IncidentUrl(number)}/status-updates",
            new { audience = "External", text = "We are investigating failed payments." })).EnsureSuccessStatusCode();
        await Client.MoveAsync(number, Phase.Investigation);
        await Client.MoveAsync(number, Phase.Containment);
        await Client.MoveAsync(number, Phase.Recovery, "Fixed and mitigated at once.");
        var action = await Client.AddCorrectiveActionAsync(number, new { title = "Alert on gateway timeouts", kind = "Detection" });
        (await Client.SendJsonAsync(
            HttpMethod.Patch, $"/api/v1/corrective-actions/{action.Id()}", new { status = "Done" })).EnsureSuccessStatusCode();

        var expected = new[]
        {
            "incident.declared", "incident.role_assigned", "incident.severity_changed", "incident.status_update_posted",
            "incident.phase_changed", "incident.phase_changed", "incident.phase_changed", "incident.mitigated",
            "incident.resolved", "corrective_action.created", "corrective_action.updated",
        };
        var delivered = await receiver.WaitForAsync(expected.Length);
        await Task.Delay(300);
        Assert.Equal(expected.Length, receiver.Received.Count);
        // Receivers get no order guarantee (deliveries go out in parallel and retries overtake): each event, once.
        Assert.Equal(expected.Order(), delivered.Select(item => item.Type).Order());
        Assert.All(delivered, item => Assert.True(item.SignatureValid, item.SignatureError));
        Assert.Equal(expected.Length, delivered.Select(item => item.Id).Distinct().Count());

        var severity = delivered.Single(item => item.Type == "incident.severity_changed").Json.GetProperty("data");
        Assert.Equal("S3", severity.GetProperty("from").GetString());
        Assert.Equal("S4", severity.GetProperty("to").GetString());
        var role = delivered.Single(item => item.Type == "incident.role_assigned").Json.GetProperty("data");
        Assert.Equal("EngineerOnCall", role.GetProperty("role").GetString());
        Assert.Equal("Erin Engineer", role.GetProperty("person").GetProperty("name").GetString());
        var update = delivered.Single(item => item.Type == "incident.status_update_posted").Json.GetProperty("data");
        Assert.Equal("External", update.GetProperty("statusUpdate").GetProperty("audience").GetString());
        var skip = delivered.Where(item => item.Type == "incident.phase_changed").Select(item => item.Json.GetProperty("data"))
            .Single(data => data.GetProperty("to").GetString() == "Recovery");
        Assert.Equal("Containment", skip.GetProperty("from").GetString());
        Assert.Equal("Recovery", skip.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Closing_an_incident_after_its_review_sends_incident_closed_with_the_time()
    {
        await Client.RegisterAsync(receiver, "StandardWebhooks", "incident.closed");
        var number = (await Client.IncidentInAsync(Phase.Learnings)).Number();
        await Client.SaveReviewAsync(number, "A bad configuration push.");
        var closedAt = App.Clock.Tick(TimeSpan.FromHours(1));

        await Client.MoveAsync(number, Phase.Closed);

        var closed = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("incident.closed", closed.Type);
        var data = closed.Json.GetProperty("data");
        Assert.Equal(closedAt, data.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("Closed", data.GetProperty("incident").GetProperty("phase").GetString());
    }

    [Fact]
    public async Task A_draft_is_not_announced_and_a_refused_change_sends_nothing()
    {
        await Client.RegisterAsync(receiver);
        var draft = await Client.DeclareAsync(new { title = "Maybe checkout", source = "Monitoring", severity = "S3", phase = "Preparation" });
        var number = (await Client.DeclareAsync()).Number();

        // Remediation needs an Engineer On Call: refused, and nothing of it may leave.
        var refused = await Client.PostPhaseAsync(number, Phase.Remediation);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        await Client.MoveAsync(draft.Number(), Phase.Identification);

        var delivered = await receiver.WaitForAsync(2);
        await Task.Delay(300);
        Assert.Equal(["incident.declared", "incident.declared"], receiver.Received.Select(item => item.Type));
        Assert.Equal(
            new[] { number, draft.Number() }.Order(),
            delivered.Select(item => item.Json.GetProperty("data").GetProperty("incident").GetProperty("number").GetInt64()).Order());
    }

    [Fact]
    public async Task A_Slack_endpoint_gets_an_incoming_webhook_message_with_the_summary_escaped()
    {
        await Client.RegisterAsync(receiver, "Slack", "incident.declared");

        await Client.DeclareAsync("Checkout <script> & card payments", "S1");

        var message = Assert.Single(await receiver.WaitForAsync(1)).Json;
        var text = message.GetProperty("text").GetString()!;
        Assert.Contains("declared (S1): Checkout &lt;script&gt; &amp; card payments", text, StringComparison.Ordinal);
        var blocks = message.GetProperty("blocks").EnumerateArray().ToArray();
        Assert.Equal("section", blocks[0].GetProperty("type").GetString());
        Assert.Equal(text, blocks[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Contains("incident.declared", blocks[1].GetProperty("elements")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_is_retried_after_five_seconds_with_the_same_webhook_id_and_both_attempts_are_logged()
    {
        var endpoint = await Client.RegisterAsync(receiver);
        receiver.Answer(new Answer(HttpStatusCode.InternalServerError, "database is down"));

        await Client.DeclareAsync();
        var first = await Client.WaitForDeliveriesAsync(endpoint, all => Attempts(all) == 1);
        var pending = Assert.Single(first);
        Assert.Equal("Pending", pending.Text("state"));
        var wait = pending.Time("nextAttemptAt")!.Value - App.Clock.GetUtcNow();
        Assert.InRange(wait.TotalSeconds, 4.5, 5.5);
        Assert.Equal(500, pending.GetProperty("lastStatusCode").GetInt32());

        App.Clock.Advance(TimeSpan.FromSeconds(6));
        App.WakeDispatcher();

        var done = Assert.Single(await Client.WaitForDeliveriesAsync(endpoint, all => all[0].Text("state") == "Delivered"));
        Assert.Equal(2, done.GetProperty("attempts").GetInt32());
        var log = done.GetProperty("attemptLog").EnumerateArray().ToArray();
        Assert.Equal([204, 500], log.Select(attempt => attempt.GetProperty("statusCode").GetInt32()));
        Assert.Equal("database is down", log[1].Text("responseExcerpt"));
        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal(receiver.Received[0].Id, receiver.Received[1].Id);
    }

    [Fact]
    public async Task Retry_After_on_a_429_sets_the_next_attempt()
    {
        var endpoint = await Client.RegisterAsync(receiver);
        receiver.Answer(new Answer(HttpStatusCode.TooManyRequests, Headers: [("Retry-After", "120")]));

        await Client.DeclareAsync();

        var delivery = Assert.Single(await Client.WaitForDeliveriesAsync(endpoint, all => Attempts(all) == 1));
        Assert.Equal(App.Clock.GetUtcNow().AddSeconds(120), delivery.Time("nextAttemptAt"));
        Assert.Equal(429, delivery.GetProperty("lastStatusCode").GetInt32());
    }

    [Fact]
    public async Task A_client_error_other_than_408_and_429_is_not_retried()
    {
        var endpoint = await Client.RegisterAsync(receiver);
        receiver.Answer(new Answer(HttpStatusCode.BadRequest, "unknown payload"));

        await Client.DeclareAsync();

        var delivery = Assert.Single(await Client.WaitForDeliveriesAsync(endpoint, all => all[0].Text("state") == "Failed"));
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Null(delivery.Time("nextAttemptAt"));
        var endpointNow = await (await Client.GetAsync($"{WebhookSupport.Webhooks}/{endpoint}")).ReadAsync();
        Assert.True(endpointNow.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_at_once_and_says_why_and_later_events_are_not_sent()
    {
        var endpoint = await Client.RegisterAsync(receiver);
        receiver.Answer(new Answer(HttpStatusCode.Gone));

        await Client.DeclareAsync();
        await Client.WaitForDeliveriesAsync(endpoint, all => all.Length == 1 && all[0].Text("state") == "Failed");

        var disabled = await (await Client.GetAsync($"{WebhookSupport.Webhooks}/{endpoint}")).ReadAsync();
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Contains("410", disabled.Text("disabledReason"), StringComparison.Ordinal);

        await Client.DeclareAsync("Search is slow");
        await Task.Delay(500);
        Assert.Single(receiver.Received);
        Assert.Single(await Client.DeliveriesAsync(endpoint));
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_given_up_on_and_retried()
    {
        var endpoint = await Client.RegisterAsync(receiver);
        receiver.Answer(new Answer(HttpStatusCode.OK, Delay: TimeSpan.FromSeconds(10)));

        await Client.DeclareAsync();

        var delivery = Assert.Single(await Client.WaitForDeliveriesAsync(endpoint, all => Attempts(all) == 1));
        Assert.Equal("Pending", delivery.Text("state"));
        Assert.Equal("No answer within 2 s.", delivery.Text("lastError"));
        var attempt = delivery.GetProperty("attemptLog")[0];
        Assert.InRange(attempt.GetProperty("durationMilliseconds").GetInt32(), 1900, 5000);
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        var endpoint = await Client.RegisterAsync(receiver);
        receiver.Answer(new Answer(HttpStatusCode.Found, Headers: [("Location", "/elsewhere")]));

        await Client.DeclareAsync();

        var delivery = Assert.Single(await Client.WaitForDeliveriesAsync(endpoint, all => Attempts(all) == 1));
        Assert.Equal(302, delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal("Pending", delivery.Text("state"));
        await Task.Delay(300);
        Assert.All(receiver.Received, item => Assert.Equal("/hooks/incidents", item.Path));
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_disabled_after_the_whole_schedule_and_the_admin_is_told_why()
    {
        var endpoint = await Client.RegisterAsync(receiver, "StandardWebhooks", "incident.declared");
        receiver.Otherwise = new Answer(HttpStatusCode.ServiceUnavailable);

        await Client.DeclareAsync();
        for (var attempt = 1; attempt <= WebhookSchedule.MaxAttempts; attempt++)
        {
            var now = attempt;
            await Client.WaitForDeliveriesAsync(endpoint, all => Attempts(all) == now);
            App.Clock.Advance(TimeSpan.FromHours(27));
            App.WakeDispatcher();
        }

        var delivery = Assert.Single(await Client.WaitForDeliveriesAsync(endpoint, all => all[0].Text("state") == "Failed"));
        Assert.Equal(10, delivery.GetProperty("attempts").GetInt32());
        var disabled = await (await Client.GetAsync($"{WebhookSupport.Webhooks}/{endpoint}")).ReadAsync();
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Contains("after 10 attempts", disabled.Text("disabledReason"), StringComparison.Ordinal);
        Assert.Equal(10, receiver.Received.Count);
    }

    [Fact]
    public async Task A_ping_goes_to_that_endpoint_only_and_a_replay_sends_the_same_event_again()
    {
        var endpoint = await Client.RegisterAsync(receiver, "StandardWebhooks", "incident.declared");
        await using var other = await WebhookReceiver.StartAsync();
        await Client.RegisterAsync(other);

        var ping = await (await Client.PostAsync($"{WebhookSupport.Webhooks}/{endpoint}/ping", null))
            .ReadAsync(HttpStatusCode.Accepted);
        Assert.Equal("ping", ping.Text("eventType"));
        var delivered = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("ping", delivered.Type);
        Assert.True(delivered.SignatureValid, delivered.SignatureError);

        var replay = await (await Client.PostAsync(
            $"{WebhookSupport.Webhooks}/{endpoint}/deliveries/{ping.GetProperty("id").GetGuid()}/replay", null))
            .ReadAsync(HttpStatusCode.Accepted);
        Assert.Equal(ping.GetProperty("id").GetGuid(), replay.GetProperty("replayOf").GetGuid());
        var both = await receiver.WaitForAsync(2);
        Assert.Equal(both[0].Id, both[1].Id);
        await Task.Delay(300);
        Assert.Empty(other.Received);
    }

    [Fact]
    public async Task An_overdue_external_update_is_announced_once_per_due_time()
    {
        await Client.RegisterAsync(receiver, "StandardWebhooks", "incident.external_update_overdue");
        var number = (await Client.DeclareAsync("Checkout is failing", "S1")).Number();

        App.Clock.Advance(TimeSpan.FromMinutes(11));
        App.WakeDispatcher();
        var overdue = Assert.Single(await receiver.WaitForAsync(1, App.WakeDispatcher));
        var data = overdue.Json.GetProperty("data");
        Assert.Equal(number, data.GetProperty("incident").GetProperty("number").GetInt64());
        Assert.Equal(AppFixture.Start.AddMinutes(10), data.GetProperty("dueAt").GetDateTimeOffset());

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        App.WakeDispatcher();
        await Task.Delay(500);
        Assert.Single(receiver.Received);

        (await Client.PostAsJsonAsync(
            $"{ApiClient.IncidentUrl(number)}/status-updates",
            new { audience = "External", text = "Still investigating." })).EnsureSuccessStatusCode();
        App.Clock.Advance(TimeSpan.FromMinutes(11));
        await receiver.WaitForAsync(2, App.WakeDispatcher);
    }

    [Fact]
    public async Task An_address_refused_when_the_connection_is_made_is_not_called_and_the_attempt_says_why()
    {
        // Saved when the address was allowed, or a name whose DNS changed since: the check at connect time still holds.
        await using var elsewhere = await WebhookReceiver.StartAsync("127.0.0.2");
        var endpoint = await Client.RegisterAsync(receiver);
        await using (var db = App.Factory.CreateDbContext())
        {
            var saved = db.WebhookEndpoints.Single(candidate => candidate.Id == endpoint);
            saved.Url = elsewhere.Url;
            await db.SaveChangesAsync();
        }

        await Client.DeclareAsync();

        var delivery = Assert.Single(await Client.WaitForDeliveriesAsync(endpoint, all => all[0].Text("state") == "Failed"));
        Assert.Contains("127.0.0.2 is a loopback address", delivery.Text("lastError"), StringComparison.Ordinal);
        Assert.Empty(elsewhere.Received);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Events_nobody_subscribes_to_are_not_written_and_a_new_subscription_applies_to_the_next_change()
    {
        var endpoint = await Client.RegisterAsync(receiver, "StandardWebhooks", "incident.resolved");
        await Client.DeclareAsync("Search is slow");
        await using (var db = App.Factory.CreateDbContext())
        {
            Assert.Empty(db.WebhookEvents);
        }

        (await Client.SendJsonAsync(
            HttpMethod.Patch, $"{WebhookSupport.Webhooks}/{endpoint}", new { eventTypes = new[] { "incident.declared" } }))
            .EnsureSuccessStatusCode();
        await Client.DeclareAsync("Checkout is failing");

        var delivered = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("incident.declared", delivered.Type);
        await using (var db = App.Factory.CreateDbContext())
        {
            Assert.Single(db.WebhookEvents);
        }
    }

    private static int Attempts(JsonElement[] deliveries) =>
        deliveries.Length == 0 ? 0 : deliveries[0].GetProperty("attemptLog").GetArrayLength();
}
