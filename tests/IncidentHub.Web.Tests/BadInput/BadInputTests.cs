using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentHub.Web.Tests.BadInput;

/// <summary>
/// Every request of the corpus (<see cref="BadInputCorpus"/>) gets a clear 4xx problem (RFC 9457), never a
/// 5xx or a stack trace, and leaves the database exactly as it was. To review the wording of every answer,
/// run with BADINPUT_DUMP=/some/file: each request and its answer are appended there.
/// </summary>
public sealed class BadInputTests(AppFixture app) : AppTest(app)
{
    private const string Dump = "BADINPUT_DUMP";

    public static TheoryData<string> Cases() => Names(_ => true);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_clear_4xx_problem_and_changes_nothing(string name) =>
        await RunAsync(BadInputCorpus.Get(name));

    /// <summary>
    /// For each endpoint and each status the corpus reaches there, its first case, with each Accept clients send.
    /// </summary>
    public static TheoryData<string, string> AcceptCases()
    {
        var data = new TheoryData<string, string>();
        var firsts = BadInputCorpus.Cases.Values
            .GroupBy(item => (item.Method.Method, Template(item.Path), item.Status))
            .Select(group => group.Select(item => item.Name).Order(StringComparer.Ordinal).First())
            .Order(StringComparer.Ordinal);
        foreach (var name in firsts)
        {
            foreach (var accept in Api.ErrorAnswerTests.AcceptValues)
            {
                data.Add(name, accept ?? "");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AcceptCases))]
    public async Task Bad_input_gets_the_same_problem_whatever_Accept_says(string name, string accept) =>
        await RunAsync(BadInputCorpus.Get(name), accept);

    public static TheoryData<string> NullAllowedCases()
    {
        var data = new TheoryData<string>();
        foreach (var name in BadInputCorpus.NullAllowed.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NullAllowedCases))]
    public async Task Null_where_a_field_may_be_null_is_read_as_no_value(string name)
    {
        var item = BadInputCorpus.NullAllowed[name];
        var seed = await SeedAsync();
        using var request = Build(item, seed);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var said =
            $"{item.Method} {request.RequestUri}\n  answered {status} {response.Content.Headers.ContentType}\n  "
            + $"{Cut(body)}";
        Assert.True(status is >= 200 and < 300 or >= 400 and < 500, $"Expected a 2xx or a 4xx.\n{said}");
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        if (status >= 400)
        {
            Assert.True(
                response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                $"Expected application/problem+json.\n{said}");
        }
    }

    /// <summary>The Idempotency-Key header is input too: a 400 about it names it in errors, like a field.</summary>
    [Fact]
    public async Task An_invalid_Idempotency_Key_is_named_in_errors() =>
        await RunAsync(BadInputCorpus.Get("declare: Idempotency-Key too long") with { Field = "Idempotency-Key" });

    [Fact]
    public void The_corpus_covers_every_endpoint_that_takes_input()
    {
        var routes = BadInputCorpus.Cases.Values
            .Select(item => $"{item.Method} {Template(item.Path)}")
            .ToHashSet(StringComparer.Ordinal);
        string[] expected =
        [
            "POST /api/v1/incidents", "GET /api/v1/incidents", "GET /api/v1/incidents/{}", "PATCH /api/v1/incidents/{}",
            "POST /api/v1/incidents/{}/phase",
            "POST /api/v1/incidents/{}/severity",
            "PUT /api/v1/incidents/{}/roles/{}",
            "DELETE /api/v1/incidents/{}/roles/{}", "PUT /api/v1/incidents/{}/review",
            "GET /api/v1/incidents/{}/timeline", "POST /api/v1/incidents/{}/timeline",
            "GET /api/v1/incidents/{}/status-updates", "POST /api/v1/incidents/{}/status-updates",
            "GET /api/v1/incidents/{}/corrective-actions", "POST /api/v1/incidents/{}/corrective-actions",
            "GET /api/v1/corrective-actions",
            "GET /api/v1/corrective-actions/{}",
            "PATCH /api/v1/corrective-actions/{}",
            "GET /api/v1/people", "GET /api/v1/people/{}", "POST /api/v1/people",
            "GET /api/v1/alerts", "GET /api/v1/alerts/{}", "POST /api/v1/alerts/{}/acknowledge",
            "GET /api/v1/incidents/{}/alerts", "POST /api/v1/incidents/{}/merge",
            "POST /api/v1/alert-sources", "GET /api/v1/alert-sources/{}", "PATCH /api/v1/alert-sources/{}",
            "GET /api/v1/services", "POST /api/v1/services", "GET /api/v1/services/{}", "PATCH /api/v1/services/{}",
        ];
        Assert.Empty(expected.Except(routes));
    }

    internal static TheoryData<string> Names(Func<string, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (var name in BadInputCorpus.Cases.Keys.Where(predicate).Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    internal async Task RunAsync(BadInputCase item, string? accept = null)
    {
        var seed = await SeedAsync();
        var before = await SnapshotAsync();

        using var request = Build(item, seed);
        if (accept is { Length: > 0 })
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        HttpResponseMessage sent;
        try
        {
            sent = await Client.SendAsync(request);
        }
        catch (Exception exception) when (Environment.GetEnvironmentVariable(Dump) is { Length: > 0 } dumpTo)
        {
            await File.AppendAllTextAsync(
                dumpTo,
                $"### {item.Name} [expected {item.Status} {item.Field}]\n  THREW {exception.GetType().Name}: "
                + $"{exception.Message} / {exception.InnerException?.Message}\n");
            throw;
        }

        using var response = sent;
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var said =
            $"{item.Method} {Cut(request.RequestUri!.OriginalString)}\n"
            + $"  answered {status} {response.Content.Headers.ContentType}\n  {Cut(body)}";
        if (Environment.GetEnvironmentVariable(Dump) is { Length: > 0 } dump)
        {
            await File.AppendAllTextAsync(dump, $"### {item.Name} [expected {item.Status} {item.Field}]\n{said}\n");
        }

        Assert.True(status == item.Status, $"Expected {item.Status}.\n{said}");
        Assert.True(
            response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"Expected application/problem+json.\n{said}");
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);

        using var problem = JsonDocument.Parse(body);
        var root = problem.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.True(
            root.TryGetProperty("status", out var statusProperty) && statusProperty.GetInt32() == item.Status,
            $"The problem's status must be {item.Status}.\n{said}");
        Assert.True(
            root.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 },
            $"The problem needs a title.\n{said}");

        if (item.Field is not null)
        {
            AssertNamesField(root, item.Field, said);
        }

        if (item.Says is { } says)
        {
            var answer = item.Field is null
                ? root.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : ""
                : string.Join(' ', MessagesFor(root, item.Field));
            Assert.True(
                answer.Contains(says, StringComparison.OrdinalIgnoreCase),
                $"Expected the answer to say '{says}'.\n{said}");
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>The messages for a field, or for its elements ("services" covers "services[1]").</summary>
    private static IEnumerable<string> MessagesFor(JsonElement root, string field) =>
        root.GetProperty("errors").EnumerateObject()
            .Where(error =>
                error.Name == field
                    || (!field.Contains('[', StringComparison.Ordinal) && error.Name.StartsWith(
                        field + "[", StringComparison.Ordinal)))
            .SelectMany(error => error.Value.EnumerateArray().Select(message => message.GetString() ?? ""));

    private static void AssertNamesField(JsonElement root, string field, string said)
    {
        Assert.True(
            root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object,
            $"Expected an errors object.\n{said}");
        var names = errors.EnumerateObject().Select(property => property.Name).ToList();
        Assert.True(
            names.Any(name =>
                name == field
                    || (!field.Contains('[', StringComparison.Ordinal) && name.StartsWith(
                        field + "[", StringComparison.Ordinal))),
            $"Expected an error for '{field}'.\n{said}");
        foreach (var error in errors.EnumerateObject())
        {
            // Body, query and route names are camelCase, as the client sent them; a header keeps its own spelling.
            Assert.True(
                error.Name.Length > 0
                    && (!char.IsUpper(error.Name[0]) || error.Name.Contains('-', StringComparison.Ordinal)),
                $"Field names are camelCase as the client sent them: '{error.Name}'.\n{said}");
            Assert.Equal(JsonValueKind.Array, error.Value.ValueKind);
            Assert.NotEmpty(error.Value.EnumerateArray());
            foreach (var message in error.Value.EnumerateArray().Select(message => message.GetString() ?? ""))
            {
                Assert.True(message.Length > 0, $"Empty message for '{error.Name}'.\n{said}");
                foreach (var leak in (string[])
                    ["System.", "IncidentHub.", "`1", "Path:", "LineNumber", "JSON value could not be converted"])
                {
                    Assert.True(
                        !message.Contains(leak, StringComparison.Ordinal),
                        $"The message for '{error.Name}' is not for people: {message}\n{said}");
                }
            }
        }
    }

    private sealed record Seed(long Incident, Guid Action, Guid Person, Guid Source);

    /// <summary>One person, one declared incident and one corrective action, for the requests to refer to.</summary>
    private async Task<Seed> SeedAsync()
    {
        var person = await PostAsync("/api/v1/people", new { displayName = "Ada Lovelace", email = "ada@example.com" });
        var incident = await PostAsync("/api/v1/incidents", new
        {
            title = "Checkout down",
            severity = "S2",
            source = "Monitoring",
            services = new[] { "checkout" },
            impactStartedAt = "2026-03-02T07:30:00Z",
            detectedAt = "2026-03-02T08:00:00Z",
        });
        var number = incident.GetProperty("number").GetInt64();

        // Through the domain rather than the API, so that seeding does not depend on the command path the corpus
        // probes.
        await using var db = App.Factory.CreateDbContext();
        var loaded = await db.Incidents.WithRulesState().SingleAsync(candidate => candidate.Number == number);
        var action = loaded.AddCorrectiveAction(
            new CorrectiveActionDetails(
                "Renew the certificate", null, CorrectiveActionKind.Prevention, null, null, null),
            Actor.System,
            App.Clock.GetUtcNow());
        await db.SaveChangesAsync();
        var source = await PostAsync("/api/v1/alert-sources", new { name = "Grafana", kind = "Alertmanager" });
        return new Seed(
            number, action.Id, person.GetProperty("id").GetGuid(), source.GetProperty("source").GetProperty("id").GetGuid());
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Seeding {path} failed: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Row counts, and the row versions of what can be updated in place.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = App.Factory.CreateDbContext();
        var counts = new[]
        {
            $"incidents={await db.Incidents.CountAsync()}",
            $"timeline_events={await db.TimelineEvents.CountAsync()}",
            $"severity_changes={await db.SeverityChanges.CountAsync()}",
            $"role_assignments={await db.RoleAssignments.CountAsync()}",
            $"corrective_actions={await db.CorrectiveActions.CountAsync()}",
            $"status_updates={await db.StatusUpdates.CountAsync()}",
            $"people={await db.People.CountAsync()}",
            $"alert_sources={await db.AlertSources.CountAsync()}",
            $"services={await db.Services.CountAsync()}",
        };
        var versions = await db.Database.SqlQueryRaw<string>("""
            SELECT coalesce(string_agg(version, ',' ORDER BY version), '') AS "Value" FROM (
                SELECT 'incident ' || id || ' ' || xmin AS version FROM incidents
                UNION ALL SELECT 'action ' || id || ' ' || xmin FROM corrective_actions
                UNION ALL SELECT 'person ' || id || ' ' || xmin FROM people
                UNION ALL SELECT 'service ' || id || ' ' || xmin FROM services
                UNION ALL SELECT 'role ' || id || ' ' || xmin FROM role_assignments
                UNION ALL SELECT 'source ' || id || ' ' || xmin FROM alert_sources) AS versions
            """).SingleAsync();
        return string.Join(' ', counts) + " " + versions;
    }

    private static HttpRequestMessage Build(BadInputCase item, Seed seed)
    {
        var request = new HttpRequestMessage(item.Method, Fill(item.Path, seed));
        if (item.RawBody is not null || item.Body is not null)
        {
            var bytes = item.RawBody
                ?? Encoding.UTF8.GetBytes(
                    Fill(item.Body!, seed).Replace(
                        BadInputCase.OneMegabyte, new string('x', 1 << 20), StringComparison.Ordinal));
            var content = new ByteArrayContent(bytes);
            if (item.ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", item.ContentType);
            }

            request.Content = content;
        }

        foreach (var (header, value) in item.Headers)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        return request;
    }

    private static string Fill(string text, Seed seed) => text
        .Replace(
            "{incident}",
            seed.Incident.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StringComparison.Ordinal)
        .Replace("{action}", seed.Action.ToString(), StringComparison.Ordinal)
        .Replace("{person}", seed.Person.ToString(), StringComparison.Ordinal)
        .Replace("{source}", seed.Source.ToString(), StringComparison.Ordinal);

    /// <summary>"/api/v1/incidents/42/roles/Nope?limit=x" → "/api/v1/incidents/{}/roles/{}".</summary>
    private static string Template(string path)
    {
        var segments = path.Split('?')[0].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var previous = i > 0 ? segments[i - 1] : "";
            if (previous is "incidents" or "roles" or "corrective-actions" or "people" or "alerts" or "alert-sources"
                or "services"
                && segments[i] is not ("" or "timeline" or "status-updates" or "corrective-actions" or "phase"
                    or "severity" or "review" or "roles" or "alerts" or "merge" or "acknowledge"))
            {
                segments[i] = "{}";
            }
        }

        return string.Join('/', segments);
    }

    private static string Cut(string text) =>
        text.Length <= 1_500 ? text : $"{text[..1_500]}… ({text.Length} characters)";
}
